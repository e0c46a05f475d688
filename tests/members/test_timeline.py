"""A person's record (members/timeline.py): one timeline of consents, preferences, messages and
changes, which they and their coordinators read, they download as a receipt, and nobody can change."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import RecordedMethod
from members import services
from members.models import AccessNeedItem
from notifications import services as outbox
from notifications.models import ConsentDecision, ConsentPurpose, Message, MessageStatus
from tests.factories import UserFactory, a_membership
from tests.responses import text, title_of

pytestmark = pytest.mark.django_db


def a_full_record(member, coordinator):
    """Something of every kind, some of it done by the coordinator on the member's behalf."""
    outbox.consent_record(person=member, actor=member, purpose=ConsentPurpose.SHARE_ACCESS_NEEDS,
                          decision=ConsentDecision.GIVEN)  # fmt: skip
    outbox.consent_record(person=member, actor=member, purpose=ConsentPurpose.SHARE_ACCESS_NEEDS,
                          decision=ConsentDecision.WITHDRAWN)  # fmt: skip
    outbox.contact_preference_record(person=member, actor=member, channel="email", format="easy_read")
    need = services.access_need_add(
        actor=coordinator, person=member, item=AccessNeedItem.objects.get(name="Quiet room"), method="phone"
    )
    services.access_need_remove(actor=member, need=need, reason="The venue is quiet now")
    services.interests_declare(actor=member, person=member, has_interests=False)
    services.access_profile_update(actor=member, person=member, impairment_category="mental_health")
    membership = member.memberships.get()
    services.membership_change(actor=coordinator, membership=membership, role="chair", status="active",
                               reason="elected chair")  # fmt: skip
    future = outbox.message_queue(
        kind="notifications.future_opportunity", recipient=member, idempotency_key="fo:1",
        context={"name": "Morgan", "title": "A new panel", "summary": "Join us", "url": "/"},
    )  # fmt: skip
    Message.objects.filter(pk=future.pk).update(status=MessageStatus.SUPPRESSED, status_reason="No consent.")


def test_the_record_holds_every_kind_of_change_with_who_and_how(signed_in, coordinator, member):
    a_full_record(member, coordinator)
    page = text(signed_in(member).get("/your-record/"))
    for expected in [
        "Agreed to sharing access needs with an interpreter agency or venue (wording version 1)",
        "Withdrew agreement to sharing access needs",
        "Asked to be contacted by email, in easy read",
        "Access need added: Quiet room",
        "By phone",
        "Chris Coordinator",
        "Access need removed: Quiet room: The venue is quiet now",
        "Declared no interests",
        "Joined the Race Panel as member",
        "role now chair",
        "elected chair",
        "Queued: Reminder: a term is ending",
        "Not sent: News of a chance to take part: No consent.",
        "Record created",
    ]:
        assert expected in page, expected


def test_the_impairment_category_appears_nowhere_in_the_record(signed_in, coordinator, member, administrator):
    a_full_record(member, coordinator)
    admin = signed_in(administrator)
    pages = [
        text(signed_in(member).get("/your-record/")),
        text(signed_in(member).get("/your-record.csv")),
        text(signed_in(member).get("/your-record.json")),
        text(signed_in(coordinator).get(f"/staff/people/{member.pk}/record/")),
        text(admin.get(f"/staff/people/{member.pk}/record.json")),
    ]
    for page in pages:
        assert "Mental health" not in page and "mental_health" not in page


def test_a_coordinator_sees_their_panel_and_the_person_but_not_other_panels_or_sign_in_messages(
    signed_in, coordinator, gender_coordinator, member, gender_panel
):
    a_membership(gender_coordinator, gender_panel, member)
    outbox.message_queue(
        kind="account/email/login_code", recipient=member, to_address=member.email, context={"code": "X"},
        idempotency_key="code:1",
    )  # fmt: skip
    outbox.message_queue(
        kind="recruitment.application_submitted", recipient=member, idempotency_key="gender-application",
        topic=gender_panel.topic, context={"name": "M", "reference": "EP-1", "panel": "Gender Panel", "round": "r",
                                           "closes_at": "1 May"},
    )  # fmt: skip
    outbox.consent_record(person=member, actor=member, purpose=ConsentPurpose.PUBLISH_NAME_PHOTO,
                          decision=ConsentDecision.GIVEN)  # fmt: skip
    own = text(signed_in(member).get("/your-record/"))
    assert "Joined the Gender Panel" in own and "A message about your account" in own
    assert "Confirmation that an application was sent" in own
    race_view = text(signed_in(coordinator).get(f"/staff/people/{member.pk}/record/"))
    assert "Joined the Race Panel" in race_view and "Agreed to publishing" in race_view
    assert "Gender Panel" not in race_view
    assert "A message about your account" not in race_view
    assert "Confirmation that an application was sent" not in race_view


