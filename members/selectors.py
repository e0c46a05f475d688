from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from notifications.models import ConsentDecision, ConsentPurpose, ConsentRecord
from notifications.selectors import calls_waiting, has_consent

from .models import AccessNeed, InterestDeclaration, Membership, MembershipStatus, Panel
from .rules import coordinated_topics, is_administrator, staff_roles


def panels_for_staff(user) -> QuerySet[Panel]:
    """The panels whose staff pages a person may see: all for administrators, otherwise those they
    coordinate or review for."""
    panels = Panel.objects.filter(is_active=True)
    if is_administrator(user):
        return panels
    return panels.filter(pk__in={panel_id for _, panel_id in staff_roles(user) if panel_id})


def panel_mailboxes(ids: list[str]) -> dict[str, str]:
    """Each panel's mailbox for replies, by id as the outbox writes it ("panel:<id>")."""
    panels = Panel.objects.filter(pk__in=[int(pk) for pk in ids if pk.isdigit()])
    return {str(pk): mailbox for pk, mailbox in panels.values_list("pk", "mailbox")}


def calls_for_staff(user):
    """The calls a person may make: every one for administrators, otherwise those about the panels
    they coordinate."""
    return calls_waiting(None if is_administrator(user) else coordinated_topics(user))


ROSTER_FILTERS = {
    "current": "Current",
    "ending": "Term ends within 90 days",
    "interests": "Interests overdue",
    "former": "Former",
    "all": "All",
}


def _latest_declaration(person_ref: str):
    return Subquery(
        InterestDeclaration.objects.filter(person=OuterRef(person_ref))
        .order_by("-declared_at")
        .values("declared_at")[:1]
    )


def roster(panel: Panel, show: str = "current") -> QuerySet[Membership]:
    """The panel's members: current (active or paused), those whose term ends soon, those whose
    register of interests is overdue, former or all. Each carries when they last declared."""
    memberships = (
        panel.memberships.select_related("person")
        .annotate(interests_declared_at=_latest_declaration("person"))
        .order_by("person__full_name", "id")
    )
    current = memberships.exclude(status=MembershipStatus.ENDED)
    if show == "current":
        return current
    if show == "ending":
        soon = timezone.localdate() + timedelta(days=90)
        return current.filter(term_end__lte=soon).order_by("term_end")
    if show == "interests":
        now = timezone.now()
        never = Q(
            interests_declared_at__isnull=True, created_at__lt=now - timedelta(days=settings.INTERESTS_FIRST_DAYS)
        )
        lapsed = Q(interests_declared_at__lt=now - timedelta(days=settings.INTERESTS_CONFIRM_DAYS))
        return current.filter(never | lapsed)
    if show == "former":
        return memberships.filter(status=MembershipStatus.ENDED)
    return memberships


@dataclass(frozen=True)
class InterestsStatus:
    declared_at: datetime | None
    due: date
    overdue: bool


def interests_status(declared_at: datetime | None, joined_at: datetime) -> InterestsStatus:
    """When a member's register of interests is due: within a few weeks of joining, then yearly."""
    if declared_at is None:
        due = joined_at + timedelta(days=settings.INTERESTS_FIRST_DAYS)
    else:
        due = declared_at + timedelta(days=settings.INTERESTS_CONFIRM_DAYS)
    return InterestsStatus(declared_at=declared_at, due=timezone.localdate(due), overdue=due < timezone.now())


def interest_declarations(person) -> QuerySet[InterestDeclaration]:
    return person.interest_declarations.select_related("declared_by").order_by("-declared_at", "-id")


def memberships_of(person) -> QuerySet[Membership]:
    return person.memberships.select_related("panel").order_by("status", "-term_start")


def memberships_managed_by(user, person) -> list[Membership]:
    """The person's memberships of panels whose memberships this user manages."""
    return [m for m in memberships_of(person) if user.has_perm("members.manage_memberships", m.panel)]


def current_needs(person) -> QuerySet[AccessNeed]:
    return AccessNeed.objects.filter(profile__person=person, removed_at__isnull=True).select_related(
        "item", "recorded_by"
    )


def _sharing_consent(person_ref: str):
    """The person's decision in force about sharing their needs with outside providers."""
    return Subquery(
        ConsentRecord.objects.filter(
            person=OuterRef(person_ref), purpose=ConsentPurpose.SHARE_ACCESS_NEEDS, recorded_at__lte=timezone.now()
        )
        .order_by("-recorded_at", "-id")
        .values("decision")[:1]
    )


def needs_for_providers(panel: Panel) -> list[dict]:
    """The current members' needs, for an interpreter agency, a venue or a caterer. Each need is
    always there (the provider must know what to bring); the person's name and their own words only
    when they agreed to share them, checked now. Rows are ordered by need, never by person, so the
    order does not give away whose need is whose."""
    members = panel.memberships.exclude(status=MembershipStatus.ENDED).values("person")
    needs = (
        AccessNeed.objects.filter(profile__person__in=members, removed_at__isnull=True)
        .select_related("item", "profile__person")
        .annotate(sharing=_sharing_consent("profile__person"))
    )
    rows = []
    for need in needs:
        shared = need.sharing == ConsentDecision.GIVEN
        rows.append(
            {
                "need": need.item.name,
                "category": need.item.get_category_display(),
                "lead_time_days": need.item.lead_time_days,
                "who_acts": need.item.who_acts,
                "name": need.profile.person.display_name if shared else "",
                "details": need.details if shared else "",
                "shared": shared,
                "_order": (need.item.category, need.item.order, need.item.name),
            }
        )
    rows.sort(key=lambda row: (row["_order"], not row["shared"], row["name"], row["details"]))
    for row in rows:
        del row["_order"]
    return rows


def shares_needs(person) -> bool:
    return has_consent(person_id=person.pk, purpose=ConsentPurpose.SHARE_ACCESS_NEEDS)
