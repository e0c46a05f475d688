"""Interviews: the round's interviewers and interview times; everyone shortlisted invited at once;
a time booked by the person online or by staff for them; their reply (accept, decline, ask to
rearrange); a reminder the day before; and each interviewer's scorecard, combined into the
interview score that selection uses once every interviewer at the time has sent theirs.

Every message about a booked time carries a calendar file (`recruitment.calendar`): one UID per
interview for its whole life, SEQUENCE raised with each change, METHOD:CANCEL when the time is given
up. Reminders are outbox rows due on their day, cancelled when the time changes.
"""

import logging
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.access import require
from accounts.models import User
from accounts.templatetags.govuk_dates import govuk_date_time
from members.models import StaffRoleKind
from notifications import services as outbox
from notifications.calendar import LONDON
from recruitment import calendar
from recruitment.models import (
    Application,
    ApplicationStatus,
    DecisionReason,
    Interview,
    InterviewScore,
    InterviewScorecard,
    InterviewSlot,
    InterviewState,
    Round,
    RoundInterviewer,
)
from recruitment.selectors import free_slots, interviewer_candidates

from .decisions import application_decide_apply
from .review import scores_check, scores_write
from .rounds import require_not_archived

__all__ = [
    "interview_accept",
    "interview_book",
    "interview_decline",
    "interview_rearrange_ask",
    "interview_release_time",
    "interview_score_combine",
    "interviewer_add",
    "interviewer_remove",
    "interviews_invite",
    "scorecard_conflict_declare",
    "scorecard_record",
    "slot_add",
    "slot_remove",
]

logger = logging.getLogger(__name__)
S = ApplicationStatus
DECIDE = "recruitment.decide"
# Reminders go out at nine in the morning this many days before the interview.
REMINDER_DAYS_BEFORE = 1


# The round's interviewers and times


@transaction.atomic
def interviewer_add(*, actor: User, round_: Round, person: User) -> RoundInterviewer:
    """Ask someone to interview in this round: one of the panel's coordinators, reviewers or
    current members. Asking twice changes nothing."""
    require(actor, DECIDE, round_)
    require_not_archived(round_)
    if not interviewer_candidates(round_).filter(pk=person.pk).exists():
        raise ValidationError({"person": "Choose one of the panel's coordinators, reviewers or members"})
    existing = RoundInterviewer.objects.filter(round=round_, person=person).first()
    if existing:
        return existing
    interviewer = RoundInterviewer(round=round_, person=person, added_by=actor)
    interviewer._history_user = actor
    interviewer.save()
    logger.info("round %s: person %s asked to interview by person %s", round_.pk, person.pk, actor.pk)
    return interviewer


@transaction.atomic
def interviewer_remove(*, actor: User, interviewer: RoundInterviewer) -> None:
    require(actor, DECIDE, interviewer.round)
    require_not_archived(interviewer.round)
    if InterviewSlot.objects.filter(round_id=interviewer.round_id, interviewers=interviewer.person_id).exists():
        raise ValidationError("They are on interview times in this round. Take them off those times first.")
    interviewer._history_user = actor
    interviewer.delete()


def _clashes(interviewers: list[User], starts_at: datetime, ends_at: datetime) -> list[User]:
    """Interviewers already on another time that overlaps this one, in any round."""
    busy = set()
    nearby = InterviewSlot.objects.filter(
        interviewers__in=interviewers, starts_at__lt=ends_at, starts_at__gt=starts_at - timedelta(hours=12)
    ).prefetch_related("interviewers")
    for slot in nearby:
        if slot.ends_at > starts_at:
            busy.update(p.pk for p in slot.interviewers.all())
    return [p for p in interviewers if p.pk in busy]


@transaction.atomic
def slot_add(
    *,
    actor: User,
    round_: Round,
    starts_at: datetime,
    minutes: int,
    interviewers: list[User],
    place: str = "",
    online_link: str = "",
) -> InterviewSlot:
    """A time for one interview, with where it happens and who interviews."""
    require(actor, DECIDE, round_)
    round_ = Round.objects.select_for_update(of=("self",)).get(pk=round_.pk)
    require_not_archived(round_)
    errors = {}
    if not place.strip() and not online_link.strip():
        errors["place"] = "Enter the place or an online joining link"
    if starts_at <= timezone.now():
        errors["starts_at"] = "The interview time must be in the future"
    allowed = set(round_.interviewers.values_list("person_id", flat=True))
    if not interviewers:
        errors["interviewers"] = "Choose at least one interviewer"
    elif any(person.pk not in allowed for person in interviewers):
        errors["interviewers"] = "Choose interviewers from this round's interviewers"
    else:
        busy = _clashes(interviewers, starts_at, starts_at + timedelta(minutes=minutes))
        if busy:
            names = ", ".join(person.display_name for person in busy)
            errors["interviewers"] = f"Already interviewing at that time: {names}"
    if errors:
        raise ValidationError(errors)
    slot = InterviewSlot(
        round=round_, starts_at=starts_at, minutes=minutes, place=place.strip(), online_link=online_link.strip(),
        created_by=actor,
    )  # fmt: skip
    slot._history_user = actor
    slot.full_clean()
    slot.save()
    slot.interviewers.set(interviewers)
    return slot


