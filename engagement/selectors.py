"""Reads of requests and engagements used by more than one page."""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Case, Prefetch, Q, QuerySet, Value, When
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
        .order_by(Case(When(status=EngagementStatus.WAITING, then=Value(0)), default=Value(1)), "-received_at", "-id")
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
    end = date(start.year + 1, 1, 1) if start.month == 10 else date(start.year, start.month + 3, 1)
    since, until = (timezone.make_aware(datetime.combine(day, time(0))) for day in (start, end))
    # Taken on this quarter: accepted then, whatever has happened to it since.
    taken_on = (EngagementStatus.ACCEPTED, EngagementStatus.SCHEDULED, EngagementStatus.ADVISED,
                EngagementStatus.ANSWERED)  # fmt: skip
    accepted = Engagement.objects.filter(
        panel=panel, status__in=taken_on, decided_at__gte=since, decided_at__lt=until
    ).count()
    return Capacity(per_quarter=panel.requests_per_quarter, accepted=accepted, quarter_from=start)


def engagement_page(engagement: Engagement) -> dict:
    """What a page about one engagement shows: the request, its documents, the panel's criteria
    and capacity, and every decision so far (from the engagement's history)."""
    request = engagement.request
    triage = (EngagementStatus.WAITING, EngagementStatus.MORE_ASKED, EngagementStatus.ACCEPTED,
              EngagementStatus.DECLINED, EngagementStatus.REDIRECTED)  # fmt: skip
    changes, last = [], None
    for row in engagement.history.select_related("history_user").order_by("history_date", "history_id"):
        if row.status != last and last is not None and row.status in triage:
            changes.append(row)
        last = row.status
    return {
        "engagement": engagement, "request_": request, "panel": engagement.panel,
        "documents": request.documents.all(), "capacity": capacity_of(engagement.panel),
        "other_panels": request.engagements.exclude(pk=engagement.pk).select_related("panel"),
        "steps": changes,
        "points": list(engagement.advice.all()),
        "answers": answers_by_question(engagement),
    }  # fmt: skip


def answers_by_question(engagement: Engagement) -> list[tuple[str, list]]:
    """Each question of a written consultation with the members' answers to it."""
    if engagement.route != "written":
        return []
    answers = list(engagement.answers.select_related("person").order_by("number", "person__full_name", "id"))
    return [(question, [a for a in answers if a.number == number])
            for number, question in enumerate(engagement.request.question_list, start=1)]  # fmt: skip


def upcoming_meetings_for(panel: Panel):
    from meetings.models import Meeting, MeetingStatus

    return Meeting.objects.filter(panels=panel, status=MeetingStatus.SCHEDULED, starts_at__gt=timezone.now()).order_by(
        "starts_at"
    )


def scheduled_at(panel: Panel) -> QuerySet[Engagement]:
    """The panel's engagements its members may read: those scheduled, newest first."""
    return (
        Engagement.objects.filter(panel=panel, scheduled_at__isnull=False)
        .select_related("request", "agenda_item__meeting")
        .order_by("-scheduled_at", "-id")
    )


def published_at(panel: Panel) -> QuerySet[Engagement]:
    """ "You said, we did": the panel's closed engagements whose words are agreed and published."""
    return (
        Engagement.objects.filter(panel=panel, published_at__isnull=False)
        .select_related("request")
        .prefetch_related("advice")
        .order_by("-published_at", "-id")
    )


def assessments_register() -> QuerySet:
    """Every Equality Impact Assessment a panel was consulted on: the document, its request and the
    panels that took it on. The documents themselves stay with those who may read them."""
    from .models import RequestDocument

    taken_on = Engagement.objects.filter(scheduled_at__isnull=False)
    published = Engagement.objects.filter(published_at__isnull=False).values("request_id")
    # One not yet public is listed only once what came of it is published.
    listed = Q(not_for_sharing=False) | Q(request__in=published)
    return (
        RequestDocument.objects.filter(listed, is_assessment=True, request__engagements__in=taken_on)
        .distinct()
        .select_related("request")
        .prefetch_related(Prefetch("request__engagements", queryset=taken_on.select_related("panel"), to_attr="taken"))
        .order_by("-request__submitted_at", "id")
    )


STATS_COLUMNS = {
    "year": "Year",
    "received": "Requests received",
    "accepted": "Accepted",
    "declined": "Declined",
    "advised": "Advice given",
    "points": "Points of advice answered",
    "accepted_share": "Share of advice accepted in full (%)",
    "partly_share": "Share of advice accepted at least in part (%)",
    "median_days": "Median days for the officer to answer",
}


def yearly_stats(panel: Panel) -> list[dict]:
    """Per calendar year: requests received, accepted and declined, advice given, how much of the
    advice officers accepted, and the median days they took to answer. Counted in the database's
    rows, one year to a row, newest first."""
    from statistics import median

    from .models import AdvicePoint, Outcome

    engagements = list(Engagement.objects.filter(panel=panel))
    accepted_ids = set(
        Engagement.history.filter(panel_id=panel.pk, status=EngagementStatus.ACCEPTED).values_list("id", flat=True)
    )
    points = list(AdvicePoint.objects.filter(engagement__panel=panel).exclude(outcome="")
                  .values_list("engagement_id", "outcome"))  # fmt: skip
    years: dict[int, dict] = {}

    def row(year: int) -> dict:
        return years.setdefault(year, {"year": year, "received": 0, "accepted": 0, "declined": 0, "advised": 0,
                                       "points": 0, "full": 0, "part": 0, "days": []})  # fmt: skip

    answered_year = {}
    for e in engagements:
        row(timezone.localtime(e.received_at).year)["received"] += 1
        if e.decided_at and e.pk in accepted_ids:
            row(timezone.localtime(e.decided_at).year)["accepted"] += 1
        if e.decided_at and e.status == EngagementStatus.DECLINED:
            row(timezone.localtime(e.decided_at).year)["declined"] += 1
        if e.advice_sent_at:
            row(timezone.localtime(e.advice_sent_at).year)["advised"] += 1
        if e.answered_at and e.advice_sent_at:
            year = timezone.localtime(e.answered_at).year
            answered_year[e.pk] = year
            row(year)["days"].append((e.answered_at - e.advice_sent_at).days)
    for engagement_id, outcome in points:
        if engagement_id in answered_year:
            counted = row(answered_year[engagement_id])
            counted["points"] += 1
            counted["full"] += outcome == Outcome.ACCEPTED
            counted["part"] += outcome in (Outcome.ACCEPTED, Outcome.PARTLY)
    result = []
    for year in sorted(years, reverse=True):
        counted = years[year]
        result.append({**{k: counted[k] for k in ("year", "received", "accepted", "declined", "advised", "points")},
                       "accepted_share": _percent(counted["full"], counted["points"]),
                       "partly_share": _percent(counted["part"], counted["points"]),
                       "median_days": round(median(counted["days"])) if counted["days"] else ""})  # fmt: skip
    return result


def _percent(part: int, whole: int):
    """A whole-number percentage, rounded half to even; empty when there is nothing to count."""
    return round(100 * part / whole) if whole else ""


def members_at(panel: Panel):
    """The panel's current members, for choosing whose answers are recorded."""
    from accounts.models import User
    from members.models import MembershipStatus

    current = [MembershipStatus.ACTIVE, MembershipStatus.PAUSED]
    return (
        User.objects.filter(memberships__panel=panel, memberships__status__in=current)
        .distinct()
        .order_by("full_name", "id")
    )
