"""Outbox delivery of 500 messages through a real worker on Redis to a local SMTP server, against
Celery tasks that each load one row, render one template and send one SMTP message.

The outbox does more per message (claim with a lease, consent check at send time, subject, text
and HTML rendering, recording the sent copy); the target says that costs at most a tenth.
Rates are messages per second of the worker's CPU time, medians of alternating rounds.
"""

import time

MESSAGES = 500
ROUNDS = 3
TARGET = 0.9
CONTEXT = {"name": "Sam", "title": "New places on the Race Panel", "summary": "Apply by 1 March.", "url": "/"}


def make_rows(recipient, status: str, count: int = MESSAGES) -> list[int]:
    from django.utils import timezone

    from notifications.models import Message

    stamp = time.monotonic_ns()
    now = timezone.now()
    rows = Message.objects.bulk_create(
        Message(
            idempotency_key=f"bench:{stamp}:{n}",
            kind="notifications.future_opportunity",
            recipient=recipient,
            to_address=recipient.email,
            channel="email",
            purpose="future_opportunities",
            status=status,
            due_at=now,
            enqueued_at=now,
            context=CONTEXT,
        )
        for n in range(count)
    )
    return [row.pk for row in rows]


def timed_round(worker, sink, publish, ids: list[int]) -> tuple[float, float]:
    start_count = sink.count
    cpu_before, wall_before = worker.cpu_seconds(), time.perf_counter()
    for message_id in ids:
        publish(message_id)
    sink.wait_for(start_count + len(ids))
    return worker.cpu_seconds() - cpu_before, time.perf_counter() - wall_before


def run(env: dict, sink, queue: str) -> str:
    from django.conf import settings

    from benchmarks.harness import Worker, median
    from benchmarks.tasks import baseline_send
    from notifications.models import ConsentDecision, ConsentPurpose, Message, MessageStatus
    from notifications.services import consent_apply, consent_wording_current
    from notifications.tasks import deliver_message
    from tests.factories import UserFactory

    person = UserFactory(email=f"bench.{time.monotonic_ns()}@example.org", verified=False)
    wording = consent_wording_current(ConsentPurpose.FUTURE_OPPORTUNITIES)
    record = consent_apply(person=person, wording=wording, decision=ConsentDecision.GIVEN)
    # Its receipt was sent long ago: the worker's rounds count only the messages they publish.
    Message.objects.filter(idempotency_key=f"notifications.consent_receipt:{record.pk}").update(
        status=MessageStatus.SENT
    )

    worker = Worker(env, queue, include="benchmarks.tasks")
    try:

        def outbox_publish(pk):
            deliver_message.apply_async((pk,), queue=settings.OUTBOX_QUEUE)

        def baseline_publish(pk):
            baseline_send.apply_async((pk,), queue=settings.OUTBOX_QUEUE)

        # Warm up both paths (worker start, imports, template caches) before measuring.
        timed_round(worker, sink, outbox_publish, make_rows(person, "queued")[:50])
        timed_round(worker, sink, baseline_publish, make_rows(person, "sent")[:50])
        outbox_cpu, baseline_cpu, outbox_wall, baseline_wall = [], [], [], []
        for _ in range(ROUNDS):
            cpu, wall = timed_round(worker, sink, outbox_publish, make_rows(person, "queued"))
            outbox_cpu.append(cpu)
            outbox_wall.append(wall)
            cpu, wall = timed_round(worker, sink, baseline_publish, make_rows(person, "sent"))
            baseline_cpu.append(cpu)
            baseline_wall.append(wall)
    finally:
        worker.stop()
    outbox_rate = MESSAGES / median(outbox_cpu)
    baseline_rate = MESSAGES / median(baseline_cpu)
    return (
        f"outbox_delivery: {MESSAGES} messages x {ROUNDS} rounds; outbox {outbox_rate:.0f}/s of worker CPU "
        f"({MESSAGES / median(outbox_wall):.0f}/s wall), baseline {baseline_rate:.0f}/s of worker CPU "
        f"({MESSAGES / median(baseline_wall):.0f}/s wall) ratio={outbox_rate / baseline_rate:.2f} target={TARGET}"
    )
