"""A member's choice, for each panel, whether they are paid for their time."""

import logging
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.access import require
from accounts.models import User
from members.models import Panel
from notifications.models import Message
from notifications.services import message_queue
from payments import messages
from payments.models import Choice, PaymentChoice

logger = logging.getLogger(__name__)

# How often a member is shown the warning about benefits again.
WARNING_EVERY = timedelta(days=365)


def warning_due(choice: PaymentChoice | None) -> bool:
    return choice is None or choice.warning_read_at <= timezone.now() - WARNING_EVERY


@transaction.atomic
def payment_choice_set(*, actor: User, panel: Panel, choice: str, warning_read: bool) -> PaymentChoice:
    """The member's choice for a panel, made after reading about benefits. A change is kept in
    the history with its date; choosing the same again only records that the warning was read."""
    require(actor, "payments.choose", panel)
    if choice not in Choice.values:
        raise ValidationError({"choice": "Choose how you would like to be paid"})
    if not warning_read:
        raise ValidationError({"warning_read": "Confirm you have read about payments and benefits"})
    now = timezone.now()
    current = PaymentChoice.objects.select_for_update().filter(person=actor, panel=panel).first()
    if current is None:
        current = PaymentChoice(person=actor, panel=panel, choice=choice, chosen_at=now, warning_read_at=now)
    else:
        if current.choice != choice:
            current.choice, current.chosen_at = choice, now
        current.warning_read_at = now
    current._history_user = actor
    current.save()
    logger.info("payment choice %s set by %s", current.pk, actor.pk)
    return current


def benefits_reminders_send(*, now=None) -> int:
    """Run daily by Celery beat as the system: a member who is paid for their time (or gives it to
    charity) and read about benefits a year ago or more is asked, the way they asked to be
    written to, to read it again. One message for each year of a choice."""
    now = now or timezone.now()
    due = (
        PaymentChoice.objects.filter(warning_read_at__lte=now - WARNING_EVERY)
        .exclude(choice=Choice.DECLINE).select_related("person", "panel")
    )  # fmt: skip
    sent = 0
    for choice in due:
        key = f"payments.benefits:{choice.pk}:{choice.warning_read_at:%Y-%m-%d}"
        if Message.objects.filter(idempotency_key=key).exists():
            continue
        with transaction.atomic():
            context = {"name": choice.person.display_name, "panel": choice.panel.name,
                       "choice": choice.get_choice_display().lower(),
                       "url": f"/your-payments/choose/{choice.panel.slug}/"}  # fmt: skip
            message_queue(kind=messages.BENEFITS_YEARLY.key, recipient=choice.person, context=context,
                          topic=choice.panel.topic, idempotency_key=key)  # fmt: skip
            sent += 1
    if sent:
        logger.info("payments: %s yearly reminders about benefits queued", sent)
    return sent
