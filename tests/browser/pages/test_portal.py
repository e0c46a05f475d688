"""The portal's pages in Chromium: the public pages, a person's own account, the staff home and a
panel's staff page, and the error pages. How the page scripts work:
tests/browser/pages/registry.py."""

import pytest
from playwright.sync_api import expect

from members.seed import PANELS
from notifications import services as outbox
from notifications.models import ConsentDecision, ConsentPurpose
from tests.browser.conftest import assert_accessible
from tests.browser.pages.registry import Pages
from tests.browser.pages.steps import shows_the_error
from tests.browser.urls import SERVER_ERROR_PATH

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


@page("portal:signed_out")
def signed_out_after_a_time_without_activity(visitor):
    # The warning and the sign-out itself, in time: tests/browser/test_idle.py.
    visitor.open("/signed-out/?next=%2Faccount%2F")
    expect(visitor.page.get_by_role("link", name="Sign in again")).to_have_attribute(
        "href", "/accounts/login/?next=%2Faccount%2F"
    )


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
