"""The message pipeline on the real parts: PostgreSQL, Redis, a Celery worker process and SMTP."""

import logging
import re
import time

import pytest
from django.utils import timezone

from notifications import services
from notifications.models import Message, MessageStatus
from notifications.tasks import deliver_message
from tests.factories import PASSWORD, UserFactory
from tests.notifications.factories import opportunities_consent

from .conftest import celery_publishing_to

pytestmark = pytest.mark.django_db(transaction=True)

CONTEXT = {"name": "Sam", "title": "New places on the Race Panel", "summary": "Apply by 1 March.", "url": "/"}


def consenting_person(**kwargs):
    person = UserFactory(**kwargs)
    opportunities_consent(person)
    return person


def queue(person, key: str) -> Message:
    return services.message_queue(
        kind="notifications.future_opportunity", recipient=person, context=CONTEXT, idempotency_key=key
    )


def wait_for_status(message: Message, status: str, timeout: float = 60) -> Message:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        message.refresh_from_db()
        if message.status == status:
            return message
        time.sleep(0.1)
    raise AssertionError(f"message {message.pk} is {message.status}, not {status}, after {timeout} s")


def wait_for_claim_to_run_out(message: Message, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while Message.objects.get(pk=message.pk).claimed_until >= timezone.now():
        assert time.monotonic() < deadline, f"message {message.pk} is still claimed after {timeout} s"
        time.sleep(0.1)


def test_a_worker_on_redis_delivers_an_outbox_message_to_a_real_smtp_server(real_redis, start_worker, smtp):
    start_worker(real_redis)
    person = consenting_person(email="sam@example.org")
    message = queue(person, "integration:one")
    received = smtp.wait_for(1)
    assert received[0]["To"] == "sam@example.org"
    assert received[0]["Subject"] == "New places on the Race Panel"
    assert received[0]["Message-ID"].strip() == message.message_id
    assert "Apply by 1 March." in received[0].get_body(("plain",)).get_content()
    message = wait_for_status(message, MessageStatus.SENT)
    assert message.attempts == 1


def test_a_sign_up_sends_its_verification_email_through_the_worker(real_redis, start_worker, smtp, client, settings):
    start_worker(real_redis)
    response = client.post(
        "/accounts/signup/", {"email": "newcomer@example.org", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    received = smtp.wait_for(1)
    assert received[0]["To"] == "newcomer@example.org"
    body = received[0].get_body(("plain",)).get_content()
    # Links are built from SITE_URL, never from the request's host.
    link = re.search(re.escape(settings.SITE_URL) + r"(/accounts/confirm-email/\S+)", body).group(1)
    client.post(link)
    assert client.get("/account/").status_code == 200


def test_delivering_the_same_row_twice_sends_it_once(real_redis, start_worker, smtp, settings):
    person = consenting_person()
    # Queue without a worker running, then publish the same row a second time.
    message = queue(person, "integration:twice")
    deliver_message.apply_async((message.pk,), queue=settings.OUTBOX_QUEUE)
    start_worker(real_redis)
    smtp.wait_for(1)
    # The solo worker takes tasks in order: once a later message is delivered, both tasks for
    # the first one have been handled.
    queue(person, "integration:after")
    smtp.wait_for(2)
    assert [m["Message-ID"].strip() for m in smtp.messages].count(message.message_id) == 1
    assert wait_for_status(message, MessageStatus.SENT).attempts == 1


def test_a_worker_killed_mid_delivery_loses_nothing_and_a_resend_keeps_the_message_id(
    real_redis, start_worker, smtp, settings
):
    smtp.delay = 2.0  # hold the message so the worker is killed before it records the send
    first = start_worker(real_redis, OUTBOX_LEASE_SECONDS="1")
    message = queue(consenting_person(), "integration:killed")
    wait_for_status(message, MessageStatus.SENDING)
    first.kill()
    smtp.delay = 0.0
    # The claim expires; the sweep takes it back and publishes it again for a new worker.
    wait_for_claim_to_run_out(message)
    settings.OUTBOX_SWEEP_GRACE_SECONDS = 0
    result = services.outbox_sweep()
    assert result["reclaimed"] == 1 and result["published"] == 1
    start_worker(real_redis)
    message = wait_for_status(message, MessageStatus.SENT)
    assert message.attempts == 2
    # At most one extra copy, recognisable as the same message by its Message-ID.
    assert 1 <= len(smtp.messages) <= 2
    assert {m["Message-ID"].strip() for m in smtp.messages} == {message.message_id}


def test_with_redis_stopped_an_action_still_succeeds_and_the_sweep_delivers_later(
    private_redis, start_worker, smtp, client, settings, caplog
):
    with celery_publishing_to(private_redis.url):
        private_redis.stop()
        started = time.monotonic()
        with caplog.at_level(logging.WARNING, logger="notifications.services"):
            response = client.post(
                "/accounts/signup/", {"email": "patient@example.org", "password1": PASSWORD, "password2": PASSWORD}
            )
        # A guard against hanging on the broker (it would retry for minutes), not a speed test.
        assert time.monotonic() - started < 60
        assert response.status_code == 302
        message = Message.objects.get(to_address="patient@example.org")
        assert message.status == MessageStatus.QUEUED
        assert "could not publish message" in caplog.text

        private_redis.start()
        start_worker(private_redis.url)
        settings.OUTBOX_SWEEP_GRACE_SECONDS = 0
        assert services.outbox_sweep()["published"] == 1
        received = smtp.wait_for(1)
        assert received[0]["To"] == "patient@example.org"
        assert wait_for_status(message, MessageStatus.SENT).sent_at <= timezone.now()
