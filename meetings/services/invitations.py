"""Inviting members and their replies, with a calendar file and links to reply, and reminders as
rows due on their day."""

import logging
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.access import require
from accounts.models import User
from meetings import calendar, links
from meetings.models import (
    Invitation,
    Meeting,
    Reply,
)
from meetings.selectors import members_to_invite
from notifications.services import message_cancel_pending, message_queue, messages_queue_many

from . import arrangements, common

logger = logging.getLogger(__name__)


def _invitation_message(
    invitation: Invitation, about: common.About, *, kind: str = "meetings.invitation", method: str = calendar.REQUEST
) -> dict:
    """One person's invitation, update or cancellation, as `message_queue`'s arguments."""
    meeting, person = invitation.meeting, invitation.person
    context = {**common.details_for(invitation, about), "agenda": about.agenda}
    if method == calendar.REQUEST:
        context["attending_url"] = links.reply_url(invitation, Reply.ATTENDING)
        context["not_attending_url"] = links.reply_url(invitation, Reply.NOT_ATTENDING)
    else:
        context["reason"] = meeting.cancelled_reason
    if person.email:
        context["attachments"] = [{
            "filename": "cancelled.ics" if method == calendar.CANCEL else "invitation.ics",
            "content_type": "text/calendar", "params": {"method": method},
            "content": calendar.for_attendee(about.calendar(meeting, method), person.email),
        }]  # fmt: skip
    return {
        "kind": kind, "recipient": person, "topic": about.topic, "reply_to": about.reply_to, "context": context,
        "idempotency_key": f"{common.message_key(meeting)}{kind}:{invitation.pk}:{meeting.sequence}",
    }  # fmt: skip


def send_to_everyone_invited(meeting: Meeting, *, kind: str, method: str = calendar.REQUEST) -> list[Invitation]:
    about = common.about_meeting(meeting)
    invitations = list(meeting.invitations.select_related("person"))
    for invitation in invitations:
        invitation.meeting = meeting
    messages_queue_many([_invitation_message(i, about, kind=kind, method=method) for i in invitations])
    return invitations


@transaction.atomic
def meeting_invite(*, actor: User, meeting: Meeting) -> int:
    """Invite every current member of the meeting's panels not yet invited: one message each,
    with a calendar file and links to reply. Inviting again invites only those joined since."""
    require(actor, "meetings.manage_meeting", meeting)
    if meeting.is_cancelled or meeting.has_finished:
        raise ValidationError("Only a meeting still to come can have invitations sent.")
    already = meeting.invitations.values("person")
    people = list(members_to_invite(meeting).exclude(pk__in=already))
    Invitation.objects.bulk_create([Invitation(meeting=meeting, person=person) for person in people])
    invitations = list(meeting.invitations.filter(person__in=people).select_related("person"))
    about = common.about_meeting(meeting)
    for invitation in invitations:
        invitation.meeting = meeting
    messages_queue_many([_invitation_message(invitation, about) for invitation in invitations])
    logger.info("meeting %s: %s invited by person %s", meeting.pk, len(people), actor.pk)
    return len(people)


@transaction.atomic
def invitation_reply(
    *, invitation: Invitation, reply: str, apologies: str = "", actor: User | None = None
) -> Invitation:
    """The person's reply, from a signed link in their invitation (actor None: the link proves who
    they are) or from their meeting page. They can change it until the meeting ends."""
    if actor is not None and actor.pk != invitation.person_id:
        raise PermissionDenied
    invitation = Invitation.objects.select_for_update().select_related("meeting", "person").get(pk=invitation.pk)
    meeting = invitation.meeting
    if meeting.is_cancelled:
        raise ValidationError("This meeting has been cancelled.")
    if meeting.has_finished:
        raise ValidationError("This meeting has finished, so replies are closed.")
    if reply not in (Reply.ATTENDING, Reply.NOT_ATTENDING):
        raise ValidationError({"reply": "Say whether you are coming"})
    apologies = apologies.strip()  # apologies, or a comment with any reply: kept for the coordinator
    if (invitation.reply, invitation.apologies) == (reply, apologies):
        return invitation
    invitation.reply, invitation.apologies, invitation.replied_at = reply, apologies, timezone.now()
    invitation._history_user = invitation.person
    invitation._change_reason = "reply"
    invitation.full_clean()
    invitation.save(update_fields=["reply", "apologies", "replied_at"])
    schedule_reminders(invitation)
    arrangements.arrangements_refresh(meeting=meeting)
    logger.info("invitation %s: reply %s", invitation.pk, reply)
    return invitation


def schedule_reminders(invitation: Invitation, about: common.About | None = None) -> None:
    """Reminders a set number of days before, for people coming, as rows due on the day. Each reply
    gets reminders of its own: a reply changed back to coming is reminded again, not matched with
    the reminders cancelled when it changed away."""
    meeting = invitation.meeting
    prefix = f"{common.message_key(meeting)}reminder:{invitation.pk}:"
    message_cancel_pending(key_prefix=prefix)
    replied = f"{invitation.replied_at:%Y%m%d%H%M%S%f}" if invitation.replied_at else "invited"
    if invitation.reply != Reply.ATTENDING or meeting.is_cancelled:
        return
    day = timezone.localtime(meeting.starts_at, common.LONDON).date()
    about = about or common.about_meeting(meeting)
    for days in meeting.reminder_days:
        due = common.morning(day - timedelta(days=days))
        if due <= timezone.now():
            continue
        message_queue(
            kind="meetings.reminder", recipient=invitation.person, due_at=due, topic=about.topic,
            reply_to=about.reply_to,
            idempotency_key=f"{prefix}{meeting.sequence}.{meeting.reminders_version}:{replied}:{days}",
            context={**common.details_for(invitation, about), "days": days},
        )  # fmt: skip
