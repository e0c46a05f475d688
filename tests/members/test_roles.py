import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from accounts.models import User
from members.models import Panel, StaffRole, StaffRoleKind
from members.seed import PANELS, seed_reference_data
from members.services import staff_role_grant, staff_role_revoke
from notifications.models import ConsentWording
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_three_panels_are_seeded_and_seeding_again_changes_nothing():
    Panel.objects.filter(slug="race").update(summary="Edited by an administrator")
    seed_reference_data()
    seed_reference_data()
    assert list(Panel.objects.values_list("name", flat=True)) == [p["name"] for p in PANELS]
    assert Panel.objects.get(slug="race").summary == "Edited by an administrator"
    assert ConsentWording.objects.count() == 4


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


def test_the_database_refuses_an_administrator_role_tied_to_a_panel(race_panel):
    with pytest.raises(IntegrityError), transaction.atomic():
        StaffRole.objects.create(user=UserFactory(), role=StaffRoleKind.ADMINISTRATOR, panel=race_panel)


def test_a_race_panel_coordinator_has_nothing_of_the_other_panels(coordinator, race_panel, gender_panel):
    assert coordinator.has_perm("members.view_panel_staff_page", race_panel)
    assert not coordinator.has_perm("members.view_panel_staff_page", gender_panel)
    assert not coordinator.has_perm("members.manage_staff_roles")


def test_people_without_email_are_kept_with_their_address_and_cannot_sign_in(client):
    person = User.objects.create_user(
        full_name="Pat Post", address="1 Example Street", postcode="L1 1AA", phone="0151 000 0001"
    )
    other = User.objects.create_user(full_name="Another Offline Person")
    assert person.email is None and other.email is None  # two people with no email do not clash
    assert not person.has_usable_password()
    assert str(person) == f"person {person.pk}"  # logs and history labels carry ids, not names


def test_email_addresses_are_unique_whatever_their_case():
    UserFactory(email="same@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="SAME@example.org")
