from datetime import timedelta

import pytest
from celery.signals import task_prerun
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import ContactChannel, ContactFormat, User
from notifications import services
from notifications.models import Channel, ConsentDecision, Message, MessageStatus
from notifications.rendering import REMOVED
from tests.factories import UserFactory
from tests.notifications.factories import an_opportunity, opportunities_consent

# Delivery happens after commit, so these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)


def test_a_queued_email_is_delivered_after_commit_with_a_message_id_from_its_key(smtp):
    person = UserFactory()
    opportunities_consent(person)
    with transaction.atomic():
        message = an_opportunity(person)
        assert smtp.messages == []  # nothing leaves before the transaction commits
    received = smtp.wait_for(1)
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert message.attempts == 1
    assert received[0]["Message-ID"].strip() == message.message_id
    assert received[0]["Subject"] == "A new panel place"
    assert message.body_text and "We need 2 members." in message.body_text


def test_rows_queued_together_go_to_tasks_a_few_at_a_time_and_each_is_sent(smtp, settings):
    settings.OUTBOX_TASK_BATCH = 10
    people = [UserFactory() for _ in range(25)]
    published = []  # the tasks as they start (run in this process here, as the test settings say)

    def count(sender=None, task=None, args=(), **kwargs):
        published.append((task.name, args))

    task_prerun.connect(count)
    try:
        with transaction.atomic():
            services.messages_queue_many([
                {"kind": "account/email/password_reset_key", "recipient": person, "to_address": person.email,
                 "context": {"password_reset_url": "x"}, "idempotency_key": f"batch:{person.pk}"}
                for person in people
            ])  # fmt: skip
    finally:
        task_prerun.disconnect(count)
    assert [(task, len(ids)) for task, (ids,) in published] == [(services.DELIVER_MANY, n) for n in (10, 10, 5)]
    smtp.wait_for(25)
    assert set(Message.objects.values_list("status", flat=True)) == {MessageStatus.SENT}


def test_a_row_that_cannot_be_delivered_does_not_stop_the_rest_of_its_batch(smtp):
    person = UserFactory()
    broken = Message.objects.create(
        idempotency_key="broken", kind="a.kind.since.removed", recipient=person, to_address=person.email,
        channel=Channel.EMAIL, status=MessageStatus.QUEUED, due_at=timezone.now(),
    )  # fmt: skip
    sound = services.message_queue(
        kind="account/email/password_reset_key", recipient=person, to_address=person.email,
        context={"password_reset_url": "x"}, idempotency_key="sound",
    )  # fmt: skip
    assert services.messages_deliver(message_ids=[broken.pk, sound.pk]) == ["error", "skipped"]
    smtp.wait_for(1)  # the sound one was sent after commit already; the broken one waits for the sweep
    broken.refresh_from_db()
    assert broken.status == MessageStatus.SENDING and broken.claimed_until is not None


def test_nothing_is_sent_when_the_transaction_that_queued_it_rolls_back(smtp):
    person = UserFactory()
    opportunities_consent(person)
    with pytest.raises(RuntimeError), transaction.atomic():
        an_opportunity(person)
        raise RuntimeError("the change failed")
    assert not Message.objects.filter(kind="notifications.future_opportunity").exists()
    assert smtp.messages == []


def test_queuing_the_same_idempotency_key_twice_gives_one_row_and_one_email():
    person = UserFactory()
    opportunities_consent(person)
    first = an_opportunity(person)
    second = an_opportunity(person)
    assert first.pk == second.pk
    assert len(mail.outbox) == 1


def test_delivering_a_row_twice_sends_it_once():
    person = UserFactory()
    opportunities_consent(person)
    message = an_opportunity(person)
    assert services.message_deliver(message_id=message.pk) == "skipped"
    assert services.message_deliver(message_id=message.pk) == "skipped"
    assert len(mail.outbox) == 1


