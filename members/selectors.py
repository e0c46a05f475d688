from django.db.models import QuerySet

from .models import Panel
from .rules import is_administrator, staff_roles


def panels_for_staff(user) -> QuerySet[Panel]:
    """The panels whose staff pages a person may see: all for administrators, otherwise those they
    coordinate or review for."""
    panels = Panel.objects.filter(is_active=True)
    if is_administrator(user):
        return panels
    return panels.filter(pk__in={panel_id for _, panel_id in staff_roles(user) if panel_id})
