"""The members services (members/services/memberships.py): memberships with their terms, reminders and
history; staff roles; the register of interests; and access needs, stated once by the person and
recorded for them by their coordinators, never with the why."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import User
from members import services
from members.models import (
    AccessNeed,
    AccessProfile,
    InterestDeclaration,
    MembershipRole,
    MembershipStatus,
    RecordedMethod,
    StaffRole,
    StaffRoleKind,
)
from members.services import staff_role_grant, staff_role_revoke
from notifications.models import Message, MessageStatus
from notifications.services import outbox_sweep
from tests.factories import UserFactory, a_membership, catalogue_item

pytestmark = pytest.mark.django_db


# Memberships: a term with a role and a status, kept as history, with reminders before it ends.


@pytest.fixture
def newcomer(db):
    """Someone on no panel yet, for the tests to add."""
    return UserFactory(full_name="Nia Newcomer")


def reminders(membership) -> list[Message]:
    return list(Message.objects.filter(idempotency_key__startswith=f"membership-term:{membership.pk}:").order_by("id"))


def test_joining_sets_reminders_for_the_member_and_coordinator_90_days_before_the_end(
    coordinator, race_panel, newcomer
):
    membership = a_membership(coordinator, race_panel, newcomer)
    member_reminder, coordinator_reminder = reminders(membership)
    assert member_reminder.recipient == newcomer and coordinator_reminder.recipient == coordinator
    due = timezone.localtime(member_reminder.due_at)
    assert due.date() == membership.term_end - timedelta(days=90) and due.hour == 9
    assert member_reminder.status == MessageStatus.QUEUED and member_reminder.enqueued_at is None
    record = membership.history.first()
    assert record.history_user == coordinator and record.history_change_reason.startswith("co-opted")


def test_a_reminder_waits_for_its_day_and_the_sweep_sends_it(coordinator, race_panel, newcomer, mailoutbox):
    membership = a_membership(coordinator, race_panel, newcomer)
    assert outbox_sweep()["published"] == 0  # not due for years
    Message.objects.filter(pk__in=[m.pk for m in reminders(membership)]).update(due_at=timezone.now())
    assert outbox_sweep()["published"] == 2
    subjects = sorted(m.subject for m in mailoutbox)
    assert subjects[1].startswith("Your term on the Race Panel ends on")
    assert subjects[0].startswith("A term on the Race Panel ends on")


def test_renewing_cancels_the_old_reminders_and_sets_new_ones(coordinator, race_panel, newcomer):
    membership = a_membership(coordinator, race_panel, newcomer)
    old = reminders(membership)
    with pytest.raises(ValidationError, match="must be after the current one"):
        services.membership_renew(actor=coordinator, membership=membership, term_end=membership.term_start)
    services.membership_renew(
        actor=coordinator, membership=membership, term_end=membership.term_end + timedelta(days=365)
    )
    statuses = {m.pk: m.status for m in reminders(membership)}
    assert all(statuses[m.pk] == MessageStatus.CANCELLED for m in old)
    assert sum(status == MessageStatus.QUEUED for status in statuses.values()) == 2


def test_ending_keeps_the_membership_with_its_reason_and_cancels_reminders(coordinator, race_panel, newcomer):
    membership = a_membership(coordinator, race_panel, newcomer)
    with pytest.raises(ValidationError):
        services.membership_end(actor=coordinator, membership=membership, reason=" ")
    services.membership_end(actor=coordinator, membership=membership, reason="Moved away")
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ENDED and membership.ended_reason == "Moved away"
    assert {m.status for m in reminders(membership)} == {MessageStatus.CANCELLED}
    # A former member can join again later.
    assert a_membership(coordinator, race_panel, newcomer).status == MembershipStatus.ACTIVE


def test_a_person_is_a_current_member_of_a_panel_once(coordinator, race_panel, newcomer):
    a_membership(coordinator, race_panel, newcomer)
    with pytest.raises(ValidationError, match="already a member of this panel"):
        a_membership(coordinator, race_panel, newcomer)


def test_role_and_pause_need_a_reason_and_a_term_must_end_after_it_starts(coordinator, race_panel, newcomer):
    membership = a_membership(coordinator, race_panel, newcomer)
    with pytest.raises(ValidationError):
        services.membership_change(
            actor=coordinator, membership=membership, role=MembershipRole.CHAIR, status="active", reason=""
        )
    services.membership_change(
        actor=coordinator, membership=membership, role=MembershipRole.CHAIR, status="paused", reason="Elected chair"
    )
    membership.refresh_from_db()
    assert (membership.role, membership.status) == (MembershipRole.CHAIR, MembershipStatus.PAUSED)
    with pytest.raises(ValidationError, match="must end after it starts"):
        services.membership_create(
            actor=coordinator, panel=race_panel, person=UserFactory(), term_start=date(2027, 1, 1),
            term_end=date(2026, 1, 1), reason="test",
        )  # fmt: skip


@pytest.mark.parametrize("who", ["gender_coordinator", "reviewer", "applicant"])
def test_only_the_panels_coordinator_or_an_administrator_manages_its_members(request, race_panel, newcomer, who):
    with pytest.raises(PermissionDenied):
        a_membership(request.getfixturevalue(who), race_panel, newcomer)


# Staff roles.


def test_an_administrator_gives_and_removes_a_panel_role_with_history(administrator, race_panel):
    person = UserFactory()
    role = staff_role_grant(actor=administrator, user=person, role=StaffRoleKind.COORDINATOR, panel=race_panel)
    role_id = role.id
    assert role.history.get().history_user == administrator
    assert person.has_perm("members.view_staff_area")
    staff_role_revoke(actor=administrator, staff_role=role)
    assert not StaffRole.objects.filter(user=person).exists()
    assert StaffRole.history.filter(id=role_id, history_type="-", history_user=administrator).exists()
    assert not User.objects.get(pk=person.pk).has_perm("members.view_staff_area")


def test_the_administrator_role_opens_the_admin_site_and_removing_it_closes_it(administrator):
    person = UserFactory()
    role = staff_role_grant(actor=administrator, user=person, role=StaffRoleKind.ADMINISTRATOR)
    person.refresh_from_db()
    assert person.is_staff and role.panel is None
    staff_role_revoke(actor=administrator, staff_role=role)
    person.refresh_from_db()
    assert not person.is_staff


def test_only_administrators_give_roles(coordinator, race_panel):
    with pytest.raises(PermissionDenied):
        staff_role_grant(actor=coordinator, user=UserFactory(), role=StaffRoleKind.REVIEWER, panel=race_panel)


def test_a_panel_role_needs_a_panel_and_staff_need_an_email(administrator):
    with pytest.raises(ValidationError):
        staff_role_grant(actor=administrator, user=UserFactory(), role=StaffRoleKind.REVIEWER)
    offline = User.objects.create_user(full_name="No Email")
    with pytest.raises(ValidationError):
        staff_role_grant(actor=administrator, user=offline, role=StaffRoleKind.ADMINISTRATOR)


def test_an_administrator_cannot_remove_their_own_administrator_role(administrator):
    with pytest.raises(ValidationError):
        staff_role_revoke(actor=administrator, staff_role=administrator.staff_roles.get())


# The register of interests: declared on joining, confirmed every year.


def asked(person):
    return Message.objects.filter(kind="members.interests_due", recipient=person)


def test_a_new_member_is_asked_for_their_interests_at_once(member):
    message = asked(member).get()
    assert message.context["first"] is True and message.due_at <= timezone.now()


def test_declaring_moves_the_reminder_to_a_year_later(settings, member):
    settings.INTERESTS_CONFIRM_DAYS = 365
    services.interests_declare(actor=member, person=member, has_interests=True, interests="Trustee of a charity")
    yearly = asked(member).get(context__first=False)
    assert yearly.status == MessageStatus.QUEUED
    assert timezone.localdate(yearly.due_at) == timezone.localdate() + timedelta(days=365)
    # Confirming again, even the same day, replaces it with one new reminder.
    services.interests_declare(actor=member, person=member, has_interests=True, interests="Trustee of a charity")
    assert asked(member).filter(context__first=False, status=MessageStatus.QUEUED).count() == 1
    assert asked(member).filter(context__first=False, status=MessageStatus.CANCELLED).count() == 1
    assert InterestDeclaration.objects.filter(person=member).count() == 2


def test_an_administrator_still_records_interests_for_a_member(administrator, member):
    services.interests_declare(actor=administrator, person=member, has_interests=False, method=RecordedMethod.PHONE)
    assert InterestDeclaration.objects.get(person=member).declared_by == administrator


# Access needs.


def test_staff_record_needs_for_their_members_only_and_say_how(coordinator, gender_coordinator, member):
    with pytest.raises(ValidationError, match="Say how the person told you"):
        services.access_need_add(actor=coordinator, person=member, item=catalogue_item("Easy read papers"))
    need = services.access_need_add(
        actor=coordinator, person=member, item=catalogue_item("Easy read papers"), method=RecordedMethod.PHONE
    )
    assert need.recorded_by == coordinator and need.recorded_method == RecordedMethod.PHONE
    with pytest.raises(PermissionDenied):
        services.access_need_add(
            actor=gender_coordinator, person=member, item=catalogue_item("Lighting"), method=RecordedMethod.PHONE
        )
    with pytest.raises(PermissionDenied):
        services.access_profile_update(actor=coordinator, person=member, impairment_category="other")


def review_messages(person):
    return Message.objects.filter(kind="members.access_needs_review", recipient=person)


def test_people_with_needs_are_asked_to_check_them_after_the_review_period(settings, member):
    settings.ACCESS_NEEDS_REVIEW_DAYS = 182
    services.access_need_add(actor=member, person=member, item=catalogue_item("Rest breaks"))
    first = review_messages(member).get()
    assert first.status == MessageStatus.QUEUED
    assert timezone.localdate(first.due_at) == timezone.localdate() + timedelta(days=182)
    # Checking again moves the question on: the earlier one is cancelled, a new one is due.
    services.access_profile_confirm(actor=member, person=member)
    assert review_messages(member).filter(status=MessageStatus.QUEUED).count() == 1
    assert review_messages(member).filter(status=MessageStatus.CANCELLED).count() == 1
    # With no needs left there is nothing to check.
    services.access_need_remove(actor=member, need=AccessNeed.objects.get(profile__person=member), reason="Better")
    assert not review_messages(member).filter(status=MessageStatus.QUEUED).exists()


def test_the_impairment_category_leaves_no_history_row_at_all(member):
    profile = services.access_profile_for(member)
    before = profile.history.count()
    services.access_profile_update(actor=member, person=member, impairment_category="mental_health")
    assert profile.history.count() == before
    assert AccessProfile.objects.get(person=member).impairment_category == "mental_health"


# One chair and one vice-chair for each panel, unless an administrator allows co-chairs.


@pytest.mark.parametrize("role", [MembershipRole.CHAIR, MembershipRole.VICE_CHAIR])
def test_a_panel_has_one_chair_and_one_vice_chair_unless_co_chairs_are_allowed(coordinator, race_panel, role):
    first = a_membership(coordinator, race_panel, full_name="Fay First")
    second = a_membership(coordinator, race_panel)
    services.membership_change(actor=coordinator, membership=first, role=role, status="active", reason="Elected.")
    with pytest.raises(ValidationError) as refused:
        services.membership_change(actor=coordinator, membership=second, role=role, status="active", reason="Elected.")
    assert (
        "already has a" in refused.value.message_dict["role"][0]
        and "Fay First" in refused.value.message_dict["role"][0]
    )
    start = timezone.localdate()
    with pytest.raises(ValidationError):
        services.membership_create(
            actor=coordinator, panel=race_panel, person=UserFactory(), term_start=start,
            term_end=start + timedelta(days=300), role=role, reason="co-opted",
        )  # fmt: skip
    # A panel an administrator allows co-chairs takes a second.
    race_panel.co_chairs_allowed = True
    race_panel.save(update_fields=["co_chairs_allowed"])
    services.membership_change(actor=coordinator, membership=second, role=role, status="active", reason="Co-chair.")
    assert race_panel.memberships.filter(role=role).count() == 2


def test_a_chair_who_has_left_makes_way_for_the_next(coordinator, race_panel):
    first, second = a_membership(coordinator, race_panel), a_membership(coordinator, race_panel)
    services.membership_change(
        actor=coordinator, membership=first, role=MembershipRole.CHAIR, status="active", reason="Elected."
    )
    services.membership_end(actor=coordinator, membership=first, reason="Moved away.")
    services.membership_change(
        actor=coordinator, membership=second, role=MembershipRole.CHAIR, status="active", reason="Elected."
    )
