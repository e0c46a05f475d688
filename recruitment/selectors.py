from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from .models import Application, ApplicationStatus, Round


def open_rounds(panel) -> QuerySet[Round]:
    now = timezone.now()
    return Round.objects.filter(panel=panel, opens_at__lte=now, closes_at__gt=now).order_by("closes_at")


def applications_for_person(user) -> QuerySet[Application]:
    return Application.objects.filter(applicant=user).select_related("round__panel").order_by("-created_at")


def applications_in_round(round_: Round, status: str = "") -> QuerySet[Application]:
    applications = round_.applications.select_related("applicant", "recorded_by").order_by("created_at", "id")
    return applications.filter(status=status) if status else applications


def status_counts(round_: Round) -> dict[str, int]:
    """How many applications are in each status, in one query."""
    totals = round_.applications.aggregate(
        **{status.value: Count("id", filter=Q(status=status)) for status in ApplicationStatus},
        total=Count("id"),
    )
    return totals


def rounds_for_panel(panel) -> QuerySet[Round]:
    return Round.objects.filter(panel=panel).annotate(
        submitted=Count("applications", filter=~Q(applications__status=ApplicationStatus.DRAFT))
    )
