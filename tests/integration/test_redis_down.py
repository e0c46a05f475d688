"""Redis stopped in the middle of things: every action a person takes still happens, every limit
still holds, and every message it caused is sent once Redis is back.

The settings here are production's where it matters: the cache (which holds the rate limits) is
the one production uses, checked against production's settings module below, and Celery publishes
to a real Redis that this test stops. Only the web requests run in this process, through Django's
test client, rather than through gunicorn (tests/integration/test_production.py covers gunicorn).
"""

import json
import os
import subprocess
import sys
import time

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.test import Client

from notifications import services
from notifications.models import Message, MessageStatus
from recruitment.models import Application, ApplicationStatus
from tests.factories import PASSWORD, UserFactory
from tests.recruitment.factories import ready_to_send, round_with_questions

from .conftest import celery_publishing_to
from .test_delivery import wait_for_status

pytestmark = pytest.mark.django_db(transaction=True)

SUBMITS = 20


def production_caches() -> dict:
    """CACHES as config.settings.production makes them, with the variables it requires."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "https://127.0.0.1",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/unused",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "MFA_ENCRYPTION_KEYS": "3q6Vv9Y1gAXd3Kx6wq2z3a5w2L7bX9mZpQe1n0cH4sU=",
        "ALLAUTH_TRUSTED_PROXY_COUNT": "1",
    }
    script = "import json, django; django.setup(); from django.conf import settings; print(json.dumps(settings.CACHES))"
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_the_tests_count_rate_limits_where_production_does():
    assert production_caches() == json.loads(json.dumps(django_settings.CACHES))
    assert django_settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"


def test_with_redis_stopped_mid_test_no_action_is_lost_and_the_limits_still_hold(
    private_redis, start_worker, smtp, settings
):
    User = get_user_model()
    forgetful = UserFactory(email="forgetful@example.org")
    round_ = round_with_questions(count=3)
    drafts = ready_to_send(round_, SUBMITS)

    with celery_publishing_to(private_redis.url):
        # Redis is there at first: a sign up goes through as usual.
        assert Client().post("/accounts/signup/", sign_up("early@example.org")).status_code == 302
        private_redis.stop()

        # Sign up, password reset, sign in and sending an application: each is done, not a 500.
        assert Client().post("/accounts/signup/", sign_up("late@example.org")).status_code == 302
        assert User.objects.filter(email="late@example.org").exists()
        reset = Client().post("/accounts/password/reset/", {"email": forgetful.email})
        assert reset["Location"] == "/accounts/password/reset/done/"
        signing_in = Client()
        response = signing_in.post("/accounts/login/", {"login": forgetful.email, "password": PASSWORD})
        assert response.status_code == 302 and "_auth_user_id" in signing_in.session

        took = []
        for application in drafts:
            client = Client()
            client.force_login(application.applicant, backend="django.contrib.auth.backends.ModelBackend")
            started = time.perf_counter()
            response = client.post(f"/applications/{application.pk}/check/", {"declaration": "on"})
            took.append(time.perf_counter() - started)
            assert response.status_code == 302, response.status_code
        sent = Application.objects.filter(pk__in=[a.pk for a in drafts], status=ApplicationStatus.SUBMITTED)
        assert sent.count() == SUBMITS
        took.sort()
        print(f"\nsubmit with Redis down: p50 {took[len(took) // 2] * 1000:.0f} ms, p99 {took[-1] * 1000:.0f} ms")

        # The limits did not fail open: five wrong passwords still pause password sign in.
        guesser = Client()
        for _ in range(5):
            guesser.post("/accounts/login/", {"login": "early@example.org", "password": "wrong-password"})
        paused = guesser.post("/accounts/login/", {"login": "early@example.org", "password": PASSWORD})
        assert "too many wrong passwords" in paused.content.decode()

        # Every message those actions caused is waiting in the outbox.
        waiting = Message.objects.filter(status=MessageStatus.QUEUED)
        addresses = set(waiting.values_list("to_address", flat=True))
        assert {"late@example.org", forgetful.email} <= addresses
        assert {a.applicant.email for a in drafts} <= addresses

        # Redis comes back: the sweep hands them to a worker, and each arrives once.
        private_redis.start()
        start_worker(private_redis.url)
        settings.OUTBOX_SWEEP_GRACE_SECONDS = 0
        expected = waiting.count()
        assert services.outbox_sweep()["published"] == expected
        received = smtp.wait_for(expected)
        for message in Message.objects.all():
            wait_for_status(message, MessageStatus.SENT)
        assert len({m["Message-ID"] for m in received}) == len(received) == expected


def sign_up(email: str) -> dict:
    return {"email": email, "password1": PASSWORD, "password2": PASSWORD}
