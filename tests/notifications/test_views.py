"""The administrators' screens for messages (notifications/views.py): messages that were not sent,
and letters waiting to be printed and posted, page by page; a message that is not waiting for
them is not found."""

from datetime import timedelta

import pytest

from accounts.models import ContactChannel
from notifications.models import Message, MessageStatus
from tests.factories import UserFactory
from tests.notifications.factories import an_opportunity, opportunities_consent
from tests.responses import title_of

pytestmark = pytest.mark.django_db


def opportunities_for(count: int, **person) -> list[Message]:
    """One message about a new panel place to each of `count` people, who agreed to hear about them."""
    queued = []
    for number in range(count):
        recipient = UserFactory(**person)
        opportunities_consent(recipient)
        queued.append(an_opportunity(recipient, f"place:{number}"))
    return queued


def test_the_letters_title_says_which_page_is_shown(signed_in, administrator, monkeypatch):
    opportunities_for(3, contact_channel=ContactChannel.POST, address="1 Dale Street", postcode="L2 2DH")
    monkeypatch.setattr("notifications.views.PAGE_SIZE", 2)
    client = signed_in(administrator)
    assert title_of(client.get("/staff/letters/")) == "Letters to print and post (page 1 of 2)"
    assert title_of(client.get("/staff/letters/?page=2")) == "Letters to print and post (page 2 of 2)"
    monkeypatch.setattr("notifications.views.PAGE_SIZE", 50)
    assert title_of(client.get("/staff/letters/")) == "Letters to print and post"


def test_the_title_of_messages_that_were_not_sent_says_which_page_is_shown(signed_in, administrator, monkeypatch):
    queued = opportunities_for(3)
    Message.objects.filter(pk__in=[m.pk for m in queued]).update(status=MessageStatus.FAILED, last_error="Refused")
    monkeypatch.setattr("notifications.views.PAGE_SIZE", 2)
    client = signed_in(administrator)
    assert title_of(client.get("/staff/messages/")) == "Messages that were not sent (page 1 of 2)"
    assert title_of(client.get("/staff/messages/?page=2")) == "Messages that were not sent (page 2 of 2)"
    monkeypatch.setattr("notifications.views.PAGE_SIZE", 50)
    assert title_of(client.get("/staff/messages/")) == "Messages that were not sent"


def a_letter() -> Message:
    return opportunities_for(1, contact_channel=ContactChannel.POST, address="1 Dale Street", postcode="L2 2DH")[0]


def test_a_letter_already_posted_is_not_found_to_print_or_post_again(signed_in, administrator):
    letter = a_letter()
    client = signed_in(administrator)
    assert client.get(f"/staff/letters/{letter.pk}/").status_code == 200
    assert client.post(f"/staff/letters/{letter.pk}/sent/").status_code == 302
    letter.refresh_from_db()
    assert letter.status == MessageStatus.SENT
    assert client.get(f"/staff/letters/{letter.pk}/").status_code == 404
    assert client.post(f"/staff/letters/{letter.pk}/sent/").status_code == 404


def test_a_letter_due_later_waits_for_its_day(signed_in, administrator):
    letter = a_letter()
    Message.objects.filter(pk=letter.pk).update(due_at=letter.due_at + timedelta(days=3))
    assert signed_in(administrator).get(f"/staff/letters/{letter.pk}/").status_code == 404


def test_only_a_failed_email_can_be_sent_again(signed_in, administrator):
    queued, failed = opportunities_for(2)
    Message.objects.filter(pk=failed.pk).update(status=MessageStatus.FAILED, last_error="Refused")
    client = signed_in(administrator)
    assert client.post(f"/staff/messages/{queued.pk}/resend/").status_code == 404
    assert client.post(f"/staff/messages/{failed.pk}/resend/").status_code == 302
    failed.refresh_from_db()
    assert failed.status == MessageStatus.QUEUED
