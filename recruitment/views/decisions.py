"""Decisions: shortlisting, deciding and releasing outcomes (interviews are in interviews.py)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.access import staff
from accounts.form_helpers import add_errors, posted
from notifications import kinds
from notifications.rendering import render_message
from recruitment import forms, services
from recruitment.models import ApplicationStatus
from recruitment.selectors import outcomes_pending, review_scores
from recruitment.services.decisions import MOVES

from .intake import ROUND
from .review import APPLICATION

__all__ = ["application_decide", "outcomes_release", "shortlist"]
DECIDE = "recruitment.decide"


@staff(DECIDE, ROUND)
def shortlist(request, round_):
    """Shortlist by a cut-off the coordinator chooses, seeing first how many it would take."""
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
                add_errors(form, exc)
            else:
                messages.success(request, f"{chosen} shortlisted and {left} not shortlisted. Nobody has been told yet.")
                return redirect("recruitment:round_applications", pk=round_.pk)
    return render(
        request, "recruitment/staff/shortlist.html",
        {"round": round_, "ranked": ranked, "form": form, "would": would},
    )  # fmt: skip


@staff(DECIDE, APPLICATION)
def application_decide(request, application):
    # Inviting and interviewing happen on the interview pages (inviting everyone shortlisted at once,
    # and the interviewers' scorecards); they are not a choice here.
    steps = {ApplicationStatus.INVITED, ApplicationStatus.INTERVIEWED}
    moves = sorted(set(MOVES.get(application.status, ())) - steps, key=list(ApplicationStatus).index)
    form = forms.DecisionForm(posted(request), moves=moves)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_decide(actor=request.user, application=application, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "The decision has been saved. The applicant is told when you release outcomes.")
            return redirect("recruitment:application_scores", pk=application.pk)
    return render(request, "recruitment/staff/decide.html", {"application": application, "form": form})


@staff(DECIDE, ROUND)
def outcomes_release(request, round_):
    """Outcomes decided but not yet sent, a preview of each message, and one button to send them."""
    pending = outcomes_pending(round_).select_related("applicant")
    appointing = pending.filter(status=ApplicationStatus.APPOINTED).exists()
    form = forms.ReleaseForm(posted(request), initial={"term_start": timezone.localdate()}, appointing=appointing)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.outcomes_release(actor=request.user, round_=round_, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"{count} outcome {'message is' if count == 1 else 'messages are'} on their way.")
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
