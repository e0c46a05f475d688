"""Retention in `notifications`: the words of messages sent long ago, blanked (or the messages
deleted) by the privacy app's daily job as the system (see recruitment.services.retention). The
ledgers of consents and contact choices are kept: they are the record of what people decided."""

import logging
from datetime import datetime

from django.db import transaction
from django.db.models import Case, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Cast
from django.utils import timezone

from accounts.personal_data import Erasure

from .ledger import ledgers_blank_names_for
from .models import Channel, Message, MessageStatus

logger = logging.getLogger(__name__)

# A message still to be sent keeps its words whatever its age.
DONE = [MessageStatus.SENT, MessageStatus.FAILED, MessageStatus.SUPPRESSED, MessageStatus.CANCELLED]
# An email row must name an address (outbox_email_has_address): once its own is removed, it names
# this one, which can never receive anything (.invalid is reserved for that).
REMOVED_ADDRESS = "removed@address.invalid"
HAS_WORDS = (
    ~Q(subject="")
    | ~Q(body_text="")
    | ~Q(body_html="")
    | ~Q(to_address__in=["", REMOVED_ADDRESS])
    | ~Q(context={})
    | ~Q(last_error="")
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
    # A delivery error can quote the address ("550 ada@example.org: no such user").
    count = Message.objects.filter(pk__in=ids).update(
        subject="", body_text="", body_html="", to_address=address, context={}, last_error="",
        updated_at=timezone.now(),
    )  # fmt: skip
    Message.history.model.objects.filter(id__in=ids).update(to_address=address, last_error="")
    logger.info("retention: words of %s messages removed", count)
    return count


@transaction.atomic
def messages_delete(messages: QuerySet[Message]) -> int:
    ids = list(messages.values_list("pk", flat=True))
    count = Message.objects.filter(pk__in=ids).delete()[0]
    Message.history.model.objects.filter(id__in=ids).delete()
    logger.info("retention: %s messages deleted", count)
    return count


def person_erase(person, *, apply: bool) -> Erasure:
    """Erasing a person here: messages still to be sent are cancelled, and every message to them
    loses its words and address. The ledgers of their consents and contact choices stay, as the
    record of what they agreed to, pointing at an account that no longer says who they were."""
    done = Erasure()
    messages = Message.objects.filter(recipient=person)
    naming = _naming(person)
    done.remove("Words and addresses of messages sent to them", messages.filter(HAS_WORDS).count())
    done.remove("Words of messages to staff that named them", naming.count())
    done.keep("Their consents and contact choices", person.consents.count() + person.contact_preferences.count(),
              "The ledger is the proof of what they agreed to and when; it cannot be changed, and once they are "
              "erased it names no one: the name of anyone who decided for them is blanked.")  # fmt: skip
    if apply:
        message_cancel_pending_for(person)
        naming_ids = list(naming.values_list("pk", flat=True))
        Message.objects.filter(pk__in=naming_ids, status=MessageStatus.QUEUED).update(
            status=MessageStatus.CANCELLED, status_reason="The person it was about was erased.",
            updated_at=timezone.now(),
        )  # fmt: skip
        messages_anonymise(Message.objects.filter(Q(recipient=person) | Q(pk__in=naming_ids)))
        ledgers_blank_names_for(person)
    return done


def _naming(person) -> QuerySet[Message]:
    """Messages to other people (a coordinator told of a reply, say) whose words name the person."""
    names = [value for value in (person.full_name, person.email) if value and len(value) > 2]
    if not names:
        return Message.objects.none()
    said = Q()
    for value in names:
        said |= Q(words__icontains=value) | Q(subject__icontains=value) | Q(body_text__icontains=value)
    return Message.objects.exclude(recipient=person).annotate(words=Cast("context", TextField())).filter(said)


def message_cancel_pending_for(person) -> int:
    return Message.objects.filter(recipient=person, status=MessageStatus.QUEUED).update(
        status=MessageStatus.CANCELLED, status_reason="The person was erased.", updated_at=timezone.now()
    )
