"""Decisions after review: shortlisting, outcomes and their release, and appointment.

Every change of an application's status goes through `application_decide`, which knows the legal
moves. Outcomes are the coordinator's until they release them: nothing reaches the applicant when
they click, only when they release the round's outcomes together.
"""

import logging
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.access import require
from accounts.models import User
from members.models import Membership, MembershipStatus
from members.services import access_needs_carry_from_application, membership_create
from notifications import services as outbox
from recruitment.models import (
    REASONS_FOR,
    REASONS_WITHOUT_INTERVIEW,
    Application,
    ApplicationStatus,
    DecisionReason,
    Interview,
    Round,
    RoundStatus,
)
from recruitment.selectors import outcomes_pending, review_scores

from .rounds import require_not_archived, round_move

__all__ = [
    "application_decide",
    "application_decide_apply",
    "outcome_message_kind",
    "outcomes_release",
    "shortlist_by_cutoff",
]

logger = logging.getLogger(__name__)

S = ApplicationStatus
# The moves a coordinator may make. Moves between outcomes are allowed only until the outcome is
# released; after that, a reserve can still be appointed (when a member leaves).
MOVES = {
    S.IN_REVIEW: {S.SHORTLISTED, S.NOT_SHORTLISTED},
    S.SHORTLISTED: {S.INVITED, S.NOT_SHORTLISTED},
    S.NOT_SHORTLISTED: {S.SHORTLISTED},
    # Someone invited who never had their interview (they declined) is unsuccessful without one.
    S.INVITED: {S.INTERVIEWED, S.UNSUCCESSFUL},
    S.INTERVIEWED: {S.APPOINTED, S.RESERVE, S.UNSUCCESSFUL},
    S.APPOINTED: {S.RESERVE, S.UNSUCCESSFUL},
    S.RESERVE: {S.APPOINTED, S.UNSUCCESSFUL},
    S.UNSUCCESSFUL: {S.APPOINTED, S.RESERVE},
}
AFTER_RELEASE = {(S.RESERVE, S.APPOINTED)}


