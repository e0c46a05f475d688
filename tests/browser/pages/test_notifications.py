"""The administrators' screens for messages, in Chromium: messages that were not sent, and letters
waiting to be printed and posted. How the page scripts work: tests/browser/pages/registry.py."""

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from accounts.models import ContactChannel, ContactFormat
from notifications.models import ConsentDecision, Message, MessageStatus
from tests.browser.pages.registry import Pages
from tests.factories import UserFactory
from tests.notifications.factories import an_opportunity, opportunities_consent
from tests.services import free_port

pytestmark = pytest.mark.browser

page = Pages()


@page("notifications:outbox_attention")
def messages_that_were_not_sent(visitor):
    unreachable = UserFactory(full_name="Una Reachable")
    opportunities_consent(unreachable, ConsentDecision.GIVEN)
    # A mail server that refuses connections, and no time to try again: the message fails.
    smtp_refused = {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": free_port(), "OUTBOX_RETRY_FOR_HOURS": 0}
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", **smtp_refused):
        failed = an_opportunity(unreachable, "browser:failed")
    changed_mind = UserFactory(full_name="Chan Gedmind")
    opportunities_consent(changed_mind, ConsentDecision.GIVEN)
    opportunities_consent(changed_mind, ConsentDecision.WITHDRAWN)
    suppressed = an_opportunity(changed_mind, "browser:suppressed")
    failed.refresh_from_db()
    suppressed.refresh_from_db()
    assert (failed.status, suppressed.status) == (MessageStatus.FAILED, MessageStatus.SUPPRESSED)
    visitor.sign_in(visitor.person("administrator"))
    visitor.open("/staff/messages/")
    expect(visitor.page.locator("tbody tr")).to_have_count(2)


def a_letter_waiting() -> Message:
    person = UserFactory(
        full_name="Les Post",
        contact_channel=ContactChannel.POST,
        contact_format=ContactFormat.LARGE_PRINT,
        address="1 Dale Street\nLiverpool",
        postcode="L2 2DH",
    )
    opportunities_consent(person, ConsentDecision.GIVEN)
    letter = an_opportunity(person, "browser:letter")
    letter.refresh_from_db()
    assert (letter.channel, letter.status) == ("letter", MessageStatus.QUEUED)
    return letter


@page("notifications:letters")
def letters_to_print_and_post(visitor):
    a_letter_waiting()
    visitor.sign_in(visitor.person("administrator"))
    visitor.open("/staff/letters/")
    expect(visitor.page.locator("tbody tr")).to_have_count(1)


@page("notifications:letter_print")
def a_letter_to_print(visitor):
    letter = a_letter_waiting()
    visitor.sign_in(visitor.person("administrator"))
    visitor.open(f"/staff/letters/{letter.pk}/")


test_every_page_is_accessible = page.test()
