"""Triage: a panel's coordinator, with its chair, decides about a request that reached the panel:
accept it, decline it with a reason, ask the officer for more, or send it to another panel. The
officer hears each decision by email."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.access import require
from accounts.models import User
from engagement import messages
from engagement.models import Engagement, EngagementStatus
from members.models import Panel
from notifications.services import message_queue

from .requests import tell_coordinators

logger = logging.getLogger(__name__)

TRIAGE = "engagement.triage"
DECISIONS = {
    EngagementStatus.ACCEPTED: "your request is accepted",
    EngagementStatus.DECLINED: "your request is declined",
    EngagementStatus.MORE_ASKED: "more is needed about your request",
    EngagementStatus.REDIRECTED: "your request is passed to another panel",
}
REASONS = {
    EngagementStatus.DECLINED: "Say why the panel cannot take it on",
    EngagementStatus.MORE_ASKED: "Say what more the panel needs",
    EngagementStatus.REDIRECTED: "Say why another panel should take it",
}


@transaction.atomic
def engagement_triage(
    *, actor: User, engagement: Engagement, decision: str, reason: str = "", panel: Panel | None = None
) -> Engagement:
    """Decide about a request waiting for the panel. Redirecting starts an engagement at the other
    panel, whose coordinators are told, and closes this one."""
    require(actor, TRIAGE, engagement)
    engagement = (
        Engagement.objects.select_for_update(of=("self",)).select_related("request__officer", "panel")
        .get(pk=engagement.pk)
    )  # fmt: skip
    if engagement.status != EngagementStatus.WAITING:
        raise ValidationError(f"This request is no longer waiting for a decision: it is "
                              f"{engagement.get_status_display().lower()}.")  # fmt: skip
    if decision not in DECISIONS:
        raise ValidationError({"decision": "Choose what the panel decides"})
    reason = reason.strip()
    if decision in REASONS and not reason:
        raise ValidationError({"reason": REASONS[decision]})
    other = None
    if decision == EngagementStatus.REDIRECTED:
        other = _redirect_target(engagement, panel, actor)
    engagement.status, engagement.reason, engagement.redirected_to = decision, reason, other
    engagement.decided_by, engagement.decided_at = actor, timezone.now()
    engagement._history_user = actor
    engagement.save(update_fields=["status", "reason", "redirected_to", "decided_by", "decided_at"])
    request = engagement.request
    message_queue(
        kind=messages.TRIAGE_DECIDED.key, recipient=request.officer, topic=engagement.panel.topic,
        context={"name": request.officer.full_name, "title": request.title, "panel_name": engagement.panel.name,
                 "status": decision, "outcome": DECISIONS[decision], "reason": reason,
                 "other_panel": other.panel.name if other else "",
                 "url": reverse("engagement:request", args=[request.pk])},
        idempotency_key=f"engagement.triage_decided:{engagement.pk}:{engagement.history.count()}",
    )  # fmt: skip
    logger.info("engagement %s %s by person %s", engagement.pk, decision, actor.pk)
    return engagement


def _redirect_target(engagement: Engagement, panel: Panel | None, actor: User) -> Engagement:
    if panel is None:
        raise ValidationError({"panel": "Choose the panel to send it to"})
    if panel.pk == engagement.panel_id or not panel.is_active:
        raise ValidationError({"panel": "Choose another panel that is running"})
    if (
        Engagement.objects.filter(request=engagement.request, panel=panel)
        .exclude(status=EngagementStatus.REDIRECTED)
        .exists()
    ):
        raise ValidationError({"panel": f"The {panel.name} has this request already"})
    other = Engagement(request=engagement.request, panel=panel, received_at=timezone.now())
    other._history_user = actor
    other.save()
    tell_coordinators(other)
    return other
