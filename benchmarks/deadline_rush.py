"""The evening a round closes: 50 applicants at once open check your answers and send their
applications, against gunicorn as production runs it (config.settings.production, over TLS, two
sync workers, on PostgreSQL, publishing to Redis; tests/production.py). The baseline is the same
load, at the same concurrency, on a minimal signed-in page (benchmarks/urls.py) on the same
server. Each side's p95 latency is the median of alternating rounds; ratio = baseline p95 / rush
p95 (1.0 would be "sending costs no more than the simplest page"). Any error fails the target.
"""

import json
import statistics
import threading
import time

PEOPLE = 50
ROUNDS = 3
TARGET = 0.5

PREPARE = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from tests.factories import UserFactory
from tests.recruitment.factories import ready_to_send, round_with_questions

def session_for(person):
    session = SessionStore()
    session[SESSION_KEY] = str(person.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = person.get_session_auth_hash()
    session.create()
    return session.session_key

applications = ready_to_send(round_with_questions(count=3), {count})
readers = [UserFactory() for _ in range({people})]
print(json.dumps({{
    "applicants": [[session_for(a.applicant), a.pk] for a in applications],
    "readers": [session_for(person) for person in readers],
}}))
"""


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def rush(stack, people: list, journey) -> tuple[list[float], int]:
    """Every person's journey at once, each in its own thread with its own https client."""
    latencies: list[float] = []
    errors = []
    lock = threading.Lock()
    start = threading.Barrier(len(people))

    def person(who) -> None:
        client = stack.session()
        client.cookies.set("sessionid", who[0] if isinstance(who, list) else who, domain="127.0.0.1")
        start.wait()
        for method, url, data in journey(who):
            began = time.perf_counter()
            try:
                if method == "GET":
                    response = client.get(url, timeout=300, allow_redirects=False)
                else:
                    token = client.cookies.get("csrftoken", domain="127.0.0.1")
                    response = client.post(
                        url, data={**data, "csrfmiddlewaretoken": token}, headers={"Referer": url},
                        timeout=300, allow_redirects=False,
                    )  # fmt: skip
                ok = response.status_code in (200, 302)
            except Exception:  # noqa: BLE001 - any failure is an error of this run
                ok = False
            with lock:
                latencies.append(time.perf_counter() - began)
                if not ok:
                    errors.append(url)

    threads = [threading.Thread(target=person, args=(who,)) for who in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, len(errors)


def run(env: dict, sink, queue: str) -> str:
    from tests.production import ProductionStack

    with ProductionStack(settings_module="benchmarks.production_settings") as stack:
        prepared = json.loads(
            stack.manage("shell", "-c", PREPARE.format(count=PEOPLE * (ROUNDS + 1), people=PEOPLE)).splitlines()[-1]
        )
        applicants, readers = prepared["applicants"], prepared["readers"]

        def sending(who):
            check = f"{stack.url}/applications/{who[1]}/check/"
            return [("GET", check, None), ("POST", check, {"declaration": "on"})]

        def reading(who):
            page = f"{stack.url}/bench/minimal/"
            return [("GET", page, None), ("GET", page, None)]

        rush(stack, applicants[:PEOPLE], sending)  # warm up: connections, caches, first imports
        rush(stack, readers, reading)
        send_p95, read_p95, errors = [], [], 0
        for n in range(1, ROUNDS + 1):
            latencies, failed = rush(stack, applicants[n * PEOPLE : (n + 1) * PEOPLE], sending)
            send_p95.append(p95(latencies))
            errors += failed
            latencies, failed = rush(stack, readers, reading)
            read_p95.append(p95(latencies))
            errors += failed
    send, read = statistics.median(send_p95), statistics.median(read_p95)
    ratio = read / send if not errors else 0.0
    return (
        f"deadline_rush: {PEOPLE} applicants at once x {ROUNDS} rounds, gunicorn (production settings, TLS) on "
        f"PostgreSQL; send p95 {send * 1000:.0f} ms, minimal signed-in page p95 {read * 1000:.0f} ms, "
        f"errors {errors} ratio={ratio:.2f} target={TARGET}"
    )
