"""The members pages (members/views/memberships.py): a panel's members as its coordinator keeps them, and a
member's own panels, register of interests and access needs, which their coordinators see without
the why; clear errors that keep what was typed, and nothing of anyone else's by a forged id."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from members import services
from members.models import AccessNeed, AccessProfile, InterestDeclaration, Membership, RecordedMethod
from notifications import services as outbox
from notifications.models import ConsentDecision, ConsentPurpose
from tests.factories import UserFactory, a_membership, catalogue_item
from tests.forms import date_input
from tests.responses import text, title_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(db):
    """Someone on no panel yet, for the tests to add."""
    return UserFactory(full_name="Nia Newcomer")


# Memberships.


def test_the_roster_shows_current_ending_and_former_members(signed_in, coordinator, race_panel):
    staying = a_membership(coordinator, race_panel, full_name="Stella Staying")
    ending = a_membership(coordinator, race_panel, full_name="Enid Ending", days=30)
    former = a_membership(coordinator, race_panel, full_name="Fred Former")
    services.membership_end(actor=coordinator, membership=former, reason="Stood down")
    client = signed_in(coordinator)
    current = text(client.get("/staff/panels/race/members/"))
    assert staying.person.full_name in current and ending.person.full_name in current and "Fred" not in current
    soon = text(client.get("/staff/panels/race/members/?show=ending"))
    assert "Enid Ending" in soon and "Stella" not in soon
    assert "Fred Former" in text(client.get("/staff/panels/race/members/?show=former"))


def test_the_rosters_title_says_which_members_it_shows(signed_in, coordinator, race_panel):
    client = signed_in(coordinator)
    roster = "/staff/panels/race/members/"
    assert title_of(client.get(roster)) == "Members: current – Race Panel"
    assert title_of(client.get(f"{roster}?show=ending")) == "Members: term ends within 90 days – Race Panel"
    assert title_of(client.get(f"{roster}?show=interests")) == "Members: interests overdue – Race Panel"
    assert title_of(client.get(f"{roster}?show=former")) == "Members: former – Race Panel"
    assert title_of(client.get(f"{roster}?show=all")) == "Members: all – Race Panel"
    assert title_of(client.get(f"{roster}?show=nonsense")) == "Members: current – Race Panel"


def test_a_coordinator_adds_a_member_directly_and_errors_keep_what_was_typed(signed_in, coordinator, race_panel):
    client = signed_in(coordinator)
    data = {"full_name": "Cora Co-opted", "email": "", "role": "member", "reason": ""}
    data |= date_input("term_start", date(2027, 1, 1)) | date_input("term_end", parts=("1", "13", "2026"))
    page = text(client.post("/staff/panels/race/members/add/", data))
    assert "Say why this person is joining the panel" in page and "Cora Co-opted" in page
    assert "Enter a real date" in page and 'name="term_end_month" type="text" inputmode="numeric" value="13"' in page
    data |= date_input("term_end", date(2029, 12, 31)) | {"reason": "Co-opted for youth work"}
    response = client.post("/staff/panels/race/members/add/", data)
    membership = Membership.objects.get()
    assert response["Location"] == f"/staff/memberships/{membership.pk}/"
    assert membership.person.email is None  # no email: their messages go by post


def test_a_coordinator_renews_and_ends_a_membership_from_its_page(signed_in, coordinator, race_panel, newcomer):
    membership = a_membership(coordinator, race_panel, newcomer)
    client = signed_in(coordinator)
    url = f"/staff/memberships/{membership.pk}/"
    assert "Enter the new end of the term" in text(client.post(f"{url}renew/", date_input("renew-term_end")))
    new_end = membership.term_end + timedelta(days=365)
    assert client.post(f"{url}renew/", date_input("renew-term_end", new_end)).status_code == 302
    assert "Say why the membership is ending" in text(client.post(f"{url}end/", {"end-reason": ""}))
    client.post(f"{url}end/", {"end-reason": "Moved away"})
    page = text(client.get(url))
    assert "Ended: Moved away" in page and "term renewed" in page


def test_another_panels_membership_is_not_found(signed_in, coordinator, gender_coordinator, race_panel, newcomer):
    membership = a_membership(coordinator, race_panel, newcomer)
    client = signed_in(gender_coordinator)
    assert client.get(f"/staff/memberships/{membership.pk}/").status_code == 404
    assert client.get("/staff/panels/race/members/").status_code == 404


def test_a_member_sees_their_own_panels(signed_in, coordinator, race_panel, newcomer):
    a_membership(coordinator, race_panel, newcomer)
    page = text(signed_in(newcomer).get("/your-panels/"))
    assert "Race Panel" in page and "Member" in page


# The register of interests: declared, confirmed, and overdue ones shown.


def test_a_member_declares_then_confirms_nothing_has_changed(signed_in, member):
    client = signed_in(member)
    page = text(client.get("/your-interests/"))
    assert "Please tell us by" in page
    page = text(client.post("/your-interests/declare/", {"has_interests": "yes", "interests": ""}))
    assert "There is a problem" in page and "List your interests, or say you have none" in page
    client.post("/your-interests/declare/", {"has_interests": "yes", "interests": "Paid work at a bus company"})
    page = text(client.get("/your-interests/"))
    assert "Paid work at a bus company" in page and "Next due" in page
    client.post("/your-interests/still-right/")
    latest = InterestDeclaration.objects.filter(person=member).last()
    assert (latest.interests, latest.method, latest.declared_by) == ("Paid work at a bus company", "web", member)
    assert InterestDeclaration.objects.filter(person=member).count() == 2


def test_someone_who_is_not_a_member_is_told_they_need_not_declare(signed_in, applicant):
    client = signed_in(applicant)
    assert "You only need to do this once you are a member" in text(client.get("/your-interests/"))
    client.post("/your-interests/declare/", {"has_interests": "no"})
    assert not InterestDeclaration.objects.exists()
    with pytest.raises(PermissionDenied):
        services.interests_declare(actor=applicant, person=applicant, has_interests=False)


def test_an_administrator_who_is_not_a_member_is_told_they_need_not_declare(signed_in, administrator):
    # Administrators record interests for members; their own register, like anyone's, starts
    # when they join a panel.
    client = signed_in(administrator)
    assert "You only need to do this once you are a member" in text(client.get("/your-interests/"))
    client.post("/your-interests/declare/", {"has_interests": "no"})
    assert not InterestDeclaration.objects.exists()
    with pytest.raises(PermissionDenied):
        services.interests_declare(actor=administrator, person=administrator, has_interests=False)


def test_coordinators_see_who_is_overdue(signed_in, coordinator, member, race_panel, settings):
    settings.INTERESTS_FIRST_DAYS = 28
    membership = a_membership(coordinator, race_panel, full_name="Lee Late")
    Membership.objects.filter(pk=membership.pk).update(created_at=timezone.now() - timedelta(days=40))
    services.interests_declare(actor=member, person=member, has_interests=False)
    page = text(signed_in(coordinator).get("/staff/panels/race/members/?show=interests"))
    assert "Lee Late" in page and "Morgan Member" not in page and "Overdue" in page


def test_a_coordinator_records_interests_told_by_phone_for_their_members_only(
    signed_in, coordinator, gender_coordinator, member
):
    membership = member.memberships.get()
    url = f"/staff/memberships/{membership.pk}/interests/"
    assert signed_in(gender_coordinator).get(url).status_code == 404
    client = signed_in(coordinator)
    page = text(client.post(url, {"has_interests": "no"}))
    assert "Say how the person told you" in page
    assert client.post(url, {"has_interests": "no", "method": "phone"}).status_code == 302
    declaration = InterestDeclaration.objects.get(person=member)
    assert (declaration.declared_by, declaration.method, declaration.has_interests) == (
        coordinator, RecordedMethod.PHONE, False,
    )  # fmt: skip
    assert "None" in text(client.get(f"/staff/memberships/{membership.pk}/"))


# Access needs.


def test_a_member_adds_needs_and_their_coordinator_sees_the_needs_but_never_the_why(signed_in, coordinator, member):
    client = signed_in(member)
    client.post("/your-access-needs/add/", {"item": catalogue_item("BSL interpreter").pk, "details": "Two, please"})
    client.post("/your-access-needs/add/", {"item": catalogue_item("Quiet room").pk, "details": ""})
    client.post("/your-access-needs/about-you/", {"impairment_category": "sensory"})
    page = text(client.get("/your-access-needs/"))
    assert "BSL interpreter" in page and "Two, please" in page and "Quiet room" in page
    membership = member.memberships.get()
    staff_page = text(signed_in(coordinator).get(f"/staff/memberships/{membership.pk}/"))
    assert "BSL interpreter" in staff_page and "Two, please" in staff_page
    assert "Sensory" not in staff_page and "sensory" not in staff_page
    # Kept out of the history table: only the person's current answer exists anywhere.
    assert not hasattr(AccessProfile.history.model, "impairment_category")
    need = AccessNeed.objects.get(item__name="BSL interpreter")
    assert need.recorded_by == member and need.recorded_method == RecordedMethod.WEB


@pytest.mark.parametrize(
    "data,error",
    [
        ({"item": "999999", "details": ""}, "Choose what you need from the list"),
        ({"item": "", "details": "x"}, "Choose what you need"),
        ({"item": "ITEM", "details": "x" * 1001}, "Keep it to 1,000 characters or fewer"),
    ],
)
def test_bad_input_gets_a_clear_error_and_keeps_what_was_typed(signed_in, member, data, error):
    data = {**data}
    if data["item"] == "ITEM":
        data["item"] = catalogue_item("Rest breaks").pk
    page = text(signed_in(member).post("/your-access-needs/add/", data))
    assert "There is a problem" in page and error in page
    assert not AccessNeed.objects.exists()


def test_the_same_need_twice_is_refused_clearly(signed_in, member):
    client = signed_in(member)
    data = {"item": catalogue_item("Rest breaks").pk}
    client.post("/your-access-needs/add/", data)
    assert "already in your access needs" in text(client.post("/your-access-needs/add/", data))


def test_removing_a_need_keeps_it_with_the_reason(signed_in, member):
    need = services.access_need_add(actor=member, person=member, item=catalogue_item("Parking space"))
    client = signed_in(member)
    url = f"/your-access-needs/{need.pk}/remove/"
    assert "Say why this is no longer needed" in text(client.post(url, {"reason": ""}))
    assert client.post(url, {"reason": "I no longer drive"}).status_code == 302
    need.refresh_from_db()
    assert need.removed_at and need.removed_reason == "I no longer drive"
    assert '<dt class="govuk-summary-list__key">Parking space</dt>' not in text(client.get("/your-access-needs/"))


def test_someone_elses_need_by_a_forged_id_is_not_found(signed_in, member):
    other = UserFactory()
    theirs = services.access_need_add(actor=other, person=other, item=catalogue_item("Braille papers"))
    assert signed_in(member).post(f"/your-access-needs/{theirs.pk}/remove/", {"reason": "x"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.removed_at is None


def test_a_member_changes_the_words_of_a_need_and_history_keeps_the_old_ones(signed_in, member):
    need = services.access_need_add(
        actor=member, person=member, item=catalogue_item("Quiet room"), details="Somewhere calm"
    )
    client = signed_in(member)
    url = f"/your-access-needs/{need.pk}/change/"
    assert "Somewhere calm" in text(client.get(url))
    assert "Keep it to 1,000 characters or fewer" in text(client.post(url, {"details": "x" * 1001}))
    assert client.post(url, {"details": "A room with no music"}).status_code == 302
    need.refresh_from_db()
    assert need.details == "A room with no music"
    assert [h.details for h in need.history.order_by("history_date")] == ["Somewhere calm", "A room with no music"]


def test_someone_elses_need_cannot_be_changed_by_a_forged_id(signed_in, member):
    other = UserFactory()
    theirs = services.access_need_add(actor=other, person=other, item=catalogue_item("Quiet room"), details="Theirs")
    response = signed_in(member).post(f"/your-access-needs/{theirs.pk}/change/", {"details": "Mine now"})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.details == "Theirs"


def test_the_page_asks_for_a_check_once_the_period_has_passed_and_the_check_is_recorded(signed_in, member):
    services.access_need_add(actor=member, person=member, item=catalogue_item("Rest breaks"))
    AccessProfile.objects.filter(person=member).update(confirmed_at=timezone.now() - timedelta(days=200))
    client = signed_in(member)
    assert "Please check your access needs are still right." in text(client.get("/your-access-needs/"))
    client.post("/your-access-needs/still-right/")
    assert "Please check your access needs are still right." not in text(client.get("/your-access-needs/"))
    assert AccessProfile.objects.get(person=member).confirmed_at.date() == timezone.localdate()


def test_a_coordinator_records_a_need_a_member_told_them_about_on_the_phone(signed_in, coordinator, member):
    membership = member.memberships.get()
    client = signed_in(coordinator)
    url = f"/staff/memberships/{membership.pk}/access-needs/"
    page = text(client.post(f"{url}add/", {"item": catalogue_item("Hearing loop").pk, "details": "Left ear"}))
    assert "Say how the person told you" in page
    client.post(f"{url}add/", {"item": catalogue_item("Hearing loop").pk, "details": "Left ear", "method": "phone"})
    need = AccessNeed.objects.get(profile__person=member)
    assert (need.recorded_by, need.recorded_method, need.details) == (coordinator, RecordedMethod.PHONE, "Left ear")
    # The member sees that it was recorded for them, and how.
    assert "Recorded for you by phone" in text(signed_in(member).get("/your-access-needs/"))
    remove = f"/staff/memberships/{membership.pk}/access-needs/{need.pk}/remove/"
    assert client.post(remove, {"reason": "They told us it is no longer needed"}).status_code == 302
    need.refresh_from_db()
    assert need.removed_at is not None and need.removed_reason == "They told us it is no longer needed"


def test_other_panels_coordinators_and_former_members_needs_are_not_found(
    signed_in, coordinator, gender_coordinator, member
):
    membership = member.memberships.get()
    other = UserFactory()
    theirs = services.access_need_add(actor=other, person=other, item=catalogue_item("Lighting"))
    url = f"/staff/memberships/{membership.pk}/access-needs/"
    assert signed_in(gender_coordinator).get(url).status_code == 404
    # Someone else's need through this member's page: not found, and not removed.
    forged = f"/staff/memberships/{membership.pk}/access-needs/{theirs.pk}/remove/"
    client = signed_in(coordinator)
    assert client.post(forged, {"reason": "x"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.removed_at is None
    services.membership_end(actor=coordinator, membership=membership, reason="Moved away")
    assert client.get(url).status_code == 404


def test_exports_for_providers_carry_the_need_and_a_name_only_with_consent(signed_in, coordinator, member, race_panel):
    services.access_need_add(
        actor=member, person=member, item=catalogue_item("BSL interpreter"), details="Liverpool signs"
    )
    sharer = a_membership(coordinator, race_panel, full_name="Sam Sharer").person
    services.access_need_add(actor=sharer, person=sharer, item=catalogue_item("BSL interpreter"), details="Two, please")
    outbox.consent_record(
        person=sharer, actor=sharer, purpose=ConsentPurpose.SHARE_ACCESS_NEEDS, decision=ConsentDecision.GIVEN
    )
    client = signed_in(coordinator)
    response = client.get("/staff/panels/race/members/access-needs.csv")
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode()
    assert "Sam Sharer" in body and "Two, please" in body
    assert "Morgan Member" not in body and "Liverpool signs" not in body
    assert body.count("BSL interpreter") == 2 and "Not shared: no consent" in body
    # Withdrawing takes effect at once.
    outbox.consent_record(
        person=sharer, actor=sharer, purpose=ConsentPurpose.SHARE_ACCESS_NEEDS, decision=ConsentDecision.WITHDRAWN
    )
    assert "Sam Sharer" not in client.get("/staff/panels/race/members/access-needs.csv").content.decode()


# Staff roles, which administrators give and take away.


def test_an_empty_role_form_gets_errors_not_silence(signed_in, administrator):
    page = signed_in(administrator).post("/staff/roles/", {}).content.decode()
    assert "There is a problem" in page


def test_a_role_removed_is_gone_and_its_page_not_found(signed_in, administrator, coordinator):
    role = coordinator.staff_roles.get()
    client = signed_in(administrator)
    assert client.post(f"/staff/roles/{role.pk}/remove/").status_code == 302
    assert not coordinator.staff_roles.exists()
    assert client.get(f"/staff/roles/{role.pk}/remove/").status_code == 404


def test_a_second_chair_is_refused_beside_the_role_field(signed_in, coordinator, race_panel):
    chair = a_membership(coordinator, race_panel, full_name="Cara Chair")
    services.membership_change(actor=coordinator, membership=chair, role="chair", status="active", reason="Elected.")
    other = a_membership(coordinator, race_panel)
    response = signed_in(coordinator).post(
        f"/staff/memberships/{other.pk}/change/",
        {"change-role": "chair", "change-status": "active", "change-reason": "Elected too."},
    )
    assert 'href="#id_change-role">The panel already has a chair: Cara Chair.' in text(response)
    other.refresh_from_db()
    assert other.role == "member"
