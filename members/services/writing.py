"""Writing to a panel: a coordinator writes a message (with an easy read version and a document if
they like), previews it as each person will get it, and sends it to every current member or to
those chosen. Each person's copy goes through the outbox the way they asked to be contacted."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts import uploads
from accounts.access import require
from accounts.models import User
from members.messages import PANEL_MESSAGE, PANEL_MESSAGE_WITH_DOCUMENT
from members.models import Membership, MembershipStatus, Panel, PanelMessage
from notifications.services import messages_queue_many

logger = logging.getLogger(__name__)

MANAGE = "members.manage_memberships"


def attachment_check(upload) -> None:
    """Whether the file may be sent with a message: ValidationError in the person's words if not.
    Judged by its content, as meeting papers are (accounts.uploads)."""
    uploads.checked_upload(upload, uploads.ATTACHMENT)


def _chosen_check(panel: Panel, to_everyone: bool, chosen) -> list[Membership]:
    if to_everyone:
        return []
    chosen = list(chosen)
    if not chosen:
        raise ValidationError({"chosen": "Choose at least one member to write to"})
    if any(m.panel_id != panel.pk or m.status == MembershipStatus.ENDED for m in chosen):
        raise ValidationError({"chosen": "Choose only current members of this panel"})
    return chosen


def _fill(message: PanelMessage, *, subject: str, body: str, easy_read: str, to_everyone: bool) -> None:
    message.subject = subject.strip()
    message.body = body.strip()
    message.easy_read = easy_read.strip()
    message.to_everyone = to_everyone
    errors = {}
    if not message.subject:
        errors["subject"] = "Enter a subject"
    if not message.body:
        errors["body"] = "Enter the message"
    if errors:
        raise ValidationError(errors)
    message.full_clean(exclude=["attachment"])


@transaction.atomic
def panel_message_write(
    *, actor: User, panel: Panel, subject: str, body: str, easy_read: str = "", attachment=None,
    to_everyone: bool = True, chosen=(),
) -> PanelMessage:  # fmt: skip
    """A message to the panel, kept to preview before it is sent."""
    require(actor, MANAGE, panel)
    chosen = _chosen_check(panel, to_everyone, chosen)
    if attachment:
        attachment_check(attachment)
    message = PanelMessage(panel=panel, written_by=actor)
    _fill(message, subject=subject, body=body, easy_read=easy_read, to_everyone=to_everyone)
    if attachment:
        message.attachment = attachment
    message._history_user = actor
    message.save()
    message.chosen.set(chosen)
    logger.info("panel message %s written for panel %s by %s", message.pk, panel.pk, actor.pk)
    return message


def _unsent(message: PanelMessage) -> PanelMessage:
    """The message, locked; refused once it has been sent (each person's copy is already theirs)."""
    message = PanelMessage.objects.select_for_update().select_related("panel").get(pk=message.pk)
    if message.sent_at is not None:
        raise ValidationError("This message has been sent, so it can no longer be changed.")
    return message


@transaction.atomic
def panel_message_change(
    *, actor: User, message: PanelMessage, subject: str, body: str, easy_read: str = "", attachment=None,
    remove_attachment: bool = False, to_everyone: bool = True, chosen=(),
) -> PanelMessage:  # fmt: skip
    """Change a message before it is sent. A new document replaces the old one."""
    require(actor, MANAGE, message.panel)
    message = _unsent(message)
    chosen = _chosen_check(message.panel, to_everyone, chosen)
    if attachment:
        attachment_check(attachment)
    _fill(message, subject=subject, body=body, easy_read=easy_read, to_everyone=to_everyone)
    old = message.attachment.name if message.attachment else ""
    if attachment:
        message.attachment = attachment
    elif remove_attachment:
        message.attachment = ""
    message._history_user = actor
    message.save()
    message.chosen.set(chosen)
    if old and old != message.attachment.name:
        storage, name = message.attachment.storage, old
        transaction.on_commit(lambda: storage.delete(name))
    return message


def panel_message_recipients(message: PanelMessage) -> list[Membership]:
    """Who it goes to now: every current member, or those chosen who are still members. A person
    with two places on the panel (a member who is also vice-chair) is written to once."""
    memberships = (
        Membership.objects.filter(panel_id=message.panel_id)
        .exclude(status=MembershipStatus.ENDED)
        .select_related("person")
        .order_by("person__full_name", "id")
    )
    if not message.to_everyone:
        memberships = memberships.filter(pk__in=message.chosen.all())
    seen, recipients = set(), []
    for membership in memberships:
        if membership.person_id not in seen:
            seen.add(membership.person_id)
            recipients.append(membership)
    return recipients


def panel_message_kind(message: PanelMessage) -> str:
    return (PANEL_MESSAGE_WITH_DOCUMENT if message.attachment else PANEL_MESSAGE).key


def panel_message_context(message: PanelMessage) -> dict:
    """The plain data each copy is rendered from. A document is named by where it is stored, never
    carried in the row: the outbox attaches it to emails, and prints it after letters, when it
    delivers each copy."""
    context = {"subject": message.subject, "body": message.body, "easy_read": message.easy_read,
               "panel_name": message.panel.name}  # fmt: skip
    if message.attachment:
        # One version of the document, printed for everyone: a letter offers another format by phone.
        every_format = dict.fromkeys(["standard", "large_print", "easy_read"], message.attachment.name)
        context["papers"] = [{"title": message.attachment_name, "files": every_format, "attach": True}]
    return context


@transaction.atomic
def panel_message_send(*, actor: User, message: PanelMessage) -> int:
    """Queue a copy for each person it is to: returns how many. Sending twice is refused."""
    require(actor, MANAGE, message.panel)
    message = _unsent(message)
    recipients = panel_message_recipients(message)
    if not recipients:
        raise ValidationError("Nobody is left to send this to: the members chosen have left the panel.")
    context, panel, kind = panel_message_context(message), message.panel, panel_message_kind(message)
    messages_queue_many(
        [
            {"kind": kind, "recipient": membership.person, "topic": panel.topic,
             "context": {**context, "name": membership.person.full_name},
             "idempotency_key": f"{message.message_key}{membership.person_id}", "reply_to": panel.mailbox}
            for membership in recipients
        ]
    )  # fmt: skip
    message.sent_by, message.sent_at, message.recipient_count = actor, timezone.now(), len(recipients)
    message._history_user = actor
    message._change_reason = "sent"
    message.save(update_fields=["sent_by", "sent_at", "recipient_count"])
    logger.info("panel message %s sent to %s people by %s", message.pk, len(recipients), actor.pk)
    return len(recipients)
