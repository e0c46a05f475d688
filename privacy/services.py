"""Data protection requests: logged, reminded before their deadline, and answered."""

import logging
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.access import require
from accounts.models import User
from members.models import StaffRoleKind
from notifications.services import message_cancel_pending, message_queue

from . import messages
from .export import access_export
from .models import DataRequest, LegalHold, RequestStatus, RetentionRule, one_month_after

logger = logging.getLogger(__name__)

MANAGE = "privacy.manage_requests"
LONDON = ZoneInfo("Europe/London")
REMIND_DAYS_BEFORE = (7, 0)  # a week before the deadline, and on the day


def _reminder_key(request: DataRequest) -> str:
    return f"privacy.request_due:{request.pk}:"


@transaction.atomic
def request_log(
    *, actor: User, person: User, kind: str, received_on, received_how: str, identity_check: str, details: str = ""
) -> DataRequest:
    """Log a request as it reached us. Its deadline is a month from the day it arrived, and every
    administrator is reminded a week before and on the day until it is answered."""
    require(actor, MANAGE)
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": "The date it reached us must be today or in the past"})
    request = DataRequest(
        person=person, kind=kind, received_on=received_on, received_how=received_how,
        identity_check=identity_check.strip(), details=details.strip(), due_on=one_month_after(received_on),
        logged_by=actor,
    )  # fmt: skip
    request.full_clean()
    request._history_user = actor
    request.save()
    _remind(request)
    logger.info("data protection request %s (%s) logged for person %s by person %s", request.pk, kind, person.pk,
                actor.pk)  # fmt: skip
    return request


def _remind(request: DataRequest) -> None:
    administrators = User.objects.filter(staff_roles__role=StaffRoleKind.ADMINISTRATOR, is_active=True).distinct()
    now = timezone.now()
    for days in REMIND_DAYS_BEFORE:
        due_at = max(datetime.combine(request.due_on - timedelta(days=days), time(9), tzinfo=LONDON), now)
        for administrator in administrators:
            message_queue(
                kind=messages.REQUEST_DUE.key,
                recipient=administrator,
                context={
                    "request": request.pk,
                    "kind": request.get_kind_display(),
                    "due_on": f"{request.due_on:%-d %B %Y}",
                    "url": reverse("privacy:request", args=[request.pk]),
                },
                idempotency_key=f"{_reminder_key(request)}{days}:{administrator.pk}",
                due_at=due_at,
            )


@transaction.atomic
def request_close(*, actor: User, request: DataRequest, status: str, outcome: str) -> DataRequest:
    """Record what we did (or why we refused) and stop the reminders."""
    require(actor, MANAGE)
    request = DataRequest.objects.select_for_update().get(pk=request.pk)
    if not request.is_open:
        raise ValidationError("This request has already been closed.")
    if status not in (RequestStatus.DONE, RequestStatus.REFUSED):
        raise ValidationError({"status": "Choose whether the request was answered or refused"})
    if not outcome.strip():
        raise ValidationError({"outcome": "Say what we did, or why we refused"})
    request.status, request.outcome, request.closed_at = status, outcome.strip(), timezone.now()
    request._history_user = actor
    request.save(update_fields=["status", "outcome", "closed_at"])
    cancelled = message_cancel_pending(key_prefix=_reminder_key(request))
    logger.info("data protection request %s closed (%s) by person %s; %s reminders cancelled", request.pk, status,
                actor.pk, cancelled)  # fmt: skip
    return request


def request_export(*, actor: User, request: DataRequest) -> bytes:
    """Everything held about the person who asked, nothing held back: the answer to their request."""
    require(actor, MANAGE)
    logger.info("access export of person %s made for request %s by person %s", request.person_id, request.pk,
                actor.pk)  # fmt: skip
    return access_export(request.person)


# Retention and legal holds


@transaction.atomic
def retention_rule_change(*, actor: User, kind: str, months: int, action: str) -> RetentionRule:
    """Change how long a kind of record is kept, or what then happens to it. The privacy notice
    says the new period from now on."""
    require(actor, MANAGE)
    rule = RetentionRule.objects.select_for_update().filter(kind=kind).first() or RetentionRule(kind=kind)
    if months < 1:
        raise ValidationError({"months": "Keep records for at least 1 month"})
    rule.months, rule.action, rule.changed_by = months, action, actor
    rule.full_clean()
    rule._history_user = actor
    rule.save()
    logger.info("retention of %s changed to %s months, %s, by person %s", rule.kind, months, action, actor.pk)
    return rule


@transaction.atomic
def legal_hold_place(*, actor: User, person: User, reason: str) -> LegalHold:
    """Keep everything about the person as it is until the hold is lifted: retention skips them."""
    require(actor, MANAGE)
    if not reason.strip():
        raise ValidationError({"reason": "Say why their information must be kept"})
    if LegalHold.objects.filter(person=person, lifted_at__isnull=True).exists():
        raise ValidationError("Their information is already kept under a hold.")
    hold = LegalHold(person=person, reason=reason.strip(), placed_by=actor)
    hold._history_user = actor
    hold.save()
    logger.info("legal hold %s placed on person %s by person %s", hold.pk, person.pk, actor.pk)
    return hold


@transaction.atomic
def legal_hold_lift(*, actor: User, hold: LegalHold) -> LegalHold:
    require(actor, MANAGE)
    if hold.lifted_at:
        return hold
    hold.lifted_at, hold.lifted_by = timezone.now(), actor
    hold._history_user = actor
    hold.save(update_fields=["lifted_at", "lifted_by"])
    logger.info("legal hold %s lifted by person %s", hold.pk, actor.pk)
    return hold
