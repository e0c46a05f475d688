"""A message that could not be delivered is seen where the coordinator works, with why in plain
words, and is sent again to a corrected address or another way."""

import base64
import hashlib
import hmac
import json
import re
import secrets
import time

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


SIGNING_KEY = "test-signing-key"


def mailgun_report(
    message_id: str, recipient: str, event: str = "failed", severity: str = "permanent", age: float = 0
) -> dict:
    """A report as Mailgun posts it, signed as Mailgun signs it."""
    timestamp, token = str(int(time.time() - age)), secrets.token_hex(25)
    signature = hmac.new(SIGNING_KEY.encode(), f"{timestamp}{token}".encode(), hashlib.sha256).hexdigest()
    return {
        "signature": {"timestamp": timestamp, "token": token, "signature": signature},
        "event-data": {
            "event": event, "severity": severity, "timestamp": time.time(), "id": token[:20],
            "recipient": recipient,
            "message": {"headers": {"message-id": message_id.strip().strip("<>")}},
            "delivery-status": {"code": 550, "message": "5.1.1 The email account does not exist",
                                "description": "No such mailbox"},
        },
    }  # fmt: skip


@pytest.fixture
def provider(settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "hook:secret", "MAILGUN_WEBHOOK_SIGNING_KEY": SIGNING_KEY}
    auth = "Basic " + base64.b64encode(b"hook:secret").decode()

    def post(client, report, **headers):
        return client.post("/email/mailgun/tracking/", json.dumps(report), content_type="application/json",
                           HTTP_AUTHORIZATION=headers.get("auth", auth))  # fmt: skip

    return post


def test_a_bounce_the_provider_reports_later_marks_the_invitation_failed_where_the_coordinator_looks(
    client, signed_in, coordinator, race_panel, smtp, provider
):
    (person,) = members_of(coordinator, race_panel, 1)
    meeting = a_meeting(coordinator, race_panel)
    with transaction.atomic():
        meetings.meeting_invite(actor=coordinator, meeting=meeting)
    invitation = smtp.wait_for(1)[-1]
    message = Message.objects.get(kind="meetings.invitation")
    assert message.status == MessageStatus.SENT
    forged = mailgun_report(invitation["Message-ID"], person.email)
    forged["signature"]["signature"] = "0" * 64
    assert provider(client, forged).status_code == 400
    assert (
        provider(
            client, mailgun_report(invitation["Message-ID"], person.email), auth="Basic d3Jvbmc6d3Jvbmc="
        ).status_code
        == 400
    )
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT  # nothing unsigned is believed

    report = mailgun_report(invitation["Message-ID"], person.email)
    assert provider(client, report).status_code == 200
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED
    assert message.status_reason.startswith("The email bounced: the address may be mistyped, or no longer in use.")
    words = "The email account does not exist"  # the provider's: for administrators, never shown as ours
    assert words not in message.status_reason and words in message.last_error
    staff = signed_in(coordinator)
    page = text(staff.get(f"/staff/meetings/{meeting.pk}/"))
    assert "Not delivered" in page and "The email bounced" in page

    # Sent once, it no longer holds its reply links and calendar file: it cannot go again as it was.
    refused = text(
        staff.post(f"/staff/messages/{message.pk}/fix/", {"channel": "email", "to_address": "n@example.org"})
    )
    assert "cannot be sent again as it was" in refused
    assert provider(client, report).status_code == 400  # a signature is believed once
    stale = mailgun_report(invitation["Message-ID"], person.email, age=3600)
    assert provider(client, stale).status_code == 400  # and only while it is recent


def test_a_late_bounce_about_an_address_the_message_no_longer_goes_to_changes_nothing(
    client, coordinator, race_panel, smtp, provider
):
    (person,) = members_of(coordinator, race_panel, 1)
    with transaction.atomic():
        meetings.meeting_invite(actor=coordinator, meeting=a_meeting(coordinator, race_panel))
    invitation = smtp.wait_for(1)[-1]
    assert provider(client, mailgun_report(invitation["Message-ID"], "someone.else@example.org")).status_code == 200
    assert Message.objects.get(kind="meetings.invitation").status == MessageStatus.SENT


def test_a_delay_the_provider_reports_or_a_stranger_message_id_changes_nothing(
    client, coordinator, race_panel, smtp, provider
):
    (person,) = members_of(coordinator, race_panel, 1)
    with transaction.atomic():
        meetings.meeting_invite(actor=coordinator, meeting=a_meeting(coordinator, race_panel))
    invitation = smtp.wait_for(1)[-1]
    assert (
        provider(client, mailgun_report(invitation["Message-ID"], person.email, severity="temporary")).status_code
        == 200
    )
    assert provider(client, mailgun_report("<abc@elsewhere.example>", person.email)).status_code == 200
    assert Message.objects.get(kind="meetings.invitation").status == MessageStatus.SENT


def test_the_report_address_is_not_there_until_the_provider_is_set_up(client, settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": None, "MAILGUN_WEBHOOK_SIGNING_KEY": None}
    assert client.post("/email/mailgun/tracking/", "{}", content_type="application/json").status_code == 404
