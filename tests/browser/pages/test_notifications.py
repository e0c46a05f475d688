"""The administrators' screens for messages, in Chromium: messages that were not sent, and letters
waiting to be printed and posted. How the page scripts work: tests/browser/pages/registry.py."""

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from accounts.models import ContactChannel, ContactFormat
from notifications.models import ConsentDecision, Message, MessageStatus
from tests.browser.conftest import assert_accessible
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


@page("notifications:consent_receipt")
def a_consent_receipt_reached_from_what_you_have_agreed_to_and_downloaded(visitor):
    applicant = visitor.person("applicant")
    opportunities_consent(applicant)
    opportunities_consent(applicant, ConsentDecision.WITHDRAWN)
    visitor.sign_in(applicant)
    visitor.open("/account/consents/")
    assert_accessible(visitor.page, "what you have agreed to, with receipts")
    visitor.page.get_by_role("link", name="Receipt C-", exact=False).first.click()
    visitor.page.wait_for_load_state()
    expect(visitor.page.get_by_text("You withdrew your agreement")).to_be_visible()
    with visitor.page.expect_download() as started:
        visitor.page.get_by_role("link", name="Download this receipt as a PDF").click()
    assert started.value.suggested_filename.startswith("consent-receipt-C-")
    assert started.value.path().read_bytes().startswith(b"%PDF")


def a_call_waiting(visitor) -> Message:
    person = UserFactory(
        full_name="Phil Ring", contact_channel=ContactChannel.PHONE, phone="0151 000 0101",
        address="2 Dale Street\nLiverpool", postcode="L2 2DH",
    )  # fmt: skip
    opportunities_consent(person, ConsentDecision.GIVEN)
    call = an_opportunity(person, "browser:call", topic=visitor.person("race_panel").topic)
    assert (call.channel, call.status) == ("phone", MessageStatus.QUEUED)
    return call


@page("members:calls")
def calls_to_make(visitor):
    a_call_waiting(visitor)
    visitor.sign_in(visitor.person("coordinator"))
    visitor.open("/staff/")
    visitor.page.get_by_role("link", name="Calls to make for people who asked to be phoned").click()
    expect(visitor.page.locator("tbody tr")).to_have_count(1)
    expect(visitor.page.get_by_text("0151 000 0101")).to_be_visible()


@page("members:call_make")
def a_call_recorded_by_keyboard_alone_and_its_tries_shown(visitor):
    call = a_call_waiting(visitor)
    visitor.sign_in(visitor.person("coordinator"))
    visitor.open(f"/staff/calls/{call.pk}/")
    expect(visitor.page.get_by_text("We need 2 members.")).to_be_visible()
    visitor.press("Record the call")  # nothing chosen: the error links to the question
    assert_accessible(visitor.page, "a call recorded with no outcome")
    visitor.page.get_by_role("link", name="Say whether you spoke to them").click()
    keyboard = visitor.page.keyboard
    keyboard.press("ArrowDown")  # from the first answer to the second: could not reach them
    visitor.page.get_by_label("Notes").focus()
    keyboard.type("No answer at 10am")
    keyboard.press("Tab")
    keyboard.press("Enter")
    visitor.page.wait_for_load_state()
    expect(visitor.page.get_by_text("The call to Phil Ring is recorded.")).to_be_visible()
    visitor.open(f"/staff/calls/{call.pk}/")
    expect(visitor.page.get_by_text("could not reach them. No answer at 10am")).to_be_visible()


@page("notifications:message_fix")
def an_invitation_refused_at_a_wrong_address_is_fixed_from_the_meeting_page(visitor):
    from meetings.services import meeting_invite
    from tests.factories import members_of
    from tests.meetings.factories import a_meeting

    coordinator, panel = visitor.person("coordinator"), visitor.person("race_panel")
    (member,) = members_of(coordinator, panel, 1)
    smtp_refused = {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": free_port(), "OUTBOX_RETRY_FOR_HOURS": 0}
    meeting = a_meeting(coordinator, panel)
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", **smtp_refused):
        meeting_invite(actor=coordinator, meeting=meeting)
    visitor.sign_in(coordinator)
    visitor.open(f"/staff/meetings/{meeting.pk}/")
    expect(visitor.page.get_by_text("Not delivered", exact=True).first).to_be_visible()
    assert_accessible(visitor.page, "a meeting page with a message not delivered")
    visitor.page.get_by_role("link", name=f"Fix and send again to {member.display_name}").click()
    visitor.page.wait_for_load_state()
    expect(visitor.page.get_by_text("so we stopped trying", exact=False)).to_be_visible()


test_every_page_is_accessible = page.test()