@transaction.atomic
def slot_remove(*, actor: User, slot: InterviewSlot) -> None:
    require(actor, DECIDE, slot.round)
    slot = InterviewSlot.objects.select_for_update().select_related("round").get(pk=slot.pk)
    require_not_archived(slot.round)
    if Interview.objects.filter(slot=slot).exists():
        raise ValidationError("Someone is booked at this time. Book them another time first, then remove this one.")
    slot._history_user = actor
    slot.delete()


# Inviting and booking


def _reply_url(application: Application) -> str:
    return settings.SITE_URL + reverse("recruitment:interview_reply", kwargs={"pk": application.pk})


def _about(application: Application) -> dict:
    return {
        "name": application.applicant.full_name,
        "panel": application.round.panel.name,
        "reference": application.reference,
        "url": _reply_url(application),
        "phone": settings.CONTACT_PHONE,
    }


@transaction.atomic
def interviews_invite(*, actor: User, round_: Round) -> int:
    """Invite everyone shortlisted and not yet invited, in one go: each is asked to choose one of
    the free times, online or by phoning us. Refused until there is a free time for everyone."""
    require(actor, DECIDE, round_)
    round_ = Round.objects.select_for_update(of=("self",)).select_related("panel").get(pk=round_.pk)
    require_not_archived(round_)
    shortlisted = list(
        round_.applications.filter(status=S.SHORTLISTED).select_related("applicant", "round__panel").order_by("id")
    )
    if not shortlisted:
        raise ValidationError("Nobody is shortlisted and waiting for an invitation.")
    choosing = Interview.objects.filter(application__round=round_, application__status=S.INVITED, slot__isnull=True)
    needed, free = len(shortlisted) + choosing.count(), free_slots(round_).count()
    if free < needed:
        raise ValidationError(
            f"There {'is' if free == 1 else 'are'} {free} free interview {'time' if free == 1 else 'times'} for "
            f"{needed} {'person' if needed == 1 else 'people'} to choose from. Add at least {needed - free} more "
            "first, so that everyone can choose one."
        )
    for application in shortlisted:
        application_decide_apply(
            actor=actor, application=application, status=S.INVITED, reason=DecisionReason.MET_CRITERIA,
            note="invited to choose an interview time",
        )  # fmt: skip
        interview = Interview(application=application, invited_by=actor)
        interview._history_user = actor
        interview._change_reason = "invited to choose an interview time"
        interview.save()
        outbox.message_queue(
            kind="recruitment.interview_invitation", recipient=application.applicant,
            context=_about(application), idempotency_key=f"interview:{interview.pk}:invitation",
            topic=round_.panel.topic, reference=round_.message_reference,
        )  # fmt: skip
    logger.info("round %s: %s invited to interview by person %s", round_.pk, len(shortlisted), actor.pk)
    return len(shortlisted)


def _locked_interview(interview: Interview) -> Interview:
    interview = (
        Interview.objects.select_for_update(of=("self",))
        .select_related("application__round__panel", "application__applicant", "slot")
        .get(pk=interview.pk)
    )
    require_not_archived(interview.application.round)
    return interview


def _require_may_reply(actor: User, interview: Interview) -> bool:
    """The person replies for themselves; a coordinator may reply for them (by phone, say).
    Returns whether it is the person."""
    application = interview.application
    if actor.pk == application.applicant_id:
        require(actor, "recruitment.reply_to_interview", application)
        return True
    require(actor, DECIDE, application)
    return False


def _require_still_to_happen(interview: Interview) -> None:
    if interview.application.status != S.INVITED or (interview.is_booked and interview.has_started):
        raise ValidationError("This interview has already taken place or been closed, so it cannot be changed.")
    if interview.scorecards.filter(submitted_at__isnull=False).exists():
        raise ValidationError("Interviewers have already sent scores for this interview, so it cannot be changed.")