def _locked(application: Application) -> Application:
    """The application as it is now, locked, in a round that is not archived: the caller's copy
    may be out of date."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("round__panel", "applicant")
        .get(pk=application.pk)
    )
    require_not_archived(application.round)
    return application


def _move(application: Application, to: str) -> None:
    """Refuse an illegal move with a message that says why."""
    current = ApplicationStatus(application.status)
    target = ApplicationStatus(to)
    if to not in MOVES.get(current, set()):
        raise ValidationError(
            f"An application that is {current.label.lower()} cannot be marked {target.label.lower()}."
        )
    told = application.released_status
    if told and (current, target) not in AFTER_RELEASE and target != told:
        raise ValidationError("The applicant has already been told this outcome, so it cannot be changed.")


def _require_a_place(application: Application) -> None:
    """A round appoints no more people than it has places; someone appointed who has since left the
    panel no longer holds one."""
    round_ = application.round
    holding = (
        round_.applications.filter(status=S.APPOINTED)
        .exclude(pk=application.pk)
        .exclude(membership__status=MembershipStatus.ENDED)
    )
    if holding.count() >= round_.places:
        places = "place" if round_.places == 1 else "places"
        raise ValidationError(
            f"The round has {round_.places} {places}, and {holding.count()} people hold them already. "
            "Mark someone else reserve or unsuccessful first."
        )


def _require_no_interview(application: Application, reason: str) -> None:
    """Someone invited is unsuccessful without an interview only once they have given up their time,
    and only for a reason that fits not being interviewed."""
    interview = Interview.objects.filter(application=application).first()
    if interview and interview.is_booked:
        raise ValidationError(
            "An interview time is booked for them. If they cannot come, decline the time for them on the "
            "interview page first."
        )
    if reason not in REASONS_WITHOUT_INTERVIEW:
        fits = ", ".join(f"“{DecisionReason(r).label}”" for r in REASONS_WITHOUT_INTERVIEW)
        raise ValidationError({"reason": f"They were not interviewed, so choose {fits}."})


@transaction.atomic
def application_decide(
    *, actor: User, application: Application, status: str, reason: str, note: str = "", feedback: str = ""
) -> Application:
    """Move an application on, with a reason from the fixed list (and a note for the record).
    Outcomes wait for release; a reserve appointed after release waits for the next release."""
    require(actor, "recruitment.decide", application)
    return application_decide_apply(
        actor=actor, application=application, status=status, reason=reason, note=note, feedback=feedback
    )


@transaction.atomic
def application_decide_apply(
    *, actor: User, application: Application, status: str, reason: str, note: str = "", feedback: str = ""
) -> Application:
    """`application_decide` without the permission check, for services that have checked their own
    (an interviewer's last scorecard marks the application interviewed)."""
    application = _locked(application)
    _move(application, status)
    if reason not in DecisionReason.values:
        raise ValidationError({"reason": "Choose a reason"})
    if reason not in REASONS_FOR[status]:
        fits = ", ".join(f"“{DecisionReason(r).label}”" for r in REASONS_FOR[status])
        raise ValidationError(
            {
                "reason": f"“{DecisionReason(reason).label}” is not a reason for marking someone "
                f"{ApplicationStatus(status).label.lower()}. Choose one of {fits}."
            }
        )
    if application.status == S.INVITED and status == S.UNSUCCESSFUL:
        _require_no_interview(application, reason)
    application.status = status
    application.decision_reason, application.decision_note = reason, note.strip()
    if status in (S.UNSUCCESSFUL, S.NOT_SHORTLISTED):
        application.feedback = feedback.strip()
    if status == S.APPOINTED:
        _require_a_place(application)
    if status == S.APPOINTED and application.membership_id is None:
        current = Membership.objects.filter(panel_id=application.round.panel_id, person_id=application.applicant_id)
        if current.exclude(status=MembershipStatus.ENDED).exists():
            raise ValidationError(f"{application.applicant.display_name} is already a member of this panel.")
    application._history_user = actor
    application._change_reason = f"{status}: {DecisionReason(reason).label}"
    application.full_clean(exclude=["membership"])
    application.save(
        update_fields=[
            "status", "decision_reason", "decision_note", "feedback", "updated_at",
        ]
    )  # fmt: skip
    if application.round.status == RoundStatus.IN_REVIEW:
        round_ = Round.objects.select_for_update(of=("self",)).get(pk=application.round_id)
        round_move(round_, RoundStatus.DECIDING, actor=actor)
    logger.info("application %s marked %s by person %s", application.pk, status, actor.pk)
    return application


@transaction.atomic
def shortlist_by_cutoff(*, actor: User, round_: Round, cutoff: Decimal) -> tuple[int, int]:
    """Shortlist every application in review scoring at least `cutoff`; the rest are not
    shortlisted. Refused until every application has its scores (or a moderated score)."""
    require(actor, "recruitment.decide", round_)
    scores = review_scores(round_)
    in_review = list(round_.applications.filter(status=S.IN_REVIEW).order_by("id"))
    unscored = [a.review_code for a in in_review if scores[a.pk].score is None]
    if unscored:
        raise ValidationError(
            f"{len(unscored)} applications do not have all their scores yet, so the cut-off cannot be applied."
        )
    shortlisted = 0
    for application in in_review:
        if scores[application.pk].score >= cutoff:
            application_decide(
                actor=actor, application=application, status=S.SHORTLISTED, reason=DecisionReason.MET_CRITERIA,
                note=f"score at or above the cut-off of {cutoff}",
            )  # fmt: skip
            shortlisted += 1
        else:
            application_decide(
                actor=actor, application=application, status=S.NOT_SHORTLISTED, reason=DecisionReason.BELOW_CUTOFF,
                note=f"score below the cut-off of {cutoff}",
            )  # fmt: skip
    return shortlisted, len(in_review) - shortlisted


def outcome_message_kind(status: str) -> str:
    return f"recruitment.outcome_{status}"


def _outcome_context(application: Application) -> dict:
    return {
        "name": application.applicant.full_name,
        "panel": application.round.panel.name,
        "reference": application.reference,
        "feedback": application.feedback,
    }


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@transaction.atomic
def outcomes_release(*, actor: User, round_: Round, term_start: date | None = None) -> int:
    """Tell everyone whose outcome is decided and not yet released, in one go, and give each
    appointed person their place on the panel. Releasing twice sends nothing twice."""
    require(actor, "recruitment.decide", round_)
    round_ = Round.objects.select_for_update(of=("self",)).select_related("panel").get(pk=round_.pk)
    require_not_archived(round_)
    if round_.status == RoundStatus.DRAFT or round_.is_open():
        raise ValidationError("The round has not closed yet, so there are no outcomes to release.")
    term_start = term_start or timezone.localdate()
    # Locked, so a decision made while this runs waits, and the message matches what is released.
    pending = list(outcomes_pending(round_).select_for_update(of=("self",)).select_related("applicant", "round__panel"))
    now = timezone.now()
    for application in pending:
        if application.status == S.APPOINTED and application.membership_id is None:
            application.membership = membership_create(
                actor=actor, panel=round_.panel, person=application.applicant, term_start=term_start,
                term_end=_years_after(term_start, round_.term_years) - timedelta(days=1),
                reason=f"appointed from application {application.reference}",
            )  # fmt: skip
            access_needs_carry_from_application(
                actor=actor, person=application.applicant, told_us=application.interview_adjustments,
                reference=application.reference,
            )  # fmt: skip
        outbox.message_queue(
            kind=outcome_message_kind(application.status),
            recipient=application.applicant,
            context=_outcome_context(application),
            idempotency_key=f"outcome:{application.pk}:{application.status}",
            topic=application.round.panel.topic,
            reference=application.round.message_reference,
        )
        application.outcome_released_at, application.released_status = now, application.status
        application._history_user = actor
        application._change_reason = "outcome released"
        application.save(update_fields=["outcome_released_at", "released_status", "membership", "updated_at"])
    round_move(round_, RoundStatus.RELEASED, actor=actor)
    logger.info("round %s: %s outcomes released by person %s", round_.pk, len(pending), actor.pk)
    return len(pending)
