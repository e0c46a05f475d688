"""A member's choice, for each panel, whether they are paid for their time."""

import logging
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.access import require
from accounts.models import User
from members.models import Panel
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
