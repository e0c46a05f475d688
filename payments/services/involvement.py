"""Claims for members' time, made by the service from what happened: a meeting they were at, a
written consultation they answered, an interview panel they sat on. Run by Celery beat as the
system, and safe to run again: each claim names its source, which is made into a claim once."""

import logging
from collections import defaultdict
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Min
from django.utils import timezone

from accounts.access import require
from accounts.models import User
from engagement.models import WrittenAnswer
from meetings.models import Attendance, Invitation, MeetingStatus
from members.models import Panel
from members.rules import is_member_of
from payments.models import Activity, Choice, Claim, ClaimKind, ClaimLine, ClaimStatus, LineKind, PaymentChoice
from recruitment.models import InterviewScorecard

from .common import claim_make, earliest_claimable
from .rates import rate_in_force, time_paid

logger = logging.getLogger(__name__)


def _time_line(activity: str, on: date, minutes: int, description: str) -> ClaimLine | None:
    rate = rate_in_force(activity, on)
    if rate is None:
        return None
    quantity, amount, words = time_paid(rate, minutes)
    if amount == 0:  # a minute at a rate of pennies an hour rounds to nothing: nothing to pay
        return None
    return ClaimLine(kind=LineKind.TIME, activity=activity, description=description, quantity=quantity,
                     quantity_text=words, rate_pence=rate.amount_pence, amount_pence=amount)  # fmt: skip


def _claim(person_id: int, panel_id: int, chosen, source: str, about: str, on: date, lines, now) -> bool:
    """Make one claim; one that cannot be made is logged (by its source's ids) and passed over, so
    it never stops the claims after it."""
    choice, paid_from = chosen
    lines = [line for line in lines if line is not None]
    if not lines or (paid_from and on < paid_from):
        return False
    claim = Claim(person_id=person_id, panel_id=panel_id, kind=ClaimKind.INVOLVEMENT, source=source,
                  about=about[:200], happened_on=on, donate=choice == Choice.DONATE, status=ClaimStatus.SUBMITTED,
                  submitted_at=now)  # fmt: skip
    try:
        return claim_make(claim, lines) is not None
    except (ValidationError, IntegrityError):
        logger.exception("payments: the claim from %s could not be made", source)
        return False


