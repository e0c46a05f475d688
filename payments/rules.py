"""Who may do what with payments (ADR 0025). People see their own claims; a panel's coordinators
approve its claims; finance exports approved claims and marks them paid. Nobody decides on,
exports or pays a claim of their own."""

import rules

from members.models import StaffRoleKind
from members.rules import is_administrator, is_coordinator_of, is_member_of, staff_roles


@rules.predicate
def is_finance(user) -> bool:
    return any(role == StaffRoleKind.FINANCE for role, _ in staff_roles(user))


@rules.predicate
def owns_claim(user, claim) -> bool:
    return claim is not None and user.is_authenticated and claim.person_id == user.pk


@rules.predicate
def coordinates_claim(user, claim) -> bool:
    return claim is not None and is_coordinator_of(user, claim.panel)


@rules.predicate
def wrote_claim(user, claim) -> bool:
    """A member of staff wrote the claim for its person (from a letter or a call)."""
    return claim is not None and user.is_authenticated and claim.created_by_id == user.pk


@rules.predicate
def owns_line(user, line) -> bool:
    return line is not None and owns_claim(user, line.claim)


@rules.predicate
def coordinates_line(user, line) -> bool:
    return line is not None and coordinates_claim(user, line.claim)


# Finance's own area: every finance route checks it first (accounts.access.staff's `area`).
rules.add_perm("payments.finance_area", is_finance)
rules.add_perm("payments.export_claims", is_finance)
rules.add_perm("payments.mark_paid", is_finance)
# Rates are set by administrators and read by everyone.
rules.add_perm("payments.manage_rates", is_administrator)
# A member's choice for a panel they belong to.
rules.add_perm("payments.choose", is_member_of)
# A claim: its person reads it, and changes it while it is open; the panel's coordinators and
# finance and administrators read it; coordinators decide on it, but never on their own.
rules.add_perm("payments.view_claim", owns_claim | coordinates_claim | is_finance | is_administrator)
rules.add_perm("payments.view_own_claim", owns_claim)
# The person changes their claim; a coordinator changes a claim they wrote for someone who sent
# it by post or gave it by phone.
rules.add_perm("payments.change_claim", owns_claim | (coordinates_claim & wrote_claim))
# Deciding is for the panel's coordinators, or an administrator when the only coordinator wrote
# it; never for the claim's person, nor for whoever wrote it.
rules.add_perm("payments.decide_claim", (coordinates_claim | is_administrator) & ~owns_claim & ~wrote_claim)
rules.add_perm("payments.view_receipt", owns_line | coordinates_line | is_finance | is_administrator)
rules.add_perm("payments.record_receipt", coordinates_line & ~owns_line)
# A panel's claims: its coordinators (and administrators, who may be asked about one).
rules.add_perm("payments.view_panel_claims", is_coordinator_of | is_administrator)
rules.add_perm("payments.add_claim_for", is_coordinator_of)
# A choice told to a coordinator by phone or post, recorded for the member.
rules.add_perm("payments.record_for", is_coordinator_of)
