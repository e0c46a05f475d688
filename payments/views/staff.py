"""Staff: administrators keep the rates; each panel's coordinators decide on its claims."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.access import staff
from accounts.form_helpers import add_errors, posted
from accounts.models import User
from payments import forms, selectors, services
from payments.models import ClaimStatus, Rate
from recruitment.models import Application

from .lookups import CLAIM, LINE, PANEL, receipt_response
from .members import claim_context, terms


@staff("payments.manage_rates")
def rates(request):
    form = forms.RateForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.rate_add(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "The rate is saved.")
            return redirect("payments:rates")
    context = terms() | {"form": form, "in_force": services.rates_in_force(timezone.localdate()),
                         "all_rates": Rate.objects.select_related("created_by")}  # fmt: skip
    return render(request, "payments/staff/rates.html", context)


@staff("payments.view_panel_claims", PANEL)
def panel_claims(request, panel):
    claims = selectors.panel_claims(panel)
    context = {
        "panel": panel,
        "waiting": [claim for claim in claims if claim.status == ClaimStatus.SUBMITTED],
        "queried": [claim for claim in claims if claim.status == ClaimStatus.QUERIED],
        "decided": [claim for claim in claims if claim.status not in (ClaimStatus.SUBMITTED, ClaimStatus.QUERIED)],
    }
    return render(request, "payments/staff/panel_claims.html", context)


@staff("payments.view_claim", CLAIM)
def claim_detail(request, claim):
    claim = selectors.claim_with_lines(claim.pk)
    form = forms.DecisionForm()
    return render(request, "payments/staff/claim.html", terms() | claim_context(claim) | {"form": form})


@staff("payments.decide_claim", CLAIM)
def claim_decide(request, claim):
    if claim.status != ClaimStatus.SUBMITTED:
        return redirect("payments:staff_claim", pk=claim.pk)
    form = forms.DecisionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.claim_decide(actor=request.user, claim=claim, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request, f"Your decision on {claim.reference} is saved, and {claim.person.display_name} has been told."
            )
            return redirect("payments:panel_claims", slug=claim.panel.slug)
    claim = selectors.claim_with_lines(claim.pk)
    context = terms() | claim_context(claim) | {"form": form, "deciding": True}
    return render(request, "payments/staff/claim.html", context)


@require_POST
@staff("payments.record_receipt", LINE)
def receipt_arrived(request, line):
    try:
        services.receipt_record(actor=request.user, line=line)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "The receipt is recorded as arrived.")
    return redirect("payments:staff_claim", pk=line.claim_id)


@staff("payments.view_receipt", LINE)
def receipt(request, line):
    if not line.receipt:
        raise Http404
    return receipt_response(line)


@staff("payments.add_claim_for", PANEL)
def time_claim_add(request, panel):
    form = forms.TimeClaimForm(posted(request), panel=panel)
    if request.method == "POST" and form.is_valid():
        try:
            claim = services.involvement_claim_add(actor=request.user, panel=panel, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"Claim {claim.reference} is added. Another coordinator can approve it.")
            return redirect("payments:panel_claims", slug=panel.slug)
    return render(request, "payments/staff/time_claim_add.html", {"form": form, "panel": panel})


def _claimants(panel):
    """Who a coordinator may write a claim for: the panel's current members and anyone with an
    interview for it."""
    interviewed = Application.objects.filter(round__panel=panel, interview__isnull=False).values("applicant_id")
    return User.objects.filter(Q(pk__in=selectors.current_members(panel).values("pk")) | Q(pk__in=interviewed)
                               ).order_by("full_name")  # fmt: skip


@staff("payments.add_claim_for", PANEL)
def claim_record(request, panel):
    form = forms.RecordClaimForm(posted(request), people=_claimants(panel))
    if request.method == "POST" and form.is_valid():
        try:
            claim = services.expense_claim_start(actor=request.user, panel=panel, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return redirect("payments:claim_line_add", pk=claim.pk)
    return render(request, "payments/staff/claim_record.html", terms() | {"form": form, "panel": panel})


@staff("payments.record_for", PANEL)
def choice_record(request, panel):
    form = forms.RecordChoiceForm(posted(request), panel=panel)
    if request.method == "POST" and form.is_valid():
        try:
            services.payment_choice_set(actor=request.user, panel=panel, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"{form.cleaned_data['person'].display_name}'s choice is recorded.")
            return redirect("payments:panel_claims", slug=panel.slug)
    return render(request, "payments/staff/choice_record.html", {"form": form, "panel": panel})