def _local_date(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def involvement_claims_make(*, now: datetime | None = None) -> int:
    """Make every claim for time that is due and not yet made, for members who chose to be paid
    (or to give their payment away). Within the claim deadline only; without a rate, nothing."""
    now = now or timezone.now()
    since = earliest_claimable(timezone.localdate(now))
    choices = {
        (person_id, panel_id): (choice, paid_from)
        for person_id, panel_id, choice, paid_from in PaymentChoice.objects.exclude(choice=Choice.DECLINE)
        .values_list("person_id", "panel_id", "choice", "paid_from")
    }  # fmt: skip
    if not choices:
        return 0
    made_already = set(Claim.objects.filter(kind=ClaimKind.INVOLVEMENT, happened_on__gte=since)
                       .values_list("source", flat=True))  # fmt: skip
    made = 0
    made += _from_meetings(choices, made_already, since, now)
    made += _from_written_answers(choices, made_already, since, now)
    made += _from_interview_panels(choices, made_already, since, now)
    if made:
        logger.info("payments: %s claims for time made", made)
    return made


def _from_meetings(choices, made_already, since, now) -> int:
    made = 0
    present = (
        Invitation.objects.filter(attendance=Attendance.PRESENT, meeting__ends_at__lte=now,
                                  meeting__starts_at__date__gte=since, person_id__in={p for p, _ in choices})
        .exclude(meeting__status=MeetingStatus.CANCELLED).select_related("meeting")
        .prefetch_related("meeting__panels").order_by("meeting__starts_at", "id")
    )  # fmt: skip
    for invitation in present:
        meeting, person_id = invitation.meeting, invitation.person_id
        source = f"meeting:{meeting.pk}:{person_id}"
        panel = next((p for p in meeting.panels.all() if (person_id, p.pk) in choices), None)
        if source in made_already or panel is None:
            continue
        on = _local_date(meeting.starts_at)
        lines = [
            _time_line(Activity.MEETING, on, meeting.minutes_long, meeting.title),
            _time_line(Activity.PREPARATION, on, 60, f"Reading and preparing for {meeting.title}"),
        ]
        made += _claim(person_id, panel.pk, choices[(person_id, panel.pk)], source, f"Meeting: {meeting.title}",
                       on, lines, now)  # fmt: skip
    return made


def _from_written_answers(choices, made_already, since, now) -> int:
    made = 0
    answered = (
        WrittenAnswer.objects.values("engagement_id", "engagement__panel_id", "engagement__request__title",
                                     "person_id")
        .annotate(first=Min("created_at")).filter(first__date__gte=since).order_by("first")
    )  # fmt: skip
    for row in answered:
        key = (row["person_id"], row["engagement__panel_id"])
        source = f"written:{row['engagement_id']}:{row['person_id']}"
        if source in made_already or key not in choices:
            continue
        on, title = _local_date(row["first"]), row["engagement__request__title"]
        lines = [_time_line(Activity.WRITTEN, on, 60, f"Answering the written consultation on {title}")]
        made += _claim(*key, choices[key], source, f"Written consultation: {title}", on, lines, now)
    return made


def _from_interview_panels(choices, made_already, since, now) -> int:
    """One claim for each day a member interviewed for a round, for the times they were on."""
    days: dict[tuple, int] = defaultdict(int)
    sat = (
        InterviewScorecard.objects.filter(submitted_at__isnull=False, interview__slot__starts_at__date__gte=since,
                                          interview__slot__starts_at__lte=now)
        .select_related("interview__slot", "interview__application__round")
    )  # fmt: skip
    for card in sat:
        slot, round_ = card.interview.slot, card.interview.application.round
        days[(card.interviewer_id, round_.panel_id, round_.pk, _local_date(slot.starts_at), round_.title)] += (
            slot.minutes
        )
    made = 0
    for (person_id, panel_id, round_id, on, title), minutes in days.items():
        key, source = (person_id, panel_id), f"interviews:{round_id}:{on.isoformat()}:{person_id}"
        if source in made_already or key not in choices:
            continue
        lines = [_time_line(Activity.INTERVIEW_PANEL, on, minutes, f"Interviewing for {title}")]
        made += _claim(*key, choices[key], source, f"Interview panel: {title}", on, lines, now)
    return made


@transaction.atomic
def involvement_claim_add(*, actor: User, person: User, panel: Panel, activity: str, minutes: int,
                          happened_on: date, about: str) -> Claim:  # fmt: skip
    """A coordinator adds a claim for time the service could not see (training, say)."""
    require(actor, "payments.add_claim_for", panel)
    if not is_member_of(person, panel):
        raise ValidationError({"person": "Choose a current member of the panel"})
    if person.pk == actor.pk:
        raise ValidationError({"person": "Ask another coordinator to add a claim for you"})
    choice = PaymentChoice.objects.filter(person=person, panel=panel).values_list("choice", flat=True).first()
    if choice is None:
        raise ValidationError({"person": "They have not yet said whether they want to be paid for their time"})
    if choice == Choice.DECLINE:
        raise ValidationError({"person": "They have chosen not to be paid for their time"})
    if happened_on > timezone.localdate():
        raise ValidationError({"happened_on": "The date must be today or in the past"})
    if happened_on < earliest_claimable():
        raise ValidationError({"happened_on": "That is too long ago to claim for"})
    line = _time_line(activity, happened_on, minutes, about)
    if line is None:
        raise ValidationError(
            {"activity": "There is no rate for this activity on that date, or it pays nothing for so short a time"}
        )
    claim = Claim(person=person, panel=panel, kind=ClaimKind.INVOLVEMENT, about=about, happened_on=happened_on,
                  donate=choice == Choice.DONATE, status=ClaimStatus.SUBMITTED, submitted_at=timezone.now(),
                  created_by=actor)  # fmt: skip
    claim_make(claim, [line], actor=actor)
    logger.info("claim %s added for person %s by %s", claim.pk, person.pk, actor.pk)
    return claim
