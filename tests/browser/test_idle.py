"""The warning before signing out after a time without activity, in Chromium, from a signed-out
start: a person signs in, starts typing, is warned, stays signed in, is warned again and this
time is signed out; they sign in again and find what they typed where they left it; warned once
more, they sign out themselves, and nothing is kept.

The limits here are seconds, not hours (the settings are the only difference from production)."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

LIMIT_SECONDS = 14
WARNING_SECONDS = 9


@pytest.fixture
def short_limits(settings):
    settings.IDLE_PUBLIC_SECONDS = LIMIT_SECONDS
    settings.IDLE_STAFF_SECONDS = LIMIT_SECONDS
    settings.IDLE_WARNING_SECONDS = WARNING_SECONDS


def test_a_person_is_warned_can_stay_signed_in_and_loses_nothing_typed_when_signed_out(short_limits, visitor):
    page = visitor.page
    applicant = visitor.person("applicant")
    visitor.sign_in_with_the_form(applicant.email)
    visitor.open("/account/contact-details/")
    page.get_by_label("Phone number").fill("0151 496 0000")
    page.get_by_label("Address").fill("1 Dale Street\nLiverpool")

    warning = page.get_by_role("dialog", name="You will be signed out soon")
    expect(warning).to_be_visible(timeout=LIMIT_SECONDS * 1000)
    expect(warning).to_be_focused()
    expect(warning).to_contain_text("we will sign you out in")
    assert_accessible(page, "the warning")

    page.get_by_role("button", name="Stay signed in").click()
    expect(warning).to_be_hidden()
    # Still signed in, with the time started again: the warning comes back later, not at once.
    page.wait_for_timeout((LIMIT_SECONDS - WARNING_SECONDS - 2) * 1000)
    expect(warning).to_be_hidden()
    expect(warning).to_be_visible(timeout=LIMIT_SECONDS * 1000)

    # This time they do nothing.
    expect(page.get_by_role("heading", name="You have been signed out")).to_be_visible(
        timeout=(WARNING_SECONDS + 5) * 1000
    )
    assert page.url.endswith("/signed-out/?next=%2Faccount%2Fcontact-details%2F")
    assert_accessible(page, "signed out")
    visitor.open("/account/")
    assert "/accounts/login/" in page.url

    visitor.open("/signed-out/?next=%2Faccount%2Fcontact-details%2F")
    page.get_by_role("link", name="Sign in again").click()
    page.get_by_label("Email address").fill(applicant.email)
    page.get_by_label("Password").fill(PASSWORD)
    visitor.press("Sign in")
    assert page.url.endswith("/account/contact-details/")
    expect(page.get_by_text("We kept what you typed before you were signed out.")).to_be_visible()
    expect(page.get_by_label("Phone number")).to_have_value("0151 496 0000")
    expect(page.get_by_label("Address")).to_have_value("1 Dale Street\nLiverpool")
    assert_accessible(page, "what was typed, put back")

    # Signing out on purpose, from the warning, signs out and keeps nothing.
    expect(warning).to_be_visible(timeout=LIMIT_SECONDS * 1000)
    page.get_by_role("button", name="Sign out now").click()
    page.wait_for_load_state()
    visitor.open("/account/")
    assert "/accounts/login/" in page.url
    assert page.evaluate("Object.keys(sessionStorage).filter((key) => key.startsWith('idle-kept')).length") == 0