def test_a_row_claimed_by_another_worker_is_not_sent_again(settings):
    person = UserFactory()
    opportunities_consent(person)
    settings.CELERY_TASK_ALWAYS_EAGER = True
    message = an_opportunity(person, due_at=timezone.now() + timedelta(hours=1))
    Message.objects.filter(pk=message.pk).update(
        status=MessageStatus.SENDING, due_at=timezone.now(), claimed_until=timezone.now() + timedelta(minutes=5)
    )
    assert services.message_deliver(message_id=message.pk) == "skipped"
    assert mail.outbox == []


def test_a_message_needing_consent_is_suppressed_with_the_reason_when_consent_was_withdrawn():
    person = UserFactory()
    opportunities_consent(person)
    opportunities_consent(person, ConsentDecision.WITHDRAWN)
    message = an_opportunity(person)
    message.refresh_from_db()
    assert message.status == MessageStatus.SUPPRESSED
    assert "withdrawn" in message.status_reason
    assert mail.outbox == []


def test_consent_is_checked_at_send_time_not_when_queued():
    person = UserFactory()
    opportunities_consent(person)
    message = an_opportunity(person, due_at=timezone.now() + timedelta(days=1))
    opportunities_consent(person, ConsentDecision.WITHDRAWN)
    Message.objects.filter(pk=message.pk).update(due_at=timezone.now())
    assert services.message_deliver(message_id=message.pk) == "suppressed"
    assert mail.outbox == []


def test_a_message_needing_consent_is_suppressed_when_consent_was_never_given():
    message = an_opportunity(UserFactory())
    message.refresh_from_db()
    assert message.status == MessageStatus.SUPPRESSED
    assert message.status_reason == "No consent for future opportunities."


def test_one_time_links_are_blanked_from_the_stored_copy_once_sent():
    person = UserFactory()
    link = "http://testserver/accounts/password/reset/key/abc-secret/"
    message = services.message_queue(
        kind="account/email/password_reset_key",
        recipient=person,
        to_address=person.email,
        context={"password_reset_url": link, "email": person.email},
        idempotency_key="reset:1",
    )
    assert link in mail.outbox[0].body
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert link not in message.body_text
    assert REMOVED in message.body_text
    assert message.context["password_reset_url"] == REMOVED


def test_people_who_asked_for_post_get_a_letter_in_the_queue_instead_of_an_email():
    person = UserFactory(contact_channel=ContactChannel.POST)
    opportunities_consent(person)
    message = an_opportunity(person)
    assert message.channel == Channel.LETTER
    assert message.status == MessageStatus.QUEUED
    assert mail.outbox == []
    assert services.message_deliver(message_id=message.pk) == "skipped"


def test_people_without_an_email_address_get_letters():
    person = User.objects.create_user(full_name="Pat Post", address="1 Street", postcode="L1 1AA")
    assert person.email is None and not person.has_usable_password()
    opportunities_consent(person)
    assert an_opportunity(person).channel == Channel.LETTER


def test_easy_read_is_used_for_people_who_asked_for_it():
    person = UserFactory(contact_format=ContactFormat.EASY_READ)
    opportunities_consent(person)
    an_opportunity(person)
    assert "There is a new chance to join a panel." in mail.outbox[0].body


def test_a_transient_smtp_error_is_retried_later_with_backoff(settings):
    from tests.services import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens here
    person = UserFactory()
    opportunities_consent(person)
    message = an_opportunity(person)
    message.refresh_from_db()
    assert message.status == MessageStatus.QUEUED
    assert message.attempts == 1
    assert "ConnectionRefusedError" in message.last_error
    assert message.due_at > timezone.now() + timedelta(seconds=settings.OUTBOX_RETRY_BASE_SECONDS - 5)


