"""Every email allauth sends goes out in the service's words: a sentence-case subject that says what
happened, and a body with none of allauth's wording, no raw timestamp and nothing left of a
template. Each is sent the way a person would cause it, through the pages, where the test client
can; the notices about a change also say when it happened and what to do if it was not them."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import allauth
import pytest
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from allauth.core.context import request_context
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.conf import settings
from django.core import mail
from django.test import Client, RequestFactory

from accounts.models import User
from notifications.models import Message
from tests.accounts.test_account_pages import a_passkey, in_sentence_case, reset_link, signed_in
from tests.factories import PASSWORD, add_totp
from tests.sign_in import authenticator_code

# Messages leave through the outbox once the request commits, so each test commits for real.
pytestmark = pytest.mark.django_db(transaction=True)

ALLAUTH_EMAILS = Path(allauth.__file__).parent / "templates"
ALLAUTH_WORDING = ["You are receiving this mail", "precautions", "originates from", "Hello from", "Thank you for using"]
ISO_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T")
WHEN = re.compile(r"This happened at \S+ on [A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4} \(UK time\)\.")
BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/128.0"
NEW_PASSWORD = "a-brand-new-password-2"


def as_person(user, **confirmed) -> Client:
    """Signed in from a browser that says what it is, as real ones do."""
    client = signed_in(user, **confirmed)
    client.defaults["HTTP_USER_AGENT"] = BROWSER
    return client


def from_the_adapter(template_prefix: str, user, context: dict | None = None) -> None:
    """For an email no page of ours sends: allauth's own call, with a real request."""
    request = RequestFactory().post("/", HTTP_USER_AGENT=BROWSER)
    request.user = user
    with request_context(request):
        get_adapter(request).send_notification_mail(template_prefix, user, context)


# Causing each email.


