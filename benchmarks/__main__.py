"""`make bench`: every benchmark, one line each ending in ratio=<measured> target=<target>.
`python -m benchmarks <name> ...` runs only those named.

Benchmarks need PostgreSQL (BENCH_DATABASE_URL, default a database `equality_panels_bench` on
127.0.0.1, dropped and recreated) and Redis (REDIS_URL). They are not tests; CI does not run them.
"""

import sys
import uuid

from benchmarks import harness

BENCHMARKS = [
    "outbox_delivery", "outbox_latency", "letters_batch", "meeting_invitations", "application_submit",
    "deadline_rush", "selection", "lottery", "equality_report",
]  # fmt: skip


def main() -> int:
    chosen = [name for name in BENCHMARKS if name in sys.argv[1:]] or BENCHMARKS
    if not harness.reachable(harness.BENCH_DATABASE_URL, 5432) or not harness.reachable(harness.REDIS_URL, 6379):
        for name in BENCHMARKS:
            print(f"{name}: not run: needs PostgreSQL at {harness.BENCH_DATABASE_URL} and Redis at {harness.REDIS_URL}")
        return 1
    harness.recreate_database()
    sink = harness.Sink()
    sink.controller.start()
    queue = f"bench-{uuid.uuid4().hex[:8]}"
    env = harness.configure_django(sink.port, queue)
    from importlib import import_module

    try:
        for name in chosen:
            print(import_module(f"benchmarks.{name}").run(env, sink, queue), flush=True)
    finally:
        sink.controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
