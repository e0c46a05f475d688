"""What the engagement services share: the lock, the panel's people, and the words about a request
that every message carries."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.urls import reverse

from accounts.models import User
from engagement.models import Engagement
from members.models import Membership, MembershipStatus, StaffRoleKind

LONDON = ZoneInfo("Europe/London")


def locked(engagement: Engagement) -> Engagement:
    return (
        Engagement.objects.select_for_update(of=("self",)).select_related("request__officer", "panel")
        .get(pk=engagement.pk)
    )  # fmt: skip


def members_of(panel_id: int) -> list[User]:
    """The panel's current members (a chair too), each once."""
    people, seen = [], set()
    memberships = (
        Membership.objects.filter(panel_id=panel_id).exclude(status=MembershipStatus.ENDED)
        .select_related("person").order_by("person__full_name", "id")
    )  # fmt: skip
    for membership in memberships:
        if membership.person_id not in seen:
            seen.add(membership.person_id)
            people.append(membership.person)
    return people


def administrators():
    return User.objects.filter(staff_roles__role=StaffRoleKind.ADMINISTRATOR, is_active=True).distinct()


def coordinators_of(panel_id: int):
    return User.objects.filter(
        staff_roles__role=StaffRoleKind.COORDINATOR, staff_roles__panel_id=panel_id, is_active=True
    ).distinct()


def at_nine(day: date) -> datetime:
    return datetime.combine(day, time(9), tzinfo=LONDON)


def about(engagement: Engagement) -> dict:
    """The plain words about the request every message carries."""
    request = engagement.request
    return {"title": request.title, "panel_name": engagement.panel.name,
            "member_url": reverse("engagement:member_engagement", args=[engagement.pk])}  # fmt: skip


def said(day: date | None) -> str:
    return f"{day:%-d %B %Y}" if day else ""