def test_the_person_downloads_their_record_as_csv_and_as_a_json_receipt(signed_in, coordinator, member):
    a_full_record(member, coordinator)
    client = signed_in(member)
    response = client.get("/your-record.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["When", "About", "What happened", "Who", "How"]
    assert any(row[2] == "Asked to be contacted by email, in easy read" for row in rows)
    receipt = json.loads(client.get("/your-record.json").content)
    assert receipt["person"]["id"] == member.pk
    (sharing,) = [c for c in receipt["consents_in_force"] if c["purpose"] == "share_access_needs"]
    assert (sharing["decision"], sharing["wording_version"]) == ("withdrawn", 1)
    assert sharing["wording"] == outbox.consent_wording_current(ConsentPurpose.SHARE_ACCESS_NEEDS).text
    assert len(receipt["entries"]) == len(rows) - 1


def test_a_decision_recorded_by_staff_says_who_recorded_it_and_how(signed_in, coordinator, member):
    outbox.consent_record(person=member, actor=coordinator, method=RecordedMethod.PAPER,
                          purpose=ConsentPurpose.FUTURE_OPPORTUNITIES, decision=ConsentDecision.GIVEN,
                          on_behalf_by="Jo, their appointee")  # fmt: skip
    page = text(signed_in(member).get("/your-record/"))
    assert "Chris Coordinator" in page and "On paper, decided by Jo, their appointee" in page


def test_nothing_in_the_record_can_be_changed_through_its_pages(signed_in, coordinator, member, administrator):
    own = signed_in(member)
    for url in ["/your-record/", "/your-record.csv", "/your-record.json"]:
        assert own.post(url).status_code == 405
    assert signed_in(coordinator).post(f"/staff/people/{member.pk}/record/").status_code == 405
    assert signed_in(administrator).delete(f"/staff/people/{member.pk}/record.json").status_code == 405


def test_someone_elses_record_by_a_guessed_id_is_not_found(signed_in, coordinator, member):
    stranger = UserFactory()
    client = signed_in(coordinator)
    assert client.get(f"/staff/people/{stranger.pk}/record/").status_code == 404
    # Coordinators read their members' records; only the person and administrators download them.
    assert client.get(f"/staff/people/{member.pk}/record.csv").status_code == 404
    assert client.get("/staff/people/999999/record/").status_code == 404


def test_the_record_takes_the_same_number_of_queries_however_long_it_is(signed_in, coordinator, member):
    client = signed_in(member)
    client.get("/your-record/")
    with CaptureQueriesContext(connection) as short:
        client.get("/your-record/")
    for _ in range(5):
        a_full_record(member, coordinator)
        member.memberships.update(role="member")
    with CaptureQueriesContext(connection) as long:
        text(client.get("/your-record/"))
    assert len(long) == len(short)


def test_a_coordinator_records_a_decision_and_a_preference_a_member_gave_by_phone(signed_in, coordinator, member):
    from notifications.models import ConsentRecord, ContactPreferenceRecord

    membership = member.memberships.get()
    client = signed_in(coordinator)
    url = f"/staff/memberships/{membership.pk}/contact/"
    page = text(client.post(f"{url}consent/", {"consent-purpose": "share_access_needs",
                                  "consent-decision": "given"}))  # fmt: skip
    assert "Say how the person told you" in page and not ConsentRecord.objects.exists()
    client.post(f"{url}consent/", {"consent-purpose": "share_access_needs", "consent-decision": "given",
                      "consent-method": "phone", "consent-on_behalf_by": "Jo, their appointee"})  # fmt: skip
    record = ConsentRecord.objects.get(person=member)
    assert (record.recorded_by, record.method, record.on_behalf_by) == (coordinator, "phone", "Jo, their appointee")
    page = text(client.post(f"{url}preferences/", {"preferences-channel": "post",
                                  "preferences-format": "large_print", "preferences-method": "paper"}))  # fmt: skip
    assert "Add your address and postcode first" in page
    client.post(f"{url}preferences/", {"preferences-channel": "email", "preferences-format": "large_print",
                      "preferences-method": "paper"})  # fmt: skip
    preference = ContactPreferenceRecord.objects.get(person=member)
    assert (preference.format, preference.method, preference.recorded_by) == ("large_print", "paper", coordinator)
    assert "Agreed to sharing access needs" in text(signed_in(member).get("/your-record/"))


def test_the_record_says_whose_it_is_and_which_page_in_its_title(signed_in, coordinator, member, monkeypatch):
    a_full_record(member, coordinator)
    monkeypatch.setattr("members.views.memberships.RECORD_PAGE_SIZE", 3)
    mine = signed_in(member)
    pages = mine.get("/your-record/").context["page"].paginator.num_pages
    assert pages > 2
    assert title_of(mine.get("/your-record/")) == f"Your record (page 1 of {pages})"
    assert title_of(mine.get("/your-record/?page=2")) == f"Your record (page 2 of {pages})"
    theirs = signed_in(coordinator).get(f"/staff/people/{member.pk}/record/?page=2")
    pages = theirs.context["page"].paginator.num_pages
    assert title_of(theirs) == f"Their record (page 2 of {pages}) – Morgan Member"


def test_a_short_record_has_no_page_number_in_its_title(signed_in, member):
    assert title_of(signed_in(member).get("/your-record/")) == "Your record"
