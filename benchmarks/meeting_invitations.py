"""Inviting 1,000 members to one meeting (a large joint event, or an outcome release), from the
coordinator's click to every message delivered with its calendar file to a local SMTP server by a
real worker on Redis, against the outbox benchmark's baseline: Celery tasks that each load one
row, render one template and send one SMTP message.

An invitation does more per message: the invitation row, a calendar file per person, signed reply
links, the outbox row with its consent and format check, text, HTML and an attachment. The target
says all of that together costs at most a fifth more than the plainest email task.

CPU time is counted where the work happens: the thread that handles the click (creating the
invitations and the outbox rows, and publishing the tasks once they commit), plus the worker
process that delivers. For the baseline, the thread that publishes its tasks plus the worker.
Medians of alternating rounds.
"""

import time
from datetime import timedelta

INVITED = 1000
ROUNDS = 5
TARGET = 0.9


def members(panel, coordinator, count: int) -> None:
    from django.utils import timezone

    from accounts.models import User
    from members.models import Membership

    stamp = time.monotonic_ns()
    people = User.objects.bulk_create(
        User(email=f"member.{stamp}.{n}@example.org", full_name=f"Member {n}", password="!") for n in range(count)
    )
    start = timezone.localdate()
    Membership.objects.bulk_create(
        Membership(panel=panel, person=person, term_start=start, term_end=start + timedelta(days=900),
                   created_by=coordinator)
        for person in people
    )  # fmt: skip


def a_meeting(coordinator, panel, n: int):
    from django.utils import timezone

    from meetings import services
    from meetings.models import Venue

    venue, _ = Venue.objects.get_or_create(
        name="Mann Island",
        defaults={
            "address": "1 Mann Island\nLiverpool",
            "postcode": "L3 1BP",
            "step_free_route": True,
            "hearing_loop": True,
        },  # fmt: skip
    )
    starts = timezone.now() + timedelta(days=30 + n)
    return services.meeting_create(
        actor=coordinator, panels=[panel], title=f"Annual joint event {n}", starts_at=starts,
        ends_at=starts + timedelta(hours=3), venue=venue,
    )  # fmt: skip


def run(env: dict, sink, queue: str) -> str:
    from django.conf import settings

    from benchmarks.harness import Worker, median
    from benchmarks.outbox_delivery import make_rows
    from benchmarks.tasks import baseline_send
    from meetings import services
    from members.models import Panel, StaffRoleKind
    from members.services import staff_role_grant
    from tests.factories import UserFactory

    panel = Panel.objects.get(slug="race")
    coordinator = UserFactory(email=f"bench.coordinator.{time.monotonic_ns()}@example.org", verified=False)
    staff_role_grant(actor=None, user=coordinator, role=StaffRoleKind.COORDINATOR, panel=panel)
    members(panel, coordinator, INVITED)
    baseline_person = UserFactory(email=f"bench.{time.monotonic_ns()}@example.org", verified=False)

    worker = Worker(env, queue, include="benchmarks.tasks")
    rounds = iter(range(ROUNDS + 1))

    def invite_round() -> tuple[float, float]:
        meeting = a_meeting(coordinator, panel, next(rounds))
        start_count = sink.count
        cpu_worker, cpu_thread, wall = worker.cpu_seconds(), time.thread_time(), time.perf_counter()
        invited = services.meeting_invite(actor=coordinator, meeting=meeting)
        click_cpu = time.thread_time() - cpu_thread
        sink.wait_for(start_count + invited)
        return click_cpu + worker.cpu_seconds() - cpu_worker, time.perf_counter() - wall

    def baseline_round(count: int = INVITED) -> tuple[float, float]:
        ids = make_rows(baseline_person, "sent", count)
        start_count = sink.count
        cpu_worker, cpu_thread, wall = worker.cpu_seconds(), time.thread_time(), time.perf_counter()
        for message_id in ids:
            baseline_send.apply_async((message_id,), queue=settings.OUTBOX_QUEUE)
        publish_cpu = time.thread_time() - cpu_thread
        sink.wait_for(start_count + len(ids))
        return publish_cpu + worker.cpu_seconds() - cpu_worker, time.perf_counter() - wall

    try:
        invite_round()  # warm up: worker start, imports, template caches
        baseline_round(100)
        invite_cpu, baseline_cpu, invite_wall, baseline_wall = [], [], [], []
        for _ in range(ROUNDS):
            cpu, wall = invite_round()
            invite_cpu.append(cpu)
            invite_wall.append(wall)
            cpu, wall = baseline_round()
            baseline_cpu.append(cpu)
            baseline_wall.append(wall)
    finally:
        worker.stop()
    invite_rate = INVITED / median(invite_cpu)
    baseline_rate = INVITED / median(baseline_cpu)
    return (
        f"meeting_invitations: {INVITED} invited x {ROUNDS} rounds, click to delivered with calendar files; "
        f"invitations {invite_rate:.0f}/s of CPU ({INVITED / median(invite_wall):.0f}/s wall), baseline "
        f"{baseline_rate:.0f}/s of CPU ({INVITED / median(baseline_wall):.0f}/s wall) "
        f"ratio={invite_rate / baseline_rate:.2f} target={TARGET}"
    )
