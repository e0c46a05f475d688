"""Submitting an application (the final POST of check-your-answers, through the real middleware,
the service, the row lock, history and the outbox, on PostgreSQL, publishing to Redis) against a
minimal signed-in page with one query. Rates are requests per second of this process's CPU time,
medians of alternating rounds of the same size."""

import time

REQUESTS = 200
ROUNDS = 5
TARGET = 0.5


def complete_drafts(round_, count: int):
    """`count` people, each signed in with a complete draft waiting to be sent."""
    from django.test import Client

    from tests.recruitment.factories import ready_to_send

    # One request handler for them all, as a server has: a new test Client loads the middleware
    # again, which no real request pays for.
    handler = Client().handler
    clients = []
    for application in ready_to_send(round_, count):
        client = Client()
        client.handler = handler
        client.force_login(application.applicant, backend="django.contrib.auth.backends.ModelBackend")
        clients.append((client, f"/applications/{application.pk}/check/"))
    return clients


def timed(requests) -> float:
    started = time.process_time()
    for send in requests:
        response = send()
        assert response.status_code in (200, 302), response.status_code
    return time.process_time() - started


def run(env: dict, sink, queue: str) -> str:
    from django.conf import settings
    from django.test import Client
    from django.urls import clear_url_caches

    from benchmarks.harness import median
    from config.celery import app as celery_app
    from recruitment.models import Application, ApplicationStatus
    from tests.factories import UserFactory
    from tests.recruitment.factories import round_with_questions

    settings.ROOT_URLCONF = "benchmarks.urls"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    clear_url_caches()
    round_ = round_with_questions(count=3)
    reader = UserFactory(email=f"reader{time.monotonic_ns()}@example.org", verified=False)
    baseline_client = Client()
    baseline_client.force_login(reader, backend="django.contrib.auth.backends.ModelBackend")

    def baseline_requests():
        return [lambda: baseline_client.get("/bench/minimal/") for _ in range(REQUESTS)]

    def submit_requests():
        return [
            (lambda c=client, u=url: c.post(u, {"declaration": "on"}))
            for client, url in complete_drafts(round_, REQUESTS)
        ]

    timed(baseline_requests()[:20])
    timed(submit_requests()[:20])
    submit_cpu, baseline_cpu = [], []
    for _ in range(ROUNDS):
        submits = submit_requests()
        submit_cpu.append(timed(submits))
        baseline_cpu.append(timed(baseline_requests()))
    sent = Application.objects.filter(round=round_, status=ApplicationStatus.SUBMITTED).count()
    assert sent >= REQUESTS * ROUNDS, sent
    celery_app.control.purge()  # nobody delivers the confirmations queued here
    submit_rate = REQUESTS / median(submit_cpu)
    baseline_rate = REQUESTS / median(baseline_cpu)
    return (
        f"application_submit: {REQUESTS} requests x {ROUNDS} rounds on PostgreSQL; submit {submit_rate:.0f}/s of CPU, "
        f"minimal signed-in page {baseline_rate:.0f}/s of CPU ratio={submit_rate / baseline_rate:.2f} target={TARGET}"
    )
