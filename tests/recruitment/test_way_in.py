"""The applicant's way in, a journey across the layers rather than the tests of one module: from
a round's page to the application's task list, signed out at the start, by every way of signing in
(allauth's pages, the account emails, recruitment's start page): the round must survive each of
them. Chromium walks the same journey by keyboard in tests/browser/test_way_in.py."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail

from recruitment.models import Application
from tests.factories import PASSWORD, UserFactory
from tests.recruitment.factories import round_with_questions

# Messages leave after commit, so these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)

ACCOUNT_LINK = re.compile(r"(https?://[^/\s]+)(/accounts/\S+)")
SIGN_IN_CODE = re.compile(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", re.MULTILINE)


@pytest.fixture
def open_round():
    """A round of the Race Panel, open."""
    return round_with_questions()


def apply_path(round_) -> str:
    return f"/rounds/{round_.pk}/apply/"


def next_of(location: str) -> str:
    return parse_qs(urlsplit(location).query)["next"][0]


def lands_on_the_task_list(client, round_, location: str, person_email: str) -> None:
    """Following `location` (where signing in sent the person) ends on their new application's task
    list, by a GET that shows the start page and the start button it offers."""
    assert location == apply_path(round_)
    start_page = client.get(location)
    assert start_page.status_code == 200
    page = start_page.content.decode()
    assert "Start your application" in page
    assert f'action="{apply_path(round_)}"' in page
    started = client.post(location)
    application = Application.objects.get(round=round_, applicant__email=person_email)
    assert started["Location"] == f"/applications/{application.pk}/"
    assert client.get(started["Location"]).status_code == 200


def test_a_signed_out_person_who_starts_is_asked_to_sign_in_and_comes_back(client, open_round):
    for response in (client.post(apply_path(open_round)), client.get(apply_path(open_round))):
        assert response.status_code == 302
        assert urlsplit(response["Location"]).path == "/accounts/login/"
        assert next_of(response["Location"]) == apply_path(open_round)


def test_signing_in_with_a_password_leads_to_the_start_page_not_a_dead_end(client, open_round):
    person = UserFactory(email="pat@example.org")
    response = client.post(
        f"/accounts/login/?next={apply_path(open_round)}",
        {"login": person.email, "password": PASSWORD, "next": apply_path(open_round)},
    )
    lands_on_the_task_list(client, open_round, response["Location"], person.email)


def test_signing_in_with_an_emailed_code_keeps_the_round(client, open_round):
    person = UserFactory(email="pat@example.org")
    login_page = client.get(f"/accounts/login/?next={apply_path(open_round)}").content.decode()
    code_link = re.search(r'href="(/accounts/login/code/[^"]*)"', login_page).group(1).replace("&amp;", "&")
    assert next_of(code_link) == apply_path(open_round)
    asked = client.post(code_link, {"email": person.email, "next": apply_path(open_round)})
    assert urlsplit(asked["Location"]).path == "/accounts/login/code/confirm/"
    code = SIGN_IN_CODE.search(mail.outbox[-1].body).group(1)
    confirmed = client.post(asked["Location"], {"code": code, "next": next_of(asked["Location"])})
    lands_on_the_task_list(client, open_round, confirmed["Location"], person.email)


def sign_up(client, round_, email="new.person@example.org") -> str:
    """Create an account from the sign-in page the round sent them to; returns the link emailed."""
    client.post(
        f"/accounts/signup/?next={apply_path(round_)}",
        {"email": email, "password1": PASSWORD, "password2": PASSWORD, "next": apply_path(round_)},
    )
    return ACCOUNT_LINK.search(mail.outbox[-1].body).group(2)


def test_a_new_account_confirmed_in_the_same_browser_carries_on_to_the_round(client, open_round):
    link = sign_up(client, open_round)
    confirm_page = client.get(link)
    form_next = re.search(r'name="next" value="([^"]+)"', confirm_page.content.decode())
    confirmed = client.post(link, {"next": form_next.group(1)} if form_next else {})
    lands_on_the_task_list(client, open_round, confirmed["Location"], "new.person@example.org")


def test_a_new_account_confirmed_in_another_browser_signs_in_and_carries_on_to_the_round(client, open_round):
    link = sign_up(client, open_round)
    assert next_of(link) == apply_path(open_round)  # the round travels in the link itself
    other_browser = client.__class__()
    confirm_page = other_browser.get(link).content.decode()
    form_next = re.search(r'name="next" value="([^"]+)"', confirm_page).group(1)
    confirmed = other_browser.post(link, {"next": form_next})
    # Not signed in over there: confirming an address must not sign anyone in on another device.
    assert confirmed["Location"] == apply_path(open_round)
    to_sign_in = other_browser.get(confirmed["Location"])
    assert next_of(to_sign_in["Location"]) == apply_path(open_round)
    signed_in = other_browser.post(
        to_sign_in["Location"],
        {"login": "new.person@example.org", "password": PASSWORD, "next": apply_path(open_round)},
    )
    lands_on_the_task_list(other_browser, open_round, signed_in["Location"], "new.person@example.org")


def test_a_person_with_an_application_already_goes_straight_to_it(client, open_round):
    person = UserFactory(email="pat@example.org")
    client.force_login(person)
    started = client.post(apply_path(open_round))
    again = client.get(apply_path(open_round))
    assert again.status_code == 302
    assert again["Location"] == started["Location"]


def test_the_start_page_of_a_closed_round_says_so_and_offers_nothing_to_press(client):
    from datetime import timedelta

    from django.utils import timezone

    round_ = round_with_questions(
        opens_at=timezone.now() - timedelta(days=10), closes_at=timezone.now() - timedelta(days=1)
    )
    client.force_login(UserFactory())
    response = client.get(apply_path(round_), follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == f"/rounds/{round_.pk}/"
    assert "This round closed on" in page
    assert "Start your application" not in page


@pytest.mark.parametrize("host", ["attacker.example", "127.0.0.1:9999"])
def test_links_in_account_emails_come_from_the_site_address_not_the_request(client, open_round, settings, host):
    settings.ALLOWED_HOSTS = ["*"]
    settings.SITE_URL = "https://panels.example.gov.uk"
    client.post(
        "/accounts/signup/",
        {"email": "new.person@example.org", "password1": PASSWORD, "password2": PASSWORD},
        HTTP_HOST=host,
    )
    UserFactory(email="pat@example.org")
    client.post("/accounts/password/reset/", {"email": "pat@example.org"}, HTTP_HOST=host)
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        links = ACCOUNT_LINK.findall(message.body)
        assert links, message.body
        assert {origin for origin, _ in links} == {"https://panels.example.gov.uk"}


def test_the_round_survives_a_sign_in_code_that_failed_and_was_asked_for_again(client, open_round):
    person = UserFactory(email="pat@example.org")
    client.get(apply_path(open_round))  # signed out: sent to sign in, with the round
    asked = client.post(f"/accounts/login/code/?next={apply_path(open_round)}", {"email": person.email})
    for _ in range(3):
        failed = client.post(asked["Location"], {"code": "WRONG-CODE", "next": apply_path(open_round)})
    assert failed["Location"] == "/accounts/login/code/"  # allauth starts again, without the round
    again = client.post(failed["Location"], {"email": person.email})
    code = SIGN_IN_CODE.search(mail.outbox[-1].body).group(1)
    confirmed = client.post(again["Location"], {"code": code})
    lands_on_the_task_list(client, open_round, confirmed["Location"], person.email)


def test_a_next_address_on_another_host_is_never_put_in_the_confirmation_link(client, open_round, settings):
    settings.ALLOWED_HOSTS = ["*"]
    client.post(
        "/accounts/signup/",
        {"email": "new.person@example.org", "password1": PASSWORD, "password2": PASSWORD,
         "next": f"http://attacker.example{apply_path(open_round)}"},
        HTTP_HOST="attacker.example",
    )  # fmt: skip
    assert "attacker.example" not in mail.outbox[-1].body
