"""Production as it runs: gunicorn over TLS with the production settings and docker-compose's
variables, a prefork Celery worker and beat on Redis, PostgreSQL and an SMTP server (tests/production.py).
A person signs up from a round's page, confirms their address from the email, applies, and the
confirmation of their application arrives at the mail server."""

import re
import shutil
from urllib.parse import quote

import pytest

from tests.production import ProductionStack, post_form
from tests.recruitment.test_views_intake import ABOUT
from tests.services import missing, require_postgres, require_redis_server_binary

EMAIL = "new.applicant@example.org"
PASSWORD = "a long and unusual passphrase 7"
MAKE_ROUND = "from tests.recruitment.factories import round_with_questions; print(round_with_questions(count=2).pk)"


@pytest.fixture
def production():
    require_postgres()
    require_redis_server_binary()
    if not shutil.which("openssl"):
        missing("the production test makes its TLS certificate with openssl")
    with ProductionStack() as stack:
        stack.start_worker_and_beat()
        yield stack


def text_of(message) -> str:
    return message.get_body(("plain",)).get_content()


def test_a_person_signs_up_applies_and_hears_back_from_production_as_it_runs(production):
    stack = production
    round_id = int(stack.manage("shell", "-c", MAKE_ROUND).split()[-1])
    browser = stack.session()
    start = f"/rounds/{round_id}/apply/"

    # Signed out on the round's page, then on to create an account, as its button leads.
    assert browser.get(f"{stack.url}/rounds/{round_id}/").status_code == 200
    signup = f"{stack.url}/accounts/signup/?next={start}"
    assert browser.get(signup).status_code == 200
    sent = post_form(browser, signup, {"email": EMAIL, "password1": PASSWORD, "password2": PASSWORD, "next": start})
    assert sent.status_code == 200, sent.status_code
    assert all(cookie.secure for cookie in browser.cookies), "production cookies are Secure"

    # The worker delivers the confirmation email; its link is on the site's own address.
    (confirmation,) = stack.smtp.inbox.wait_for(1)
    assert confirmation["To"] == EMAIL
    link = re.search(r"https://\S+/accounts/confirm-email/\S+", text_of(confirmation)).group(0)
    assert link.startswith(stack.url) and f"next={quote(start, safe='')}" in link
    assert browser.get(link).status_code == 200
    confirmed = post_form(browser, link, {})
    assert confirmed.url == f"{stack.url}{start}", confirmed.url

    # Start, fill in, check and send the application.
    task_list = post_form(browser, confirmed.url, {})
    application = re.search(r"/applications/(\d+)/$", task_list.url).group(1)
    base = f"{stack.url}/applications/{application}"
    assert post_form(browser, f"{base}/about-you/", ABOUT).status_code == 200
    for number in (1, 2):
        post_form(browser, f"{base}/questions/{number}/", {"text": "I have run a tenants' group for years."})
    sent = post_form(browser, f"{base}/check/", {"declaration": "on"})
    assert sent.url == f"{base}/equality/", sent.url

    # The confirmation of the application arrives too, with its reference.
    received = stack.smtp.inbox.wait_for(2)
    assert received[1]["To"] == EMAIL
    assert f"EP-{int(application):06d}" in text_of(received[1])
    assert "Traceback" not in stack.log("web") + stack.log("worker") + stack.log("beat")

    # gunicorn's access log shows the confirmation link was used, without its one-time key.
    key = re.search(r"/accounts/confirm-email/([^/?]+)", link).group(1)
    assert key not in stack.log("web")
    assert "GET /accounts/confirm-email/[hidden]/" in stack.log("web")
