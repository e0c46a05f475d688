"""Delivery against a real provider's pace: 2,000 messages through an SMTP server that holds each
reply for 100 ms, by the outbox worker exactly as docker-compose.yml runs it (its command is read
from that file). Printed: messages a second, against GOV.UK Notify's limit of 3,000 a minute (50 a
second); the target is to keep up with it. Every message must arrive once: none lost, none twice.
"""

import asyncio
import threading
import time
from email.parser import BytesHeaderParser

MESSAGES = 2_000
REPLY_SECONDS = 0.1
NOTIFY_PER_SECOND = 50
TARGET = 1.0


class SlowServer:
    """An SMTP server that takes 100 ms over each message, as a provider's does, and remembers
    each Message-ID it accepted (to find any sent twice)."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        from benchmarks.harness import free_port

        self.ids: list[str] = []
        self._lock = threading.Lock()
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(REPLY_SECONDS)
        headers = BytesHeaderParser().parsebytes(envelope.content)
        with self._lock:
            self.ids.append(" ".join(headers["Message-ID"].split()))
        return "250 OK"

    def wait_for(self, total: int, timeout: float = 600) -> None:
        deadline = time.monotonic() + timeout
        while len(self.ids) < total:
            if time.monotonic() > deadline:
                raise TimeoutError(f"only {len(self.ids)} of {total} messages arrived")
            time.sleep(0.02)


def run(env: dict, sink, queue: str) -> str:
    from benchmarks.harness import Worker, compose_command
    from benchmarks.outbox_delivery import CONTEXT
    from notifications.models import ConsentDecision, ConsentPurpose, Message, MessageStatus
    from notifications.services import consent_apply, consent_wording_current, messages_queue_many
    from tests.factories import UserFactory

    person = UserFactory(email=f"latency.{time.monotonic_ns()}@example.org", verified=False)
    record = consent_apply(
        person=person, wording=consent_wording_current(ConsentPurpose.FUTURE_OPPORTUNITIES),
        decision=ConsentDecision.GIVEN,
    )  # fmt: skip
    Message.objects.filter(idempotency_key=f"notifications.consent_receipt:{record.pk}").update(
        status=MessageStatus.SENT
    )
    server = SlowServer()
    server.controller.start()
    sweep = f"{queue}-sweep"
    args = compose_command("outbox", {"OUTBOX_QUEUE": queue, "OUTBOX_SWEEP_QUEUE": sweep})
    args = [arg.replace("outbox@%h", f"{queue}@%h") for arg in args] + ["--loglevel=WARNING"]
    worker = Worker({**env, "EMAIL_PORT": str(server.port), "OUTBOX_QUEUE": queue}, queue, args=args)

    def queue_many(count: int, label: str) -> list[int]:
        """Queued as a bulk send queues them: one insert, published after commit in batches."""
        keys = [f"latency:{label}:{n}" for n in range(count)]
        kind = "notifications.future_opportunity"
        messages_queue_many(
            [{"kind": kind, "recipient": person, "context": CONTEXT, "idempotency_key": key} for key in keys]
        )
        return list(Message.objects.filter(idempotency_key__in=keys).values_list("pk", flat=True))

    try:
        warm = queue_many(50, "warm")  # the worker starting, its threads connecting: not measured
        server.wait_for(len(warm))
        started = time.perf_counter()
        ids = queue_many(MESSAGES, "measured")
        server.wait_for(len(warm) + MESSAGES)
        sent = Message.objects.filter(pk__in=ids, status=MessageStatus.SENT)
        while sent.count() < MESSAGES and time.perf_counter() - started < 600:
            time.sleep(0.05)
        seconds = time.perf_counter() - started
        time.sleep(1)  # anything sent twice would arrive now
    finally:
        worker.stop()
        server.controller.stop()
    received = server.ids[len(warm) :]
    doubled = len(received) - len(set(received))
    lost = MESSAGES - Message.objects.filter(pk__in=ids, status=MessageStatus.SENT).count()
    rate = MESSAGES / seconds
    ratio = rate / NOTIFY_PER_SECOND if not (lost or doubled) else 0.0
    return (
        f"outbox_latency: {MESSAGES} messages, each reply held {REPLY_SECONDS * 1000:.0f} ms, by the outbox worker "
        f"as docker-compose runs it; {rate:.0f}/s in {seconds:.1f} s, lost {lost}, doubled {doubled}, "
        f"against Notify's {NOTIFY_PER_SECOND}/s ratio={ratio:.2f} target={TARGET}"
    )
