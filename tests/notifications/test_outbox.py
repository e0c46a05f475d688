from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import ContactChannel, ContactFormat, User
from notifications import services
from notifications.models import Channel, ConsentDecision, ConsentPurpose, Message, MessageStatus
from notifications.rendering import REMOVED
from tests.factories import UserFactory

# Delivery happens after commit, so these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)

OPPORTUNITY = {"name": "Sam", "title": "A new panel place", "summary": "We need 2 members.", "url": "/panels/race/"}


def queue_opportunity(person, key="opportunity:1", **kwargs) -> Message:
    return services.message_queue(
        kind="notifications.future_opportunity", recipient=person, context=OPPORTUNITY, idempotency_key=key, **kwargs
    )


def give_consent(person, decision=ConsentDecision.GIVEN):
    wording = services.consent_wording_current(ConsentPurpose.FUTURE_OPPORTUNITIES)
    return services.consent_record(person=person, wording=wording, decision=decision)


def test_a_queued_email_is_delivered_after_commit_with_a_message_id_from_its_key(smtp):
    person = UserFactory()
    give_consent(person)
    with transaction.atomic():
        message = queue_opportunity(person)
        assert smtp.messages == []  # nothing leaves before the transaction commits
    received = smtp.wait_for(1)
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert message.attempts == 1
    assert received[0]["Message-ID"].strip() == message.message_id
    assert received[0]["Subject"] == "A new panel place"
    assert message.body_text and "We need 2 members." in message.body_text


def test_nothing_is_sent_when_the_transaction_that_queued_it_rolls_back(smtp):
    person = UserFactory()
    give_consent(person)
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_opportunity(person)
        raise RuntimeError("the change failed")
    assert not Message.objects.exists()
    assert smtp.messages == []


def test_queuing_the_same_idempotency_key_twice_gives_one_row_and_one_email():
    person = UserFactory()
    give_consent(person)
    first = queue_opportunity(person)
    second = queue_opportunity(person)
    assert first.pk == second.pk
    assert len(mail.outbox) == 1


def test_delivering_a_row_twice_sends_it_once():
    person = UserFactory()
    give_consent(person)
    message = queue_opportunity(person)
    assert services.message_deliver(message_id=message.pk) == "skipped"
    assert services.message_deliver(message_id=message.pk) == "skipped"
    assert len(mail.outbox) == 1


def test_a_row_claimed_by_another_worker_is_not_sent_again(settings):
    person = UserFactory()
    give_consent(person)
    settings.CELERY_TASK_ALWAYS_EAGER = True
    message = queue_opportunity(person, due_at=timezone.now() + timedelta(hours=1))
    Message.objects.filter(pk=message.pk).update(
        status=MessageStatus.SENDING, due_at=timezone.now(), claimed_until=timezone.now() + timedelta(minutes=5)
    )
    assert services.message_deliver(message_id=message.pk) == "skipped"
    assert mail.outbox == []


def test_a_message_needing_consent_is_suppressed_with_the_reason_when_consent_was_withdrawn():
    person = UserFactory()
    give_consent(person)
    give_consent(person, ConsentDecision.WITHDRAWN)
    message = queue_opportunity(person)
    message.refresh_from_db()
    assert message.status == MessageStatus.SUPPRESSED
    assert "withdrawn" in message.status_reason
    assert mail.outbox == []


def test_consent_is_checked_at_send_time_not_when_queued():
    person = UserFactory()
    give_consent(person)
    message = queue_opportunity(person, due_at=timezone.now() + timedelta(days=1))
    give_consent(person, ConsentDecision.WITHDRAWN)
    Message.objects.filter(pk=message.pk).update(due_at=timezone.now())
    assert services.message_deliver(message_id=message.pk) == "suppressed"
    assert mail.outbox == []


def test_a_message_needing_consent_is_suppressed_when_consent_was_never_given():
    message = queue_opportunity(UserFactory())
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
    give_consent(person)
    message = queue_opportunity(person)
    assert message.channel == Channel.LETTER
    assert message.status == MessageStatus.QUEUED
    assert mail.outbox == []
    assert services.message_deliver(message_id=message.pk) == "skipped"


def test_people_without_an_email_address_get_letters():
    person = User.objects.create_user(full_name="Pat Post", address="1 Street", postcode="L1 1AA")
    assert person.email is None and not person.has_usable_password()
    give_consent(person)
    assert queue_opportunity(person).channel == Channel.LETTER


