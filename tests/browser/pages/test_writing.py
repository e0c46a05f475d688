"""Writing to a panel, in Chromium: the coordinator writes by keyboard alone, checks how it will
reach each member, sends it, watches it go out and reads how it went. How the page scripts work:
tests/browser/pages/registry.py."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from playwright.sync_api import expect

from accounts.models import ContactChannel, ContactFormat
from accounts.pdf import pdf_from_html
from members.models import PanelMessage
from members.services import panel_message_send, panel_message_write
from notifications.models import Message, MessageStatus
from tests.browser.conftest import assert_accessible
from tests.browser.pages.registry import Pages
from tests.browser.pages.steps import shows_a_problem
from tests.factories import a_membership
from tests.services import free_port

pytestmark = pytest.mark.browser

page = Pages()


def the_panel_with_members(visitor):
    """Three members of the Race Panel, reached by email, by email in easy read and by post."""
    coordinator, panel = visitor.person("coordinator"), visitor.person("race_panel")
    a_membership(coordinator, panel, full_name="Ema Email")
    a_membership(coordinator, panel, full_name="Eddie Easy", contact_format=ContactFormat.EASY_READ)
    a_membership(
        coordinator, panel, full_name="Pat Post", contact_channel=ContactChannel.POST,
        address="1 Dale Street\nLiverpool", postcode="L2 2DH",
    )  # fmt: skip
    return coordinator, panel


def a_message(coordinator, panel) -> PanelMessage:
    return panel_message_write(
        actor=coordinator, panel=panel, subject="Summer event", body="We are holding a summer event on 4 July."
    )


@page("members:panel_messages")
def messages_to_the_panel_reached_from_the_panels_page(visitor):
    coordinator, panel = the_panel_with_members(visitor)
    a_message(coordinator, panel)
    visitor.sign_in(coordinator)
    visitor.open("/staff/panels/race/")
    visitor.follow("Messages to the panel")
    expect(visitor.page.locator("tbody tr")).to_have_count(1)
    expect(visitor.page.get_by_text("Not sent yet")).to_be_visible()


@page("members:panel_message_write", opens_on="members:panel_message_write")
def writing_with_nothing_filled_in_says_what_is_missing(visitor):
    coordinator, _ = the_panel_with_members(visitor)
    visitor.sign_in(coordinator)
    visitor.open("/staff/panels/race/messages/")
    visitor.press("Write to the panel")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Preview the message")
    shows_a_problem(visitor)
    expect(visitor.page.get_by_role("link", name="Enter a subject")).to_be_visible()


@page("members:panel_message", name="a message written by keyboard alone and checked before sending")
def a_message_written_by_keyboard_and_previewed(visitor):
    coordinator, _ = the_panel_with_members(visitor)
    visitor.sign_in(coordinator)
    visitor.open("/staff/panels/race/messages/write/")
    keyboard = visitor.page.keyboard
    visitor.page.get_by_label("Subject").focus()
    keyboard.type("Summer event")
    keyboard.press("Tab")
    keyboard.type("We are holding a summer event on 4 July.")
    keyboard.press("Tab")
    keyboard.type("There is a party.\nIt is on 4 July.")
    document = pdf_from_html("<p>Minutes of the last meeting.</p>")
    visitor.page.get_by_label("A document to send with it").set_input_files(
        files=[{"name": "minutes.pdf", "mimeType": "application/pdf", "buffer": document}]
    )
    visitor.page.get_by_label("Every current member of the panel").focus()
    keyboard.press("ArrowDown")  # only the members chosen
    visitor.page.get_by_label("Eddie Easy").focus()
    keyboard.press("Space")
    visitor.page.get_by_label("Pat Post").focus()
    keyboard.press("Space")
    visitor.page.get_by_role("button", name="Preview the message").focus()
    keyboard.press("Enter")
    visitor.page.wait_for_load_state()
    expect(visitor.page.get_by_role("heading", name="Check your message")).to_be_visible()
    expect(visitor.page.get_by_role("button", name="Send to 2 people")).to_be_visible()
    expect(visitor.page.get_by_role("heading", name="Email in easy read")).to_be_visible()
    expect(visitor.page.get_by_text("It is on 4 July.")).to_be_visible()


@page("members:panel_message_change")
def a_message_changed_before_it_is_sent(visitor):
    coordinator, panel = the_panel_with_members(visitor)
    message = a_message(coordinator, panel)
    visitor.sign_in(coordinator)
    visitor.open(f"/staff/panel-messages/{message.pk}/")
    visitor.follow("Change the message")
    expect(visitor.page.get_by_label("Subject")).to_have_value("Summer event")


@page("members:panel_message", name="a message still being sent: the page says how far it has got")
def a_message_on_its_way(visitor):
    coordinator, panel = the_panel_with_members(visitor)
    message = a_message(coordinator, panel)
    # A mail server that cannot be reached yet: the emails wait to be tried again.
    unreachable = {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": free_port()}
    smtp = override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", **unreachable)
    with smtp, transaction.atomic():
        panel_message_send(actor=coordinator, message=message)
    assert set(Message.objects.filter(kind="members.panel_message").values_list("status", flat=True)) == {
        MessageStatus.QUEUED
    }
    visitor.sign_in(coordinator)
    visitor.open(f"/staff/panel-messages/{message.pk}/")
    expect(visitor.page.get_by_role("heading", name="Sending your message")).to_be_visible()
    visitor.follow("Check again")
    expect(visitor.page.get_by_text("The emails are still being sent.")).to_be_visible()


@page("members:panel_message", name="how a message went: delivered, to print, and not delivered with why")
def how_a_message_went(visitor):
    coordinator, panel = the_panel_with_members(visitor)
    message = panel_message_write(
        actor=coordinator, panel=panel, subject="Summer event", body="A party on 4 July.",
        attachment=SimpleUploadedFile("minutes.pdf", pdf_from_html("<p>Minutes</p>")),
    )  # fmt: skip
    refused = {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": free_port(), "OUTBOX_RETRY_FOR_HOURS": 0}
    smtp = override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", **refused)
    with smtp, transaction.atomic():
        panel_message_send(actor=coordinator, message=message)
    visitor.sign_in(coordinator)
    visitor.open("/staff/panels/race/messages/")
    visitor.follow("Summer event")
    expect(visitor.page.get_by_role("heading", name="How your message went")).to_be_visible()
    expect(visitor.page.get_by_text("1 letter is waiting to be printed")).to_be_visible()
    expect(visitor.page.get_by_role("link", name="Fix and send again to Ema Email")).to_be_visible()


test_every_page_is_accessible = page.test()
