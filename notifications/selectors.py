from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils import timezone

from .models import (
    Channel,
    ConsentDecision,
    ConsentPurpose,
    ConsentRecord,
    ConsentWording,
    ContactPreferenceRecord,
    Message,
    MessageStatus,
)


def consent_in_force(*, person_id: int, purpose: str, at=None) -> ConsentRecord | None:
    """The person's latest decision about a purpose at a moment, or None if they never decided."""
    at = at or timezone.now()
    return (
        ConsentRecord.objects.filter(person_id=person_id, purpose=purpose, recorded_at__lte=at)
        .order_by("-recorded_at", "-id")
        .first()
    )


def has_consent(*, person_id: int, purpose: str, at=None) -> bool:
    record = consent_in_force(person_id=person_id, purpose=purpose, at=at)
    return record is not None and record.decision == ConsentDecision.GIVEN


def people_consenting(person_ids, *, purpose: str) -> set[int]:
    """Of these people, those whose decision in force about `purpose` is to give it: one query."""
    latest: dict[int, str] = {}
    records = ConsentRecord.objects.filter(
        person_id__in=list(person_ids), purpose=purpose, recorded_at__lte=timezone.now()
    )
    for person_id, decision in records.order_by("person_id", "-recorded_at", "-id").values_list(
        "person_id", "decision"
    ):
        latest.setdefault(person_id, decision)
    return {person_id for person_id, decision in latest.items() if decision == ConsentDecision.GIVEN}


def consents_of(person) -> list[dict]:
    """For each purpose: the decision in force (with the words the person saw) and the current
    wording, in two queries."""
    latest: dict[str, ConsentRecord] = {}
    for record in ConsentRecord.objects.filter(person=person).select_related("wording").order_by("recorded_at", "id"):
        latest[record.purpose] = record
    current: dict[str, ConsentWording] = {}
    for wording in ConsentWording.objects.order_by("purpose", "version"):
        current[wording.purpose] = wording
    return [
        {"purpose": purpose, "record": latest.get(purpose), "wording": current.get(purpose)}
        for purpose in ConsentPurpose
    ]


def consent_receipts_of(person) -> QuerySet[ConsentRecord]:
    """Every decision the person made, newest first: each has its receipt."""
    return ConsentRecord.objects.filter(person=person).order_by("-sequence")


def contact_preference_in_force(person) -> ContactPreferenceRecord | None:
    return ContactPreferenceRecord.objects.filter(person=person).order_by("-recorded_at", "-id").first()


def messages_needing_attention() -> QuerySet[Message]:
    return (
        Message.objects.filter(status__in=[MessageStatus.FAILED, MessageStatus.SUPPRESSED])
        .select_related("recipient")
        .order_by("-updated_at", "-id")
    )


def letters_waiting() -> QuerySet[Message]:
    """Letters to print now; a reminder due later waits until its day."""
    return (
        Message.objects.filter(channel=Channel.LETTER, status=MessageStatus.QUEUED, due_at__lte=timezone.now())
        .select_related("recipient")
        .order_by("due_at", "id")
    )


def calls_waiting(topics: list[str] | None = None) -> QuerySet[Message]:
    """Calls to make now for people who asked to be phoned, oldest first, each with its tries so
    far; only those about `topics` (a coordinator's panels) when given."""
    calls = Message.objects.filter(channel=Channel.PHONE, status=MessageStatus.QUEUED, due_at__lte=timezone.now())
    if topics is not None:
        calls = calls.filter(topic__in=topics)
    return calls.select_related("recipient").prefetch_related("call_attempts__recorded_by").order_by("due_at", "id")


@dataclass(frozen=True)
class Delivery:
    """How the messages about one thing (a meeting, say) went: how many in each state, and the
    ones that could not be delivered, each with why."""

    sent: int
    waiting: int  # to be sent, printed or called
    failed: int
    stopped: int  # suppressed: consent withdrawn, or no way to reach them
    not_delivered: list[Message]
    letters_to_print: int = 0  # of those waiting
    calls_to_make: int = 0

    @property
    def total(self) -> int:
        return self.sent + self.waiting + self.failed + self.stopped

    @property
    def finished(self) -> bool:
        """Nothing left for the outbox to send; letters and calls wait for people, not for it."""
        return self.waiting == self.letters_to_print + self.calls_to_make


def delivery_of(key_prefix: str = "", *, reference: str = "") -> Delivery:
    """The messages whose keys start with `key_prefix`, as the sending app names them, or that carry
    `reference`: two queries."""
    if bool(key_prefix) == bool(reference):
        raise TypeError("Give a key prefix or a reference")
    if reference:
        messages = Message.objects.filter(reference=reference)
    else:
        messages = Message.objects.filter(idempotency_key__startswith=key_prefix)
    by_channel = messages.order_by().values_list("status", "channel").annotate(n=Count("pk"))
    counts, waiting_by = Counter(), Counter()
    for status, channel, n in by_channel:
        counts[status] += n
        if status == MessageStatus.QUEUED:
            waiting_by[channel] += n
    return Delivery(
        sent=counts.get(MessageStatus.SENT, 0),
        waiting=counts.get(MessageStatus.QUEUED, 0) + counts.get(MessageStatus.SENDING, 0),
        letters_to_print=waiting_by[Channel.LETTER],
        calls_to_make=waiting_by[Channel.PHONE],
        failed=counts.get(MessageStatus.FAILED, 0),
        stopped=counts.get(MessageStatus.SUPPRESSED, 0),
        not_delivered=list(
            messages.filter(status=MessageStatus.FAILED)
            .select_related("recipient")
            .order_by("recipient__full_name", "id")
        ),
    )
