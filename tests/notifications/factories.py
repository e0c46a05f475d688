from django.db import transaction
from django.utils import timezone

from notifications import services
from notifications.kinds import CONSENT_RECEIPT
from notifications.models import ConsentDecision, ConsentPurpose, ConsentRecord, Message, MessageStatus

OPPORTUNITY = {"title": "A new panel place", "summary": "We need 2 members.", "url": "/panels/race/"}


def an_opportunity(person, key: str = "opportunity:1", **kwargs) -> Message:
    """A message telling `person` about a new panel place, which needs their consent to be sent."""
    return services.message_queue(
        kind="notifications.future_opportunity", recipient=person, context={"name": person.full_name, **OPPORTUNITY},
        idempotency_key=key, **kwargs,
    )  # fmt: skip


def opportunities_consent(person, decision: str = ConsentDecision.GIVEN) -> ConsentRecord:
    """`person`'s answer to hearing about future opportunities, against the wording in force. Its
    receipt is marked sent at once, as for a decision made some time ago, so a test of delivery sees
    only the messages it sends itself (tests/notifications/test_receipts.py follows receipts)."""
    wording = services.consent_wording_current(ConsentPurpose.FUTURE_OPPORTUNITIES)
    with transaction.atomic():
        record = services.consent_apply(person=person, wording=wording, decision=decision)
        Message.objects.filter(idempotency_key=f"{CONSENT_RECEIPT.key}:{record.pk}").update(
            status=MessageStatus.SENT, sent_at=timezone.now()
        )
    return record
