import logging
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from notifications.services import message_cancel_pending, message_queue

from .models import (
    AccessNeed,
    AccessNeedItem,
    AccessProfile,
    Membership,
    MembershipRole,
    MembershipStatus,
    Panel,
    RecordedMethod,
    StaffRole,
    StaffRoleKind,
)

logger = logging.getLogger(__name__)
LONDON = ZoneInfo("Europe/London")


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


# Memberships


def _require_manage(actor: User, panel: Panel) -> None:
    if not actor.has_perm("members.manage_memberships", panel):
        raise PermissionDenied


def _reminder_key(membership: Membership) -> str:
    return f"membership-term:{membership.pk}:"


def _schedule_term_reminders(membership: Membership) -> None:
    """Reminders that the term ends, to the member and the panel's coordinators, as rows due a set
    number of days before: the outbox sweep sends them on the day, however far off it is."""
    message_cancel_pending(key_prefix=_reminder_key(membership))
    if membership.status == MembershipStatus.ENDED:
        return
    due = datetime.combine(
        membership.term_end - timedelta(days=settings.MEMBERSHIP_TERM_REMINDER_DAYS), time(9), tzinfo=LONDON
    )
    term_end = membership.term_end.strftime("%-d %B %Y")
    person, panel, role = membership.person, membership.panel, membership.get_role_display().lower()
    key = f"{_reminder_key(membership)}{membership.term_end.isoformat()}"
    message_queue(
        kind="members.term_ending", recipient=person, due_at=due, idempotency_key=f"{key}:member",
        context={"name": person.full_name, "panel": panel.name, "role": role, "term_end": term_end},
    )  # fmt: skip
    for coordinator in User.objects.filter(staff_roles__panel=panel, staff_roles__role=StaffRoleKind.COORDINATOR):
        message_queue(
            kind="members.term_ending_coordinator", recipient=coordinator, due_at=due,
            idempotency_key=f"{key}:coordinator:{coordinator.pk}",
            context={
                "name": coordinator.full_name, "member": person.display_name, "panel": panel.name, "role": role,
                "term_end": term_end, "url": reverse("members:membership", kwargs={"pk": membership.pk}),
            },
        )  # fmt: skip


def _save(membership: Membership, actor: User, reason: str, fields: list[str]) -> Membership:
    membership._history_user = actor
    membership._change_reason = reason
    membership.full_clean()
    membership.save(update_fields=fields)
    return membership


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
    """Give a person a place on a panel for a term: on appointment, or directly (a co-opted member,
    say) with a reason."""
    _require_manage(actor, panel)
    if not reason.strip():
        raise ValidationError({"reason": "Say why this person is joining the panel"})
    membership = Membership(
        panel=panel, person=person, role=role, term_start=term_start, term_end=term_end, created_by=actor
    )
    membership._history_user = actor
    membership._change_reason = reason.strip()
    membership.full_clean()
    membership.save()
    _schedule_term_reminders(membership)
    logger.info("membership %s of panel %s created for person %s by %s", membership.pk, panel.pk, person.pk, actor.pk)
    return membership


@transaction.atomic
def membership_renew(*, actor: User, membership: Membership, term_end: date, reason: str = "") -> Membership:
    """A new end to the term. The reminders for the old end are cancelled and new ones set."""
    _require_manage(actor, membership.panel)
    if membership.status == MembershipStatus.ENDED:
        raise ValidationError("This membership has ended. Add the person to the panel again instead.")
    if term_end <= membership.term_end:
        raise ValidationError({"term_end": "The new end of the term must be after the current one"})
    membership.term_end = term_end
    _save(membership, actor, reason.strip() or "term renewed", ["term_end"])
    _schedule_term_reminders(membership)
    return membership


@transaction.atomic
def membership_change(*, actor: User, membership: Membership, role: str, status: str, reason: str) -> Membership:
    """Change the role (member, chair, vice-chair) or pause and resume a membership, with a reason."""
    _require_manage(actor, membership.panel)
    if membership.status == MembershipStatus.ENDED:
        raise ValidationError("This membership has ended, so it cannot be changed.")
    if status not in (MembershipStatus.ACTIVE, MembershipStatus.PAUSED):
        raise ValidationError({"status": "To end a membership, use End membership"})
    if not reason.strip():
        raise ValidationError({"reason": "Say why"})
    membership.role, membership.status = role, status
    return _save(membership, actor, reason.strip(), ["role", "status"])


@transaction.atomic
def membership_end(*, actor: User, membership: Membership, reason: str) -> Membership:
    """A member leaves. The membership is kept, ended, with the reason; its reminders are cancelled."""
    _require_manage(actor, membership.panel)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the membership is ending"})
    if membership.status == MembershipStatus.ENDED:
        return membership
    membership.status, membership.ended_reason = MembershipStatus.ENDED, reason.strip()
    _save(membership, actor, reason.strip(), ["status", "ended_reason"])
    message_cancel_pending(key_prefix=_reminder_key(membership))
    logger.info("membership %s ended by %s", membership.pk, actor.pk)
    return membership


# Access needs


def access_profile_for(person: User) -> AccessProfile:
    profile, _ = AccessProfile.objects.get_or_create(person=person)
    return profile


@transaction.atomic
def access_need_add(
    *, actor: User, person: User, item: AccessNeedItem, details: str = "", method: str = RecordedMethod.WEB
) -> AccessNeed:
    """Record what a person needs (never why), by them or by staff on their behalf, saying how."""
    if not actor.has_perm("members.manage_access_needs", person):
        raise PermissionDenied
    if not item.is_active:
        raise ValidationError({"item": "Choose something from the list"})
    if actor == person:
        method = RecordedMethod.WEB
    elif method == RecordedMethod.WEB:
        raise ValidationError({"method": "Say how the person told you"})
    need = AccessNeed(
        profile=access_profile_for(person), item=item, details=details.strip(), recorded_by=actor,
        recorded_method=method,
    )  # fmt: skip
    need._history_user = actor
    need.full_clean()
    need.save()
    logger.info("access need %s added for person %s by %s", need.pk, person.pk, actor.pk)
    return need


@transaction.atomic
def access_need_remove(*, actor: User, need: AccessNeed, reason: str) -> AccessNeed:
    """A need no longer applies. It is kept, marked removed with the reason, so history is whole."""
    if not actor.has_perm("members.manage_access_needs", need.profile.person):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": "Say why this is no longer needed"})
    if need.removed_at:
        return need
    need.removed_at, need.removed_reason = timezone.now(), reason.strip()
    need._history_user = actor
    need._change_reason = "removed"
    need.save(update_fields=["removed_at", "removed_reason"])
    return need


@transaction.atomic
def access_profile_update(
    *, actor: User, person: User, impairment_category: str, confirm: bool = True
) -> AccessProfile:
    """The person's own: the optional impairment category, and confirming their needs are up to date."""
    if actor != person:
        raise PermissionDenied
    profile = access_profile_for(person)
    profile.impairment_category = impairment_category
    if confirm:
        profile.confirmed_at = timezone.now()
    profile._history_user = actor
    profile.full_clean()
    profile.save(update_fields=["impairment_category", "confirmed_at"])
    return profile
