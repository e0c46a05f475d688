"""The outbox's edges on the real parts: the sweep beside a backlog, and a send slower than its
lease, with real worker processes on Redis and a real SMTP server."""

import time
import uuid

import pytest
from django.utils import timezone

from notifications.models import Message, MessageStatus
from notifications.tasks import sweep_outbox

from .test_delivery import consenting_person, queue, wait_for_claim_to_run_out, wait_for_status

pytestmark = pytest.mark.django_db(transaction=True)

BACKLOG = 40
HOLD = 0.25  # seconds the mail server holds each message: the backlog takes BACKLOG * HOLD to send


def test_the_sweep_does_not_wait_behind_a_backlog_of_deliveries(real_redis, start_worker, smtp, settings):
    sweeps = f"sweep-{uuid.uuid4().hex[:10]}"
    settings.OUTBOX_SWEEP_GRACE_SECONDS = 0
    smtp.delay = HOLD
    person = consenting_person()
    # A message whose worker died holding it: only the sweep can send it.
    stranded = queue(person, "faults:stranded")
    Message.objects.filter(pk=stranded.pk).update(
        status=MessageStatus.SENDING, claimed_until=timezone.now() - timezone.timedelta(seconds=1)
    )
    backlog = [queue(person, f"faults:backlog:{n}") for n in range(BACKLOG)]  # published on commit
    start_worker(real_redis, also=(sweeps,))
    wait_for_status(backlog[0], MessageStatus.SENT)
    sweep_outbox.apply_async(queue=sweeps)
    # The sweep takes the stranded row back (and queues it behind the others: it is one more message).
    deadline = time.monotonic() + BACKLOG * HOLD * 2
    while Message.objects.get(pk=stranded.pk).lost_claims == 0:
        assert time.monotonic() < deadline, "the sweep did not run"
        time.sleep(0.05)
    still_waiting = Message.objects.filter(pk__in=[m.pk for m in backlog]).exclude(status=MessageStatus.SENT)
    # It ran while most of the backlog was still waiting its turn.
    assert still_waiting.count() > BACKLOG // 2
    wait_for_status(stranded, MessageStatus.SENT, timeout=BACKLOG * HOLD * 2)


def test_a_send_slower_than_its_lease_is_recorded_once(real_redis, start_worker, smtp, settings, caplog):
    smtp.delay = 3.0  # longer than the first worker's lease
    slow = start_worker(real_redis, OUTBOX_LEASE_SECONDS="1")
    message = queue(consenting_person(), "faults:slow")
    wait_for_status(message, MessageStatus.SENDING)
    # The lease runs out while the slow worker is still sending; the sweep takes the row back and a
    # second worker sends it again.
    wait_for_claim_to_run_out(message)
    settings.OUTBOX_SWEEP_GRACE_SECONDS = 0
    from notifications import services

    assert services.outbox_sweep()["reclaimed"] == 1
    slow.stop()  # it finishes its send (SIGTERM is a warm shutdown) and tries to record it
    assert slow.process.returncode is not None
    start_worker(real_redis)
    sent = wait_for_status(message, MessageStatus.SENT)
    assert sent.attempts == 2 and sent.lost_claims == 1
    # Both copies reached the mail server (SMTP cannot take one back), under one Message-ID, and
    # the row records one send: the slow worker's late result was refused.
    received = smtp.wait_for(2)
    assert {m["Message-ID"].strip() for m in received} == {sent.message_id}
    after = Message.objects.get(pk=message.pk)
    assert (after.status, after.sent_at, after.attempts) == (MessageStatus.SENT, sent.sent_at, 2)
