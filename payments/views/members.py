"""Everyone who takes part: the rates, their choice for each panel, their claims and statements."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import spreadsheets
from accounts.access import signed_in
from accounts.form_helpers import add_errors, posted
from payments import forms, selectors, services
from payments.models import ClaimKind, PaymentChoice
from payments.money import ROUNDING_RULE, pounds_plain, tax_year_name

from .lookups import CLAIM, LINE_OF_CLAIM, PANEL, receipt_response


def terms() -> dict:
    """What every payments page states: when claims are due and paid, and how pence are rounded."""
    return {"deadline_months": settings.PAYMENT_CLAIM_DEADLINE_MONTHS, "target_days": settings.PAYMENT_TARGET_DAYS,
            "rounding": ROUNDING_RULE, "mileage_pence": settings.MILEAGE_PENCE_PER_MILE}  # fmt: skip


def claim_page(request, claim) -> str:
    """The person's own page for their claim; the staff page for a coordinator who wrote it."""
    name = "payments:claim" if claim.person_id == request.user.pk else "payments:staff_claim"
    return reverse(name, kwargs={"pk": claim.pk})


@signed_in
def payments_home(request):
    choices = selectors.panels_and_choices(request.user)
    context = terms() | {
        "rates": services.rates_in_force(timezone.localdate()),
        "choices": [(panel, choice, services.warning_due(choice)) for panel, choice in choices],
        "claims": selectors.claims_of(request.user),
        "can_claim": bool(choices) or services.claimable_panels(request.user).exists(),
        "tax_years": [(year, tax_year_name(year)) for year in selectors.tax_years_paid(request.user)],
    }  # fmt: skip
    return render(request, "payments/members/home.html", context)


@signed_in("payments.choose", PANEL)
def payment_choice(request, panel):
    current = PaymentChoice.objects.filter(person=request.user, panel=panel).first()
    form = forms.PaymentChoiceForm(posted(request), initial={"choice": current.choice if current else None})
    if request.method == "POST" and form.is_valid():
        try:
            services.payment_choice_set(actor=request.user, panel=panel, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"Your choice for the {panel.name} is saved.")
            return redirect("payments:home")
    return render(request, "payments/members/choice.html", terms() | {"form": form, "panel": panel, "current": current})


@signed_in
def expense_claim_start(request):
    panels = services.claimable_panels(request.user)
    if not panels:
        raise Http404
    form = forms.ExpenseClaimForm(posted(request), panels=panels)
    if request.method == "POST" and form.is_valid():
        try:
            claim = services.expense_claim_start(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return redirect("payments:claim_line_add", pk=claim.pk)
    return render(request, "payments/members/claim_start.html", terms() | {"form": form})


@signed_in("payments.view_own_claim", CLAIM)
def claim_detail(request, claim):
    claim = selectors.claim_with_lines(claim.pk)
    return render(request, "payments/members/claim.html", terms() | claim_context(claim))


def claim_context(claim) -> dict:
    total = sum(line.amount_pence for line in claim.lines.all())
    approved_on = timezone.localtime(claim.decided_at).date() if claim.decided_at else None
    return {
        "claim": claim, "total": total, "deadline": services.claim_deadline(claim.happened_on),
        "pay_by": services.pay_by(approved_on, journey=claim.happened_on if claim.in_advance else None)
        if approved_on and claim.status in ("approved", "exported") else None,
        "is_expenses": claim.kind == ClaimKind.EXPENSES,
        "can_change": claim.is_open and claim.kind == ClaimKind.EXPENSES,
    }  # fmt: skip


@signed_in("payments.change_claim", CLAIM)
def claim_line_add(request, claim):
    if not claim.is_open or claim.kind != ClaimKind.EXPENSES:
        return redirect(claim_page(request, claim))
    files = request.FILES if request.method == "POST" else None
    form = forms.ClaimLineForm(posted(request), files, in_advance=claim.in_advance)
    if request.method == "POST" and form.is_valid():
        try:
            services.claim_line_add(actor=request.user, claim=claim, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "The cost is added. Add another, or send the claim.")
            return redirect(claim_page(request, claim))
    context = terms() | {"form": form, "claim": claim, "back": claim_page(request, claim)}
    return render(request, "payments/members/line_add.html", context)


@require_POST
@signed_in("payments.change_claim", LINE_OF_CLAIM)
def claim_line_remove(request, line):
    claim = line.claim
    try:
        services.claim_line_remove(actor=request.user, line=line)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "The cost is removed.")
    return redirect(claim_page(request, claim))


@require_POST
@signed_in("payments.change_claim", CLAIM)
def claim_submit(request, claim):
    try:
        services.claim_submit(actor=request.user, claim=claim)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Claim {claim.reference} is sent for approval.")
    return redirect(claim_page(request, claim))


@signed_in("payments.view_own_claim", LINE_OF_CLAIM)
def own_receipt(request, line):
    if not line.receipt:
        raise Http404
    return receipt_response(line)


def _statement_year(year: int):
    if not 2000 <= year <= selectors.current_tax_year():
        raise Http404
    return year


@signed_in
def statement(request, year):
    found = selectors.statement(request.user, _statement_year(year))
    return render(request, "payments/members/statement.html", terms() | {"statement": found,
                  "year_name": tax_year_name(year)})  # fmt: skip


@signed_in
def statement_csv(request, year):
    found = selectors.statement(request.user, _statement_year(year))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="payments-statement-{year}-{year + 1}.csv"'
    writer = spreadsheets.writer(response)
    writer.writerow(["Tax year", tax_year_name(year)])
    writer.writerow(["Paid on", "Claim", "Panel", "What for", "Item", "Paid to", "Amount (£)"])
    for line in found.lines:
        claim = line.claim
        item = line.get_activity_display() if line.activity else line.get_kind_display()
        writer.writerow([claim.paid_on.isoformat(), claim.reference, claim.panel.name, claim.about, item,
                         "Charity" if claim.donate else "You", pounds_plain(line.amount_pence)])  # fmt: skip
    writer.writerow(["Total for your time", "", "", "", "", "You", pounds_plain(found.for_time)])
    writer.writerow(["Total expenses", "", "", "", "", "You", pounds_plain(found.expenses)])
    writer.writerow(["Total given to charity", "", "", "", "", "Charity", pounds_plain(found.donated)])
    writer.writerow(["Total paid to you", "", "", "", "", "You", pounds_plain(found.paid_to_you)])
    return response
