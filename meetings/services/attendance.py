"""After the meeting: who was there, and the minutes."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.access import require
from accounts.models import User
from meetings.models import (
    AgendaItem,
    Attendance,
    ItemInterest,
    Meeting,
)

from . import common

logger = logging.getLogger(__name__)


@transaction.atomic
def attendance_record(*, actor: User, meeting: Meeting, attendance: dict[int, str], minutes: str = "") -> Meeting:
    """After the meeting: who was there (present, apologies, absent), and the minutes."""
    require(actor, "meetings.manage_meeting", meeting)
    if meeting.starts_at > timezone.now():
        raise ValidationError("Attendance can be recorded once the meeting has started.")
    if meeting.is_cancelled:
        raise ValidationError("This meeting was cancelled.")
    valid = {choice for choice, _ in Attendance.choices}
    invitations = {inv.pk: inv for inv in meeting.invitations.all()}
    for invitation_id, value in attendance.items():
        invitation = invitations.get(invitation_id)
        if invitation is None:
            raise ValidationError("Someone who was not invited cannot be marked.")
        if value not in valid:
            raise ValidationError({"attendance": "Choose present, apologies or absent"})
        if invitation.attendance != value:
            invitation.attendance = value
            invitation._history_user = actor
            invitation.save(update_fields=["attendance"])
    if minutes.strip() != meeting.minutes:
        meeting.minutes = minutes.strip()
        common.save_with_history(meeting, actor, "minutes", ["minutes"])
    return meeting


@transaction.atomic
def item_interest_record(*, actor: User, item: AgendaItem, person: User, interest: str) -> ItemInterest:
    """A member declares an interest in one item at the meeting; the coordinator records it, and the
    minutes list it."""
    meeting = Meeting.objects.get(pk=item.meeting_id)
    require(actor, "meetings.manage_meeting", meeting)
    if meeting.starts_at > timezone.now() or meeting.is_cancelled:
        raise ValidationError("Interests are recorded at the meeting, once it has started.")
    if not meeting.invitations.filter(person=person).exists():
        raise ValidationError({"person": "Choose someone invited to the meeting"})
    if not interest.strip():
        raise ValidationError({"interest": "Say what the interest is"})
    declared = ItemInterest(item=item, person=person, interest=interest.strip(), recorded_by=actor)
    declared._history_user = actor
    declared.full_clean()
    declared.save()
    logger.info("interest %s in agenda item %s recorded for person %s by person %s", declared.pk, item.pk,
                person.pk, actor.pk)  # fmt: skip
    return declared
