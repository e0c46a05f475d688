"""The portal's pages in Chromium: the public pages, a person's own account, the staff pages
administrators keep (roles, messages not sent, letters) and the error pages. How the page scripts
work: tests/browser/pages/registry.py."""

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from accounts.models import ContactChannel, ContactFormat
from members.models import StaffRole
from members.seed import PANELS
from notifications import services as outbox
from notifications.models import ConsentDecision, ConsentPurpose, Message, MessageStatus
from tests.browser.conftest import assert_accessible
from tests.browser.pages.registry import Pages
from tests.browser.pages.steps import shows_a_problem, shows_the_error
from tests.browser.urls import SERVER_ERROR_PATH
from tests.factories import UserFactory
from tests.notifications.factories import an_opportunity, opportunities_consent
from tests.services import free_port

pytestmark = pytest.mark.browser

page = Pages()


# Public pages.


@page("portal:home")
def home(visitor):
    visitor.open("/")


for seeded in PANELS:
    page("portal:panel", name=f"panel_{seeded['slug']}")(
        lambda visitor, slug=seeded["slug"]: visitor.open(f"/panels/{slug}/")
    )
    page("portal:panel_easy_read", name=f"panel_{seeded['slug']}_in_easy_read")(
        lambda visitor, slug=seeded["slug"]: visitor.open(f"/panels/{slug}/easy-read/")
    )


@page("portal:accessibility")
def accessibility_statement(visitor):
    visitor.open("/accessibility/")


@page("portal:privacy")
def privacy_notice(visitor):
    visitor.open("/privacy/")


# A person's own account.


@page("portal:dashboard")
def your_account(visitor):
    visitor.sign_in(visitor.person("applicant"))
    visitor.open("/account/")


@page("portal:contact_details")
def your_contact_details_then_with_a_bad_phone_number(visitor):
    visitor.sign_in(visitor.person("applicant"))
    visitor.open("/account/")
    visitor.follow("Change phone number")
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_label("Phone number").fill("call me")
    visitor.press("Save")
    shows_the_error(visitor, "Enter a phone number, like 0151 123 4567 or 07700 900 982")


@page("portal:contact_preferences")
def how_we_contact_you_then_post_without_an_address(visitor):
    visitor.sign_in(visitor.person("applicant"))
    visitor.open("/account/")
    visitor.follow("Change how we contact you")
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_label("Post").check()
    visitor.press("Save")
    shows_the_error(visitor, "Add your address and postcode first, so we can write to you")


@page("portal:consents")
def what_you_have_agreed_to_with_one_answer(visitor):
    applicant = visitor.person("applicant")
    outbox.consent_record(
        person=applicant, actor=applicant, purpose=ConsentPurpose.FUTURE_OPPORTUNITIES, decision=ConsentDecision.GIVEN
    )
    visitor.sign_in(applicant)
    visitor.open("/account/")
    visitor.follow("What you have agreed to")
    expect(visitor.page.get_by_text("Yes, you agreed on")).to_be_visible()


@page("portal:consent_change")
def change_an_answer_then_sent_without_one(visitor):
    visitor.sign_in(visitor.person("applicant"))
    visitor.open("/account/consents/")
    visitor.follow("Change your answer about publishing a member's name or photo")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Save my answer")
    shows_the_error(visitor, "Choose yes or no")


# Staff pages.


@page("portal:staff_home")
def staff_home(visitor):
    visitor.sign_in(visitor.person("administrator"))
    visitor.open("/staff/")


@page("portal:staff_panel")
def a_panels_staff_page(visitor):
    visitor.person("reviewer")
    visitor.sign_in(visitor.person("coordinator"))
    visitor.open("/staff/panels/race/")


@page("portal:staff_roles")
def staff_roles_then_submitted_empty_then_after_giving_a_role(visitor):
    visitor.person("coordinator")
    visitor.sign_in(visitor.person("administrator"))
    visitor.open("/staff/roles/")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Give role")
    shows_a_problem(visitor)
    assert_accessible(visitor.page, "submitted empty")
    visitor.page.get_by_label("Email address of the person").fill(visitor.person("applicant").email)
    visitor.page.get_by_label("Reviewer").check()
    visitor.page.get_by_label("Panel").select_option(label="Race Panel")
    visitor.press("Give role")
    visitor.page.get_by_text("The role has been given.").wait_for()


@page("portal:staff_role_remove")
def remove_a_staff_role_then_try_to_remove_your_own(visitor):
    administrator = visitor.person("administrator")
    visitor.sign_in(administrator)
    visitor.open(f"/staff/roles/{StaffRole.objects.get(user=visitor.person('coordinator')).pk}/remove/")
    assert_accessible(visitor.page, "as it opens")
    visitor.open(f"/staff/roles/{StaffRole.objects.get(user=administrator).pk}/remove/")
    visitor.press("Remove role")
    shows_a_problem(visitor)


@page("portal:outbox_attention")
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


@page("portal:letters")
def letters_to_print_and_post(visitor):
    a_letter_waiting()
    visitor.sign_in(visitor.person("administrator"))
    visitor.open("/staff/letters/")
    expect(visitor.page.locator("tbody tr")).to_have_count(1)


@page("portal:letter_print")
def a_letter_to_print(visitor):
    letter = a_letter_waiting()
    visitor.sign_in(visitor.person("administrator"))
    visitor.open(f"/staff/letters/{letter.pk}/")


# Error pages.


@page(None, status=404)
def page_not_found(visitor):
    visitor.open("/no-such-page/")


@page("portal:staff_home", status=403)
def not_allowed(visitor):
    visitor.sign_in(visitor.person("applicant"))
    visitor.open("/staff/")


@page("test_server_error", status=500)
def server_error(visitor):
    visitor.request.getfixturevalue("settings").ROOT_URLCONF = "tests.browser.urls"
    visitor.open(f"/{SERVER_ERROR_PATH}")


test_every_page_is_accessible = page.test()