def _morning(day: date) -> datetime:
    return datetime.combine(day, time(9), tzinfo=LONDON)


def _reminder_key(interview: Interview) -> str:
    return f"interview:{interview.pk}:reminder:"


def _schedule_reminder(interview: Interview, context: dict) -> None:
    """A reminder on the morning before, as an outbox row due then; any earlier one is cancelled."""
    outbox.message_cancel_pending(key_prefix=_reminder_key(interview))
    if not interview.is_booked:
        return
    day = timezone.localtime(interview.slot.starts_at, LONDON).date()
    due = _morning(day - timedelta(days=REMINDER_DAYS_BEFORE))
    if due <= timezone.now():
        return
    outbox.message_queue(
        kind="recruitment.interview_reminder", recipient=interview.application.applicant, due_at=due,
        context=context, idempotency_key=f"{_reminder_key(interview)}{interview.sequence}",
        topic=interview.application.round.panel.topic, reference=interview.application.round.message_reference,
    )  # fmt: skip


def _details(interview: Interview) -> dict:
    slot = interview.slot
    return {
        **_about(interview.application),
        "when": govuk_date_time(timezone.localtime(slot.starts_at, LONDON)),
        "minutes": slot.minutes,
        "place": slot.place,
        "online_link": slot.online_link,
        "adjustments": interview.adjustments_confirmed,
    }


def _send_time(interview: Interview, *, changed: bool) -> None:
    """Tell the person the time booked, with the calendar file, and set their reminder."""
    application = interview.application
    context = {**_details(interview), "changed": changed, "to_accept": interview.accepted_at is None}
    if application.applicant.email:
        context["attachments"] = [calendar.interview_attachment(interview, application.applicant.email)]
    outbox.message_queue(
        kind="recruitment.interview_booked", recipient=application.applicant, context=context,
        idempotency_key=f"interview:{interview.pk}:booked:{interview.sequence}",
        topic=application.round.panel.topic, reference=application.round.message_reference,
    )  # fmt: skip
    _schedule_reminder(interview, _details(interview))


def _give_up_time(interview: Interview, *, reason: str) -> None:
    """Free the time booked, if any, and send the calendar's cancellation."""
    if not interview.is_booked:
        return
    application = interview.application
    interview.sequence += 1
    # What was to be arranged may be about health: a cancellation has no need of it.
    context = {**_details(interview), "reason": reason}
    del context["adjustments"]
    if application.applicant.email:
        context["attachments"] = [
            calendar.interview_attachment(interview, application.applicant.email, method=calendar.CANCEL)
        ]
    outbox.message_queue(
        kind="recruitment.interview_cancelled", recipient=application.applicant, context=context,
        idempotency_key=f"interview:{interview.pk}:cancelled:{interview.sequence}",
        topic=application.round.panel.topic, reference=application.round.message_reference,
    )  # fmt: skip
    outbox.message_cancel_pending(key_prefix=_reminder_key(interview))
    interview.slot, interview.accepted_at = None, None


@transaction.atomic
def interview_book(
    *, actor: User, interview: Interview, slot: InterviewSlot, adjustments_confirmed: str | None = None
) -> Interview:
    """Book a time: the person chooses one (and so accepts it), or staff book one for them (and the
    person is asked to accept it). Moving to another time keeps the calendar event and updates it."""
    interview = _locked_interview(interview)
    by_person = _require_may_reply(actor, interview)
    _require_still_to_happen(interview)
    slot = InterviewSlot.objects.select_for_update().filter(pk=slot.pk).first()
    if slot is None:
        raise ValidationError({"slot": "That time is no longer offered. Choose another"})
    if slot.round_id != interview.application.round_id:
        raise ValidationError({"slot": "Choose one of this round's interview times"})
    if slot.starts_at <= timezone.now():
        raise ValidationError({"slot": "That time has passed. Choose another"})
    if Interview.objects.filter(slot=slot).exclude(pk=interview.pk).exists():
        raise ValidationError({"slot": "Someone else has just booked that time. Choose another"})
    adjustments = interview.adjustments_confirmed if adjustments_confirmed is None else adjustments_confirmed.strip()
    if interview.slot_id == slot.pk and adjustments == interview.adjustments_confirmed:
        return interview  # the same time again: nothing has changed, so nobody is told twice
    changed = interview.slot_id is not None
    interview.slot, interview.state, interview.reply_note = slot, InterviewState.BOOKED, ""
    interview.adjustments_confirmed = adjustments
    interview.accepted_at = timezone.now() if by_person else None
    interview.sequence += 1
    interview._history_user = actor
    interview._change_reason = "time chosen by the applicant" if by_person else "time booked for them by staff"
    interview.full_clean()
    interview.save()
    _send_time(interview, changed=changed)
    logger.info("interview %s booked at time %s by person %s", interview.pk, slot.pk, actor.pk)
    return interview


