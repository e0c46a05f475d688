"""Rate limits count each person, not the proxy in front of the service, and cannot be dodged by
a made-up X-Forwarded-For."""

import pytest
from django.test import RequestFactory

from accounts.rate_limits import client_ip
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def sign_up(client, email: str, forwarded_for: str):
    return client.post(
        "/accounts/signup/",
        {"email": email, "password1": PASSWORD, "password2": PASSWORD},
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_behind_one_proxy_the_client_is_the_address_the_proxy_added(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.7", REMOTE_ADDR="10.0.0.2")
    assert client_ip(request) == "203.0.113.7"  # the left one was made up by the client


def test_without_a_proxy_forwarded_for_is_ignored(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="203.0.113.7", REMOTE_ADDR="198.51.100.4")
    assert client_ip(request) == "198.51.100.4"


def test_people_behind_the_same_proxy_have_limits_of_their_own(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/m/ip"}
    one, other = "203.0.113.1", "203.0.113.2"
    assert [sign_up(client, f"a{n}@example.org", one).status_code for n in range(3)] == [302, 302, 429]
    assert sign_up(client, "b@example.org", other).status_code == 302
    # Adding a made-up address in front does not make a new person.
    assert sign_up(client, "c@example.org", f"198.51.100.9, {one}").status_code == 429


def test_the_services_own_limits_read_the_client_the_same_way(settings):
    from django_ratelimit.core import is_ratelimited

    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1

    def limited(forwarded_for: str) -> bool:
        request = RequestFactory().post("/", HTTP_X_FORWARDED_FOR=forwarded_for, REMOTE_ADDR="10.0.0.2")
        return is_ratelimited(request, group="test", key="ip", rate="1/m", increment=True)

    assert [limited("203.0.113.1"), limited("203.0.113.1"), limited("203.0.113.2")] == [False, True, False]