def change_password(get):
    as_person(get("applicant")).post(
        "/accounts/password/change/", {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )


def create_a_password(get):
    person = User.objects.create_user(email="on.paper@example.org", full_name="Pat Paper")
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    as_person(person).post("/accounts/password/set/", {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})


def reset_password(get):
    get("applicant")
    client = Client(HTTP_USER_AGENT=BROWSER)
    client.post(reset_link(client), {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})


def add_an_email_address(get):
    as_person(get("applicant"), password_just_confirmed=True).post(
        "/accounts/email/", {"action_add": "", "email": "second@example.org"}
    )


def remove_an_email_address(get):
    applicant = get("applicant")
    EmailAddress.objects.create(user=applicant, email="second@example.org", verified=True)
    as_person(applicant, password_just_confirmed=True).post(
        "/accounts/email/", {"action_remove": "", "email": "second@example.org"}
    )


def change_the_main_email_address(get):
    applicant = get("applicant")
    EmailAddress.objects.create(user=applicant, email="pat.o'brien@example.org", verified=True)
    as_person(applicant, password_just_confirmed=True).post(
        "/accounts/email/", {"action_primary": "", "email": "pat.o'brien@example.org"}
    )


def confirm_an_email_address(get):
    # allauth 65 no longer sends this notice; ours is ready if a later version does.
    from_the_adapter("account/email/email_confirm", get("applicant"))


def sign_up_with_an_address_that_has_an_account(get):
    get("applicant")
    Client().post("/accounts/signup/", {"email": "applicant@example.org", "password1": PASSWORD, "password2": PASSWORD})


def reset_the_password_of_an_address_with_no_account(get):
    Client().post("/accounts/password/reset/", {"email": "nobody@example.org"})


def ask_for_a_code_to_reset_the_password(get):
    # Passwords are reset by a link with our settings; this is allauth's call if codes are switched on.
    applicant = get("applicant")
    get_adapter().send_mail("account/email/password_reset_code", applicant.email, {"code": "RESET-CODE-42"})


def set_up_an_authenticator_app(get):
    client = as_person(get("applicant"), password_just_confirmed=True)
    client.get("/accounts/2fa/totp/activate/")
    client.post("/accounts/2fa/totp/activate/", {"code": authenticator_code(client.session[SECRET_SESSION_KEY])})


def turn_off_the_authenticator_app(get):
    applicant = get("applicant")
    add_totp(applicant)
    as_person(applicant, password_just_confirmed=True, second_factor=True).post("/accounts/2fa/totp/deactivate/")


def get_new_recovery_codes(get):
    applicant = get("applicant")
    add_totp(applicant)
    RecoveryCodes.activate(applicant)
    as_person(applicant, password_just_confirmed=True, second_factor=True).post(
        "/accounts/2fa/recovery-codes/generate/"
    )


def add_a_passkey(get):
    # Adding one needs a credential made by a real device (the browser tests add real ones).
    applicant = get("applicant")
    a_passkey(applicant)
    from_the_adapter("mfa/email/webauthn_added", applicant)


def remove_a_passkey(get):
    applicant = get("applicant")
    passkey = a_passkey(applicant)
    as_person(applicant, password_just_confirmed=True).post(f"/accounts/2fa/webauthn/keys/{passkey.pk}/remove/")


@dataclass(frozen=True)
class Sent:
    kind: str  # allauth's template prefix, which is the message's kind in the outbox
    subject: str
    says: str
    send: Callable
    notice: bool = True  # a notice that the account changed, with when and what to do if it was not them


SENT = [
    Sent("account/email/password_changed", "Your password has been changed",
         "The password for your Equality Panels account has been changed.", change_password),
    Sent("account/email/password_set", "A password has been created for your account",
         "A password has been created for your Equality Panels account.", create_a_password),
    Sent("account/email/password_reset", "Your password has been reset",
         "The password for your Equality Panels account has been reset", reset_password),
    Sent("account/email/email_confirmation", "Confirm your email address for Equality Panels",
         "To confirm it is your email address, open this link:", add_an_email_address, notice=False),
    Sent("account/email/email_deleted", "An email address has been removed from your account",
         "second@example.org has been removed from your Equality Panels account.", remove_an_email_address),
    Sent("account/email/email_changed", "Your main email address has been changed",
         "has been changed from applicant@example.org to pat.o'brien@example.org.", change_the_main_email_address),
    Sent("account/email/email_confirm", "Your email address has been confirmed",
         "You have confirmed applicant@example.org as an email address", confirm_an_email_address),
    Sent("account/email/account_already_exists", "You already have an account with Equality Panels",
         "You already have an account.", sign_up_with_an_address_that_has_an_account, notice=False),
    Sent("account/email/unknown_account", "There is no account with Equality Panels for this email address",
         "We do not have an account for this address.", reset_the_password_of_an_address_with_no_account,
         notice=False),
    Sent("account/email/password_reset_code", "Your code to reset your password for Equality Panels",
         "RESET-CODE-42", ask_for_a_code_to_reset_the_password, notice=False),
    Sent("mfa/email/totp_activated", "An authenticator app has been set up for your account",
         "Two-step verification is on", set_up_an_authenticator_app),
    Sent("mfa/email/totp_deactivated", "Your authenticator app has been turned off",
         "The authenticator app for your Equality Panels account has been turned off.", turn_off_the_authenticator_app),
    Sent("mfa/email/recovery_codes_generated", "You have new recovery codes",
         "The old codes no longer work.", get_new_recovery_codes),
    Sent("mfa/email/webauthn_added", "A passkey has been added to your account",
         "A passkey has been added to your Equality Panels account.", add_a_passkey),
    Sent("mfa/email/webauthn_removed", "A passkey has been removed from your account",
         "A passkey has been removed from your Equality Panels account.", remove_a_passkey),
]  # fmt: skip


def the_email(sent: Sent):
    assert Message.objects.filter(kind=sent.kind).exists(), f"nothing of kind {sent.kind} was queued"
    found = [email for email in mail.outbox if email.subject == sent.subject]
    assert len(found) == 1, [email.subject for email in mail.outbox]
    return found[0]


NOTICES = [s for s in SENT if s.notice]


def name_of(sent: Sent) -> str:
    return sent.kind.rsplit("/", 1)[-1]


@pytest.mark.parametrize("sent", SENT, ids=name_of)
def test_each_email_says_what_happened_in_our_words(sent, request):
    sent.send(request.getfixturevalue)
    email = the_email(sent)
    assert in_sentence_case(email.subject), email.subject
    assert sent.says in email.body
    assert [words for words in ALLAUTH_WORDING if words in email.body] == []
    assert not ISO_TIMESTAMP.search(email.body)
    assert "{{" not in email.body and "{%" not in email.body
    assert "&#x27;" not in email.body and "&amp;" not in email.body  # plain text, never HTML-escaped
    assert email.body.startswith("Hello,\n\n")
    assert email.body.rstrip().endswith("such as large print or easy read.")


@pytest.mark.parametrize("sent", NOTICES, ids=name_of)
def test_each_notice_says_when_and_what_to_do_if_it_was_not_you(sent, request):
    sent.send(request.getfixturevalue)
    body = the_email(sent).body
    assert WHEN.search(body), body
    assert "If you did not do this" in body
    assert f"reset your password: {settings.SITE_URL}/accounts/password/reset/" in body
    assert f"call us on {settings.CONTACT_PHONE}" in body
    assert f"Web browser: {BROWSER}" in body
    assert "IP address (the internet connection used): 127.0.0.1" in body


def test_a_change_of_main_address_is_told_to_the_old_one(request):
    change_the_main_email_address(request.getfixturevalue)
    [email] = [email for email in mail.outbox if email.subject == "Your main email address has been changed"]
    assert email.to == ["applicant@example.org"]


def test_a_notice_from_a_browser_that_does_not_say_what_it_is_leaves_the_browser_out(request):
    applicant = request.getfixturevalue("applicant")
    signed_in(applicant).post(
        "/accounts/password/change/", {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    [email] = mail.outbox
    assert "Web browser" not in email.body
    assert "Unspecified" not in email.body
    assert "IP address (the internet connection used): 127.0.0.1" in email.body


def test_without_a_phone_number_the_notice_says_who_to_contact(request, settings):
    settings.CONTACT_PHONE = ""
    change_password(request.getfixturevalue)
    [email] = mail.outbox
    assert "- contact Equality Panels, so that we can check your account with you" in email.body
    assert "call us on" not in email.body


def test_every_email_allauth_can_send_is_sent_here():
    # A new allauth email shows up here until it is written in our words and sent above.
    prefixes = {
        path.relative_to(ALLAUTH_EMAILS).as_posix().removesuffix("_subject.txt")
        for folder in ("account/email", "mfa/email")
        for path in (ALLAUTH_EMAILS / folder).glob("*_subject.txt")
    }
    # The confirmation sent on signing up is the same email as the one above, in our templates.
    prefixes.discard("account/email/email_confirmation_signup")
    # The sign-in code and the password reset link are tested where they are used.
    prefixes -= {"account/email/login_code", "account/email/password_reset_key"}
    assert prefixes == {s.kind for s in SENT}
