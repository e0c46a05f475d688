"""Decisions: shortlisting, interviews and releasing outcomes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.access import staff
from accounts.forms import posted
from notifications import kinds
from notifications.rendering import render_message
from recruitment import forms, services
from recruitment.models import ApplicationStatus, Interview
from recruitment.selectors import outcomes_pending, review_scores
from recruitment.services.decisions import MOVES

from .intake import _form_errors_from
from .review import _application_for_staff, _round_for_staff

__all__ = ["application_decide", "application_interview", "outcomes_release", "shortlist"]


@staff("members.view_staff_area")
def shortlist(request, pk):
    """Shortlist by a cut-off the coordinator chooses, seeing first how many it would take."""
    round_ = _round_for_staff(request, pk, "recruitment.decide")
    scores = review_scores(round_)
    in_review = list(round_.applications.filter(status=ApplicationStatus.IN_REVIEW).order_by("review_code"))
    ranked = sorted(
        ((a, scores[a.pk]) for a in in_review), key=lambda row: (row[1].score is None, -(row[1].score or 0))
    )
    form = forms.CutoffForm(posted(request) or (request.GET if "cutoff" in request.GET else None))
    would = None
    if form.is_bound and form.is_valid():
        cutoff = form.cleaned_data["cutoff"]
        would = sum(1 for _, s in ranked if s.score is not None and s.score >= cutoff)
        if request.method == "POST":
            try:
                chosen, left = services.shortlist_by_cutoff(actor=request.user, round_=round_, cutoff=cutoff)
            except ValidationError as exc:
                _form_errors_from(form, exc)
            else:
                messages.success(request, f"{chosen} shortlisted and {left} not shortlisted. Nobody has been told yet.")
                return redirect("recruitment:round_applications", pk=round_.pk)
    return render(
        request, "recruitment/staff/shortlist.html",
        {"round": round_, "ranked": ranked, "form": form, "would": would},
    )  # fmt: skip


@staff("members.view_staff_area")
def application_decide(request, pk):
    application = _application_for_staff(request, pk, "recruitment.decide")
    # Inviting and interviewing happen on the interview page, which sends the invitation and keeps
    # the score; they are not a choice here.
    steps = {ApplicationStatus.INVITED, ApplicationStatus.INTERVIEWED}
    moves = sorted(set(MOVES.get(application.status, ())) - steps, key=list(ApplicationStatus).index)
    form = forms.DecisionForm(posted(request), moves=moves)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_decide(actor=request.user, application=application, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors_from(form, exc)
        else:
            messages.success(request, "The decision has been saved. The applicant is told when you release outcomes.")
            return redirect("recruitment:application_scores", pk=application.pk)
    return render(request, "recruitment/staff/decide.html", {"application": application, "form": form})


@staff("members.view_staff_area")
def application_interview(request, pk):
    application = _application_for_staff(request, pk, "recruitment.decide")
    interview = Interview.objects.filter(application=application).first()
    initial = {}
    if interview:
        initial = {
            "starts_at": interview.starts_at, "place": interview.place, "online_link": interview.online_link,
            "adjustments_confirmed": interview.adjustments_confirmed,
        }  # fmt: skip
    action = request.POST.get("action", "") if request.method == "POST" else ""
    invite = forms.InterviewForm(posted(request) if action == "invite" else None, initial=initial)
    score = forms.InterviewScoreForm(
        posted(request) if action == "score" else None,
        initial={"score": interview.score, "notes": interview.notes} if interview else None,
    )
    form = invite if action == "invite" else score
    if action and form.is_valid():
        try:
            if action == "invite":
                services.interview_invite(actor=request.user, application=application, **form.cleaned_data)
            else:
                services.interview_record(actor=request.user, application=application, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors_from(form, exc)
        else:
            messages.success(
                request,
                "The invitation has been sent." if action == "invite" else "The interview score has been saved.",
            )
            return redirect("recruitment:application_interview", pk=application.pk)
    return render(
        request, "recruitment/staff/interview.html",
        {"application": application, "interview": interview, "invite": invite, "score": score},
    )  # fmt: skip


@staff("members.view_staff_area")
def outcomes_release(request, pk):
    """Outcomes decided but not yet sent, a preview of each message, and one button to send them."""
    round_ = _round_for_staff(request, pk, "recruitment.decide")
    pending = outcomes_pending(round_).select_related("applicant")
    form = forms.ReleaseForm(posted(request), initial={"term_start": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            count = services.outcomes_release(actor=request.user, round_=round_, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors_from(form, exc)
        else:
            messages.success(request, f"{count} outcome messages are on their way.")
            return redirect("recruitment:round_applications", pk=round_.pk)
    groups = {}
    for application in pending.order_by("status", "id"):
        groups.setdefault(application.status, []).append(application)
    previews = []
    for status, applications in groups.items():
        sample = applications[0]
        context = {"name": "[Their name]", "panel": round_.panel.name, "reference": "[Their reference]"}
        context["feedback"] = "[Any feedback you wrote for them]"
        rendered = render_message(kinds.get(services.outcome_message_kind(status)), context)
        previews.append((ApplicationStatus(status).label, applications, rendered, sample))
    return render(
        request, "recruitment/staff/outcomes.html",
        {"round": round_, "previews": previews, "count": sum(len(g) for g in groups.values()), "form": form},
    )  # fmt: skip
