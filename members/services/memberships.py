import logging
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.access import require
from accounts.models import User
from members.models import (
    ROLES_WITHOUT_A_PANEL,
    AccessNeed,
    AccessNeedItem,
    AccessProfile,
    InterestDeclaration,
    Membership,
    MembershipRole,
    MembershipStatus,
    Panel,
    RecordedMethod,
    StaffRole,
    StaffRoleKind,
)
from notifications.services import message_cancel_pending, message_queue

logger = logging.getLogger(__name__)
LONDON = ZoneInfo("Europe/London")
# The catalogue item for a need in the person's own words that matches nothing else.
CARRIED_ITEM = "Something else"


def _require_manage_roles(actor: User | None) -> None:
    require(actor, "members.manage_staff_roles")


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
    if role in ROLES_WITHOUT_A_PANEL:
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
    require(actor, "members.manage_memberships", panel)


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
        kind="members.term_ending", recipient=person, due_at=due, idempotency_key=f"{key}:member", topic=panel.topic,
        context={"name": person.full_name, "panel": panel.name, "role": role, "term_end": term_end},
    )  # fmt: skip
    for coordinator in User.objects.filter(staff_roles__panel=panel, staff_roles__role=StaffRoleKind.COORDINATOR):
        message_queue(
            kind="members.term_ending_coordinator", recipient=coordinator, due_at=due,
            idempotency_key=f"{key}:coordinator:{coordinator.pk}", topic=panel.topic,
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


def _require_role_free(panel: Panel, role: str, *, other_than: Membership | None = None) -> None:
    """A panel has one chair and one vice-chair, unless an administrator allows co-chairs."""
    if role == MembershipRole.MEMBER or panel.co_chairs_allowed:
        return
    holders = panel.memberships.filter(role=role).exclude(status=MembershipStatus.ENDED).select_related("person")
    if other_than is not None:
        holders = holders.exclude(pk=other_than.pk)
    holder = holders.first()
    if holder:
        label = MembershipRole(role).label.lower()
        raise ValidationError(
            {
                "role": f"The panel already has a {label}: {holder.person.display_name}. Change their role first, "
                "or ask an administrator to allow co-chairs for this panel."
            }
        )


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
    _require_role_free(panel, role)
    membership = Membership(
        panel=panel, person=person, role=role, term_start=term_start, term_end=term_end, created_by=actor
    )
    membership._history_user = actor
    membership._change_reason = reason.strip()
    membership.full_clean()
    membership.save()
    _schedule_term_reminders(membership)
    if not person.interest_declarations.exists():
        _ask_for_interests(person, due_at=timezone.now(), key=f"joined:{membership.pk}")
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
    if role != membership.role:
        _require_role_free(membership.panel, role, other_than=membership)
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


def _require_manage_needs(actor: User, person: User) -> None:
    require(actor, "members.manage_access_needs", person)


NEEDS_CONFIRMED = "needs confirmed"


def _needs_checked(profile: AccessProfile, actor: User, reason: str = "needs changed") -> None:
    """The needs were looked at now (added, changed, removed or confirmed): ask again after the
    review period, by a message due then, and on the person's page."""
    profile.confirmed_at = timezone.now()
    profile._history_user = actor
    profile._change_reason = reason
    profile.save(update_fields=["confirmed_at"])
    prefix = f"access-review:{profile.person_id}:"
    message_cancel_pending(key_prefix=prefix)
    if not profile.needs.filter(removed_at__isnull=True).exists():
        return
    due_day = timezone.localdate(profile.confirmed_at) + timedelta(days=settings.ACCESS_NEEDS_REVIEW_DAYS)
    person = profile.person
    message_queue(
        kind="members.access_needs_review", recipient=person, due_at=datetime.combine(due_day, time(9), tzinfo=LONDON),
        idempotency_key=f"{prefix}{profile.confirmed_at.isoformat()}",
        context={"name": person.full_name, "url": reverse("members:my_access_needs"),
                 "months": round(settings.ACCESS_NEEDS_REVIEW_DAYS / 30.4)},
    )  # fmt: skip


def access_review_due(profile: AccessProfile) -> bool:
    """Whether the person should be asked to check their needs are still right."""
    if profile.confirmed_at is None:
        return False
    return timezone.now() - profile.confirmed_at >= timedelta(days=settings.ACCESS_NEEDS_REVIEW_DAYS)


@transaction.atomic
def access_need_add(
    *, actor: User, person: User, item: AccessNeedItem, details: str = "", method: str = RecordedMethod.WEB
) -> AccessNeed:
    """Record what a person needs (never why), by them or by staff on their behalf, saying how."""
    _require_manage_needs(actor, person)
    if not item.is_active:
        raise ValidationError({"item": "Choose something from the list"})
    if actor == person:
        method = RecordedMethod.WEB
    elif method == RecordedMethod.WEB:
        raise ValidationError({"method": "Say how the person told you"})
    profile = access_profile_for(person)
    need = AccessNeed(
        profile=profile, item=item, details=details.strip(), recorded_by=actor, recorded_method=method,
    )  # fmt: skip
    need._history_user = actor
    need.full_clean()
    need.save()
    _needs_checked(profile, actor)
    logger.info("access need %s added for person %s by %s", need.pk, person.pk, actor.pk)
    return need


@transaction.atomic
def access_need_change(*, actor: User, need: AccessNeed, details: str) -> AccessNeed:
    """New words for a need: what the person needs, said their way."""
    _require_manage_needs(actor, need.profile.person)
    if need.removed_at:
        raise ValidationError("This need has been removed. Add it again instead.")
    details = details.strip()
    if details == need.details:
        return need
    need.details = details
    need._history_user = actor
    need._change_reason = "details changed"
    need.full_clean()
    need.save(update_fields=["details"])
    _needs_checked(need.profile, actor)
    return need


@transaction.atomic
def access_need_remove(*, actor: User, need: AccessNeed, reason: str) -> AccessNeed:
    """A need no longer applies. It is kept, marked removed with the reason, so history is whole."""
    _require_manage_needs(actor, need.profile.person)
    if not reason.strip():
        raise ValidationError({"reason": "Say why this is no longer needed"})
    if need.removed_at:
        return need
    need.removed_at, need.removed_reason = timezone.now(), reason.strip()
    need._history_user = actor
    need._change_reason = "removed"
    need.save(update_fields=["removed_at", "removed_reason"])
    _needs_checked(need.profile, actor)
    return need


@transaction.atomic
def access_profile_confirm(*, actor: User, person: User) -> AccessProfile:
    """The person (or staff they told) says their needs are still right."""
    _require_manage_needs(actor, person)
    profile = access_profile_for(person)
    _needs_checked(profile, actor, NEEDS_CONFIRMED)
    return profile


@transaction.atomic
def access_profile_update(*, actor: User, person: User, impairment_category: str) -> AccessProfile:
    """The person's own optional impairment category. Only they can set it, and it is kept out of
    history, so the history row this writes says only that the profile was saved."""
    if actor != person:
        raise PermissionDenied
    profile = access_profile_for(person)
    if profile.impairment_category == impairment_category:
        return profile
    profile.impairment_category = impairment_category
    profile.full_clean()
    # Not even a history row: its timing next to an answer would say when someone changed it.
    profile.skip_history_when_saving = True
    profile.save(update_fields=["impairment_category"])
    return profile


@transaction.atomic
def access_needs_carry_from_application(
    *, actor: User, person: User, told_us: str, reference: str
) -> AccessNeed | None:
    """What an applicant told us they need at interview comes with them onto the panel, in their
    words, so nobody asks them again. It is recorded as "something else" until they (or their
    coordinator) choose the matching needs from the catalogue."""
    _require_manage_needs(actor, person)
    told_us = told_us.strip()
    if not told_us:
        return None
    profile = access_profile_for(person)
    item = AccessNeedItem.objects.get(name=CARRIED_ITEM)
    if profile.needs.filter(item=item, removed_at__isnull=True).exists():
        return None
    need = AccessNeed(
        profile=profile, item=item, details=told_us[:1000], recorded_by=actor,
        recorded_method=RecordedMethod.APPLICATION,
    )  # fmt: skip
    need._history_user = actor
    need._change_reason = f"from application {reference}"
    need.full_clean()
    need.save()
    _needs_checked(profile, actor)
    return need


# Register of interests


def _interests_key(person: User) -> str:
    return f"interests:{person.pk}:"


def _ask_for_interests(person: User, *, due_at: datetime, key: str) -> None:
    message_queue(
        kind="members.interests_due", recipient=person, due_at=due_at, idempotency_key=f"{_interests_key(person)}{key}",
        context={"name": person.full_name, "url": reverse("members:my_interests"), "first": key.startswith("joined")},
    )  # fmt: skip


@transaction.atomic
def interests_declare(
    *, actor: User, person: User, has_interests: bool, interests: str = "", method: str = RecordedMethod.WEB
) -> InterestDeclaration:
    """A member declares their interests, or confirms them unchanged: a new row each time. The
    reminder to confirm them is moved to a year from now."""
    require(actor, "members.declare_interests", person)
    if actor == person:
        method = RecordedMethod.WEB
    elif method in (RecordedMethod.WEB, RecordedMethod.APPLICATION):
        raise ValidationError({"method": "Say how the person told you"})
    interests = interests.strip() if has_interests else ""
    if has_interests and not interests:
        raise ValidationError({"interests": "List your interests, or say you have none"})
    declaration = InterestDeclaration(
        person=person, has_interests=has_interests, interests=interests, declared_by=actor, method=method
    )
    declaration.full_clean()
    declaration.save()
    message_cancel_pending(key_prefix=_interests_key(person))
    due = timezone.localdate() + timedelta(days=settings.INTERESTS_CONFIRM_DAYS)
    _ask_for_interests(person, due_at=datetime.combine(due, time(9), tzinfo=LONDON), key=f"yearly:{declaration.pk}")
    logger.info("interests of person %s declared by %s", person.pk, actor.pk)
    return declaration
