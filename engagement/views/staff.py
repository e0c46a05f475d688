"""Staff: administrators approve officers; each panel's coordinators triage its requests."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.access import staff
from accounts.form_helpers import add_errors, posted
from engagement import forms, selectors, services

from .lookups import ENGAGEMENT, OFFICER, PANEL

MANAGE_OFFICERS = "engagement.manage_officers"
TRIAGE = "engagement.triage"


@staff(MANAGE_OFFICERS)
def officers(request):
    context = {"waiting": selectors.officers_waiting(), "decided": selectors.officers_decided()}
    return render(request, "engagement/staff/officers.html", context)


@require_POST
@staff(MANAGE_OFFICERS, OFFICER, area=MANAGE_OFFICERS)
def officer_approve(request, officer):
    try:
        services.officer_approve(actor=request.user, officer=officer)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{officer.user.display_name} can now bring work to the panels.")
    return redirect("engagement:officers")


@staff(MANAGE_OFFICERS, OFFICER, area=MANAGE_OFFICERS)
def officer_refuse(request, officer):
    form = forms.OfficerRefuseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.officer_refuse(actor=request.user, officer=officer, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"{officer.user.display_name} has been refused and told why.")
            return redirect("engagement:officers")
    return render(request, "engagement/staff/officer_refuse.html", {"form": form, "officer": officer})


@staff("engagement.view_panel_requests", PANEL)
def panel_requests(request, panel):
    context = {"panel": panel, "engagements": selectors.engagements_at(panel), "capacity": selectors.capacity_of(panel)}
    return render(request, "engagement/staff/panel_requests.html", context)


@staff("engagement.view_engagement", ENGAGEMENT)
def engagement_detail(request, engagement):
    return render(request, "engagement/staff/engagement.html", selectors.engagement_page(engagement))


@staff(TRIAGE, ENGAGEMENT)
def engagement_triage(request, engagement):
    if engagement.status != "waiting":
        return redirect("engagement:engagement", pk=engagement.pk)
    form = forms.TriageForm(posted(request), here=engagement.panel)
    if request.method == "POST" and form.is_valid():
        try:
            services.engagement_triage(actor=request.user, engagement=engagement, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Your decision is recorded, and the officer has been told.")
            return redirect("engagement:engagement", pk=engagement.pk)
    context = {**selectors.engagement_page(engagement), "form": form}
    return render(request, "engagement/staff/triage.html", context)
