"""A meeting's invitations on the real parts: 200 members invited, a Celery worker on Redis delivers
200 messages to a real SMTP server, each with a calendar file, and replying through the links in
those messages updates the meeting's arrangements."""

import re
from datetime import timedelta

import icalendar
import pytest
from django.db import transaction
from django.utils import timezone

from meetings import services
from meetings.models import Arrangement, Invitation, Reply
from members.models import AccessNeedItem, Membership, Panel
from members.services import access_need_add
from notifications.models import Message, MessageStatus
from tests.factories import UserFactory
from tests.meetings.factories import a_meeting

pytestmark = pytest.mark.django_db(transaction=True)

MEMBERS = 200
REPLY_LINK = re.compile(r"(/meetings/reply/[^/\s]+/)")


def test_two_hundred_invitations_are_delivered_with_calendar_files_and_replies_update_arrangements(
    real_redis, start_worker, smtp, coordinator, client
):
    panel = Panel.objects.get(slug="race")
    people = UserFactory.create_batch(MEMBERS)
    start = timezone.localdate()
    # Test data written directly: the memberships' own messages are not what this test is about.
    Membership.objects.bulk_create(
        Membership(panel=panel, person=person, term_start=start, term_end=start + timedelta(days=900),
                   created_by=coordinator)
        for person in people
    )  # fmt: skip
    signers = people[:3]
    for person in signers:
        access_need_add(actor=person, person=person, item=AccessNeedItem.objects.get(name="BSL interpreter"))
    meeting = a_meeting(coordinator, panel, minutes=120)

    start_worker(real_redis)
    with transaction.atomic():
        assert services.meeting_invite(actor=coordinator, meeting=meeting) == MEMBERS
    received = smtp.wait_for(MEMBERS, timeout=120)
    assert len(received) == MEMBERS
    assert {message["To"] for message in received} == {person.email for person in people}

    uids = set()
    for message in received:
        (part,) = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
        assert part.get_param("method") == "REQUEST"
        calendar = icalendar.Calendar.from_ical(part.get_content())
        assert calendar["METHOD"] == "REQUEST"
        (event,) = calendar.walk("VEVENT")
        assert event.decoded("DTSTART") == meeting.starts_at and event.decoded("DTEND") == meeting.ends_at
        assert event["DTSTART"].params["TZID"] == "Europe/London"
        uids.add(str(event["UID"]))
    assert len(uids) == 1  # one event, whoever it was sent to

    # The three who need an interpreter reply through their links: opening records nothing, the
    # button does.
    by_address = {message["To"]: message for message in received}
    for person in signers:
        body = by_address[person.email].get_body(("plain",)).get_content()
        attending, _ = REPLY_LINK.findall(body)
        assert client.get(attending).status_code == 200
        assert Invitation.objects.get(meeting=meeting, person=person).reply == ""
        assert client.post(attending).status_code == 200
    arrangement = Arrangement.objects.get(meeting=meeting)
    assert (arrangement.item.name, arrangement.quantity, arrangement.invitations.count()) == ("BSL interpreter", 2, 3)
    # One changes their mind through the other link: still two interpreters, for two people.
    _, not_attending = REPLY_LINK.findall(by_address[signers[0].email].get_body(("plain",)).get_content())
    client.post(not_attending, {"apologies": "Unwell"})
    arrangement.refresh_from_db()
    assert arrangement.invitations.count() == 2
    assert Invitation.objects.get(meeting=meeting, person=signers[0]).reply == Reply.NOT_ATTENDING
    invitations = Message.objects.filter(kind="meetings.invitation")
    assert invitations.filter(status=MessageStatus.SENT).count() == MEMBERS
