"""Every account page (allauth's, rendered from templates/account and templates/mfa) speaks the
service's words: a sentence-case title and heading of its own, GOV.UK error messages at the fields
with an error summary that links to them, and none of allauth's own wording or inline script."""

import os
import re
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest
from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.conf import settings
from django.core import mail
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.utils import timezone

from accounts.access import THIRD_PARTY_RULES
from accounts.models import User
from notifications.adapters import AccountAdapter
from tests.factories import PASSWORD, UserFactory, add_totp
from tests.routes import all_routes
from tests.sign_in import authenticator_code

# Emails leave through the outbox once the request commits, so each test commits for real.
pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
LINK = re.compile(r"https?://[^/\s]+(/accounts/\S+)")
CODE = re.compile(r"^\s*([A-Z0-9-]{6,})\s*$", re.MULTILINE)

# What allauth's own templates, forms and Django's defaults say, which no account page may say.
ALLAUTH_WORDING = [
    "This field is required",
    "Sign In",
    "Sign Out",
    "Sign Up",
    "Signup",
    "Confirm Access",
    "Two-Factor",
    "two-factor",
    "Security Key",
    "Authenticator App",
    "Recovery Codes",
    "(again)",
    "Reset My Password",
    "Change Password",
    "Set Password",
    "Email Address",
    "Remember Me",
    "for user",
    "Please",
    "reauthenticate",
    "Bad Token",
    "Re-send",
    "Make Primary",
    "Incorrect code",
    "Incorrect password",
    "Activate",
    "Deactivate",
    "Unverified",
    "You must type the same",
    "This functionality requires JavaScript",
    "Forgot your password?",
    "Your password can’t",
    "This password is too short",
    "This password is too common",
    "The password is too similar",
    "and/or",
]
# Words that keep their capital in the middle of a sentence.
PROPER_WORDS = {"I", "PIN", "Equality", "Panels"}


# Reading a page.


def html_of(page) -> str:
    """A response's HTML, or HTML already rendered."""
    return page if isinstance(page, str) else page.content.decode()


