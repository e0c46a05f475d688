from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone

from .models import Membership, MembershipStatus, Panel
from .rules import is_administrator, staff_roles


def panels_for_staff(user) -> QuerySet[Panel]:
    """The panels whose staff pages a person may see: all for administrators, otherwise those they
    coordinate or review for."""
    panels = Panel.objects.filter(is_active=True)
    if is_administrator(user):
        return panels
    return panels.filter(pk__in={panel_id for _, panel_id in staff_roles(user) if panel_id})


ROSTER_FILTERS = {
    "current": "Current",
    "ending": "Term ends within 90 days",
    "former": "Former",
    "all": "All",
}


def roster(panel: Panel, show: str = "current") -> QuerySet[Membership]:
    """The panel's members: current (active or paused), those whose term ends soon, former or all."""
    memberships = panel.memberships.select_related("person").order_by("person__full_name", "id")
    if show == "current":
        return memberships.exclude(status=MembershipStatus.ENDED)
    if show == "ending":
        soon = timezone.localdate() + timedelta(days=90)
        return memberships.exclude(status=MembershipStatus.ENDED).filter(term_end__lte=soon).order_by("term_end")
    if show == "former":
        return memberships.filter(status=MembershipStatus.ENDED)
    return memberships


def memberships_of(person) -> QuerySet[Membership]:
    return person.memberships.select_related("panel").order_by("status", "-term_start")
