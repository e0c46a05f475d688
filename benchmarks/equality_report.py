"""A panel's equality tables across its rounds, for 5,000 applicants in five rounds, each counted at
the furthest stage its history shows, every question through disclosure control: against one bare
aggregate query over the same rows (how many gave each answer to one question). Times are seconds
of this process's CPU and the database's wall time together, medians of alternating runs. The line
also gives, for information, how long the tables take to work out afresh after a count changes
(the first time, with the cache empty)."""

import random
import time

APPLICANTS = 5_000
ROUNDS = 5
RUNS = 15
TARGET = 0.3
SEED = 20261204


def people(panel):
    """Five closed rounds of a thousand applications each, moved through the stages as a real round
    is, with their history, and monitoring answers for nine in ten."""
    from datetime import timedelta

    from django.utils import timezone
    from simple_history.utils import bulk_create_with_history, bulk_update_with_history

    from accounts.models import User
    from recruitment.models import Application, ApplicationStatus, MonitoringResponse, RoundStatus
    from recruitment.selectors.equality import questions
    from tests.recruitment.factories import round_with_questions

    rng = random.Random(SEED)
    now = timezone.now()
    S = ApplicationStatus
    paths = [
        ([S.SUBMITTED], 50),
        ([S.NOT_SHORTLISTED], 20),
        ([S.SHORTLISTED, S.UNSUCCESSFUL], 10),
        ([S.SHORTLISTED, S.INVITED, S.INTERVIEWED, S.UNSUCCESSFUL], 8),
        ([S.SHORTLISTED, S.INVITED, S.INTERVIEWED, S.APPOINTED], 4),
        ([S.SHORTLISTED, S.WITHDRAWN], 8),
    ]
    users = User.objects.bulk_create(
        User(email=f"bench-equality-{n}@example.org", full_name=f"Applicant {n}") for n in range(APPLICANTS)
    )
    rounds = [
        round_with_questions(
            panel=panel,
            opens_at=now - timedelta(days=30 * k + 28),
            closes_at=now - timedelta(days=30 * k),
            status=RoundStatus.RELEASED,
        )
        for k in range(ROUNDS)
    ]
    applications, routes = [], []
    for n, user in enumerate(users):
        routes.append(rng.choices([p for p, _ in paths], weights=[w for _, w in paths])[0])
        applications.append(Application(round=rounds[n % ROUNDS], applicant=user, status=S.SUBMITTED, submitted_at=now))
    applications = bulk_create_with_history(applications, Application)
    for step in range(4):  # each later status, saved with its history as the services save it
        moved = []
        for application, path in zip(applications, routes, strict=True):
            if step < len(path) and path[step] != application.status:
                application.status = path[step]
                moved.append(application)
        if moved:
            bulk_update_with_history(moved, Application, ["status"])
    fields = {q.field: [v for values in q.groups.values() for v in values] for q in questions()}
    MonitoringResponse.objects.bulk_create(
        MonitoringResponse(application=application, **{f: rng.choice(choices) for f, choices in fields.items()})
        for application in applications
        if rng.random() < 0.9
    )


def timed(work) -> float:
    from django.db import connection

    clock = _DatabaseClock()
    started = time.process_time()
    with connection.execute_wrapper(clock):
        work()
    return time.process_time() - started + clock.seconds


class _DatabaseClock:
    """Adds up the wall time spent waiting for the database, which process time leaves out."""

    def __init__(self):
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started


def run(env: dict, sink, queue: str) -> str:
    from django.core.cache import cache
    from django.db import connection
    from django.db.models import Count

    from benchmarks.harness import median
    from members.models import Panel
    from recruitment.models import Application
    from recruitment.selectors import panel_equality_tables

    panel = Panel.objects.get(slug="race")
    people(panel)
    with connection.cursor() as cursor:  # the statistics a live database keeps, after the bulk load
        cursor.execute("ANALYZE")
    rows = Application.objects.filter(round__panel=panel, submitted_at__isnull=False)

    def baseline():
        list(rows.values("monitoring__sex").annotate(people=Count("pk")).order_by())

    cache.clear()
    afresh = timed(lambda: panel_equality_tables(panel))
    ours_times, baseline_times = [], []
    for _ in range(RUNS):
        baseline_times.append(timed(baseline))
        ours_times.append(timed(lambda: panel_equality_tables(panel)))
    ours, bare = median(ours_times), median(baseline_times)
    return (
        f"equality_report: {APPLICANTS} applicants in {ROUNDS} rounds, a panel's tables {ours * 1000:.1f} ms "
        f"(afresh {afresh * 1000:.0f} ms) vs one bare aggregate query {bare * 1000:.1f} ms "
        f"ratio={bare / ours:.2f} target={TARGET}"
    )