def text(fragment: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def title_of(response) -> str:
    title = text(re.search(r"<title>(.*?)</title>", html_of(response), re.S).group(1))
    return title.removeprefix("Error: ").removesuffix(f" – {settings.SITE_NAME}")


def heading_of(response) -> str:
    return text(re.search(r"<h1[^>]*>(.*?)</h1>", html_of(response), re.S).group(1))


def main_of(response) -> str:
    return re.search(r"<main.*?</main>", html_of(response), re.S).group(0)


def errors_at_fields(response) -> dict[str, str]:
    """Each GOV.UK error message, by the id of the field it belongs to."""
    found = re.findall(r'<p id="([^"]+)_error" class="govuk-error-message">(.*?)</p>', html_of(response), re.S)
    return {field: text(message).removeprefix("Error: ") for field, message in found}


def error_summary(response) -> list[tuple[str, str]]:
    summary = re.search(r'<div class="govuk-error-summary".*?</ul>', html_of(response), re.S)
    if not summary:
        return []
    return [(href, text(words)) for href, words in re.findall(r'<a href="#([^"]*)">(.*?)</a>', summary.group(0))]


def in_sentence_case(words: str) -> bool:
    later = re.findall(r"[A-Za-z][\w'’-]*", words)[1:]
    return all(not word[0].isupper() or word in PROPER_WORDS for word in later)


def inline_script(response) -> list[str]:
    html = html_of(response)
    found = [
        tag
        for tag in re.findall(r"<script\b[^>]*>", html)
        if "src=" not in tag and 'type="application/json"' not in tag
    ]
    found += re.findall(r"<[a-z]+\b[^>]*\son[a-z]+=", html)
    found += re.findall(r"javascript:", html, re.IGNORECASE)
    return found


def allauth_wording_in(response) -> list[str]:
    """allauth's words in what the page shows (its text, not its addresses)."""
    shown = text(main_of(response))
    return [words for words in ALLAUTH_WORDING if words in shown]


# Getting there.


def signed_in(user, *, password_just_confirmed: bool = False, second_factor: bool = False) -> Client:
    """A client signed in as `user`. `password_just_confirmed` records what allauth records when a
    person confirms it's them, which pages that change security settings ask for first;
    `second_factor` what it records when they passed two-step verification."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    records = [{"method": "password", "at": time.time(), "email": user.email}]
    if password_just_confirmed:
        records[0]["reauthenticated"] = True
    if second_factor:
        records.append({"method": "mfa", "at": time.time(), "type": "totp"})
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.save()
    return client


def a_passkey(user) -> Authenticator:
    """A passkey as allauth stores it, without the credential a real device makes (the browser tests
    add real ones); enough for the pages that list, rename and remove passkeys."""
    return Authenticator.objects.create(
        user=user, type=Authenticator.Type.WEBAUTHN, data={"name": "My laptop", "credential": {}}
    )


def sign_up(client, email="new.person@example.org"):
    return client.post("/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD})


def ask_for_a_sign_in_code(client, email="applicant@example.org"):
    return client.post("/accounts/login/code/", {"email": email}, follow=True)


def codes_sent() -> list[str]:
    return [CODE.search(message.body).group(1) for message in mail.outbox if "sign-in code" in message.subject]


def reset_link(client, email="applicant@example.org") -> str:
    client.post("/accounts/password/reset/", {"email": email})
    return client.get(LINK.search(mail.outbox[-1].body).group(1))["Location"]


# Every page, in each state a person can meet it.


@dataclass(frozen=True)
class Visit:
    name: str
    route: str
    title: str
    open: Callable


VISITS: list[Visit] = []


def visit(route: str, title: str):
    def register(open_page: Callable):
        VISITS.append(Visit(open_page.__name__, route, title, open_page))
        return open_page

    return register


@visit("account_login", "Sign in")
def sign_in(client, get):
    return client.get("/accounts/login/")


@visit("account_signup", "Create an account")
def create_an_account(client, get):
    return client.get("/accounts/signup/")


@visit("account_signup", "You cannot create an account at the moment")
def create_an_account_while_sign_ups_are_closed(client, get):
    get("monkeypatch").setattr(AccountAdapter, "is_open_for_signup", lambda self, request: False)
    return client.get("/accounts/signup/")


@visit("account_logout", "Sign out")
def sign_out(client, get):
    return signed_in(get("applicant")).get("/accounts/logout/")


@visit("account_request_login_code", "Get a sign-in code")
def get_a_sign_in_code(client, get):
    return client.get("/accounts/login/code/")


@visit("account_confirm_login_code", "Enter your sign-in code")
def enter_your_sign_in_code(client, get):
    get("applicant")
    return ask_for_a_sign_in_code(client)


@visit("account_email_verification_sent", "Check your email")
def check_your_email(client, get):
    return client.post(
        "/accounts/signup/",
        {"email": "new.person@example.org", "password1": PASSWORD, "password2": PASSWORD},
        follow=True,
    )


@visit("account_confirm_email", "Confirm your email address")
def confirm_your_email_address(client, get):
    sign_up(client)
    return client.get(LINK.search(mail.outbox[-1].body).group(1))


@visit("account_confirm_email", "This confirmation link no longer works")
def a_confirmation_link_that_does_not_work(client, get):
    return client.get("/accounts/confirm-email/not-a-real-key/")


@visit("account_confirm_email", "This confirmation link no longer works")
def a_confirmation_link_already_used(client, get):
    sign_up(client)
    link = LINK.search(mail.outbox[-1].body).group(1)
    client.post(link)
    return Client().get(link)


@visit("account_confirm_email", "We cannot confirm this email address")
def a_confirmation_link_for_an_address_another_account_confirmed(client, get):
    sign_up(client, "shared@example.org")
    link = LINK.search(mail.outbox[-1].body).group(1)
    UserFactory(email="someone.else@example.org")
    EmailAddress.objects.create(user=User.objects.get(email="someone.else@example.org"), email="shared@example.org",
                                verified=True)  # fmt: skip
    return Client().get(link)


@visit("account_reset_password", "Reset your password")
def reset_your_password(client, get):
    return client.get("/accounts/password/reset/")


@visit("account_reset_password_done", "Check your email for a password reset link")
def check_your_email_for_a_reset_link(client, get):
    return client.post("/accounts/password/reset/", {"email": "anyone@example.org"}, follow=True)


@visit("account_reset_password_from_key", "Choose a new password")
def choose_a_new_password(client, get):
    get("applicant")
    return client.get(reset_link(client))


@visit("account_reset_password_from_key", "This password reset link no longer works")
def a_reset_link_that_does_not_work(client, get):
    return client.get("/accounts/password/reset/key/1-not-a-real-key/")


@visit("account_reset_password_from_key_done", "Your password has been reset")
def your_password_has_been_reset(client, get):
    get("applicant")
    new = {"password1": "a-brand-new-password-2", "password2": "a-brand-new-password-2"}
    return client.post(reset_link(client), new, follow=True)


@visit("account_change_password", "Change your password")
def change_your_password(client, get):
    return signed_in(get("applicant")).get("/accounts/password/change/")


@visit("account_set_password", "Create a password")
def create_a_password(client, get):
    person = User.objects.create_user(email="on.paper@example.org", full_name="Pat Paper")
    return signed_in(person).get("/accounts/password/set/")


@visit("account_email", "Your email addresses")
def your_email_addresses(client, get):
    applicant = get("applicant")
    EmailAddress.objects.create(user=applicant, email="second@example.org", verified=False)
    return signed_in(applicant).get("/accounts/email/")


@visit("account_reauthenticate", "Confirm it's you")
def confirm_its_you_with_your_password(client, get):
    return signed_in(get("applicant")).get("/accounts/reauthenticate/?next=/accounts/2fa/totp/activate/")


@visit("account_inactive", "This account is not active")
def an_account_that_is_not_active(client, get):
    UserFactory(email="former.member@example.org", is_active=False)
    return client.post("/accounts/login/", {"login": "former.member@example.org", "password": PASSWORD}, follow=True)


@visit("mfa_authenticate", "Finish signing in")
def finish_signing_in_with_a_second_step(client, get):
    coordinator = get("coordinator")
    add_totp(coordinator)
    return client.post("/accounts/login/", {"login": coordinator.email, "password": PASSWORD}, follow=True)


@visit("mfa_reauthenticate", "Confirm it's you with a code")
def confirm_its_you_with_a_code(client, get):
    coordinator = get("coordinator")
    add_totp(coordinator)
    return signed_in(coordinator).get("/staff/", follow=True)


@visit("mfa_index", "Two-step verification")
def two_step_verification_before_it_is_set_up(client, get):
    return signed_in(get("applicant")).get("/accounts/2fa/")


@visit("mfa_index", "Two-step verification")
def two_step_verification_with_an_app_a_passkey_and_recovery_codes(client, get):
    coordinator = get("coordinator")
    add_totp(coordinator)
    a_passkey(coordinator)
    RecoveryCodes.activate(coordinator)
    return signed_in(coordinator, second_factor=True).get("/accounts/2fa/")


@visit("mfa_activate_totp", "Set up an authenticator app")
def set_up_an_authenticator_app(client, get):
    return signed_in(get("applicant"), password_just_confirmed=True).get("/accounts/2fa/totp/activate/")


@visit("mfa_deactivate_totp", "Turn off your authenticator app")
def turn_off_your_authenticator_app(client, get):
    coordinator = get("coordinator")
    add_totp(coordinator)
    return signed_in(coordinator, password_just_confirmed=True, second_factor=True).get(
        "/accounts/2fa/totp/deactivate/"
    )


@visit("mfa_view_recovery_codes", "Your recovery codes")
def your_recovery_codes(client, get):
    coordinator = get("coordinator")
    add_totp(coordinator)
    RecoveryCodes.activate(coordinator)
    return signed_in(coordinator, password_just_confirmed=True, second_factor=True).get("/accounts/2fa/recovery-codes/")


@visit("mfa_generate_recovery_codes", "Get new recovery codes")
def get_new_recovery_codes(client, get):
    coordinator = get("coordinator")
    add_totp(coordinator)
    RecoveryCodes.activate(coordinator)
    client = signed_in(coordinator, password_just_confirmed=True, second_factor=True)
    return client.get("/accounts/2fa/recovery-codes/generate/")


@visit("mfa_list_webauthn", "Your passkeys")
def your_passkeys(client, get):
    applicant = get("applicant")
    a_passkey(applicant)
    return signed_in(applicant).get("/accounts/2fa/webauthn/")


@visit("mfa_list_webauthn", "Your passkeys")
def your_passkeys_when_there_are_none(client, get):
    return signed_in(get("applicant")).get("/accounts/2fa/webauthn/")


@visit("mfa_add_webauthn", "Add a passkey")
def add_a_passkey(client, get):
    return signed_in(get("applicant"), password_just_confirmed=True).get("/accounts/2fa/webauthn/add/")


@visit("mfa_edit_webauthn", "Rename a passkey")
def rename_a_passkey(client, get):
    applicant = get("applicant")
    passkey = a_passkey(applicant)
    return signed_in(applicant, password_just_confirmed=True).get(f"/accounts/2fa/webauthn/keys/{passkey.pk}/edit/")


@visit("mfa_remove_webauthn", "Remove a passkey")
def remove_a_passkey(client, get):
    applicant = get("applicant")
    passkey = a_passkey(applicant)
    client = signed_in(applicant, password_just_confirmed=True)
    return client.get(f"/accounts/2fa/webauthn/keys/{passkey.pk}/remove/")


# Account routes the test client cannot show here, and why. Every other account route (accounts/
# access.py's THIRD_PARTY_RULES, where mounted with our settings) must be visited above.
NOT_VISITED_HERE = {
    "mfa_reauthenticate_webauthn": "needs a passkey made by a real device: tests/browser/pages/test_accounts.py",
    "mfa_download_recovery_codes": "an attachment (recovery-codes.txt), not a page",
    "mfa_login_webauthn": "POST only (the passkey button on the sign-in page); GET redirects to sign in",
}


@pytest.mark.parametrize("visit", VISITS, ids=[v.name for v in VISITS])
def test_every_account_page_has_a_sentence_case_title_and_heading_in_our_words(visit, client, request):
    response = visit.open(client, request.getfixturevalue)
    assert response.status_code == 200
    assert (title_of(response), heading_of(response)) == (visit.title, visit.title)
    assert in_sentence_case(visit.title), visit.title
    assert allauth_wording_in(response) == []
    assert inline_script(response) == []


def test_no_two_account_pages_share_a_title():
    routes_by_title = defaultdict(set)
    for v in VISITS:
        routes_by_title[v.title].add(v.route)
    assert {title: routes for title, routes in routes_by_title.items() if len(routes) > 1} == {}


def test_every_account_route_is_visited():
    mounted = {name for _, name, _ in all_routes()} & set(THIRD_PARTY_RULES)
    visited = {v.route for v in VISITS}
    assert mounted - visited - set(NOT_VISITED_HERE) == set()
    assert set(NOT_VISITED_HERE) <= mounted
    assert not set(NOT_VISITED_HERE) & visited


def test_pages_that_no_route_shows_by_itself_are_in_our_words_too(applicant):
    request = RequestFactory().get("/")
    request.user = applicant
    context = {"trust_from": timezone.now(), "trust_until": timezone.now() + mfa_settings.TRUST_COOKIE_AGE}
    for template, title in [
        ("account/verified_email_required.html", "Confirm your email address to continue"),
        ("mfa/trust.html", "Remember this browser?"),
    ]:
        page = render_to_string(template, context, request)
        assert (title_of(page), heading_of(page)) == (title, title)
        assert allauth_wording_in(page) == []
        assert inline_script(page) == []


# Errors, at the fields and in the summary, in GOV.UK's words.


@dataclass(frozen=True)
class Submitted:
    name: str
    url: str
    data: dict
    errors: dict[str, str]
    who: str = ""  # a person from tests/conftest.py to sign in as, with a password just confirmed
    setup: Callable | None = None


SUBMISSIONS = [
    Submitted("sign_in_empty", "/accounts/login/", {"login": "", "password": ""},
              {"id_login": "Enter your email address", "id_password": "Enter your password"}),
    Submitted("sign_in_with_an_email_address_that_is_not_one", "/accounts/login/",
              {"login": "not-an-email", "password": "x"},
              {"id_login": "Enter an email address in the correct format, like name@example.com"}),
    Submitted("get_a_sign_in_code_empty", "/accounts/login/code/", {"email": ""},
              {"id_email": "Enter your email address"}),
    Submitted("reset_your_password_empty", "/accounts/password/reset/", {"email": ""},
              {"id_email": "Enter your email address"}),
    Submitted("change_your_password_empty", "/accounts/password/change/", {}, {
        "id_oldpassword": "Enter your current password", "id_password1": "Enter a new password",
        "id_password2": "Type the new password again"}, who="applicant"),
    Submitted("change_your_password_with_a_wrong_current_one", "/accounts/password/change/",
              {"oldpassword": "wrong", "password1": "a-brand-new-password-2", "password2": "a-brand-new-password-2"},
              {"id_oldpassword": "Your current password is not correct. Check it and try again"}, who="applicant"),
    Submitted("change_your_password_to_one_too_short_and_typed_differently", "/accounts/password/change/",
              {"oldpassword": PASSWORD, "password1": "short", "password2": "shorter"},
              {"id_password1": "Your password must be 10 characters or more"}, who="applicant"),
    Submitted("change_your_password_typed_differently", "/accounts/password/change/",
              {"oldpassword": PASSWORD, "password1": "a-brand-new-password-2", "password2": "a-brand-new-password-3"},
              {"id_password2": "The passwords do not match"}, who="applicant"),
    Submitted("change_your_password_to_a_common_one", "/accounts/password/change/",
              {"oldpassword": PASSWORD, "password1": "password1234", "password2": "password1234"},
              {"id_password1": "This password is too easy to guess. Choose a different password"}, who="applicant"),
    Submitted("add_an_email_address_empty", "/accounts/email/", {"action_add": "", "email": ""},
              {"id_email": "Enter the email address you want to add"}, who="applicant"),
    Submitted("add_an_email_address_already_there", "/accounts/email/",
              {"action_add": "", "email": "applicant@example.org"},
              {"id_email": "This email address is already on your account"}, who="applicant"),
    Submitted("confirm_its_you_with_a_wrong_password", "/accounts/reauthenticate/", {"password": "wrong"},
              {"id_password": "The password is not correct. Check it and try again"}, who="applicant"),
    Submitted("confirm_its_you_empty", "/accounts/reauthenticate/", {"password": ""},
              {"id_password": "Enter your password"}, who="applicant"),
    Submitted("set_up_an_authenticator_app_empty", "/accounts/2fa/totp/activate/", {"code": ""},
              {"id_code": "Enter the 6-digit code from your authenticator app"}, who="applicant"),
    Submitted("set_up_an_authenticator_app_with_a_wrong_code", "/accounts/2fa/totp/activate/", {"code": "123"},
              {"id_code": "The code is not correct. Enter the code your authenticator app shows now"}, who="applicant"),
    Submitted("rename_a_passkey_to_nothing", "/accounts/2fa/webauthn/keys/{passkey}/edit/", {"name": ""},
              {"id_name": "Enter a name for the passkey"}, who="applicant"),
]  # fmt: skip


@pytest.mark.parametrize("submitted", SUBMISSIONS, ids=[s.name for s in SUBMISSIONS])
def test_each_error_is_said_at_its_field_and_linked_from_the_summary(submitted, client, request):
    if submitted.who:
        person = request.getfixturevalue(submitted.who)
        client = signed_in(person, password_just_confirmed=True)
        url = submitted.url.format(passkey=a_passkey(person).pk if "{passkey}" in submitted.url else "")
    else:
        url = submitted.url
    response = client.post(url, submitted.data)
    assert response.status_code == 200
    assert errors_at_fields(response) == submitted.errors
    assert error_summary(response) == [(field, message) for field, message in submitted.errors.items()]
    assert title_of(response) == heading_of(response)
    assert html_of(response).count("<title>Error: ") == 1
    assert allauth_wording_in(response) == []


def test_a_wrong_email_address_or_password_is_said_at_the_email_field(client, applicant):
    response = client.post("/accounts/login/", {"login": applicant.email, "password": "not-the-password"})
    message = "The email address or password is not correct. Check both and try again"
    assert errors_at_fields(response) == {"id_login": message}
    assert error_summary(response) == [("id_login", message)]
    assert 'aria-describedby="id_login_error"' in html_of(response)
    assert "govuk-input--error" in html_of(response)


def test_too_many_wrong_passwords_are_said_in_our_words(client, applicant):
    for _ in range(5):
        client.post("/accounts/login/", {"login": applicant.email, "password": "wrong-password"})
    response = client.post("/accounts/login/", {"login": applicant.email, "password": PASSWORD})
    assert error_summary(response) == [
        (
            "id_password",
            "There have been too many wrong passwords for this email address. Sign in with a code sent to "
            "your email instead, or try your password again in 5 minutes",
        )
    ]
    assert "_auth_user_id" not in client.session


def test_the_second_step_of_signing_in_says_what_is_wrong_with_the_code(client, coordinator):
    add_totp(coordinator)
    client.post("/accounts/login/", {"login": coordinator.email, "password": PASSWORD})
    empty = client.post("/accounts/2fa/authenticate/", {"code": ""})
    assert errors_at_fields(empty) == {"id_code": "Enter the 6-digit code from your authenticator app"}
    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert error_summary(wrong) == [
        ("id_code", "The code is not correct. Enter the code your authenticator app shows now")
    ]
    assert title_of(wrong) == "Finish signing in"


def test_confirming_its_you_with_a_code_says_what_is_wrong_with_it(coordinator):
    secret, _ = add_totp(coordinator)
    client = signed_in(coordinator)
    empty = client.post("/accounts/2fa/reauthenticate/", {"code": ""})
    assert errors_at_fields(empty) == {"id_code": "Enter the 6-digit code from your authenticator app"}
    wrong = client.post("/accounts/2fa/reauthenticate/", {"code": "000000"})
    assert errors_at_fields(wrong) == {
        "id_code": "The code is not correct. Enter the code your authenticator app shows now"
    }
    assert (
        client.post("/accounts/2fa/reauthenticate/?next=/staff/", {"code": authenticator_code(secret)}).status_code
        == 302
    )


def test_a_new_password_from_a_reset_link_must_be_typed_the_same_twice(client, applicant):
    form = reset_link(client)
    empty = client.post(form, {"password1": "", "password2": ""})
    assert errors_at_fields(empty) == {
        "id_password1": "Enter a new password",
        "id_password2": "Type the new password again",
    }
    different = client.post(form, {"password1": "a-brand-new-password-2", "password2": "a-brand-new-password-3"})
    assert errors_at_fields(different) == {"id_password2": "The passwords do not match"}


def test_a_new_password_says_how_long_it_must_be_before_it_is_typed(client, applicant):
    page = html_of(client.get(reset_link(client)))
    assert "Use 10 characters or more." in page
    assert "personal information" not in page


def test_a_hint_and_an_error_both_describe_their_field(client, applicant):
    response = client.post("/accounts/password/reset/", {"email": "not-an-email"})
    assert 'aria-describedby="id_email_helptext id_email_error"' in html_of(response)


def test_no_form_says_this_field_is_required(client, applicant, coordinator):
    add_totp(coordinator)
    pages = [
        (client, "/accounts/login/"), (client, "/accounts/signup/"), (client, "/accounts/login/code/"),
        (client, "/accounts/password/reset/"),
        (signed_in(applicant), "/accounts/password/change/"), (signed_in(applicant), "/accounts/email/"),
        (signed_in(applicant), "/accounts/reauthenticate/"), (signed_in(coordinator), "/accounts/2fa/reauthenticate/"),
        (signed_in(applicant, password_just_confirmed=True), "/accounts/2fa/totp/activate/"),
    ]  # fmt: skip
    for who, url in pages:
        data = {"action_add": ""} if url == "/accounts/email/" else {}
        page = html_of(who.post(url, data))
        assert "There is a problem" in page, url
        assert "This field is required" not in page, url


# Signing in with a code sent by email.


def test_the_code_page_and_the_email_say_how_long_the_code_lasts(client, applicant):
    page = html_of(ask_for_a_sign_in_code(client))
    assert "The code lasts 15 minutes from when you first asked for a code" in page
    [email] = mail.outbox
    assert "The code lasts 15 minutes from when you first asked for a code" in email.body
    [(html, _)] = email.alternatives
    assert "The code lasts 15 minutes from when you first asked for a code" in html


def test_how_long_the_code_lasts_follows_the_setting(client, applicant, settings):
    settings.SIGN_IN_CODE_MINUTES = 20
    settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 20 * 60
    page = html_of(ask_for_a_sign_in_code(client))
    assert "The code lasts 20 minutes from when you first asked for a code" in page
    assert "15 minutes" not in page
    assert "The code lasts 20 minutes from when you first asked for a code" in mail.outbox[-1].body


def test_the_code_stops_working_when_the_page_says_it_does(client, applicant, settings):
    settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 1
    ask_for_a_sign_in_code(client)
    time.sleep(1.1)
    response = client.post("/accounts/login/code/confirm/", {"code": codes_sent()[-1]})
    assert response["Location"] == "/accounts/login/code/"
    assert "_auth_user_id" not in client.session


def test_sign_in_code_minutes_come_from_the_environment():
    show = (
        "from django.conf import settings; print(settings.SIGN_IN_CODE_MINUTES, settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT)"
    )
    run = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {show}"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "SIGN_IN_CODE_MINUTES": "25"},
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert run.stdout.split() == ["25", "1500"]
    assert (settings.SIGN_IN_CODE_MINUTES, settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT) == (15, 900)


def test_a_wrong_or_missing_code_is_said_at_the_field(client, applicant):
    ask_for_a_sign_in_code(client)
    empty = client.post("/accounts/login/code/confirm/", {"code": ""})
    assert errors_at_fields(empty) == {"id_code": "Enter the code from your email"}
    wrong = client.post("/accounts/login/code/confirm/", {"code": "WRONG-CODE"})
    assert error_summary(wrong) == [("id_code", "The code is not correct. Check the code in the email and try again")]


def test_send_me_a_new_code_sends_another_that_signs_in(client, applicant):
    page = html_of(ask_for_a_sign_in_code(client))
    assert 'name="action" value="resend"' in page
    assert ">Send me a new code</button>" in page
    response = client.post("/accounts/login/code/confirm/", {"action": "resend"}, follow=True)
    assert title_of(response) == "Enter your sign-in code"
    assert "We have sent a sign-in code to applicant@example.org" in html_of(response)
    first, second = codes_sent()
    assert first != second
    assert client.post("/accounts/login/code/confirm/", {"code": first}).status_code == 200  # replaced
    assert client.post("/accounts/login/code/confirm/", {"code": second})["Location"] == "/account/"


def test_a_new_code_can_be_sent_twice_and_then_the_button_goes(client, applicant):
    ask_for_a_sign_in_code(client)
    for _ in range(2):
        client.post("/accounts/login/code/confirm/", {"action": "resend"})
    assert len(codes_sent()) == 3
    page = html_of(client.get("/accounts/login/code/confirm/"))
    assert "Send me a new code" not in page
    client.post("/accounts/login/code/confirm/", {"action": "resend"})
    assert len(codes_sent()) == 3


# Confirming an email address.


def test_the_confirmation_page_names_the_address_and_not_a_user(client):
    sign_up(client)
    page = main_of(client.get(LINK.search(mail.outbox[-1].body).group(1)))
    assert "new.person@example.org" in page
    assert "for user" not in page
    assert ">Confirm my email address</button>" in page


def test_a_used_confirmation_link_says_what_to_do_next(client):
    sign_up(client)
    link = LINK.search(mail.outbox[-1].body).group(1)
    client.post(link)
    page = main_of(Client().get(link))
    assert "If you have already confirmed your email address, you can" in page
    assert 'href="/accounts/login/"' in page


# Passkeys.


def test_a_passkey_left_unnamed_is_named_by_the_day_it_was_added(applicant):
    page = html_of(signed_in(applicant, password_just_confirmed=True).get("/accounts/2fa/webauthn/add/"))
    today = timezone.localdate()
    assert f'value="Passkey added on {today.day} {today:%B %Y}"' in page
    assert "Master key" not in page
