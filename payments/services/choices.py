"""A member's choice, for each panel, whether they are paid for their time."""

import logging
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from accounts.access import require
from accounts.models import RecordedMethod, User
from members.models import Membership, MembershipStatus, Panel
from members.rules import is_member_of
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
def payment_choice_set(
    *, actor: User, panel: Panel, choice: str, warning_read: bool, person: User | None = None,
    method: str = RecordedMethod.WEB,
) -> PaymentChoice:  # fmt: skip
    """A member's choice for a panel, made after reading about benefits: by them online, or told
    to a coordinator by phone or post and recorded for them (`person`, `method`). A change is kept
    in the history with its date, and is never backdated: someone who had declined is paid for
    what happens from the day they change. Choosing the same again records the warning was read."""
    person = person or actor
    if person.pk == actor.pk:
        require(actor, "payments.choose", panel)
        method = RecordedMethod.WEB
    else:
        require(actor, "payments.record_for", panel)
        if not is_member_of(person, panel):
            raise ValidationError({"person": "Choose a current member of the panel"})
        if method not in RecordedMethod.values or method in (RecordedMethod.WEB, RecordedMethod.APPLICATION):
            raise ValidationError({"method": "Say how they told you"})
    if choice not in Choice.values:
        raise ValidationError({"choice": "Choose how you would like to be paid"})
    if not warning_read:
        raise ValidationError({"warning_read": "Confirm you have read about payments and benefits"})
    # The person's row is the lock: two first choices at once would otherwise both insert.
    User.objects.select_for_update().filter(pk=person.pk).first()
    now = timezone.now()
    current = PaymentChoice.objects.filter(person=person, panel=panel).first()
    if current is None:
        current = PaymentChoice(person=person, panel=panel, choice=choice, chosen_at=now, warning_read_at=now)
    elif current.choice != choice:
        if current.choice == Choice.DECLINE:
            current.paid_from = timezone.localdate(now)
        current.choice, current.chosen_at = choice, now
    current.warning_read_at, current.method = now, method
    current._history_user = actor
    current.save()
    logger.info("payment choice %s set by %s", current.pk, actor.pk)
    return current


def benefits_reminders_send(*, now=None) -> int:
    """Run daily by Celery beat as the system: a current member who is paid for their time (or
    gives it to charity) and read about benefits a year ago or more is asked, the way they asked to
    be written to, to read it again. One message for each year of a choice."""
    now = now or timezone.now()
    due = (
        PaymentChoice.objects.filter(warning_read_at__lte=now - WARNING_EVERY)
        .filter(Exists(Membership.objects.filter(person=OuterRef("person"), panel=OuterRef("panel"))
                       .exclude(status=MembershipStatus.ENDED)))
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
