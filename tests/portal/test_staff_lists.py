"""The administrators' lists of letters and of messages that were not sent, page by page."""

import pytest

from accounts.models import ContactChannel
from notifications.models import Message, MessageStatus
from tests.factories import UserFactory
from tests.notifications.factories import an_opportunity, opportunities_consent
from tests.titles import title_of

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
    monkeypatch.setattr("portal.views.PAGE_SIZE", 2)
    client = signed_in(administrator)
    assert title_of(client.get("/staff/letters/")) == "Letters to print and post (page 1 of 2)"
    assert title_of(client.get("/staff/letters/?page=2")) == "Letters to print and post (page 2 of 2)"
    monkeypatch.setattr("portal.views.PAGE_SIZE", 50)
    assert title_of(client.get("/staff/letters/")) == "Letters to print and post"


def test_the_title_of_messages_that_were_not_sent_says_which_page_is_shown(signed_in, administrator, monkeypatch):
    queued = opportunities_for(3)
    Message.objects.filter(pk__in=[m.pk for m in queued]).update(status=MessageStatus.FAILED, last_error="Refused")
    monkeypatch.setattr("portal.views.PAGE_SIZE", 2)
    client = signed_in(administrator)
    assert title_of(client.get("/staff/messages/")) == "Messages that were not sent (page 1 of 2)"
    assert title_of(client.get("/staff/messages/?page=2")) == "Messages that were not sent (page 2 of 2)"
    monkeypatch.setattr("portal.views.PAGE_SIZE", 50)
    assert title_of(client.get("/staff/messages/")) == "Messages that were not sent"
