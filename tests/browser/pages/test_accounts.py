"""The account pages in Chromium: signing up, signing in (with a password, a code sent by email, a
second step), getting back into an account, and a person's email addresses, password, two-step
verification and passkeys. How the page scripts work: tests/browser/pages/registry.py."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.core import mail
from playwright.sync_api import expect

from accounts.models import User
from tests.browser.conftest import assert_accessible, link_in_last_email
from tests.browser.pages.registry import Pages
from tests.browser.pages.steps import shows_the_error
from tests.factories import PASSWORD, UserFactory, add_totp

pytestmark = pytest.mark.browser

page = Pages()


# Signing up, signing in and getting back into an account.


def fill_in_sign_up(visitor, email: str, password: str = PASSWORD) -> None:
    visitor.open("/accounts/signup/")
    visitor.page.get_by_label("Email address").fill(email)
    visitor.page.get_by_label("Create a password").fill(password)
    visitor.page.get_by_label("Type the password again").fill(password)
    visitor.press("Create account")


@page("account_login")
def sign_in_then_submitted_empty_then_with_a_wrong_password(visitor):
    visitor.open("/accounts/login/")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Sign in")
    shows_the_error(visitor, "Enter your email address")
    shows_the_error(visitor, "Enter your password")
    assert_accessible(visitor.page, "submitted empty")
    visitor.sign_in_with_the_form(visitor.person("applicant").email, "not-the-password")
    shows_the_error(visitor, "The email address or password is not correct. Check both and try again")
    expect(visitor.page.locator("#id_login_error")).to_be_visible()


@page("account_signup")
def create_an_account_then_submitted_empty_then_with_an_invalid_email_address(visitor):
    visitor.open("/accounts/signup/")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Create account")
    shows_the_error(visitor, "Enter your email address")
    shows_the_error(visitor, "Enter a password")
    assert_accessible(visitor.page, "submitted empty")
    fill_in_sign_up(visitor, "not-an-email-address")
    shows_the_error(visitor, "Enter an email address in the correct format, like name@example.com")


@page("account_email_verification_sent")
def check_your_email(visitor):
    fill_in_sign_up(visitor, "new.person@example.org")


@page("account_confirm_email")
def confirm_your_email_address_from_the_link(visitor):
    fill_in_sign_up(visitor, "new.person@example.org")
    visitor.open(link_in_last_email(mail.outbox))
    expect(visitor.page.get_by_role("button", name="Confirm my email address")).to_be_visible()


@page("account_confirm_email")
def a_confirmation_link_that_no_longer_works(visitor):
    visitor.open("/accounts/confirm-email/not-a-real-key/")
    expect(visitor.page.get_by_role("heading", level=1)).to_have_text("This confirmation link no longer works")


@page("account_confirm_email")
def a_confirmation_link_used_already(visitor):
    fill_in_sign_up(visitor, "new.person@example.org")
    link = link_in_last_email(mail.outbox)
    visitor.open(link)
    visitor.press("Confirm my email address")
    visitor.open(link)
    expect(visitor.page.get_by_role("link", name="your email addresses")).to_be_visible()


def ask_for_a_password_reset(visitor, email: str) -> None:
    visitor.open("/accounts/password/reset/")
    visitor.page.get_by_label("Email address").fill(email)
    visitor.press("Send me a link")


@page("account_reset_password")
def forgotten_password_then_sent_empty(visitor):
    visitor.open("/accounts/password/reset/")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Send me a link")
    shows_the_error(visitor, "Enter your email address")


@page("account_reset_password_done")
def forgotten_password_email_sent(visitor):
    ask_for_a_password_reset(visitor, visitor.person("applicant").email)


def open_the_reset_link(visitor) -> None:
    ask_for_a_password_reset(visitor, visitor.person("applicant").email)
    visitor.open(link_in_last_email(mail.outbox))  # redirects to the form, without the key in the URL


def save_a_new_password(visitor, password: str, again: str) -> None:
    visitor.page.get_by_label("New password", exact=True).fill(password)
    visitor.page.get_by_label("Type the new password again").fill(again)
    visitor.press("Save my new password")


@page("account_reset_password_from_key")
def choose_a_new_password_from_the_link_then_typed_differently(visitor):
    open_the_reset_link(visitor)
    assert_accessible(visitor.page, "as it opens")
    save_a_new_password(visitor, "a-brand-new-password-2", "a-brand-new-password-3")
    shows_the_error(visitor, "The passwords do not match")


@page("account_reset_password_from_key")
def a_password_reset_link_that_no_longer_works(visitor):
    visitor.open("/accounts/password/reset/key/1-not-a-real-key/")
    expect(visitor.page.get_by_role("heading", level=1)).to_have_text("This password reset link no longer works")


@page("account_reset_password_from_key_done")
def new_password_saved(visitor):
    open_the_reset_link(visitor)
    save_a_new_password(visitor, "a-brand-new-password-2", "a-brand-new-password-2")


@page("account_inactive")
def account_inactive(visitor):
    UserFactory(email="former.member@example.org", is_active=False)
    visitor.sign_in_with_the_form("former.member@example.org")


@page("mfa_authenticate")
def two_factor_challenge_when_signing_in_then_with_a_wrong_code(visitor):
    coordinator = visitor.person("coordinator")
    add_totp(coordinator)
    visitor.sign_in_with_the_form(coordinator.email)
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Continue")
    shows_the_error(visitor, "Enter the 6-digit code from your authenticator app")
    assert_accessible(visitor.page, "sent empty")
    visitor.page.get_by_label("Code from your authenticator app").fill("12345")
    visitor.press("Continue")
    shows_the_error(visitor, "The code is not correct. Enter the code your authenticator app shows now")


@page("mfa_authenticate")
def two_factor_challenge_when_signing_in_with_an_app_or_a_passkey(visitor):
    coordinator = visitor.person("coordinator")
    visitor.sign_in(coordinator, password_just_confirmed=True)
    add_a_passkey(visitor)
    visitor.page.context.clear_cookies()
    visitor.sign_in_with_the_form(coordinator.email)
    expect(visitor.page.get_by_role("button", name="Use my passkey")).to_be_visible()


@page("account_logout")
def sign_out(visitor):
    visitor.sign_in(visitor.person("applicant"))
    visitor.open("/accounts/logout/")
    expect(visitor.page.get_by_role("button", name="Sign out")).to_be_visible()


@page("account_signup", status=429)
def too_many_attempts(visitor):
    settings = visitor.request.getfixturevalue("settings")
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "1/m/ip"}
    fill_in_sign_up(visitor, "first@example.org")
    fill_in_sign_up(visitor, "second@example.org")


# Signing in with a code sent by email, which applicants can do instead of choosing a password.


def ask_for_a_sign_in_code(visitor, email: str) -> None:
    visitor.open("/accounts/login/")
    visitor.press("Email me a sign-in code")
    visitor.page.get_by_label("Email address").fill(email)
    visitor.press("Send me a code")


@page("account_request_login_code")
def get_a_sign_in_code_then_sent_empty(visitor):
    visitor.open("/accounts/login/")
    visitor.press("Email me a sign-in code")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Send me a code")
    shows_the_error(visitor, "Enter your email address")


@page("account_confirm_login_code")
def enter_the_sign_in_code_then_a_new_one_sent_then_a_wrong_code(visitor):
    ask_for_a_sign_in_code(visitor, visitor.person("applicant").email)
    expect(
        visitor.page.get_by_text("The code lasts 15 minutes from when you first asked for a code", exact=False)
    ).to_be_visible()
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Send me a new code")
    expect(visitor.page.get_by_text("We have sent a sign-in code to applicant@example.org.")).to_be_visible()
    assert len(mail.outbox) == 2
    assert_accessible(visitor.page, "with a new code sent")
    visitor.page.get_by_label("Sign-in code").fill("WRONG-CODE")
    visitor.press("Sign in")
    shows_the_error(visitor, "The code is not correct. Check the code in the email and try again")


# A person's email addresses, password and two-step verification.


@page("account_email")
def email_addresses_then_one_added_then_added_empty(visitor):
    visitor.sign_in(visitor.person("applicant"))
    visitor.open("/accounts/email/")
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_label("Email address").fill("second@example.org")
    visitor.press("Add email address")
    expect(visitor.page.get_by_role("button", name="Send the link again to second@example.org")).to_be_visible()
    assert_accessible(visitor.page, "with an address not confirmed yet")
    visitor.press("Add email address")
    shows_the_error(visitor, "Enter the email address you want to add")


@page("account_change_password")
def change_password_then_sent_empty_then_with_a_wrong_current_password(visitor):
    visitor.sign_in(visitor.person("applicant"))
    visitor.open("/accounts/password/change/")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Save my new password")
    shows_the_error(visitor, "Enter your current password")
    shows_the_error(visitor, "Enter a new password")
    assert_accessible(visitor.page, "sent empty")
    visitor.page.get_by_label("Current password").fill("not-the-password")
    visitor.page.get_by_label("New password", exact=True).fill("a-brand-new-password-2")
    visitor.page.get_by_label("Type the new password again").fill("a-brand-new-password-2")
    visitor.press("Save my new password")
    shows_the_error(visitor, "Your current password is not correct. Check it and try again")


@page("account_set_password")
def set_a_password_then_one_too_short(visitor):
    # Someone whose account staff created (from a paper application) has no password yet.
    person = User.objects.create_user(email="on.paper@example.org", full_name="Pat Paper")
    visitor.sign_in(person)
    visitor.open("/accounts/password/set/")
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_label("Create a password").fill("short")
    visitor.page.get_by_label("Type the password again").fill("short")
    visitor.press("Save my password")
    shows_the_error(visitor, "Your password must be 10 characters or more")


@page("account_reauthenticate")
def confirm_your_password_then_a_wrong_one(visitor):
    visitor.sign_in(visitor.person("applicant"))
    visitor.open("/accounts/2fa/totp/activate/")  # changing security settings asks for the password
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_label("Password").fill("not-the-password")
    visitor.press("Continue")
    shows_the_error(visitor, "The password is not correct. Check it and try again")


@page("mfa_index")
def two_step_verification_set_up(visitor):
    # Before it is set up, the page is checked in test_journeys.py, on the way to setting it up.
    coordinator = visitor.person("coordinator")
    visitor.sign_in(coordinator)
    RecoveryCodes.activate(coordinator)
    visitor.open("/accounts/2fa/")


@page("mfa_activate_totp")
def set_up_an_authenticator_app_then_sent_empty_then_a_wrong_code(visitor):
    visitor.sign_in(visitor.person("applicant"), password_just_confirmed=True)
    visitor.open("/accounts/2fa/totp/activate/")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Turn on two-step verification")
    shows_the_error(visitor, "Enter the 6-digit code from your authenticator app")
    assert_accessible(visitor.page, "sent empty")
    visitor.page.get_by_label("Code from the app").fill("123456")
    visitor.press("Turn on two-step verification")
    shows_the_error(visitor, "The code is not correct. Enter the code your authenticator app shows now")


@page("mfa_deactivate_totp")
def turn_off_the_authenticator_app(visitor):
    visitor.sign_in(visitor.person("coordinator"), password_just_confirmed=True)
    visitor.open("/accounts/2fa/totp/deactivate/")


@page("mfa_view_recovery_codes")
def recovery_codes(visitor):
    coordinator = visitor.person("coordinator")
    visitor.sign_in(coordinator, password_just_confirmed=True)
    RecoveryCodes.activate(coordinator)
    visitor.open("/accounts/2fa/recovery-codes/")


@page("mfa_generate_recovery_codes")
def new_recovery_codes(visitor):
    coordinator = visitor.person("coordinator")
    visitor.sign_in(coordinator, password_just_confirmed=True)
    RecoveryCodes.activate(coordinator)
    visitor.open("/accounts/2fa/recovery-codes/generate/")


@page("mfa_reauthenticate")
def confirm_with_the_authenticator_app_then_a_wrong_code(visitor):
    # Staff whose session has not passed two-factor are asked for a code before staff pages.
    coordinator = visitor.person("coordinator")
    add_totp(coordinator)
    visitor.sign_in(coordinator, two_factor=False)
    visitor.open("/staff/")
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_label("Code from your authenticator app").fill("123456")
    visitor.press("Continue")
    shows_the_error(visitor, "The code is not correct. Enter the code your authenticator app shows now")


# Passkeys.


def add_a_passkey(visitor, name: str = "My laptop") -> None:
    """Register a passkey for real, with Chromium's virtual authenticator standing in for the
    person's device (WebAuthn needs a secure context: the live server's http://localhost is one)."""
    cdp = visitor.page.context.new_cdp_session(visitor.page)
    cdp.send("WebAuthn.enable", {"enableUI": False})
    options = {
        "protocol": "ctap2",
        "transport": "internal",
        "hasResidentKey": True,
        "hasUserVerification": True,
        "isUserVerified": True,
        "automaticPresenceSimulation": True,
    }
    cdp.send("WebAuthn.addVirtualAuthenticator", {"options": options})
    visitor.open("/accounts/2fa/webauthn/add/")
    visitor.page.get_by_label("Name for this passkey").fill(name)
    visitor.press("Add passkey")
    visitor.page.wait_for_url("**/accounts/2fa/recovery-codes/")


