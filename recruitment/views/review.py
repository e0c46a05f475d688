"""Reviewing applications: the reviewer's pages, which never show who the applicant is, and the
coordinator's view of the scores."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from accounts.access import Lookup, staff
from accounts.form_helpers import add_errors, posted
from recruitment import forms, services
from recruitment.models import Answer, Application, ApplicationStatus, ReviewAssignment, Round
from recruitment.selectors import (
    assignments_for_reviewer,
    conflicts_declared,
    review_scores,
    rounds_for_reviewer,
    short_of_reviewers,
    status_counts,
)

from .intake import PAGE_SIZE, ROUND

# An application, for the coordinator's pages after it was sent.
APPLICATION = Lookup("application", Application.objects.select_related("round__panel", "applicant"))

__all__ = [
    "answer_redact",
    "application_moderate",
    "application_scores",
    "review_application",
    "review_conflict",
    "review_home",
    "review_fill_gaps",
    "review_question",
    "review_round",
    "review_start",
    "round_review",
]


# Only the reviewer's own, current assignment; anything else does not exist for them. Reviewers'
# pages are for reviewers alone: anyone else is refused rather than told nothing is there.
ASSIGNMENT = Lookup("assignment", ReviewAssignment.objects.select_related("application__round__panel"))
REVIEWER = "recruitment.review"


@staff("recruitment.review")
def review_home(request):
    return render(request, "recruitment/review/home.html", {"rounds": rounds_for_reviewer(request.user)})


@staff("recruitment.review_round", ROUND, area=REVIEWER)
def review_round(request, round_):
    assignments = list(assignments_for_reviewer(request.user, round_))
    return render(
        request, "recruitment/review/round.html",
        {"round": round_, "assignments": assignments, "questions": round_.questions.all()},
    )  # fmt: skip


@staff("recruitment.review_round", ROUND, area=REVIEWER)
def review_question(request, round_, order):
    """Every answer to one question across the reviewer's applications, in their own order."""
    assignments = list(assignments_for_reviewer(request.user, round_))
    question = get_object_or_404(round_.questions, order=order)
    answers = {
        a.application_id: a
        for a in Answer.objects.filter(question=question, application__in=[x.application_id for x in assignments])
    }
    rows = [(assignment, answers.get(assignment.application_id)) for assignment in assignments]
    questions = list(round_.questions.all())
    later = [q for q in questions if q.order > question.order]
    return render(
        request, "recruitment/review/question.html",
        {"round": round_, "question": question, "rows": rows, "next": later[0] if later else None},
    )  # fmt: skip


@staff("recruitment.score_application", ASSIGNMENT, area=REVIEWER)
def review_application(request, assignment):
    application = assignment.application
    round_ = application.round
    existing = {s.criterion_id: (s.score, s.comment) for s in assignment.scores.all()}
    form = forms.ReviewForm(posted(request), round_=round_, criteria=round_.criteria.all(), existing=existing)
    if request.method == "POST" and not assignment.submitted_at and form.is_valid():
        send = "send" in request.POST
        try:
            services.review_record(actor=request.user, assignment=assignment, scores=form.scores(), submit=send)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Your scores have been sent." if send else "Your scores have been saved.")
            return redirect(
                "recruitment:review_round" if send else "recruitment:review_application",
                pk=round_.pk if send else assignment.pk,
            )
    answers = {a.question_id: a for a in application.answers.all()}
    others = []
    if assignment.submitted_at:
        # Only once their own are in: what the other reviewers said, without saying who they are.
        others = list(
            application.assignments.filter(submitted_at__isnull=False, conflict_declared_at__isnull=True)
            .exclude(pk=assignment.pk)
            .prefetch_related("scores__criterion")
        )
    return render(
        request, "recruitment/review/application.html",
        {
            "assignment": assignment, "application": application, "round": round_, "form": form,
            "questions": [(q, answers.get(q.pk)) for q in round_.questions.all()], "others": others,
            "mine": list(assignment.scores.select_related("criterion")),
        },
    )  # fmt: skip


@staff("recruitment.score_application", ASSIGNMENT, area=REVIEWER)
def review_conflict(request, assignment):
    form = forms.ConflictForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.review_conflict_declare(actor=request.user, assignment=assignment, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Thank you. The application has been taken off your list.")
            return redirect("recruitment:review_home")
    return render(request, "recruitment/review/conflict.html", {"assignment": assignment, "form": form})


# The coordinator

# Applications that have reached review, whatever has happened since.
REVIEWED = [s for s in ApplicationStatus if s not in (ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED)]


@require_safe
@staff("recruitment.view_applications", ROUND)
def round_review(request, round_):
    scores = review_scores(round_)
    applications = round_.applications.filter(status__in=REVIEWED).order_by("review_code")
    show = request.GET.get("show", "")
    if show == "moderation":
        applications = applications.filter(pk__in=[pk for pk, s in scores.items() if s.needs_moderation])
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    flagged = Answer.objects.filter(application__round=round_, redacted_text="").exclude(identifies="")
    return render(
        request, "recruitment/staff/review.html",
        {
            "round": round_, "page": page, "rows": [(a, scores[a.pk]) for a in page], "show": show,
            "counts": status_counts(round_), "to_moderate": sum(s.needs_moderation for s in scores.values()),
            "flagged": flagged.select_related("question", "application"), "conflicts": conflicts_declared(round_),
            "short": short_of_reviewers(round_).order_by("review_code"),
        },
    )  # fmt: skip


def _review_step(request, round_: Round, service, done: str):
    try:
        count = service(actor=request.user, round_=round_)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done.format(count=count))
    return redirect("recruitment:round_review", pk=round_.pk)


@require_POST
@staff("recruitment.run_review", ROUND)
def review_start(request, round_):
    done = "Review has started: {count} applications shared among the reviewers."
    return _review_step(request, round_, services.review_start, done)


@require_POST
@staff("recruitment.run_review", ROUND)
def review_fill_gaps(request, round_):
    done = "{count} more reviews have been shared among the reviewers."
    return _review_step(request, round_, services.review_fill_gaps, done)


# Administrators may read the scores; only the panel's coordinator moderates.
@require_safe
@staff("recruitment.view_applications", APPLICATION)
def application_scores(request, application):
    return _scores_page(request, application, forms.ModerationForm())


@require_POST
@staff("recruitment.run_review", APPLICATION)
def application_moderate(request, application):
    form = forms.ModerationForm(request.POST)
    if form.is_valid():
        try:
            services.application_moderate(actor=request.user, application=application, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "The moderated score has been saved.")
            return redirect("recruitment:application_scores", pk=application.pk)
    return _scores_page(request, application, form)


def _scores_page(request, application: Application, form):
    assignments = application.assignments.select_related("reviewer").prefetch_related("scores__criterion")
    return render(
        request, "recruitment/staff/scores.html",
        {
            "application": application, "round": application.round, "assignments": assignments,
            "summary": review_scores(application.round, [application.pk])[application.pk], "form": form,
            "answers": application.answers.select_related("question").order_by("question__order"),
        },
    )  # fmt: skip


@staff(
    "recruitment.run_review",
    Lookup("answer", Answer.objects.select_related("application__round__panel", "question"), on="application"),
)
def answer_redact(request, answer):
    form = forms.RedactionForm(posted(request), initial={"redacted_text": answer.redacted_text or answer.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_redact(actor=request.user, answer=answer, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Reviewers will now read the answer as you saved it.")
            return redirect("recruitment:round_review", pk=answer.application.round_id)
    return render(request, "recruitment/staff/redact.html", {"answer": answer, "form": form})
