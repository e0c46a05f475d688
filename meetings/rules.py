"""Who may do what with meetings. Object-level: the meeting's panels."""

import rules

from members.models import StaffRoleKind
from members.rules import is_administrator, is_coordinator_of, staff_roles


def _panel_ids(meeting) -> set[int]:
    cached = getattr(meeting, "_panel_ids", None)
    if cached is None:
        cached = set(meeting.panels.values_list("pk", flat=True))
        meeting._panel_ids = cached
    return cached


@rules.predicate
def coordinates_meeting(user, meeting) -> bool:
    """The user coordinates one of the meeting's panels."""
    if meeting is None:
        return False
    coordinated = {panel_id for role, panel_id in staff_roles(user) if role == StaffRoleKind.COORDINATOR}
    return bool(coordinated & _panel_ids(meeting))


@rules.predicate
def is_invited(user, meeting) -> bool:
    return meeting is not None and user.is_authenticated and meeting.invitations.filter(person=user).exists()


rules.add_perm("meetings.create_for_panel", is_coordinator_of | is_administrator)
rules.add_perm("meetings.manage_meeting", coordinates_meeting | is_administrator)
rules.add_perm("meetings.view_meeting", is_invited | coordinates_meeting | is_administrator)

# The Django admin: administrators keep the venues.
for perm in ["meetings", "meetings.view_venue", "meetings.add_venue", "meetings.change_venue"]:
    rules.add_perm(perm, is_administrator)