def the_passkey() -> Authenticator:
    return Authenticator.objects.get(type=Authenticator.Type.WEBAUTHN)


def with_a_passkey(visitor) -> None:
    visitor.sign_in(visitor.person("applicant"), password_just_confirmed=True)
    add_a_passkey(visitor)


@page("mfa_list_webauthn")
def passkeys(visitor):
    with_a_passkey(visitor)
    visitor.open("/accounts/2fa/webauthn/")


@page("mfa_add_webauthn")
def add_a_passkey_page(visitor):
    visitor.sign_in(visitor.person("applicant"), password_just_confirmed=True)
    visitor.open("/accounts/2fa/webauthn/add/")


@page("mfa_edit_webauthn")
def rename_a_passkey_then_to_nothing(visitor):
    with_a_passkey(visitor)
    visitor.open(f"/accounts/2fa/webauthn/keys/{the_passkey().pk}/edit/")
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_label("Name for this passkey").fill("")
    visitor.press("Save the name")
    shows_the_error(visitor, "Enter a name for the passkey")


@page("mfa_remove_webauthn")
def remove_a_passkey(visitor):
    with_a_passkey(visitor)
    visitor.open(f"/accounts/2fa/webauthn/keys/{the_passkey().pk}/remove/")


@page("mfa_reauthenticate_webauthn")
def confirm_with_a_passkey(visitor):
    with_a_passkey(visitor)
    visitor.open("/accounts/2fa/webauthn/reauthenticate/")


test_every_page_is_accessible = page.test()
