"""Rates: what each activity pays, from a date."""

import logging
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.access import require
from accounts.models import User
from payments.models import UNIT_MINUTES, Activity, Rate, Unit
from payments.money import times

logger = logging.getLogger(__name__)


def rate_in_force(activity: str, on: date) -> Rate | None:
    return Rate.objects.filter(activity=activity, effective_from__lte=on).order_by("-effective_from").first()


def rates_in_force(on: date) -> list[Rate]:
    """Each activity's rate on the day, in the order activities are listed; those with none left out."""
    found = []
    for activity in Activity:
        rate = rate_in_force(activity, on)
        if rate:
            found.append(rate)
    return found


def time_paid(rate: Rate, minutes: int) -> tuple[int, int, str]:
    """(quantity, amount in pence, the quantity in words) for `minutes` of an activity at `rate`.
    By the hour: to the minute. By the half day or day: each one started counts whole. Each time:
    once, whatever the length."""
    if rate.unit == Unit.HOUR:
        hours, rest = divmod(minutes, 60)
        words = " ".join(part for part in [_count(hours, "hour"), _count(rest, "minute")] if part) or "0 minutes"
        return minutes, times(rate.amount_pence, minutes, 60), words
    if rate.unit == Unit.EACH:
        return 1, rate.amount_pence, "1 time"
    size = UNIT_MINUTES[rate.unit]
    count = max(1, -(-minutes // size))
    noun = "half day" if rate.unit == Unit.HALF_DAY else "day"
    return count, rate.amount_pence * count, _count(count, noun)


def _count(number: int, noun: str) -> str:
    if not number:
        return ""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


@transaction.atomic
def rate_add(*, actor: User, activity: str, unit: str, amount_pence: int, effective_from: date) -> Rate:
    """A new rate for an activity from a day: today or later, so claims already made keep theirs."""
    require(actor, "payments.manage_rates")
    if effective_from < timezone.localdate():
        raise ValidationError({"effective_from": "The date a rate starts must be today or in the future"})
    if Rate.objects.filter(activity=activity, effective_from=effective_from).exists():
        raise ValidationError({"effective_from": "This activity already has a rate from that date"})
    rate = Rate(activity=activity, unit=unit, amount_pence=amount_pence, effective_from=effective_from,
                created_by=actor)  # fmt: skip
    rate.full_clean()
    rate._history_user = actor
    rate.save()
    logger.info("rate %s added by %s", rate.pk, actor.pk)
    return rate