def test_a_refused_message_fails_permanently_and_staff_can_send_it_again(smtp, administrator):
    smtp.refuse_with = "550 No such mailbox"
    person = UserFactory()
    opportunities_consent(person)
    message = an_opportunity(person)
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED
    assert "550" in message.last_error
    smtp.refuse_with = None
    services.message_resend(actor=administrator, message=message)
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert len(smtp.messages) == 1
    assert message.history.filter(history_user=administrator).exists()


def test_only_administrators_can_resend(coordinator):
    person = UserFactory()
    opportunities_consent(person)
    message = an_opportunity(person)
    Message.objects.filter(pk=message.pk).update(status=MessageStatus.FAILED)
    with pytest.raises(PermissionDenied):
        services.message_resend(actor=coordinator, message=Message.objects.get(pk=message.pk))


def refusing_smtp(settings) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # discard port: refused


def failing_again(message: Message, *, tried_hours_ago: float) -> Message:
    """Make the row due again, first tried that long ago, and let delivery fail once more."""
    Message.objects.filter(pk=message.pk).update(
        due_at=timezone.now(), first_tried_at=timezone.now() - timedelta(hours=tried_hours_ago)
    )
    services.message_deliver(message_id=message.pk)
    message.refresh_from_db()
    return message


def test_failed_sends_are_tried_again_for_72_hours_with_growing_waits_then_fail(settings):
    refusing_smtp(settings)
    person = UserFactory()
    opportunities_consent(person)
    message = an_opportunity(person)  # first try, refused
    message.refresh_from_db()
    waits = []
    for _ in range(3):
        assert message.status == MessageStatus.QUEUED
        waits.append(round((message.due_at - message.updated_at).total_seconds()))
        message = failing_again(message, tried_hours_ago=1)
    assert waits == [30, 60, 120]
    # The wait stops growing at an hour.
    Message.objects.filter(pk=message.pk).update(attempts=20)
    message = failing_again(message, tried_hours_ago=1)
    assert round((message.due_at - message.updated_at).total_seconds()) == 3600
    # Near the end of the 72 hours, a wait that would pass them ends it: the message has failed.
    message = failing_again(message, tried_hours_ago=71.5)
    assert message.status == MessageStatus.FAILED
    assert message.last_error.startswith("Gave up after 72 hours: ConnectionRefusedError")


def test_a_message_that_keeps_stopping_workers_is_given_up(settings):
    settings.OUTBOX_MAX_LOST_CLAIMS = 2
    person = UserFactory()
    opportunities_consent(person)
    message = an_opportunity(person, due_at=timezone.now() + timedelta(hours=1))
    expired = timezone.now() - timedelta(seconds=1)
    for lost, result in (
        (1, {"published": 0, "reclaimed": 1, "gave_up": 0}),
        (2, {"published": 0, "reclaimed": 0, "gave_up": 1}),
    ):
        Message.objects.filter(pk=message.pk).update(status=MessageStatus.SENDING, claimed_until=expired)
        assert services.outbox_sweep() == result
        message.refresh_from_db()
        assert message.lost_claims == lost
    assert message.status == MessageStatus.FAILED


def test_a_worker_whose_claim_was_taken_back_cannot_record_how_its_send_ended(settings, smtp):
    person = UserFactory()
    opportunities_consent(person)
    message = an_opportunity(person, due_at=timezone.now() + timedelta(hours=1))
    Message.objects.filter(pk=message.pk).update(due_at=timezone.now())
    # A slow worker claims it, and its lease runs out while it is still sending.
    slow = services._claim(message.pk, timezone.now())
    Message.objects.filter(pk=message.pk).update(claimed_until=timezone.now() - timedelta(seconds=1))
    settings.OUTBOX_SWEEP_GRACE_SECONDS = 0
    assert services.outbox_sweep()["reclaimed"] == 1  # and a second worker sends it at once
    sent = Message.objects.get(pk=message.pk)
    assert (sent.status, sent.attempts) == (MessageStatus.SENT, 2)
    # The slow worker's "it failed" arrives last and is refused.
    assert services._finish(slow, status=MessageStatus.FAILED, last_error="late") is False
    sent.refresh_from_db()
    assert (sent.status, sent.last_error) == (MessageStatus.SENT, "")


