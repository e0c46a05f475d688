import logging
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts.models import User

from .models import Membership, MembershipRole, MembershipStatus, Panel, StaffRole, StaffRoleKind

logger = logging.getLogger(__name__)


def _require_manage_roles(actor: User | None) -> None:
    if actor is None or not actor.has_perm("members.manage_staff_roles"):
        raise PermissionDenied


def _sync_admin_site_access(user: User) -> None:
    """Django's is_staff flag (reaching the admin site) follows the administrator role."""
    is_admin = user.staff_roles.filter(role=StaffRoleKind.ADMINISTRATOR).exists()
    if user.is_staff != is_admin:
        user.is_staff = is_admin
        user.save(update_fields=["is_staff"])


@transaction.atomic
def staff_role_grant(*, actor: User | None, user: User, role: str, panel: Panel | None = None) -> StaffRole:
    """Give a person a staff role. `actor=None` is the system (seeding and demo data only)."""
    if actor is not None:
        _require_manage_roles(actor)
    if role == StaffRoleKind.ADMINISTRATOR:
        panel = None
    elif panel is None:
        raise ValidationError({"panel": "Choose the panel this role is for."})
    if not user.email:
        raise ValidationError({"user": "Staff must be able to sign in, so they need an email address."})
    existing = StaffRole.objects.filter(user=user, role=role, panel=panel).first()
    if existing:
        return existing
    staff_role = StaffRole(user=user, role=role, panel=panel, granted_by=actor)
    staff_role._history_user = actor
    staff_role.full_clean()
    staff_role.save()
    _sync_admin_site_access(user)
    logger.info("staff role %s granted to person %s by %s", staff_role.pk, user.pk, actor.pk if actor else "system")
    return staff_role


@transaction.atomic
def staff_role_revoke(*, actor: User, staff_role: StaffRole) -> None:
    _require_manage_roles(actor)
    if staff_role.role == StaffRoleKind.ADMINISTRATOR and staff_role.user_id == actor.pk:
        raise ValidationError("You cannot remove your own administrator role. Ask another administrator.")
    user, role_id = staff_role.user, staff_role.pk
    staff_role._history_user = actor
    staff_role.delete()
    _sync_admin_site_access(user)
    logger.info("staff role %s revoked from person %s by %s", role_id, user.pk, actor.pk)


@transaction.atomic
def membership_create(
    *,
    actor: User,
    panel: Panel,
    person: User,
    term_start: date,
    term_end: date,
    role: str = MembershipRole.MEMBER,
    reason: str = "",
) -> Membership:
    """Give a person a place on a panel for a term: on appointment, or directly with a reason."""
    if not actor.has_perm("members.manage_memberships", panel):
        raise PermissionDenied
    membership = Membership(
        panel=panel, person=person, role=role, term_start=term_start, term_end=term_end, created_by=actor
    )
    membership._history_user = actor
    membership._change_reason = reason
    membership.full_clean()
    membership.save()
    logger.info("membership %s of panel %s created for person %s by %s", membership.pk, panel.pk, person.pk, actor.pk)
    return membership


@transaction.atomic
def membership_end(*, actor: User, membership: Membership, reason: str) -> Membership:
    """A member leaves. The membership is kept, ended, with the reason."""
    if not actor.has_perm("members.manage_memberships", membership.panel):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": "Say why the membership is ending"})
    if membership.status == MembershipStatus.ENDED:
        return membership
    membership.status, membership.ended_reason = MembershipStatus.ENDED, reason.strip()
    membership._history_user = actor
    membership._change_reason = reason.strip()
    membership.save(update_fields=["status", "ended_reason"])
    logger.info("membership %s ended by %s", membership.pk, actor.pk)
    return membership
