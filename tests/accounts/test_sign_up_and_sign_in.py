import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts.models import User
from notifications.models import Message, MessageStatus
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

LINK = re.compile(r"https?://[^/\s]+(/accounts/\S+)")


def link_in(message) -> str:
    return LINK.search(message.body).group(1)


def sign_up(client, email="new.person@example.org", password=PASSWORD):
    return client.post("/accounts/signup/", {"email": email, "password1": password, "password2": password})


def test_signing_up_sends_a_verification_link_through_the_outbox(client):
    response = sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get(email="new.person@example.org")
    message = Message.objects.get(recipient=user)
    assert message.kind == "account/email/email_confirmation_signup"
    assert message.status == MessageStatus.SENT
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.person@example.org"]
    assert mail.outbox[0].subject == "Confirm your email address for Equality Panels"
    # The stored copy does not keep the link that would confirm the address.
    assert link_in(mail.outbox[0]) not in message.body_text


def test_a_person_cannot_sign_in_until_they_confirm_their_email(client):
    sign_up(client)
    client.logout()
    response = client.post("/accounts/login/", {"login": "new.person@example.org", "password": PASSWORD})
    assert response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session
    confirm = link_in(mail.outbox[-1])
    assert client.get(confirm).status_code == 200  # opening the link shows a button; it changes nothing
    assert not EmailAddress.objects.get(email="new.person@example.org").verified
    client.post(confirm)
    assert EmailAddress.objects.get(email="new.person@example.org").verified
    client.logout()
    response = client.post("/accounts/login/", {"login": "new.person@example.org", "password": PASSWORD})
    assert response["Location"] == "/account/"
    assert client.get("/account/").status_code == 200


def test_email_is_the_login_whatever_its_case(client):
    UserFactory(email="mixed.case@example.org")
    response = client.post("/accounts/login/", {"login": "Mixed.Case@Example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/account/"


def test_the_same_address_cannot_sign_up_twice_and_the_owner_is_told(client):
    UserFactory(email="taken@example.org")
    response = sign_up(client, email="TAKEN@example.org")
    # No hint on the page that the address exists; the owner gets an email instead.
    assert response.status_code == 302
    assert User.objects.filter(email__iexact="taken@example.org").count() == 1
    assert mail.outbox[-1].to == ["TAKEN@example.org"] or mail.outbox[-1].to == ["taken@example.org"]
    assert "You already have an account" in mail.outbox[-1].body


def test_forgotten_password_can_be_reset_by_a_link(client):
    UserFactory(email="forgetful@example.org")
    response = client.post("/accounts/password/reset/", {"email": "forgetful@example.org"})
    assert response["Location"] == "/accounts/password/reset/done/"
    reset = link_in(mail.outbox[-1])
    form_url = client.get(reset)["Location"]
    response = client.post(form_url, {"password1": "a-brand-new-password-2", "password2": "a-brand-new-password-2"})
    assert response.status_code == 302
    client.logout()
    response = client.post("/accounts/login/", {"login": "forgetful@example.org", "password": "a-brand-new-password-2"})
    assert response["Location"] == "/account/"
    stored = Message.objects.get(kind="account/email/password_reset_key")
    assert reset not in stored.body_text and reset not in str(stored.context)


def test_signing_out(client):
    UserFactory(email="leaving@example.org")
    client.post("/accounts/login/", {"login": "leaving@example.org", "password": PASSWORD})
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/account/").status_code == 302


HOSTILE = [
    {"email": "", "password1": "", "password2": ""},
    {"email": "not-an-email", "password1": "short", "password2": "short"},
    {"email": "a" * 300 + "@example.org", "password1": PASSWORD, "password2": PASSWORD},
    {"email": "x@example.org\x00", "password1": PASSWORD, "password2": PASSWORD},
    {"email": "<script>alert(1)</script>@example.org", "password1": PASSWORD, "password2": PASSWORD},
    {"email": "' OR 1=1; --@example.org", "password1": PASSWORD, "password2": PASSWORD},
    {"email": "ok@example.org", "password1": PASSWORD, "password2": PASSWORD + "x"},
    {"email": "ok@example.org", "password1": "password123", "password2": "password123"},
    {"email": ["two@example.org", "values@example.org"], "password1": "é" * 5000, "password2": "😀"},
]


@pytest.mark.parametrize("data", HOSTILE)
def test_bad_sign_up_input_gets_a_clear_error_summary_and_keeps_the_email(client, data):
    response = client.post("/accounts/signup/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert 'class="govuk-error-summary"' in page
    assert "<title>Error: " in page
    assert "<script>alert(1)</script>" not in page
    assert not User.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"login": "", "password": ""},
        {"login": "nobody@example.org", "password": "wrong"},
        {"login": "x" * 5000, "password": "y" * 5000},
        {"login": "\x00", "password": "\x00"},
    ],
)
def test_bad_sign_in_input_gets_a_clear_error(client, data):
    response = client.post("/accounts/login/", data)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_wrong_passwords_pause_the_password_but_the_person_still_gets_in_with_a_code(client):
    UserFactory(email="target@example.org")
    attacker = Client()
    for _ in range(5):
        attacker.post("/accounts/login/", {"login": "target@example.org", "password": "wrong-password"})

    # The real person, with the right password, is told why and where else to go.
    response = client.post("/accounts/login/", {"login": "target@example.org", "password": PASSWORD})
    page = response.content.decode()
    assert response.status_code == 200
    assert "too many wrong passwords for this email address" in page
    assert "try your password again in 5 minutes" in page
    assert 'href="#id_password"' in page  # the error summary links to the field
    assert "_auth_user_id" not in client.session

    # The code route is not paused by someone else's guessing.
    asked = client.post("/accounts/login/code/", {"email": "target@example.org"})
    code = re.search(r"^\s*([A-Z0-9-]{6,})\s*$", mail.outbox[-1].body, re.MULTILINE).group(1)
    assert client.post(asked["Location"], {"code": code}).status_code == 302
    assert client.get("/account/").status_code == 200


