"""Access needs: stated once by the person, seen by their panels' coordinators, never the why."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from members import services
from members.models import AccessNeed, AccessNeedItem, AccessProfile, Provision, RecordedMethod
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(coordinator, race_panel):
    person = UserFactory(full_name="Morgan Member")
    start = timezone.localdate()
    services.membership_create(
        actor=coordinator, panel=race_panel, person=person, term_start=start, term_end=start + timedelta(days=900),
        reason="co-opted",
    )  # fmt: skip
    return person


def item(name: str) -> AccessNeedItem:
    return AccessNeedItem.objects.get(name=name)


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_catalogue_is_data_with_lead_times_and_how_each_is_provided(db):
    bsl = item("BSL interpreter")
    assert (bsl.lead_time_days, bsl.provision, bsl.long_meeting_minutes, bsl.long_meeting_quantity) == (
        21, Provision.BY_RULE, 60, 2,
    )  # fmt: skip
    assert item("Hearing loop").provision == Provision.ONCE
    assert item("Large print papers").provision == Provision.PER_PERSON
    assert AccessNeedItem.objects.values("category").distinct().count() == 6


def test_a_member_adds_needs_and_their_coordinator_sees_the_needs_but_never_the_why(signed_in, coordinator, member):
    client = signed_in(member)
    client.post("/your-access-needs/", {"action": "add", "item": item("BSL interpreter").pk, "details": "Two, please"})
    client.post("/your-access-needs/", {"action": "add", "item": item("Quiet room").pk, "details": ""})
    client.post("/your-access-needs/", {"action": "profile", "impairment_category": "sensory"})
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
    data = {**data, "action": "add"}
    if data["item"] == "ITEM":
        data["item"] = item("Rest breaks").pk
    page = text(signed_in(member).post("/your-access-needs/", data))
    assert "There is a problem" in page and error in page
    assert not AccessNeed.objects.exists()


def test_the_same_need_twice_is_refused_clearly(signed_in, member):
    client = signed_in(member)
    data = {"action": "add", "item": item("Rest breaks").pk}
    client.post("/your-access-needs/", data)
    assert "already in your access needs" in text(client.post("/your-access-needs/", data))


def test_removing_a_need_keeps_it_with_the_reason(signed_in, member):
    need = services.access_need_add(actor=member, person=member, item=item("Parking space"))
    client = signed_in(member)
    url = f"/your-access-needs/{need.pk}/remove/"
    assert "Say why this is no longer needed" in text(client.post(url, {"reason": ""}))
    assert client.post(url, {"reason": "I no longer drive"}).status_code == 302
    need.refresh_from_db()
    assert need.removed_at and need.removed_reason == "I no longer drive"
    assert '<dt class="govuk-summary-list__key">Parking space</dt>' not in text(client.get("/your-access-needs/"))


def test_someone_elses_need_by_a_forged_id_is_not_found(signed_in, member):
    other = UserFactory()
    theirs = services.access_need_add(actor=other, person=other, item=item("Braille papers"))
    assert signed_in(member).post(f"/your-access-needs/{theirs.pk}/remove/", {"reason": "x"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.removed_at is None


def test_staff_record_needs_for_their_members_only_and_say_how(coordinator, gender_coordinator, member):
    with pytest.raises(ValidationError, match="Say how the person told you"):
        services.access_need_add(actor=coordinator, person=member, item=item("Easy read papers"))
    need = services.access_need_add(
        actor=coordinator, person=member, item=item("Easy read papers"), method=RecordedMethod.PHONE
    )
    assert need.recorded_by == coordinator and need.recorded_method == RecordedMethod.PHONE
    with pytest.raises(PermissionDenied):
        services.access_need_add(
            actor=gender_coordinator, person=member, item=item("Lighting"), method=RecordedMethod.PHONE
        )
    with pytest.raises(PermissionDenied):
        services.access_profile_update(actor=coordinator, person=member, impairment_category="other")


def test_administrators_keep_the_catalogue_in_the_admin_and_coordinators_cannot(signed_in, administrator, coordinator):
    bsl = item("BSL interpreter")
    admin_client = signed_in(administrator)
    assert "BSL interpreter" in text(admin_client.get("/admin/members/accessneeditem/"))
    page = admin_client.get(f"/admin/members/accessneeditem/{bsl.pk}/change/")
    assert page.status_code == 200
    assert signed_in(coordinator).get("/admin/members/accessneeditem/").status_code == 302
