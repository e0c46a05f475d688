"""Reads for applying and running a round: open rounds, a person's applications, a round's
applications and their counts. The equality report is in equality.py."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from recruitment import categories
from recruitment.models import Application, ApplicationStatus, PanelQuestions, Question, Round, RoundStatus

from .review import reviewers_of


def open_rounds(panel) -> QuerySet[Round]:
    now = timezone.now()
    return Round.objects.filter(
        panel=panel, status=RoundStatus.PUBLISHED, opens_at__lte=now, closes_at__gt=now
    ).order_by("closes_at")


def round_publish_problems(round_: Round) -> list[str]:
    """What must be put right before a draft round can be published, in plain words; empty when
    it is ready."""
    problems = []
    if not round_.questions.exists():
        problems.append("Add at least one question for applicants to answer.")
    criteria = list(round_.criteria.all())
    if not criteria:
        problems.append("Add at least one criterion for reviewers to score answers against.")
    problems += [f"Add a marking guide to the criterion “{c.name}”." for c in criteria if not c.marking_guide.strip()]
    if round_.closes_at <= timezone.now():
        problems.append("The closing date has passed. Choose a closing date in the future.")
    wanted, found = round_.reviewers_per_application, len(reviewers_of(round_))
    if found < wanted:
        people = "reviewer" if wanted == 1 else "reviewers"
        problems.append(
            f"Each application needs {wanted} {people}, but the panel has {found}. "
            "Ask an administrator to give more people the reviewer role for this panel."
        )
    return problems


def applications_for_person(user) -> QuerySet[Application]:
    return Application.objects.filter(applicant=user).select_related("round__panel").order_by("-created_at")


def applications_in_round(round_: Round, status: str = "") -> QuerySet[Application]:
    applications = round_.applications.select_related("applicant", "recorded_by").order_by("created_at", "id")
    return applications.filter(status=status) if status else applications


def status_counts(round_: Round) -> dict[str, int]:
    """How many applications are in each status, in one query."""
    totals = round_.applications.aggregate(
        **{status.value: Count("id", filter=Q(status=status)) for status in ApplicationStatus},
        total=Count("id"),
    )
    return totals


def rounds_for_panel(panel) -> QuerySet[Round]:
    return Round.objects.filter(panel=panel).annotate(
        submitted=Count("applications", filter=~Q(applications__status=ApplicationStatus.DRAFT))
    )


def applications_with_balance_answers(user) -> QuerySet[Application]:
    """The person's applications whose answers for balancing a panel we keep, with their consent."""
    return applications_for_person(user).filter(balance__isnull=False)


def questions_as_worded_at(round_: Round, moment) -> dict[int, str]:
    """Each of the round's questions as it was worded at `moment`, by question id, from history."""
    rows = (
        Question.history.filter(round_id=round_.pk, history_date__lte=moment)
        .order_by("id", "history_date", "history_id")
        .values_list("id", "text")
    )
    return dict(rows)  # the last row of each question wins: its wording at that moment


@dataclass(frozen=True)
class AskedQuestions:
    monitoring: list[str]  # keys of categories.MONITORING_QUESTIONS, in the catalogue's order
    balance: list[str]  # keys of categories.BALANCE_QUESTIONS a round of the panel may use


def panel_questions(panel) -> AskedQuestions:
    """What a panel's rounds ask: as an administrator chose, or every monitoring question and the
    usual balance characteristics."""
    chosen = PanelQuestions.objects.filter(panel=panel).first()
    if chosen is None:
        return AskedQuestions(list(categories.MONITORING_QUESTIONS), list(categories.DEFAULT_BALANCE))
    return AskedQuestions(list(chosen.monitoring), list(chosen.balance))