def test_the_sweep_takes_back_expired_claims_and_sends_rows_whose_task_was_lost(settings):
    person = UserFactory()
    opportunities_consent(person)
    settings.OUTBOX_SWEEP_GRACE_SECONDS = 60
    lost = an_opportunity(person, key="lost", due_at=timezone.now() + timedelta(hours=1))
    crashed = an_opportunity(person, key="crashed", due_at=timezone.now() + timedelta(hours=1))
    recent = an_opportunity(person, key="recent", due_at=timezone.now() + timedelta(hours=1))
    past = timezone.now() - timedelta(minutes=5)
    Message.objects.filter(pk=lost.pk).update(due_at=past, enqueued_at=past)
    Message.objects.filter(pk=crashed.pk).update(
        status=MessageStatus.SENDING, due_at=past, claimed_until=timezone.now() - timedelta(seconds=1), attempts=1
    )
    # Published a moment ago: its task is probably still in the queue, so the sweep leaves it.
    Message.objects.filter(pk=recent.pk).update(due_at=past, enqueued_at=timezone.now())

    result = services.outbox_sweep()

    assert result == {"published": 2, "reclaimed": 1, "gave_up": 0}
    statuses = dict(
        Message.objects.filter(kind="notifications.future_opportunity").values_list("idempotency_key", "status")
    )
    assert statuses == {"lost": "sent", "crashed": "sent", "recent": "queued"}
    assert Message.objects.get(pk=crashed.pk).attempts == 2
    assert len(mail.outbox) == 2
    # The resend after a crash carries the same Message-ID as the first try would have.
    assert {m.extra_headers["Message-ID"] for m in mail.outbox} == {lost.message_id, crashed.message_id}


def test_reminders_wait_until_they_are_due():
    person = UserFactory()
    opportunities_consent(person)
    message = an_opportunity(person, due_at=timezone.now() + timedelta(days=7))
    assert services.outbox_sweep()["published"] == 0
    assert mail.outbox == []
    assert message.enqueued_at is None


def test_an_unknown_message_kind_is_refused():
    with pytest.raises(KeyError):
        services.message_queue(kind="no.such.kind", recipient=None, context={}, idempotency_key="x")


def test_staff_mark_a_letter_as_posted_and_the_copy_is_kept(administrator):
    person = UserFactory(contact_channel=ContactChannel.POST)
    opportunities_consent(person)
    message = an_opportunity(person)
    services.letter_mark_sent(actor=administrator, message=message)
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert "We need 2 members." in message.body_text
    with pytest.raises(ValidationError):
        services.letter_mark_sent(actor=administrator, message=message)


def test_two_sweeps_never_run_at_once():
    import psycopg
    from django.db import connection

    from tests.services import require_postgres

    require_postgres()
    person = UserFactory()
    opportunities_consent(person)
    lost = an_opportunity(person, due_at=timezone.now() + timedelta(hours=1))
    Message.objects.filter(pk=lost.pk).update(due_at=timezone.now() - timedelta(minutes=5))
    db = connection.settings_dict
    other = psycopg.connect(
        host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], password=db["PASSWORD"] or None, dbname=db["NAME"]
    )
    try:
        # Another sweep is running (it holds the lock): this one stops without touching anything.
        other.execute("SELECT pg_advisory_lock(%s)", [services.SWEEP_LOCK])
        assert services.outbox_sweep() == {"published": 0, "reclaimed": 0, "gave_up": 0, "skipped": 1}
        assert Message.objects.get(pk=lost.pk).status == MessageStatus.QUEUED
        other.execute("SELECT pg_advisory_unlock(%s)", [services.SWEEP_LOCK])
        assert services.outbox_sweep()["published"] == 1
    finally:
        other.close()
