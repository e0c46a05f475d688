"""No allauth page can show allauth's own wording: every page template in allauth's account/ and
mfa/ folders has one of ours in templates/, and so has every other template of theirs with words
in it (the messages shown after an action, the bases and snippets with text), unless it is listed
below as one no person can reach with our settings. A new allauth version with a new page fails
here until the page is written in our words.

The same holds for allauth's emails (account/email/ and mfa/email/): every subject and message has
one of ours, so that no email goes out in allauth's words, whether or not it has words to translate
(a subject with none still says "Password Changed" in Title Case)."""

import re
from pathlib import Path

import allauth
import pytest
from allauth.account import app_settings as account_settings
from allauth.mfa import app_settings as mfa_settings
from django.conf import settings

ALLAUTH_TEMPLATES = Path(allauth.__file__).parent / "templates"
OURS = Path(settings.BASE_DIR) / "templates"
FOLDERS = ("account", "mfa")
# Emails are not pages: they are checked on their own, below.
EMAILS = ("account/email/", "mfa/email/")
# The recovery codes download is a text file of codes, with no words of allauth's to replace.
NOT_WORDED = {"mfa/recovery_codes/download.txt"}

# allauth templates no person can reach with our settings, each with the setting that would make
# it reachable: the check below fails as soon as that setting changes, so the page gets written.
# An email that cannot be sent with our settings would go here too; none does, since even those
# (resetting a password by code, and email_confirm, which allauth 65 no longer sends) are ours.
UNREACHABLE = {
    "account/confirm_email_verification_code.html": (
        "email addresses are confirmed by a link, not a code",
        lambda: not account_settings.EMAIL_VERIFICATION_BY_CODE_ENABLED,
    ),
    "account/confirm_password_reset_code.html": (
        "passwords are reset by a link, not a code",
        lambda: not account_settings.PASSWORD_RESET_BY_CODE_ENABLED,
    ),
    "account/base_confirm_code.html": (
        "the base of the code pages above and of the phone one below; our sign-in code page stands alone",
        lambda: (
            not account_settings.EMAIL_VERIFICATION_BY_CODE_ENABLED
            and not account_settings.PASSWORD_RESET_BY_CODE_ENABLED
            and "phone" not in account_settings.SIGNUP_FIELDS
        ),
    ),
    "account/confirm_phone_verification_code.html": (
        "the service does not sign people in by phone number",
        lambda: "phone" not in account_settings.SIGNUP_FIELDS,
    ),
    "account/phone_change.html": (
        "the service does not sign people in by phone number",
        lambda: "phone" not in account_settings.SIGNUP_FIELDS,
    ),
    "account/email_change.html": (
        "people keep several email addresses (account/email.html) rather than changing one",
        lambda: not account_settings.CHANGE_EMAIL,
    ),
    "account/signup_by_passkey.html": (
        "people create an account with an email address; passkeys are added afterwards",
        lambda: not mfa_settings.PASSKEY_SIGNUP_ENABLED,
    ),
    "mfa/webauthn/signup_form.html": (
        "the same: no signing up with a passkey",
        lambda: not mfa_settings.PASSKEY_SIGNUP_ENABLED,
    ),
    "account/snippets/already_logged_in.html": (
        "included only by allauth's own password reset pages, which ours replace",
        lambda: all((OURS / f"account/{page}.html").exists() for page in ["password_reset", "password_reset_done"]),
    ),
    "account/snippets/warn_no_email.html": (
        "included only by allauth's own email pages, which ours replace",
        lambda: (OURS / "account/email.html").exists(),
    ),
}

WORDS = re.compile(r"{%\s*(trans|translate|blocktrans|blocktranslate)\b")


def allauth_templates() -> list[str]:
    names = []
    for folder in FOLDERS:
        for path in sorted((ALLAUTH_TEMPLATES / folder).rglob("*")):
            name = path.relative_to(ALLAUTH_TEMPLATES).as_posix()
            if path.is_file() and not name.startswith(EMAILS) and name not in NOT_WORDED:
                names.append(name)
    return names


def allauth_emails() -> list[str]:
    return sorted(
        path.relative_to(ALLAUTH_TEMPLATES).as_posix()
        for folder in EMAILS
        for path in (ALLAUTH_TEMPLATES / folder).rglob("*")
        if path.is_file()
    )


def is_a_page(name: str) -> bool:
    """A template a view renders: not a base, a layout or a snippet to include."""
    stem = name.rsplit("/", 1)[-1]
    return name.endswith(".html") and not stem.startswith("base") and "/snippets/" not in name


def must_be_ours(name: str) -> bool:
    return is_a_page(name) or bool(WORDS.search((ALLAUTH_TEMPLATES / name).read_text()))


def test_allauth_still_has_the_templates_this_test_knows():
    # If allauth moves its templates, the test below would pass by finding nothing.
    assert "account/login.html" in allauth_templates()
    assert "mfa/index.html" in allauth_templates()
    assert "account/email/password_changed_subject.txt" in allauth_emails()
    assert "mfa/email/totp_activated_message.txt" in allauth_emails()
    assert all(name in allauth_templates() + allauth_emails() for name in UNREACHABLE)


@pytest.mark.parametrize("name", [n for n in allauth_templates() if must_be_ours(n) and n not in UNREACHABLE])
def test_every_allauth_page_and_worded_template_is_ours(name):
    assert (OURS / name).is_file(), f"allauth's {name} shows allauth's words: write templates/{name}"


@pytest.mark.parametrize("name", [n for n in allauth_emails() if n not in UNREACHABLE])
def test_every_allauth_email_is_ours(name):
    assert (OURS / name).is_file(), f"allauth's {name} would go out in allauth's words: write templates/{name}"


@pytest.mark.parametrize("name", sorted(UNREACHABLE))
def test_the_templates_left_to_allauth_stay_out_of_reach(name):
    reason, out_of_reach = UNREACHABLE[name]
    assert out_of_reach(), f"{name} can now be reached ({reason} no longer holds): write templates/{name}"
    assert not (OURS / name).exists(), f"{name} is ours now: take it off the list"
