"""Access needs: stated once by the person, seen by their panels' coordinators, never the why."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from members import services
from members.models import AccessNeed, AccessNeedItem, AccessProfile, Provision, RecordedMethod
from notifications import services as outbox
from notifications.models import ConsentDecision, ConsentPurpose, Message, MessageStatus
from tests.factories import UserFactory, a_membership

pytestmark = pytest.mark.django_db


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


def test_a_member_changes_the_words_of_a_need_and_history_keeps_the_old_ones(signed_in, member):
    need = services.access_need_add(actor=member, person=member, item=item("Quiet room"), details="Somewhere calm")
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
    theirs = services.access_need_add(actor=other, person=other, item=item("Quiet room"), details="Theirs")
    response = signed_in(member).post(f"/your-access-needs/{theirs.pk}/change/", {"details": "Mine now"})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.details == "Theirs"


def review_messages(person):
    return Message.objects.filter(kind="members.access_needs_review", recipient=person)


def test_people_with_needs_are_asked_to_check_them_after_the_review_period(settings, member):
    settings.ACCESS_NEEDS_REVIEW_DAYS = 182
    services.access_need_add(actor=member, person=member, item=item("Rest breaks"))
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


def test_the_page_asks_for_a_check_once_the_period_has_passed_and_the_check_is_recorded(signed_in, member):
    services.access_need_add(actor=member, person=member, item=item("Rest breaks"))
    AccessProfile.objects.filter(person=member).update(confirmed_at=timezone.now() - timedelta(days=200))
    client = signed_in(member)
    assert "Please check your access needs are still right." in text(client.get("/your-access-needs/"))
    client.post("/your-access-needs/", {"action": "confirm"})
    assert "Please check your access needs are still right." not in text(client.get("/your-access-needs/"))
    assert AccessProfile.objects.get(person=member).confirmed_at.date() == timezone.localdate()


def test_the_impairment_category_leaves_no_history_row_at_all(member):
    profile = services.access_profile_for(member)
    before = profile.history.count()
    services.access_profile_update(actor=member, person=member, impairment_category="mental_health")
    assert profile.history.count() == before
    assert AccessProfile.objects.get(person=member).impairment_category == "mental_health"


def test_a_coordinator_records_a_need_a_member_told_them_about_on_the_phone(signed_in, coordinator, member):
    membership = member.memberships.get()
    client = signed_in(coordinator)
    url = f"/staff/memberships/{membership.pk}/access-needs/"
    page = text(client.post(url, {"action": "add", "item": item("Hearing loop").pk, "details": "Left ear"}))
    assert "Say how the person told you" in page
    client.post(url, {"action": "add", "item": item("Hearing loop").pk, "details": "Left ear", "method": "phone"})
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
    theirs = services.access_need_add(actor=other, person=other, item=item("Lighting"))
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
    services.access_need_add(actor=member, person=member, item=item("BSL interpreter"), details="Liverpool signs")
    sharer = a_membership(coordinator, race_panel, full_name="Sam Sharer").person
    services.access_need_add(actor=sharer, person=sharer, item=item("BSL interpreter"), details="Two, please")
    outbox.consent_decide(
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
    outbox.consent_decide(
        person=sharer, actor=sharer, purpose=ConsentPurpose.SHARE_ACCESS_NEEDS, decision=ConsentDecision.WITHDRAWN
    )
    assert "Sam Sharer" not in client.get("/staff/panels/race/members/access-needs.csv").content.decode()