def test_sign_ups_from_one_address_are_rate_limited(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "3/m/ip"}
    statuses = [sign_up(client, email=f"flood{n}@example.org").status_code for n in range(4)]
    assert statuses == [302, 302, 302, 429]
    assert "Too many attempts" in sign_up(client, email="more@example.org").content.decode()


def test_signing_in_with_an_emailed_code_needs_no_password(client):
    UserFactory(email="no.password@example.org")
    response = client.post("/accounts/login/code/", {"email": "no.password@example.org"})
    assert response.status_code == 302
    code = re.search(r"^\s*([A-Z0-9-]{6,})\s*$", mail.outbox[-1].body, re.MULTILINE).group(1)
    assert "Your sign-in code" in mail.outbox[-1].subject
    response = client.post(response["Location"], {"code": code})
    assert response.status_code == 302
    assert client.get("/account/").status_code == 200
    stored = Message.objects.get(kind="account/email/login_code")
    assert code not in stored.body_text  # the code is blanked from the kept copy


def test_too_many_wrong_sign_in_codes_says_so_in_the_services_words(client):
    UserFactory(email="pat@example.org")
    asked = client.post("/accounts/login/code/", {"email": "pat@example.org"})
    for _ in range(3):
        response = client.post(asked["Location"], {"code": "WRONG-CODE"}, follow=True)
    page = response.content.decode()
    assert "You have tried too many times. Wait a few minutes, then try again" in page
    assert "Too many failed login attempts" not in page


def _started_earlier(client, seconds: int) -> None:
    """Move the time the first sign-in code was sent back by `seconds`, in the session as allauth
    keeps it, as if the person had asked for it that long ago."""
    session = client.session

    def shift(value):
        if isinstance(value, dict):
            if "code" in value and "at" in value:
                value["at"] -= seconds
            for inner in value.values():
                shift(inner)

    shift(session["account_login"])
    session.save()


def test_a_new_code_says_it_works_only_until_the_first_one_stops(client):
    from accounts.templatetags.govuk_dates import govuk_date_time

    UserFactory(email="pat@example.org")
    asked = client.post("/accounts/login/code/", {"email": "pat@example.org"})
    _started_earlier(client, 10 * 60)
    # The minute can turn while the server writes the email: either side of it is right.
    before = govuk_date_time(timezone.now() + timedelta(minutes=5))
    client.post(asked["Location"], {"action": "resend"})
    page = client.get(asked["Location"]).content.decode()
    after = govuk_date_time(timezone.now() + timedelta(minutes=5))
    for said in [mail.outbox[-1].body, page]:
        assert f"it works until {before}" in said or f"it works until {after}" in said
