"""Who may do what. Every permission of the service is declared here or in the app it belongs to,
and views and services check the same names."""

import rules

from .models import Panel, StaffRoleKind


def staff_roles(user) -> list[tuple[str, int | None]]:
    """The user's (role, panel id) pairs, loaded once per request."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_staff_roles_cache", None)
    if cached is None:
        cached = list(user.staff_roles.values_list("role", "panel_id"))
        user._staff_roles_cache = cached
    return cached


@rules.predicate
def is_administrator(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or any(role == StaffRoleKind.ADMINISTRATOR for role, _ in staff_roles(user))
    )


@rules.predicate
def is_staff_person(user) -> bool:
    return user.is_authenticated and (user.is_superuser or bool(staff_roles(user)))


def _panel_id(panel) -> int | None:
    """A panel's id; anything else given where a panel is expected is a mistake, not a "no"."""
    if panel is None:
        return None
    if not isinstance(panel, Panel):
        raise TypeError(f"A panel was expected, not {type(panel).__name__}")
    return panel.pk


@rules.predicate
def is_coordinator_of(user, panel) -> bool:
    panel_id = _panel_id(panel)
    return panel_id is not None and (StaffRoleKind.COORDINATOR, panel_id) in staff_roles(user)


@rules.predicate
def is_reviewer_of(user, panel) -> bool:
    panel_id = _panel_id(panel)
    return panel_id is not None and (StaffRoleKind.REVIEWER, panel_id) in staff_roles(user)


def member_panel_ids(user) -> set[int]:
    """The panels the user is a current member of, in any role, loaded once per request."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_member_panels_cache", None)
    if cached is None:
        from .models import MembershipStatus

        cached = set(user.memberships.exclude(status=MembershipStatus.ENDED).values_list("panel_id", flat=True))
        user._member_panels_cache = cached
    return cached


@rules.predicate
def is_member_of(user, panel) -> bool:
    """The user is a current member of the panel, in any role."""
    return isinstance(panel, Panel) and panel.pk in member_panel_ids(user)


@rules.predicate
def is_coordinator(user) -> bool:
    return any(role == StaffRoleKind.COORDINATOR for role, _ in staff_roles(user))


def coordinated_topics(user) -> list[str]:
    """How the outbox marks messages about the panels the user coordinates."""
    return [f"panel:{panel_id}" for role, panel_id in staff_roles(user) if role == StaffRoleKind.COORDINATOR]


@rules.predicate
def coordinates_topic(user, message) -> bool:
    """The user coordinates the panel an outbox message is about."""
    return message is not None and bool(message.topic) and message.topic in coordinated_topics(user)


@rules.predicate
def is_self(user, person) -> bool:
    return person is not None and user.is_authenticated and user.pk == person.pk


@rules.predicate
def coordinates_member(user, person) -> bool:
    """The user coordinates a panel the person is a current member of."""
    from .models import Membership, MembershipStatus

    panels = [panel_id for role, panel_id in staff_roles(user) if role == StaffRoleKind.COORDINATOR]
    if person is None or not panels:
        return False
    current = Membership.objects.filter(person=person, panel_id__in=panels).exclude(status=MembershipStatus.ENDED)
    return current.exists()


@rules.predicate
def is_current_member(user) -> bool:
    from .models import MembershipStatus

    return user.is_authenticated and user.memberships.exclude(status=MembershipStatus.ENDED).exists()


rules.add_perm("members.view_staff_area", is_staff_person)
# A person's record (their timeline): they and their coordinators read it; they and administrators
# download it.
rules.add_perm("members.view_person_record", is_self | coordinates_member | is_administrator)
rules.add_perm("members.export_person_record", is_self | is_administrator)
# The register of interests: a current member's own, or recorded for them by their coordinators
# or an administrator. An administrator's own register starts, like anyone's, when they join a
# panel: until then there is no joining date for it to fall due from.
rules.add_perm(
    "members.declare_interests", (is_self & is_current_member) | coordinates_member | (is_administrator & ~is_self)
)
# A person's access needs: their own, and those of the members of panels a coordinator runs.
rules.add_perm("members.manage_access_needs", is_self | coordinates_member | is_administrator)
rules.add_perm("members.view_panel_staff_page", is_coordinator_of | is_reviewer_of | is_administrator)
rules.add_perm("members.manage_staff_roles", is_administrator)
rules.add_perm("members.manage_memberships", is_coordinator_of | is_administrator)


def _on_member(perm: str):
    """A predicate on a membership: the user holds `perm` for its person."""

    @rules.predicate(name=f"for the member: {perm}")
    def check(user, membership) -> bool:
        return membership is not None and user.has_perm(perm, membership.person)

    return check


@rules.predicate
def runs_membership(user, membership) -> bool:
    """The user manages the memberships of this membership's panel."""
    return membership is not None and user.has_perm("members.manage_memberships", membership.panel)


rules.add_perm("members.manage_membership", runs_membership)


@rules.predicate
def writes_for_panel(user, panel_message) -> bool:
    """The user manages the memberships of the panel a message is written to."""
    return panel_message is not None and user.has_perm("members.manage_memberships", panel_message.panel)


rules.add_perm("members.manage_panel_message", writes_for_panel)
# What a coordinator records for one member of their panel. Once the membership has ended, what
# the person needs, declares or agrees to is no longer the panel's to keep.
rules.add_perm("members.manage_member_access_needs", runs_membership & _on_member("members.manage_access_needs"))
rules.add_perm("members.record_member_interests", runs_membership & _on_member("members.declare_interests"))
rules.add_perm("members.record_member_contact", runs_membership & _on_member("notifications.record_consent_for"))

# Declared here rather than in notifications and accounts, which must not know about roles. A
# person's coordinators record what the person tells them by phone, on paper or in person.
rules.add_perm("notifications.manage_outbox", is_administrator)
# Calls for people who asked to be phoned: each coordinator makes those about their own panels.
rules.add_perm("notifications.make_calls", is_administrator | is_coordinator)
rules.add_perm("notifications.record_call", is_administrator | coordinates_topic)
# A message about a panel that could not be delivered: its coordinators see why and send it again.
rules.add_perm("notifications.fix_message", is_administrator | coordinates_topic)
rules.add_perm("notifications.record_consent_for", coordinates_member | is_administrator)
rules.add_perm("accounts.change_person_details", is_self | coordinates_member | is_administrator)

# The Django admin, for administrators only. Consent records and messages are read-only there.
for perm in [
    "members.view_panel",
    "members.add_panel",
    "members.change_panel",
    "members.view_staffrole",
    "members.add_staffrole",
    "members.delete_staffrole",
    "members.view_accessneeditem",
    "members.add_accessneeditem",
    "members.change_accessneeditem",
    "accounts.view_user",
    "notifications.view_consentwording",
    "notifications.add_consentwording",
    "notifications.view_consentrecord",
    "notifications.view_message",
    "notifications.view_bslvideo",
    "notifications.add_bslvideo",
    "notifications.change_bslvideo",
    "notifications.delete_bslvideo",
]:
    rules.add_perm(perm, is_administrator)
# The admin's index shows an app only to those with its "module permission" (the app's label).
# Without these, administrators were told they could view or edit nothing.
for app_label in ["accounts", "members", "notifications"]:
    rules.add_perm(app_label, is_administrator)

rules.add_perm("accounts.create_offline_person", is_administrator | is_coordinator)
