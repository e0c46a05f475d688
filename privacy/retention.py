"""Retention as data: each kind of record, how long it keeps the person it is about, from which
event, and then anonymised or deleted, through the app that owns the record.

`RetentionRule` rows hold the period and the action (administrators change them); this module
holds what does not change: which event the period runs from, what anonymising means for the
kind, and which app's services find and act on the records. The privacy notice's section on
keeping information is written from the same rows (`notice_lines`), so the two never disagree.

The daily job (`retention_apply`, run by Celery beat) acts as the system: history rows it changes
or removes record no one, and its log lines carry counts only. People under a legal hold are
skipped. A record whose event happened on a day is acted on from the start of the day the period
ends (London time): a 12-month period for an outcome told on 4 December 2025 ends on
4 December 2026.
"""

import calendar
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from engagement import retention as engagement
from members import retention as members
from notifications import retention as notifications
from payments import retention as payments
from recruitment import services as recruitment

from .models import LegalHold, RetentionAction, RetentionKind, RetentionRule

logger = logging.getLogger(__name__)
LONDON = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class Kind:
    after: str  # the event the period runs from, as the notice says it
    anonymised: str  # what anonymising leaves, as the notice says it
    due: Callable  # (before, *, held) -> the records whose period has ended
    anonymise: Callable
    delete: Callable
    months: int  # where the service starts: what the privacy notice promised
    action: str


KINDS = {
    RetentionKind.UNSUCCESSFUL_APPLICATIONS: Kind(
        after="after we tell you the outcome (or after you withdraw)",
        anonymised="your name, contact details, answers and anything written about you are removed, and what is "
        "left, including equality monitoring answers, can only be counted",
        due=recruitment.unsuccessful_applications_due,
        anonymise=recruitment.applications_anonymise,
        delete=recruitment.applications_delete,
        months=12,
        action=RetentionAction.ANONYMISE,
    ),  # fmt: skip
    RetentionKind.FORMER_MEMBERSHIPS: Kind(
        after="after your membership ends",
        anonymised="the membership is no longer linked to you and is kept only to count the panel's members",
        due=members.former_memberships_due,
        anonymise=members.memberships_anonymise,
        delete=members.memberships_delete,
        months=72,
        action=RetentionAction.ANONYMISE,
    ),  # fmt: skip
    RetentionKind.REMOVED_ACCESS_NEEDS: Kind(
        after="after you (or we, for you) remove the need",
        anonymised="which need it was is kept only to be counted, without your words or your name",
        due=members.removed_access_needs_due,
        anonymise=members.access_needs_anonymise,
        delete=members.access_needs_delete,
        months=12,
        action=RetentionAction.DELETE,
    ),  # fmt: skip
    RetentionKind.MESSAGE_WORDS: Kind(
        after="after we send a message",
        anonymised="what it said and the address it went to are removed; that it was sent, and when, is kept",
        due=notifications.message_words_due,
        anonymise=notifications.messages_anonymise,
        delete=notifications.messages_delete,
        months=24,
        action=RetentionAction.ANONYMISE,
    ),  # fmt: skip
    RetentionKind.REFUSED_OFFICERS: Kind(
        after="after we refuse your registration as an officer",
        anonymised="your team, your job title and our reason are removed; that we refused someone is kept",
        due=engagement.refused_officers_due,
        anonymise=engagement.officers_anonymise,
        delete=engagement.officers_delete,
        months=12,
        action=RetentionAction.DELETE,
    ),  # fmt: skip
    RetentionKind.WRITTEN_ANSWERS: Kind(
        after="after you answer",
        anonymised="your answers are kept without your name, as part of the record of the panel's advice",
        due=engagement.written_answers_due,
        anonymise=engagement.written_answers_anonymise,
        delete=engagement.written_answers_delete,
        months=24,
        action=RetentionAction.DELETE,
    ),  # fmt: skip
    RetentionKind.PAYMENT_RECORDS: Kind(
        after="after the end of the tax year in which we pay a claim (for a claim never paid, after it last "
        "changed), as HMRC requires",
        anonymised="the claim is kept without your name, your words or your receipts, only to count what each "
        "panel paid",
        due=payments.payment_records_due,
        anonymise=payments.payment_records_anonymise,
        delete=payments.payment_records_delete,
        months=72,
        action=RetentionAction.DELETE,
    ),  # fmt: skip
}


def rules() -> list[RetentionRule]:
    """Every kind's rule: as an administrator set it, or the service's starting values (not yet
    saved) for a kind nobody has changed."""
    existing = {rule.kind: rule for rule in RetentionRule.objects.all()}
    return [
        existing.get(kind) or RetentionRule(kind=kind, months=spec.months, action=spec.action)
        for kind, spec in KINDS.items()
    ]


def saved_rules() -> QuerySet[RetentionRule]:
    """Every kind's rule as a row, saving the starting values of any kind nobody has changed yet,
    for pages that find a rule by its kind."""
    RetentionRule.objects.bulk_create([rule for rule in rules() if rule.pk is None], ignore_conflicts=True)
    return RetentionRule.objects.all()


def months_before(day: date, months: int) -> date:
    """The same date `months` earlier (the month's last day when it has no such date)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def cutoff(months: int, today: date) -> datetime:
    """Records whose event happened before this moment have reached the end of their period today:
    the start of the day after the same date `months` ago, London time."""
    return datetime.combine(months_before(today, months) + timedelta(days=1), time(0), tzinfo=LONDON)


def held() -> set[int]:
    return set(LegalHold.objects.filter(lifted_at__isnull=True).values_list("person_id", flat=True))


def retention_apply(today: date | None = None) -> dict[str, int]:
    """Apply every rule once: how many records of each kind were anonymised or deleted."""
    today = today or timezone.localdate()
    on_hold = held()
    done = {}
    for rule in rules():
        spec = KINDS[rule.kind]
        with transaction.atomic():
            records = spec.due(cutoff(rule.months, today), held=on_hold)
            act = spec.anonymise if rule.action == RetentionAction.ANONYMISE else spec.delete
            done[rule.kind] = act(records)
    logger.info("retention applied: %s", ", ".join(f"{kind} {count}" for kind, count in done.items()))
    return done


def notice_lines() -> list[str]:
    """The privacy notice's section on how long we keep things, written from the rules."""
    lines = []
    for rule in rules():
        spec = KINDS[rule.kind]
        period = _months_in_words(rule.months)
        then = f"then anonymised: {spec.anonymised}" if rule.action == RetentionAction.ANONYMISE else "then deleted"
        lines.append(f"{rule.get_kind_display()}: {period} {spec.after}, {then}.")
    return lines


def _months_in_words(months: int) -> str:
    if months % 12 == 0:
        years = months // 12
        return f"{years} year{'s' if years != 1 else ''}"
    return f"{months} month{'s' if months != 1 else ''}"
