"""Staff: administrators approve officers; each panel's coordinators triage its requests."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts import spreadsheets
from accounts.access import staff
from accounts.form_helpers import add_errors, posted
from engagement import forms, selectors, services
from engagement.models import EngagementStatus, Route

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


@staff(TRIAGE, ENGAGEMENT)
def engagement_schedule(request, engagement):
    if engagement.status != EngagementStatus.ACCEPTED:
        return redirect("engagement:engagement", pk=engagement.pk)
    form = forms.ScheduleForm(posted(request), meetings=selectors.upcoming_meetings_for(engagement.panel))
    if request.method == "POST" and form.is_valid():
        try:
            services.engagement_schedule(actor=request.user, engagement=engagement, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "The request is scheduled. The officer has been told, and members can read it.")
            return redirect("engagement:engagement", pk=engagement.pk)
    context = {**selectors.engagement_page(engagement), "form": form,
               "reminder_days": settings.CONSULTATION_REMINDER_DAYS}  # fmt: skip
    return render(request, "engagement/staff/schedule.html", context)


@staff(TRIAGE, ENGAGEMENT)
def consultation_record(request, engagement):
    if engagement.route != Route.WRITTEN or engagement.status != EngagementStatus.SCHEDULED:
        return redirect("engagement:engagement", pk=engagement.pk)
    form = forms.RecordAnswersForm(posted(request), questions=engagement.request.question_list,
                                   members=selectors.members_at(engagement.panel))  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.written_answers_give(actor=request.user, engagement=engagement, person=data["person"],
                                          method=data["method"], answers=form.answers())  # fmt: skip
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"{data['person'].display_name}'s answers have been recorded.")
            return redirect("engagement:engagement", pk=engagement.pk)
    return render(request, "engagement/staff/record_answers.html", {**selectors.engagement_page(engagement),
                                                                     "form": form})  # fmt: skip


@staff(TRIAGE, ENGAGEMENT)
def advice_write(request, engagement):
    if engagement.status != EngagementStatus.SCHEDULED:
        return redirect("engagement:engagement", pk=engagement.pk)
    drafted = {point.number: point.advice for point in engagement.advice.all()}
    form = forms.AdviceForm(posted(request), questions=engagement.request.question_list,
                            initial={f"advice_{n}": text for n, text in drafted.items()})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        ask_chair = "ask_chair" in request.POST
        try:
            services.advice_draft(actor=request.user, engagement=engagement, advice=form.advice(), ask_chair=ask_chair)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "The panel's chair has been asked to approve the advice." if ask_chair
                             else "The advice is saved as a draft.")  # fmt: skip
            return redirect("engagement:engagement", pk=engagement.pk)
    return render(request, "engagement/staff/advice.html", {**selectors.engagement_page(engagement), "form": form})


@staff(TRIAGE, ENGAGEMENT)
def publication_write(request, engagement):
    if engagement.status != EngagementStatus.ANSWERED:
        return redirect("engagement:engagement", pk=engagement.pk)
    form = forms.PublicationForm(posted(request), initial={"summary": engagement.public_summary})
    if request.method == "POST" and form.is_valid():
        try:
            services.publication_draft(actor=request.user, engagement=engagement, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "The chair and the officer have been asked to agree the words.")
            return redirect("engagement:engagement", pk=engagement.pk)
    return render(request, "engagement/staff/publication.html", {**selectors.engagement_page(engagement),
                                                                  "form": form})  # fmt: skip


@staff("engagement.view_panel_requests", PANEL)
def panel_engagement_stats(request, panel):
    context = {"panel": panel, "rows": selectors.yearly_stats(panel), "columns": selectors.STATS_COLUMNS}
    return render(request, "engagement/staff/stats.html", context)


@staff("engagement.view_panel_requests", PANEL)
def panel_engagement_stats_csv(request, panel):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{panel.slug}-requests-by-year.csv"'
    writer = spreadsheets.writer(response)
    writer.writerow(selectors.STATS_COLUMNS.values())
    for row in selectors.yearly_stats(panel):
        writer.writerow([row[key] for key in selectors.STATS_COLUMNS])
    return response
