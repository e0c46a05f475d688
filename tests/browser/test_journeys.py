"""Journeys through the service in Chromium: by mouse, and by keyboard alone."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, authenticator_code
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_staff_member_sets_up_an_authenticator_app_for_real(visitor):
    page = visitor.page
    coordinator = visitor.person("coordinator")

    visitor.sign_in_with_the_form(coordinator.email)
    assert visitor.route == "portal:dashboard"
    assert_accessible(page)

    visitor.open("/staff/")
    assert visitor.route == "mfa_index"
    expect(page.get_by_text("Set up two-step verification before you use staff pages.")).to_be_visible()
    assert_accessible(page)

    visitor.press("Activate")
    assert visitor.route == "account_reauthenticate"  # changing security settings asks for the password
    assert_accessible(page)
    page.get_by_label("Password").fill(PASSWORD)
    visitor.press("Confirm")

    assert visitor.route == "mfa_activate_totp"
    assert_accessible(page)
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(authenticator_code(secret))
    visitor.press("Activate")

    assert visitor.route == "mfa_view_recovery_codes"
    recovery_codes = page.get_by_label("Unused codes").input_value().split()
    assert len(recovery_codes) == 10
    assert_accessible(page)

    visitor.open("/staff/")
    assert (visitor.route, visitor.status) == ("portal:staff_home", 200)
    assert_accessible(page)
    page.get_by_role("link", name="Race Panel").click()
    assert (visitor.path, visitor.status) == ("/staff/panels/race/", 200)
    expect(page.get_by_role("heading", level=1)).to_have_text("Race Panel")
    assert_accessible(page)

    page.get_by_role("link", name="Sign out").click()
    assert visitor.route == "account_logout"
    visitor.press("Sign Out")
    visitor.open("/staff/")
    assert visitor.route == "account_login"

    visitor.sign_in_with_the_form(coordinator.email)
    assert visitor.route == "mfa_authenticate"
    assert_accessible(page)
    page.get_by_label("Code").fill(authenticator_code(secret))
    visitor.press("Sign In")
    assert visitor.route == "portal:dashboard"
    visitor.open("/staff/panels/race/")
    assert visitor.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Race Panel")


FOCUSED = """() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    const outlineShows = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
        && !/^rgba\\(.*,\\s*0\\)$/.test(style.outlineColor);
    return {
        text: (element.innerText || "").trim(),
        label: element.labels && element.labels.length ? element.labels[0].innerText.trim() : "",
        focusVisible: element.matches(":focus-visible"),
        indicator: outlineShows || style.boxShadow !== "none",
        seen: box.width > 1 && box.height > 1,
    };
}"""


def focused(page: Page) -> dict:
    return page.evaluate(FOCUSED)


def assert_focus_is_visible(page: Page) -> dict:
    focus = focused(page)
    assert focus["focusVisible"] and focus["indicator"] and focus["seen"], f"focus cannot be seen: {focus}"
    return focus


def tab_to(page: Page, name: str, *, limit: int = 15) -> None:
    """Press Tab until the link, button or field called `name` has focus, checking that every stop
    on the way shows where the focus is."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = assert_focus_is_visible(page)
        if name in (focus["text"], focus["label"]):
            return
    raise AssertionError(f"{name!r} is not reached within {limit} presses of Tab")


def test_sign_in_by_keyboard_alone(visitor):
    page = visitor.page
    applicant = visitor.person("applicant")
    visitor.open("/")

    page.keyboard.press("Tab")
    assert assert_focus_is_visible(page)["text"] == "Skip to main content"
    tab_to(page, "Sign in")
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/login/")

    tab_to(page, "Email address")
    page.keyboard.type(applicant.email)
    page.keyboard.press("Tab")
    assert assert_focus_is_visible(page)["label"] == "Password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Shift+Tab")
    assert assert_focus_is_visible(page)["label"] == "Email address"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    page.wait_for_url("**/account/")
    assert visitor.route == "portal:dashboard"
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")


def test_error_summary_links_move_focus_to_the_field(visitor):
    page = visitor.page
    visitor.open("/accounts/signup/")
    page.get_by_label("Email address").fill("not-an-email-address")
    page.get_by_label("Create a password").fill(PASSWORD)
    page.get_by_label("Type the password again").fill(PASSWORD)
    visitor.press("Create account")

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()  # GOV.UK Frontend moves focus to the summary on load
    email = page.get_by_label("Email address")
    error = "Enter an email address in the correct format, like name@example.com"
    expect(email).to_have_accessible_description(re.compile(re.escape(error)))  # read out with the field

    page.keyboard.press("Tab")
    expect(summary.get_by_role("link", name=error)).to_be_focused()
    page.keyboard.press("Enter")
    expect(email).to_be_focused()

    page.get_by_label("Create a password").focus()
    summary.get_by_role("link", name=error).click()
    expect(email).to_be_focused()
