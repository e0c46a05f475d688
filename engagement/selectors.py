"""Reads of requests and engagements used by more than one page."""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from members.models import Panel

from .models import Engagement, EngagementStatus, Officer, OfficerStatus, Request


def requests_of(officer_user) -> QuerySet[Request]:
    """An officer's requests, newest first, each with its engagements."""
    engagements = Engagement.objects.select_related("panel").order_by("panel__order", "panel__name")
    return (
        Request.objects.filter(officer=officer_user)
        .prefetch_related(Prefetch("engagements", queryset=engagements), "panels")
        .order_by("-created_at", "-id")
    )


def engagements_at(panel: Panel) -> QuerySet[Engagement]:
    """A panel's engagements, those waiting for a decision first, then newest first."""
    return (
        Engagement.objects.filter(panel=panel)
        .select_related("request", "request__officer__officer")
        .order_by("-received_at", "-id")
    )


def officers_waiting() -> QuerySet[Officer]:
    return Officer.objects.filter(status=OfficerStatus.WAITING).select_related("user").order_by("created_at", "id")


def officers_decided() -> QuerySet[Officer]:
    return Officer.objects.exclude(status=OfficerStatus.WAITING).select_related("user", "decided_by")


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


@dataclass(frozen=True)
class Capacity:
    per_quarter: int
    accepted: int
    quarter_from: date

    @property
    def left(self) -> int:
        return max(self.per_quarter - self.accepted, 0)


def capacity_of(panel: Panel, today: date | None = None) -> Capacity:
    """How many requests the panel can take on this quarter, and how many it has accepted."""
    start = quarter_start(today or timezone.localdate())
    since = timezone.make_aware(datetime.combine(start, time(0)))
    accepted = Engagement.objects.filter(panel=panel, status=EngagementStatus.ACCEPTED, decided_at__gte=since).count()
    return Capacity(per_quarter=panel.requests_per_quarter, accepted=accepted, quarter_from=start)


def engagement_page(engagement: Engagement) -> dict:
    """What a page about one engagement shows: the request, its documents, the panel's criteria
    and capacity, and every decision so far (from the engagement's history)."""
    request = engagement.request
    steps = (
        engagement.history.filter(history_type="~").select_related("history_user")
        .order_by("history_date", "history_id")
    )  # fmt: skip
    return {
        "engagement": engagement, "request_": request, "panel": engagement.panel,
        "documents": request.documents.all(), "capacity": capacity_of(engagement.panel),
        "other_panels": request.engagements.exclude(pk=engagement.pk).select_related("panel"),
        "steps": [step for step in steps if step.decided_at],
    }  # fmt: skip
