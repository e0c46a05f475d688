"""Retention: applications that are no longer needed with a person's name on them are anonymised
(or deleted) by the privacy app's daily job, through these services, as the system. Each takes the
moment before which the event must have happened and the people under a legal hold."""

import logging
from datetime import datetime

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.personal_data import Erasure, kept_in_history
from accounts.services import stand_ins
from recruitment.models import (
    FINAL_OUTCOMES,
    Answer,
    Application,
    ApplicationStatus,
    BalanceResponse,
    Interview,
    InterviewScore,
    InterviewScorecard,
    InterviewState,
    ReviewAssignment,
    Score,
)

logger = logging.getLogger(__name__)

# What an application holds about its applicant besides the link to them, blanked when it is
# anonymised. What is left (the round, the status, the area, the scores) is what reports count.
WORDS = ("interview_adjustments", "withdrawal_reason", "deadline_reason", "decision_note", "feedback",
         "moderation_reason", "review_code")  # fmt: skip
NOT_APPOINTED = [ApplicationStatus.NOT_SHORTLISTED, ApplicationStatus.UNSUCCESSFUL, ApplicationStatus.RESERVE]


def unsuccessful_applications_due(before: datetime, *, held: set[int]) -> QuerySet[Application]:
    """Applications that did not lead to a place, whose outcome was told (or that were withdrawn,
    or left as drafts in a round that closed) before `before`, not yet anonymised."""
    told = Q(status__in=NOT_APPOINTED, outcome_released_at__lt=before)
    withdrawn = Q(status=ApplicationStatus.WITHDRAWN, withdrawn_at__lt=before)
    abandoned = Q(status=ApplicationStatus.DRAFT, round__closes_at__lt=before)
    return (
        Application.objects.filter(told | withdrawn | abandoned, anonymised_at__isnull=True)
        .exclude(applicant__in=held)
        .order_by("pk")
    )


@transaction.atomic
def applications_anonymise(applications: QuerySet[Application]) -> int:
    """Each application is left to someone who is no one: its words, answers and balance answers
    go, comments on it are blanked, and so are its history rows, which also forget who made each
    change. Monitoring answers stay with it, so they are only ever counted."""
    rows = list(applications.values_list("pk", "applicant_id"))
    if not rows:
        return 0
    ids = [pk for pk, _ in rows]
    now = timezone.now()
    blank = dict.fromkeys(WORDS, "")
    history = Application.history.model.objects
    blank_history = dict.fromkeys(kept_in_history(Application.history.model, WORDS), "")
    for (pk, applicant_id), stand_in in zip(rows, stand_ins(len(rows)), strict=True):
        Application.objects.filter(pk=pk).update(applicant=stand_in, reference=None, anonymised_at=now, **blank)
        history.filter(id=pk).update(applicant=stand_in, reference=None, **blank_history)
        # What the person did themselves loses who did it and why, in their words (a withdrawal's reason).
        history.filter(id=pk, history_user_id=applicant_id).update(history_user=None, history_change_reason=None)
    _forget_words(ids)
    logger.info("retention: %s applications anonymised", len(ids))
    return len(ids)


def _forget_words(ids: list[int]) -> None:
    Answer.objects.filter(application__in=ids).delete()
    Answer.history.model.objects.filter(application_id__in=ids).delete()
    BalanceResponse.objects.filter(application__in=ids).delete()
    comments = ((Score, "assignment__application__in"), (InterviewScore, "scorecard__interview__application__in"))
    for model, path in comments:
        scores = model.objects.filter(**{path: ids})
        model.history.model.objects.filter(id__in=scores.values("pk")).update(comment="")
        scores.update(comment="")
    Interview.objects.filter(application__in=ids).update(reply_note="", adjustments_confirmed="")


@transaction.atomic
def applications_delete(applications: QuerySet[Application]) -> int:
    """The applications and everything about them go, history included: reports count them no more."""
    ids = list(applications.values_list("pk", flat=True))
    if not ids:
        return 0
    assignments = list(ReviewAssignment.objects.filter(application__in=ids).values_list("pk", flat=True))
    scorecards = list(InterviewScorecard.objects.filter(interview__application__in=ids).values_list("pk", flat=True))
    # Deleting writes a last history row for each record: the history goes after them.
    Application.objects.filter(pk__in=ids).delete()
    for model, lookup in (
        (Application, {"id__in": ids}), (Answer, {"application_id__in": ids}),
        (ReviewAssignment, {"application_id__in": ids}), (Score, {"assignment_id__in": assignments}),
        (Interview, {"application_id__in": ids}), (InterviewScorecard, {"id__in": scorecards}),
        (InterviewScore, {"scorecard_id__in": scorecards}),
    ):  # fmt: skip
        model.history.model.objects.filter(**lookup).delete()
    logger.info("retention: %s applications deleted", len(ids))
    return len(ids)


def person_erase(person, *, apply: bool) -> Erasure:
    """Erasing a person here: applications still going are withdrawn (a booked interview time is
    given up), then every application is anonymised as retention does it. What they did as staff
    (reviews, interviews) stays, as staff work, under an account that no longer says who they were."""
    done = Erasure()
    applications = Application.objects.filter(applicant=person)
    done.remove("Applications, with their answers and anything written about them", applications.count())
    done.keep("Reviews and interviews they carried out as staff",
              ReviewAssignment.objects.filter(reviewer=person).count()
              + InterviewScorecard.objects.filter(interviewer=person).count(),
              "A record of staff work behind other people's outcomes; it no longer names them.")  # fmt: skip
    if not apply:
        return done
    going = applications.exclude(status__in=[*FINAL_OUTCOMES, ApplicationStatus.WITHDRAWN])
    Interview.objects.filter(application__in=going).update(slot=None, state=InterviewState.DECLINED)
    going.update(status=ApplicationStatus.WITHDRAWN, withdrawn_at=timezone.now())
    applications_anonymise(Application.objects.filter(applicant=person))
    return done
