"""Retention in `notifications`: the words of messages sent long ago, blanked (or the messages
deleted) by the privacy app's daily job as the system (see recruitment.services.retention). The
ledgers of consents and contact choices are kept: they are the record of what people decided."""

import logging
from datetime import datetime

from django.db import transaction
from django.db.models import Case, Q, QuerySet, Value, When
from django.utils import timezone

from .models import Channel, Message, MessageStatus

logger = logging.getLogger(__name__)

# A message still to be sent keeps its words whatever its age.
DONE = [MessageStatus.SENT, MessageStatus.FAILED, MessageStatus.SUPPRESSED, MessageStatus.CANCELLED]
# An email row must name an address (outbox_email_has_address): once its own is removed, it names
# this one, which can never receive anything (.invalid is reserved for that).
REMOVED_ADDRESS = "removed@address.invalid"
HAS_WORDS = (
    ~Q(subject="") | ~Q(body_text="") | ~Q(body_html="") | ~Q(to_address__in=["", REMOVED_ADDRESS]) | ~Q(context={})
)


def message_words_due(before: datetime, *, held: set[int]) -> QuerySet[Message]:
    return (
        Message.objects.filter(HAS_WORDS, created_at__lt=before, status__in=DONE)
        .exclude(recipient__in=held)
        .order_by("pk")
    )


@transaction.atomic
def messages_anonymise(messages: QuerySet[Message]) -> int:
    """What each message said, to which address, goes; that it was sent, when and how stays, so
    delivery can still be counted."""
    ids = list(messages.values_list("pk", flat=True))
    address = Case(When(channel=Channel.EMAIL, then=Value(REMOVED_ADDRESS)), default=Value(""))
    count = Message.objects.filter(pk__in=ids).update(
        subject="", body_text="", body_html="", to_address=address, context={}, updated_at=timezone.now()
    )
    Message.history.model.objects.filter(id__in=ids).update(to_address=address)
    logger.info("retention: words of %s messages removed", count)
    return count


@transaction.atomic
def messages_delete(messages: QuerySet[Message]) -> int:
    ids = list(messages.values_list("pk", flat=True))
    count = Message.objects.filter(pk__in=ids).delete()[0]
    Message.history.model.objects.filter(id__in=ids).delete()
    logger.info("retention: %s messages deleted", count)
    return count
