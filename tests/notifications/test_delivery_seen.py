"""A message that could not be delivered is seen where the coordinator works, with why in plain
words, and is sent again to a corrected address or another way."""

import re

import pytest
from django.db import transaction

from meetings import services as meetings
from members.models import StaffRoleKind
from members.services import staff_role_grant
from notifications.models import Channel, Message, MessageStatus
from tests.factories import PanelFactory, UserFactory, members_of
from tests.meetings.factories import a_meeting
from tests.responses import text

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_refused_invitation_shows_on_the_meeting_page_and_goes_to_the_corrected_address(
    signed_in, coordinator, race_panel, smtp
):
    smtp.unknown.add("wrong@example.org")
    people = members_of(coordinator, race_panel, 3)
    type(people[0]).objects.filter(pk=people[0].pk).update(email="wrong@example.org")
    meeting = a_meeting(coordinator, race_panel)
    with transaction.atomic():
        meetings.meeting_invite(actor=coordinator, meeting=meeting)
    smtp.wait_for(2)
    failed = Message.objects.get(to_address="wrong@example.org")
    assert failed.status == MessageStatus.FAILED
    assert failed.status_reason == "The email address was refused: it may be mistyped, or no longer in use."
    assert "SMTPRecipientsRefused" in failed.last_error  # for administrators, kept apart

    client = signed_in(coordinator)
    page = " ".join(re.sub(r"<[^>]+>", " ", text(client.get(f"/staff/meetings/{meeting.pk}/"))).split())
    assert "Not delivered No reply yet" in page and "Could not be delivered 1" in page and failed.status_reason in page
    assert "SMTPRecipientsRefused" not in page
    fix = f"/staff/messages/{failed.pk}/fix/?next=/staff/meetings/{meeting.pk}/"
    assert client.get(fix).status_code == 200
    typo = client.post(
        fix, {"channel": "email", "to_address": "right@example", "next": f"/staff/meetings/{meeting.pk}/"}
    )
    assert "Enter an email address in the right format" in text(typo)
    sent = client.post(fix, {"channel": "email", "to_address": "right@example.org",
                             "next": f"/staff/meetings/{meeting.pk}/"})  # fmt: skip
    assert sent.status_code == 302 and sent["Location"] == f"/staff/meetings/{meeting.pk}/"
    smtp.wait_for(3)
    (arrived,) = smtp.to("right@example.org")
    assert arrived["Subject"].startswith("Invitation: Race Panel meeting")
    failed.refresh_from_db()
    assert (failed.status, failed.to_address) == (MessageStatus.SENT, "right@example.org")
    assert failed.history.latest().history_user == coordinator


def test_another_panels_coordinator_cannot_see_or_fix_it(signed_in, coordinator, race_panel, smtp):
    smtp.refuse_with = "554 5.7.1 Rejected"
    other = PanelFactory()
    members_of(coordinator, race_panel, 1)
    with transaction.atomic():
        meetings.meeting_invite(actor=coordinator, meeting=a_meeting(coordinator, race_panel))
    failed = Message.objects.get(kind="meetings.invitation")
    assert failed.status == MessageStatus.FAILED
    assert failed.status_reason == "The receiving email server refused the message."

    stranger = UserFactory()
    staff_role_grant(actor=None, user=stranger, role=StaffRoleKind.COORDINATOR, panel=other)
    assert signed_in(stranger).get(f"/staff/messages/{failed.pk}/fix/").status_code == 404


def test_it_can_go_by_post_instead_when_there_is_an_address(signed_in, coordinator, race_panel, smtp):
    smtp.refuse_with = "554 5.7.1 Rejected"
    (person,) = members_of(coordinator, race_panel, 1)
    type(person).objects.filter(pk=person.pk).update(address="1 Dale Street", postcode="L2 2DH")
    with transaction.atomic():
        meetings.meeting_invite(actor=coordinator, meeting=a_meeting(coordinator, race_panel))
    failed = Message.objects.get(kind="meetings.invitation")
    client = signed_in(coordinator)
    assert client.post(f"/staff/messages/{failed.pk}/fix/", {"channel": "letter"}).status_code == 302
    failed.refresh_from_db()
    assert (failed.channel, failed.status, failed.to_address) == (Channel.LETTER, MessageStatus.QUEUED, "")