@transaction.atomic
def interview_accept(*, actor: User, interview: Interview) -> Interview:
    """The person agrees to the time staff booked for them."""
    interview = _locked_interview(interview)
    _require_may_reply(actor, interview)
    _require_still_to_happen(interview)
    if not interview.is_booked:
        raise ValidationError("There is no interview time to accept yet.")
    if interview.accepted_at:
        return interview
    interview.accepted_at = timezone.now()
    interview._history_user = actor
    interview._change_reason = "time accepted"
    interview.save(update_fields=["accepted_at"])
    return interview


def _tell_coordinators(interview: Interview, reply: str) -> None:
    """Coordinators hear of a decline or a request to rearrange at once; the person's words stay on
    the interview page, not in the message."""
    application = interview.application
    panel = application.round.panel
    url = settings.SITE_URL + reverse("recruitment:application_interview", kwargs={"pk": application.pk})
    coordinators = User.objects.filter(staff_roles__panel=panel, staff_roles__role=StaffRoleKind.COORDINATOR)
    for coordinator in coordinators:
        outbox.message_queue(
            kind="recruitment.interview_reply", recipient=coordinator,
            context={"reference": application.reference, "panel": panel.name, "reply": reply, "url": url},
            idempotency_key=f"interview:{interview.pk}:reply:{interview.history.count()}:{coordinator.pk}",
        )  # fmt: skip


def _reply_without_time(actor: User, interview: Interview, *, state: str, note: str, reason: str) -> Interview:
    interview = _locked_interview(interview)
    _require_may_reply(actor, interview)
    _require_still_to_happen(interview)
    _give_up_time(interview, reason=reason)
    interview.state, interview.reply_note = state, note.strip()
    interview._history_user = actor
    interview._change_reason = reason
    interview.save()
    _tell_coordinators(interview, InterviewState(state).label.lower())
    return interview


@transaction.atomic
def interview_decline(*, actor: User, interview: Interview, note: str = "") -> Interview:
    """The person will not come to an interview. Their time is freed; they can still choose one
    while times are free, and the coordinator decides what happens next."""
    interview = _reply_without_time(
        actor, interview, state=InterviewState.DECLINED, note=note, reason="interview declined"
    )
    logger.info("interview %s declined by person %s", interview.pk, actor.pk)
    return interview


@transaction.atomic
def interview_rearrange_ask(*, actor: User, interview: Interview, note: str) -> Interview:
    """None of the times suits the person: their time is freed and the coordinator is asked to
    arrange another, with what the person said suits them."""
    if not note.strip():
        raise ValidationError({"note": "Tell us which days or times would suit you"})
    interview = _reply_without_time(
        actor, interview, state=InterviewState.REARRANGE, note=note, reason="asked to rearrange"
    )
    logger.info("interview %s: asked to rearrange by person %s", interview.pk, actor.pk)
    return interview


def interview_release_time(*, actor: User, application: Application, reason: str) -> None:
    """Free the time of someone leaving the round (they withdrew), with the calendar's cancellation.
    Unchecked: called by the service that has checked."""
    interview = Interview.objects.filter(application=application).first()
    if interview is None or not interview.is_booked or application.status != S.INVITED or interview.has_started:
        return  # nothing booked, or the interview has happened: what happened stands
    interview = _locked_interview(interview)
    _give_up_time(interview, reason=reason)
    interview.state = InterviewState.DECLINED
    interview._history_user = actor
    interview._change_reason = reason
    interview.save()


# Scorecards


def _require_scoring_open(actor: User, interview: Interview) -> None:
    if not interview.is_booked:
        raise ValidationError("No time is booked for this interview yet, so it cannot be scored.")
    if not interview.slot.interviewers.filter(pk=actor.pk).exists():
        raise ValidationError("You are not an interviewer at this interview's time.")
    if interview.score is not None or interview.application.status != S.INVITED:
        raise ValidationError("The interview score has been worked out, so scorecards are closed.")


