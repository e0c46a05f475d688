"""What the payments services share: dates claims keep to, and making one claim."""

import calendar
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from payments.models import Claim, ClaimLine


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier, when negative), or the month's last day if it has none."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def claim_deadline(happened_on: date) -> date:
    """The last day a claim for something on `happened_on` can be sent (PAYMENT_CLAIM_DEADLINE_MONTHS)."""
    return add_months(happened_on, settings.PAYMENT_CLAIM_DEADLINE_MONTHS)


def earliest_claimable(today: date | None = None) -> date:
    return add_months(today or timezone.localdate(), -settings.PAYMENT_CLAIM_DEADLINE_MONTHS)


def pay_by(approved_on: date, *, journey: date | None = None) -> date:
    """The day an approved claim is to be paid by (PAYMENT_TARGET_DAYS); for travel paid before
    the journey, the day before it (or at once, if that is sooner still)."""
    due = approved_on + timedelta(days=settings.PAYMENT_TARGET_DAYS)
    if journey is not None:
        due = max(approved_on, min(due, journey - timedelta(days=1)))
    return due


def claim_make(claim: Claim, lines: list[ClaimLine], *, actor=None) -> Claim | None:
    """Write a claim and its lines; None when a claim was already made from the same source."""
    try:
        with transaction.atomic():
            claim._history_user = actor
            # The unique source is the database's to hold: checked here, two sweeps at once could
            # both pass the check.
            claim.full_clean(exclude=["source"])
            claim.save()
            for line in lines:
                line.claim = claim
                line._history_user = actor
                line.save()
    except IntegrityError:
        if claim.source and Claim.objects.filter(source=claim.source).exists():
            return None
        raise
    return claim
