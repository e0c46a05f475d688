"""Officers: a person registers with an address in the authority's domains, and an administrator
approves or refuses them (ADR 0024). Each step reaches them, or the administrators, by email."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.access import require
from accounts.models import User
from accounts.services import person_details_update
from engagement import messages
from engagement.models import Officer, OfficerStatus
from notifications.services import message_queue

from . import common

logger = logging.getLogger(__name__)

MANAGE = "engagement.manage_officers"


def in_authority_domain(email: str) -> bool:
    """Whether the address is in one of the authority's domains, or a subdomain of one."""
    domain = email.rsplit("@", 1)[-1].strip().lower() if "@" in email else ""
    allowed = [d.strip().lower().lstrip("@") for d in settings.OFFICER_EMAIL_DOMAINS if d.strip()]
    return bool(domain) and any(domain == d or domain.endswith(f".{d}") for d in allowed)


@transaction.atomic
def officer_register(*, actor: User, team: str, job_title: str, full_name: str = "") -> Officer:
    """The signed-in person asks to bring work to the panels, giving their name if their account has
    none yet. Someone refused may ask again."""
    if not actor.is_authenticated:
        raise ValidationError("Sign in first.")
    if not in_authority_domain(actor.email):
        raise ValidationError(
            "Only the authority's staff can bring work to the panels. Sign in with your work email address."
        )
    officer = Officer.objects.select_for_update().filter(user=actor).first()
    if officer is not None and officer.status != OfficerStatus.REFUSED:
        raise ValidationError("You have already asked. " + (
            "You can bring work to the panels now." if officer.status == OfficerStatus.APPROVED
            else "An administrator will tell you what they decide."))  # fmt: skip
    officer = officer or Officer(user=actor)
    officer.team, officer.job_title = team.strip(), job_title.strip()
    officer.status, officer.reason, officer.decided_by, officer.decided_at = OfficerStatus.WAITING, "", None, None
    errors = {}
    if not officer.team:
        errors["team"] = "Enter your team or directorate"
    if not officer.job_title:
        errors["job_title"] = "Enter your job title"
    if errors:
        raise ValidationError(errors)
    officer.full_clean()
    if full_name.strip() and full_name.strip() != actor.full_name:
        person_details_update(actor=actor, person=actor, full_name=full_name, phone=actor.phone,
                              address=actor.address, postcode=actor.postcode,
                              best_time_to_call=actor.best_time_to_call)  # fmt: skip
    elif not actor.full_name:
        raise ValidationError({"full_name": "Enter your full name"})
    officer._history_user = actor
    officer.save()
    asked = officer.history.count()
    for administrator in common.administrators():
        message_queue(
            kind=messages.OFFICER_WAITING.key, recipient=administrator,
            context={"team": officer.team, "job_title": officer.job_title,
                     "url": reverse("engagement:officers")},
            idempotency_key=f"engagement.officer_waiting:{officer.pk}:{asked}:{administrator.pk}",
        )  # fmt: skip
    logger.info("officer %s registered (person %s)", officer.pk, actor.pk)
    return officer


def _decide(actor: User, officer: Officer, status: str, reason: str = "") -> Officer:
    require(actor, MANAGE)
    officer = Officer.objects.select_for_update().select_related("user").get(pk=officer.pk)
    if officer.status != OfficerStatus.WAITING:
        raise ValidationError(f"This officer is already {officer.get_status_display().lower()}.")
    if officer.user_id == actor.pk:
        raise ValidationError("Someone else must decide about you.")
    officer.status, officer.reason = status, reason.strip()
    officer.decided_by, officer.decided_at = actor, timezone.now()
    officer._history_user = actor
    officer.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    approved = status == OfficerStatus.APPROVED
    message_queue(
        kind=messages.OFFICER_DECIDED.key, recipient=officer.user,
        context={"name": officer.user.full_name, "approved": approved, "reason": officer.reason,
                 "url": reverse("engagement:officer_home")},
        idempotency_key=f"engagement.officer_decided:{officer.pk}:{officer.history.count()}",
    )  # fmt: skip
    logger.info("officer %s %s by person %s", officer.pk, status, actor.pk)
    return officer


@transaction.atomic
def officer_approve(*, actor: User, officer: Officer) -> Officer:
    return _decide(actor, officer, OfficerStatus.APPROVED)


@transaction.atomic
def officer_refuse(*, actor: User, officer: Officer, reason: str) -> Officer:
    if not reason.strip():
        raise ValidationError({"reason": "Say why, so the officer knows"})
    return _decide(actor, officer, OfficerStatus.REFUSED, reason)
