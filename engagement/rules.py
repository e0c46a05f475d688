"""Who may do what with requests from officers (ADR 0024). Officers see their own requests; each
panel's coordinators triage the panel's engagements; its chair and vice-chairs read them."""

import rules

from members.models import MembershipRole, MembershipStatus, Panel, StaffRoleKind
from members.rules import (
    is_administrator,
    is_coordinator_of,
    is_member_of,
    is_staff_person,
    member_panel_ids,
    staff_roles,
)

from .models import OfficerStatus

CHAIRS = (MembershipRole.CHAIR, MembershipRole.VICE_CHAIR)


@rules.predicate
def is_officer(user) -> bool:
    """An officer an administrator has approved."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_officer_status_cache", None)
    if cached is None:
        from .models import Officer

        cached = Officer.objects.filter(user=user).values_list("status", flat=True).first() or ""
        user._officer_status_cache = cached
    return cached == OfficerStatus.APPROVED


def chaired_panel_ids(user) -> set[int]:
    """The panels the user chairs (or is vice-chair of) now, loaded once per request."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_chaired_panels_cache", None)
    if cached is None:
        current = user.memberships.filter(role__in=CHAIRS).exclude(status=MembershipStatus.ENDED)
        cached = set(current.values_list("panel_id", flat=True))
        user._chaired_panels_cache = cached
    return cached


@rules.predicate
def member_of_scheduled(user, engagement) -> bool:
    """The engagement is scheduled, and the user is a current member of its panel."""
    return engagement is not None and engagement.is_scheduled and engagement.panel_id in member_panel_ids(user)


@rules.predicate
def member_of_scheduled_request(user, request) -> bool:
    if request is None:
        return False
    panels = member_panel_ids(user)
    return bool(panels) and request.engagements.filter(panel_id__in=panels, scheduled_at__isnull=False).exists()


@rules.predicate
def owns_engagement(user, engagement) -> bool:
    return engagement is not None and user.is_authenticated and engagement.request.officer_id == user.pk


@rules.predicate
def chairs(user, panel) -> bool:
    return isinstance(panel, Panel) and panel.pk in chaired_panel_ids(user)


@rules.predicate
def owns_request(user, request) -> bool:
    return request is not None and user.is_authenticated and request.officer_id == user.pk


def _request_panel_ids(request) -> set[int]:
    cached = getattr(request, "_panel_ids", None)
    if cached is None:
        cached = set(request.engagements.values_list("panel_id", flat=True))
        request._panel_ids = cached
    return cached


@rules.predicate
def coordinates_request(user, request) -> bool:
    """The request was sent to a panel the user coordinates."""
    coordinated = {panel_id for role, panel_id in staff_roles(user) if role == StaffRoleKind.COORDINATOR}
    return request is not None and bool(coordinated & _request_panel_ids(request))


@rules.predicate
def chairs_request(user, request) -> bool:
    return request is not None and bool(chaired_panel_ids(user) & _request_panel_ids(request))


@rules.predicate
def triages(user, engagement) -> bool:
    return engagement is not None and is_coordinator_of(user, engagement.panel)


@rules.predicate
def chairs_engagement(user, engagement) -> bool:
    return engagement is not None and engagement.panel_id in chaired_panel_ids(user)


# The officers' own area: every officer route checks it first (accounts.access.staff's `area`).
rules.add_perm("engagement.officer_area", is_officer)
rules.add_perm("engagement.bring_request", is_officer)
rules.add_perm("engagement.change_request", is_officer & owns_request)
# Who may read a request and its documents on staff and officers' pages: its officer, the
# coordinators of the panels it went to, and administrators.
rules.add_perm("engagement.view_request", owns_request | coordinates_request | is_administrator)
rules.add_perm("engagement.read_documents", is_staff_person | is_officer)
rules.add_perm("engagement.manage_officers", is_administrator)
rules.add_perm("engagement.view_panel_requests", is_coordinator_of | is_administrator)
rules.add_perm("engagement.triage", triages | is_administrator)
rules.add_perm("engagement.view_engagement", triages | is_administrator)
# A chair reads their panel's requests on their own pages, as a member (ADR 0024).
rules.add_perm("engagement.chair_panel_requests", chairs)
rules.add_perm("engagement.chair_view_engagement", chairs_engagement)
rules.add_perm("engagement.chair_read_documents", chairs_request)
# Members read their panel's requests once scheduled, and answer a written consultation.
rules.add_perm("engagement.member_panel_work", is_member_of)
rules.add_perm("engagement.member_view_engagement", member_of_scheduled)
rules.add_perm("engagement.member_read_documents", member_of_scheduled_request)
rules.add_perm("engagement.answer_consultation", member_of_scheduled)
# The chair (or a vice-chair) approves the panel's advice; the
# officer answers it; the chair and the officer agree the words that are published.
rules.add_perm("engagement.approve_advice", chairs_engagement)
rules.add_perm("engagement.respond", is_officer & owns_engagement)
rules.add_perm("engagement.agree_publication", (is_officer & owns_engagement) | chairs_engagement)
