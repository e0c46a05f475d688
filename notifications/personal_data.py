"""What `notifications` holds about people (see accounts.personal_data), and `notifications_data_of`."""

from functools import partial

from accounts.personal_data import NotPersonal, Personal, Section, sections

from . import kinds
from .models import CallAttempt, ConsentRecord, ContactPreferenceRecord, Message
from .rendering import without_secrets

DECLARED = {
    # The words, subject and context are kept out of the message's history (they are in the row).
    "notifications.Message": Personal(
        of="recipient",
        fields=(
            "kind",
            "channel",
            "to_address",
            "purpose",
            "status",
            "status_reason",
            "due_at",
            "sent_at",
            "delivered_format",
            "created_at",
            "subject",
            "body_text",
            "body_html",
            "context",
        ),
        # How delivery went about it: keys, claims and retries.
        kept_out=(
            "idempotency_key",
            "header_digest",
            "channel_fixed",
            "topic",
            "reference",
            "reply_to",
            "enqueued_at",
            "claimed_until",
            "claim_token",
            "attempts",
            "first_tried_at",
            "lost_claims",
            "last_error",
            "updated_at",
        ),
    ),  # fmt: skip
    "notifications.CallAttempt": Personal(
        of="message__recipient", fields=("outcome", "notes", "recorded_at"), names=("recorded_by",)
    ),
    "notifications.BslVideo": NotPersonal("Links to BSL videos of what each kind of message says."),
    "notifications.ConsentWording": NotPersonal("The words people are asked to agree to, one version after another."),
    "notifications.ConsentRecord": Personal(
        of="person",
        fields=("purpose", "wording", "decision", "method", "on_behalf_by", "recorded_at", "sequence"),
        names=("recorded_by",),
        kept_out=("previous_hash", "row_hash"),
    ),  # fmt: skip
    "notifications.ContactPreferenceRecord": Personal(
        of="person", fields=("channel", "format", "method", "on_behalf_by", "recorded_at"), names=("recorded_by",)
    ),
}


def notifications_data_of(person) -> list[Section]:
    """Every message to the person, with its words, and every consent and contact choice they made."""
    read = partial(sections, DECLARED, person)
    return [
        *[
            _without_secrets(found)
            for found in read(Message, Message.objects.filter(recipient=person), "Messages to you")
        ],
        *read(CallAttempt, CallAttempt.objects.filter(message__recipient=person), "Calls we made to you"),
        *read(ConsentRecord, ConsentRecord.objects.filter(person=person), "Your consents"),
        *read(
            ContactPreferenceRecord,
            ContactPreferenceRecord.objects.filter(person=person),
            "How you asked us to contact you",
        ),  # fmt: skip
    ]


def _without_secrets(found: Section) -> Section:
    """A message still to be sent keeps its one-time links and codes until it goes; a copy of the
    person's data never carries them (whoever holds the copy could use them)."""
    for row in found.rows:
        if isinstance(row.get("context"), dict) and row.get("kind"):
            try:
                kind = kinds.get(row["kind"])
            except KeyError:
                continue
            row["context"] = without_secrets(kind, row["context"])
    return found