def _scorecard(interview: Interview, actor: User) -> InterviewScorecard:
    scorecard, _ = InterviewScorecard.objects.select_for_update().get_or_create(interview=interview, interviewer=actor)
    return scorecard


@transaction.atomic
def scorecard_record(
    *, actor: User, interview: Interview, scores: dict[int, tuple[int | None, str]], submit: bool
) -> InterviewScorecard:
    """Save an interviewer's scores on each criterion (criterion id: score and comment). Sending is
    final: only then do they see the other interviewers' scores. The last scorecard in works out
    the interview score."""
    interview = _locked_interview(interview)  # checked on the row as it is now, not the caller's copy
    require(actor, "recruitment.score_interview", interview)
    _require_scoring_open(actor, interview)
    scorecard = _scorecard(interview, actor)
    if scorecard.submitted_at or scorecard.conflict_declared_at:
        raise ValidationError("You have already sent your scorecard for this interview.")
    scores_check(interview.application.round, scores, submit=submit)
    scores_write(scorecard.scores, lambda criterion_id: InterviewScore(scorecard=scorecard, criterion_id=criterion_id),
                 scores, actor=actor)  # fmt: skip
    if submit:
        scorecard.submitted_at = timezone.now()
        scorecard._history_user = actor
        scorecard.save(update_fields=["submitted_at"])
        logger.info("scorecard %s sent by person %s", scorecard.pk, actor.pk)
        _combine_when_complete(interview, actor)
    return scorecard


@transaction.atomic
def scorecard_conflict_declare(*, actor: User, interview: Interview, reason: str) -> InterviewScorecard:
    """The interviewer knows the person (or has another conflict): they do not score this
    interview, and the others' scorecards make the score."""
    interview = _locked_interview(interview)
    require(actor, "recruitment.score_interview", interview)
    if not reason.strip():
        raise ValidationError({"reason": "Say briefly why you have a conflict of interest"})
    _require_scoring_open(actor, interview)
    scorecard = _scorecard(interview, actor)
    if scorecard.submitted_at:
        raise ValidationError("You have already sent your scorecard for this interview.")
    for score in scorecard.scores.all():  # one at a time, so each removal's history says who
        score._history_user = actor
        score.delete()
    scorecard.conflict_declared_at, scorecard.conflict_reason = timezone.now(), reason.strip()
    scorecard._history_user = actor
    scorecard.save(update_fields=["conflict_declared_at", "conflict_reason"])
    _combine_when_complete(interview, actor)
    return scorecard


def _combine_when_complete(interview: Interview, actor: User) -> None:
    """Once every interviewer at the time has sent a scorecard or declared a conflict."""
    cards = {c.interviewer_id: c for c in interview.scorecards.all()}
    if all(
        person_id in cards and (cards[person_id].submitted_at or cards[person_id].conflict_declared_at)
        for person_id in interview.slot.interviewers.values_list("pk", flat=True)
    ) and any(card.submitted_at for card in cards.values()):
        _combine(interview, actor)


def _combine(interview: Interview, actor: User) -> None:
    """The interview score out of 100: each scorecard's mean mark as a share of the highest mark,
    averaged over the scorecards sent."""
    round_ = interview.application.round
    sent = list(interview.scorecards.filter(submitted_at__isnull=False).prefetch_related("scores"))
    shares = [Decimal(sum(s.score for s in card.scores.all())) / len(card.scores.all()) for card in sent]
    score = (sum(shares) / len(shares) * 100 / round_.score_max).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    interview.score = score
    interview._history_user = actor
    cards = "scorecard" if len(sent) == 1 else "scorecards"
    interview._change_reason = f"interview score worked out from {len(sent)} {cards}"
    interview.save(update_fields=["score"])
    application_decide_apply(
        actor=actor, application=interview.application, status=S.INTERVIEWED, reason=DecisionReason.INTERVIEW_SCORE,
        note=f"interview score {score}",
    )  # fmt: skip


@transaction.atomic
def interview_score_combine(*, actor: User, interview: Interview) -> Interview:
    """The coordinator works out the score from the scorecards sent so far, when an interviewer
    cannot send theirs."""
    require(actor, DECIDE, interview.application)
    interview = _locked_interview(interview)
    if interview.score is not None or interview.application.status != S.INVITED:
        raise ValidationError("The interview score has already been worked out.")
    if not interview.scorecards.filter(submitted_at__isnull=False).exists():
        raise ValidationError("No interviewer has sent a scorecard yet, so there is no score to work out.")
    _combine(interview, actor)
    return interview
