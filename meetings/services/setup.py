"""Setting a meeting up, changing it and cancelling it. A change of time or place sends everyone
invited an update their calendar understands; a cancellation, a cancellation."""

import logging
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.access import require
from accounts.models import User
from meetings import calendar
from meetings.models import (
    Meeting,
    MeetingFormat,
    MeetingStatus,
)
from members.models import (
    Panel,
)
from notifications.services import message_cancel_pending

from . import arrangements, common, invitations

logger = logging.getLogger(__name__)


# What a change of these means for invitations already sent: an update with a higher SEQUENCE.
CALENDAR_FIELDS = ["title", "starts_at", "ends_at", "format", "venue", "room", "online_link"]


def _validate_place(meeting: Meeting) -> None:
    errors = {}
    if meeting.in_the_room and meeting.venue_id is None:
        errors["venue"] = "Choose where the meeting is"
    if meeting.online and not meeting.online_link:
        errors["online_link"] = "Enter the link people use to join online"
    if errors:
        raise ValidationError(errors)


MOST_REMINDER_DAYS = 60


def _reminder_days_check(days) -> list[int]:
    """Days before the meeting to remind people coming: each from 1 to 60, latest first."""
    days = sorted({int(day) for day in days}, reverse=True)
    if any(not 1 <= day <= MOST_REMINDER_DAYS for day in days):
        raise ValidationError({"reminder_days": f"Each reminder must be from 1 to {MOST_REMINDER_DAYS} days before"})
    return days


@transaction.atomic
def meeting_create(
    *,
    actor: User,
    panels: list[Panel],
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    format: str = MeetingFormat.IN_PERSON,
    venue=None,
    room: str = "",
    online_link: str = "",
    description: str = "",
    reminder_days: list[int] | None = None,
) -> Meeting:
    """A meeting of one or more panels. The actor must coordinate every panel it is for. Its
    reminders are MEETING_REMINDER_DAYS unless `reminder_days` says otherwise."""
    if not panels:
        raise ValidationError({"panels": "Choose the panels this meeting is for"})
    for panel in panels:
        require(actor, "meetings.create_for_panel", panel)
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": "The meeting must start in the future"})
    meeting = Meeting(
        title=title.strip(), starts_at=starts_at, ends_at=ends_at, format=format, venue=venue, room=room.strip(),
        online_link=online_link.strip(), description=description.strip(), created_by=actor,
        reminder_days=_reminder_days_check(settings.MEETING_REMINDER_DAYS if reminder_days is None else reminder_days),
    )  # fmt: skip
    _validate_place(meeting)
    common.save_with_history(meeting, actor, "created")
    meeting.panels.set(panels)
    logger.info("meeting %s created by person %s", meeting.pk, actor.pk)
    return meeting


@transaction.atomic
def meeting_change(*, actor: User, meeting: Meeting, reason: str = "", **fields) -> Meeting:
    """Change the details. If the time or place changed and people are invited, each is sent an
    update (the same calendar event, a higher SEQUENCE); their reminders and the book-by dates move."""
    require(actor, "meetings.manage_meeting", meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_cancelled:
        raise ValidationError("This meeting has been cancelled, so it cannot be changed.")
    unknown = set(fields) - {*CALENDAR_FIELDS, "description", "reminder_days"}
    if unknown:
        raise TypeError(f"Unknown meeting fields: {sorted(unknown)}")
    if "reminder_days" in fields:
        fields["reminder_days"] = _reminder_days_check(fields["reminder_days"])
        if fields["reminder_days"] != meeting.reminder_days:
            fields["reminders_version"] = meeting.reminders_version + 1
    changed = [name for name, value in fields.items() if getattr(meeting, name) != value]
    if not changed:
        return meeting
    for name in changed:
        setattr(meeting, name, fields[name])
    if "starts_at" in changed and meeting.starts_at <= timezone.now():
        raise ValidationError({"starts_at": "The meeting must start in the future"})
    _validate_place(meeting)
    resend = bool(set(changed) & set(CALENDAR_FIELDS)) and meeting.invitations.exists()
    if resend:
        meeting.sequence += 1
        changed.append("sequence")
    common.save_with_history(meeting, actor, reason.strip() or "details changed", changed)
    if resend:
        about = common.about_meeting(meeting)
        for invitation in invitations.send_to_everyone_invited(meeting, kind="meetings.update"):
            invitations.schedule_reminders(invitation, about)
        arrangements.arrangements_refresh(meeting=meeting)
    elif "reminder_days" in changed:  # only the reminders move: nothing for the members to hear
        about = common.about_meeting(meeting)
        for invitation in meeting.invitations.select_related("person"):
            invitation.meeting = meeting
            invitations.schedule_reminders(invitation, about)
    logger.info("meeting %s changed by person %s (%s)", meeting.pk, actor.pk, ", ".join(changed))
    return meeting


@transaction.atomic
def meeting_cancel(*, actor: User, meeting: Meeting, reason: str) -> Meeting:
    """Cancel a meeting: everyone invited is sent a cancellation their calendar understands
    (METHOD:CANCEL), and reminders not yet sent are cancelled."""
    require(actor, "meetings.manage_meeting", meeting)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the meeting is cancelled"})
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_cancelled:
        return meeting
    meeting.status, meeting.cancelled_reason = MeetingStatus.CANCELLED, reason.strip()
    meeting.sequence += 1
    common.save_with_history(meeting, actor, reason.strip(), ["status", "cancelled_reason", "sequence"])
    # What waits to be printed or phoned about the meeting going ahead no longer holds.
    waiting_kinds = ["meetings.invitation:", "meetings.update:", "meetings.reinstated:", "arrangements:"]
    for waiting in ["reminder:", "book-by:", *waiting_kinds]:
        message_cancel_pending(key_prefix=f"{common.message_key(meeting)}{waiting}")
    invitations.send_to_everyone_invited(meeting, kind="meetings.cancellation", method=calendar.CANCEL)
    arrangements.bookings_to_cancel(actor=actor, meeting=meeting)
    logger.info("meeting %s cancelled by person %s", meeting.pk, actor.pk)
    return meeting


@transaction.atomic
def meeting_reinstate(*, actor: User, meeting: Meeting, reason: str) -> Meeting:
    """A cancelled meeting goes ahead after all: everyone invited is sent the same calendar event
    again (a higher SEQUENCE), replies stand, people coming are reminded again, and each booking not
    yet cancelled with its supplier stands; one that was cancelled is to book again."""
    require(actor, "meetings.manage_meeting", meeting)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the meeting is going ahead"})
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not meeting.is_cancelled:
        raise ValidationError("This meeting is not cancelled.")
    if meeting.starts_at <= timezone.now():
        raise ValidationError("This meeting's time has passed. Set up a new meeting instead.")
    meeting.status, meeting.cancelled_reason = MeetingStatus.SCHEDULED, ""
    meeting.sequence += 1
    common.save_with_history(meeting, actor, reason.strip(), ["status", "cancelled_reason", "sequence"])
    message_cancel_pending(key_prefix=f"{common.message_key(meeting)}meetings.cancellation:")
    about = common.about_meeting(meeting)
    for invitation in invitations.send_to_everyone_invited(meeting, kind="meetings.reinstated"):
        invitations.schedule_reminders(invitation, about)
    arrangements.bookings_reinstate(actor=actor, meeting=meeting)
    logger.info("meeting %s reinstated by person %s", meeting.pk, actor.pk)
    return meeting
