"""Every person reached the way they asked, on the real parts: PostgreSQL, Redis, a Celery worker
process and an SMTP server. The channel is chosen when a message is delivered, not when it was
queued; a refused address is seen, corrected and sent again."""

import io
import re
import time
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from pypdf import PdfReader

from accounts.models import ContactChannel, ContactFormat
from meetings import services as meetings
from members.selectors import calls_for_staff
from notifications import services
from notifications.models import Channel, ConsentDecision, Message, MessageStatus
from tests.factories import UserFactory, members_of
from tests.meetings.factories import a_meeting
from tests.notifications.factories import an_opportunity, opportunities_consent

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL_WORDING = re.compile(r"this email|reply to|click|calendar file|/meetings/reply/", re.I)


def wait_for(condition, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_a_member_who_switches_to_post_while_the_invitation_waits_gets_a_letter_with_the_meeting_in_it(
    real_redis, start_worker, smtp, coordinator, race_panel, signed_in, administrator
):
    post, email = members_of(coordinator, race_panel, 2)
    type(post).objects.filter(pk=post.pk).update(address="1 Dale Street\nLiverpool", postcode="L2 2DH")
    post.refresh_from_db()
    meeting = a_meeting(coordinator, race_panel)
    with transaction.atomic():  # queued and published, with no worker yet to take it
        meetings.meeting_invite(actor=coordinator, meeting=meeting)
    with transaction.atomic():
        services.contact_preference_record(person=post, channel=ContactChannel.POST, format=ContactFormat.LARGE_PRINT)
    start_worker(real_redis)
    smtp.wait_for(1)
    due = Message.objects.filter(status__in=["queued", "sending"], channel="email", due_at__lte=timezone.now())
    wait_for(lambda: not due.exists())
    assert [m["To"] for m in smtp.messages if m["Subject"].startswith("Invitation")] == [email.email]
    letter = Message.objects.get(kind="meetings.invitation", recipient=post)
    assert (letter.channel, letter.status) == (Channel.LETTER, MessageStatus.QUEUED)

    response = signed_in(administrator).get("/staff/letters/download/")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "1 Dale Street" in text and meeting.title in text
    assert meeting.venue.name in text and f"{timezone.localtime(meeting.starts_at):%-d %B %Y}" in text
    assert not EMAIL_WORDING.search(text)


def test_a_withdrawn_consent_stops_the_letter_and_someone_who_asked_for_calls_gets_one(
    real_redis, start_worker, smtp, coordinator, race_panel
):
    writes = UserFactory(contact_channel=ContactChannel.POST, address="2 Dale Street", postcode="L2 2DH")
    rings = UserFactory(contact_channel=ContactChannel.PHONE, phone="0151 000 0002")
    for person in (writes, rings):
        opportunities_consent(person)
    start_worker(real_redis)
    with transaction.atomic():
        letter = an_opportunity(writes, key="channels:letter", due_at=timezone.now() + timedelta(seconds=1))
        call = an_opportunity(rings, key="channels:call", topic=race_panel.topic)
    opportunities_consent(writes, ConsentDecision.WITHDRAWN)
    services.outbox_sweep()
    letter.refresh_from_db()
    call.refresh_from_db()
    assert letter.status == MessageStatus.SUPPRESSED and "withdrawn" in letter.status_reason
    assert (call.channel, call.status) == (Channel.PHONE, MessageStatus.QUEUED)
    assert list(calls_for_staff(coordinator)) == [call]
    assert smtp.messages == []


def test_a_refused_address_is_seen_on_the_meeting_page_corrected_and_the_resend_arrives(
    real_redis, start_worker, smtp, coordinator, race_panel, signed_in
):
    smtp.unknown.add("typo@exmaple.org")
    (person,) = members_of(coordinator, race_panel, 1)
    type(person).objects.filter(pk=person.pk).update(email="typo@exmaple.org")
    meeting = a_meeting(coordinator, race_panel)
    start_worker(real_redis)
    with transaction.atomic():
        meetings.meeting_invite(actor=coordinator, meeting=meeting)
    invitation = Message.objects.get(kind="meetings.invitation")
    wait_for(lambda: Message.objects.get(pk=invitation.pk).status == MessageStatus.FAILED)
    client = signed_in(coordinator)
    page = client.get(f"/staff/meetings/{meeting.pk}/").content.decode()
    assert "The email address was refused: it may be mistyped, or no longer in use." in page
    fixed = client.post(f"/staff/messages/{invitation.pk}/fix/", {"channel": "email", "to_address": "sam@example.org"})
    assert fixed.status_code == 302
    wait_for(lambda: smtp.to("sam@example.org"))
    (arrived,) = smtp.to("sam@example.org")
    assert arrived["Subject"].startswith("Invitation")
    wait_for(lambda: Message.objects.get(pk=invitation.pk).status == MessageStatus.SENT)
