"""Reads for decisions: outcomes waiting to be released, and who from a round serves now."""

from django.db.models import F, QuerySet

from members.models import MembershipStatus
from recruitment.models import OUTCOMES, Application, ApplicationStatus, Round


def outcomes_pending(round_: Round) -> QuerySet[Application]:
    """Decided, and the person not yet told (or told something else before: a reserve appointed)."""
    return round_.applications.filter(status__in=OUTCOMES).exclude(status=F("released_status")).order_by("id")


def serving(round_: Round) -> QuerySet[Application]:
    """Applications from this round whose person is on the panel now."""
    return round_.applications.filter(status=ApplicationStatus.APPOINTED, membership__status=MembershipStatus.ACTIVE)