def test_easy_read_is_used_for_people_who_asked_for_it():
    person = UserFactory(contact_format=ContactFormat.EASY_READ)
    give_consent(person)
    queue_opportunity(person)
    assert "There is a new chance to join a panel." in mail.outbox[0].body


def test_a_transient_smtp_error_is_retried_later_with_backoff(settings):
    from tests.services import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens here
    person = UserFactory()
    give_consent(person)
    message = queue_opportunity(person)
    message.refresh_from_db()
    assert message.status == MessageStatus.QUEUED
    assert message.attempts == 1
    assert "ConnectionRefusedError" in message.last_error
    assert message.due_at > timezone.now() + timedelta(seconds=settings.OUTBOX_RETRY_BASE_SECONDS - 5)


def test_a_refused_message_fails_permanently_and_staff_can_send_it_again(smtp, administrator):
    smtp.refuse_with = "550 No such mailbox"
    person = UserFactory()
    give_consent(person)
    message = queue_opportunity(person)
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
    give_consent(person)
    message = queue_opportunity(person)
    Message.objects.filter(pk=message.pk).update(status=MessageStatus.FAILED)
    with pytest.raises(PermissionDenied):
        services.message_resend(actor=coordinator, message=Message.objects.get(pk=message.pk))


def test_giving_up_after_the_last_attempt(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # discard port: refused
    settings.OUTBOX_MAX_ATTEMPTS = 2
    person = UserFactory()
    give_consent(person)
    message = queue_opportunity(person)
    Message.objects.filter(pk=message.pk).update(due_at=timezone.now())
    assert services.message_deliver(message_id=message.pk) == "failed"
    message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.FAILED, 2)


def test_the_sweep_takes_back_expired_claims_and_sends_rows_whose_task_was_lost(settings):
    person = UserFactory()
    give_consent(person)
    settings.OUTBOX_SWEEP_GRACE_SECONDS = 60
    lost = queue_opportunity(person, key="lost", due_at=timezone.now() + timedelta(hours=1))
    crashed = queue_opportunity(person, key="crashed", due_at=timezone.now() + timedelta(hours=1))
    recent = queue_opportunity(person, key="recent", due_at=timezone.now() + timedelta(hours=1))
    past = timezone.now() - timedelta(minutes=5)
    Message.objects.filter(pk=lost.pk).update(due_at=past, enqueued_at=past)
    Message.objects.filter(pk=crashed.pk).update(
        status=MessageStatus.SENDING, due_at=past, claimed_until=timezone.now() - timedelta(seconds=1), attempts=1
    )
    # Published a moment ago: its task is probably still in the queue, so the sweep leaves it.
    Message.objects.filter(pk=recent.pk).update(due_at=past, enqueued_at=timezone.now())

    result = services.outbox_sweep()

    assert result == {"published": 2, "reclaimed": 1, "gave_up": 0}
    statuses = dict(Message.objects.values_list("idempotency_key", "status"))
    assert statuses == {"lost": "sent", "crashed": "sent", "recent": "queued"}
    assert Message.objects.get(pk=crashed.pk).attempts == 2
    assert len(mail.outbox) == 2
    # The resend after a crash carries the same Message-ID as the first try would have.
    assert {m.extra_headers["Message-ID"] for m in mail.outbox} == {lost.message_id, crashed.message_id}


def test_reminders_wait_until_they_are_due():
    person = UserFactory()
    give_consent(person)
    message = queue_opportunity(person, due_at=timezone.now() + timedelta(days=7))
    assert services.outbox_sweep()["published"] == 0
    assert mail.outbox == []
    assert message.enqueued_at is None


def test_an_unknown_message_kind_is_refused():
    with pytest.raises(KeyError):
        services.message_queue(kind="no.such.kind", recipient=None, context={}, idempotency_key="x")


def test_staff_mark_a_letter_as_posted_and_the_copy_is_kept(administrator):
    person = UserFactory(contact_channel=ContactChannel.POST)
    give_consent(person)
    message = queue_opportunity(person)
    services.letter_mark_sent(actor=administrator, message=message)
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert "We need 2 members." in message.body_text
    with pytest.raises(ValidationError):
        services.letter_mark_sent(actor=administrator, message=message)
