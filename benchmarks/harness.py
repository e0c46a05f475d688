"""Shared pieces: a benchmark database on PostgreSQL, a real worker process, an SMTP sink, and
CPU-time measurement (wall time swings with whatever else the machine is doing)."""

import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from urllib.parse import urlsplit

BENCH_DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/equality_panels_bench")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")


def reachable(url: str, default_port: int) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or default_port), timeout=1):
            return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def recreate_database() -> None:
    import psycopg

    parts = urlsplit(BENCH_DATABASE_URL)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def configure_django(smtp_port: int, queue: str) -> dict:
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": BENCH_DATABASE_URL,
        "CELERY_BROKER_URL": REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "OUTBOX_QUEUE": queue,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings

    # The baseline page's template lives with the benchmarks.
    settings.TEMPLATES[0]["DIRS"].append(settings.BASE_DIR / "benchmarks" / "templates")
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return env


class Sink:
    """An SMTP server that counts what it accepts."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.count = 0
        self._lock = threading.Lock()
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            self.count += 1
        return "250 OK"

    def wait_for(self, total: int, timeout: float = 300) -> None:
        deadline = time.monotonic() + timeout
        while self.count < total:
            if time.monotonic() > deadline:
                raise TimeoutError(f"only {self.count} of {total} messages arrived")
            time.sleep(0.01)


def compose_command(service: str, variables: dict[str, str]) -> list[str]:
    """A service's command from docker-compose.yml, its ${NAME:-default} filled from `variables`
    (or the default), ready to run here: the benchmark measures the worker production runs."""
    import re
    import shlex
    from pathlib import Path

    import yaml

    compose = yaml.safe_load((Path(__file__).resolve().parent.parent / "docker-compose.yml").read_text())
    command = compose["services"][service]["command"]
    command = re.sub(r"\$\{(\w+):-([^}]*)\}", lambda m: variables.get(m.group(1), m.group(2)), command)
    args = shlex.split(command)
    assert args[0] == "celery", command
    return [sys.executable, "-m", *args]


class Worker:
    def __init__(self, env: dict, queue: str, include: str = "", args: list[str] | None = None):
        args = args or [
            sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "-Q", queue,
            "-n", f"{queue}@%h", "--without-mingle", "--without-gossip", "--without-heartbeat",
            "--loglevel=WARNING",
        ]  # fmt: skip
        if include:
            args += ["--include", include]
        self.process = subprocess.Popen(
            args, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )

    def cpu_seconds(self) -> float:
        with open(f"/proc/{self.process.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks  # utime + stime

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def median(values: list[float]) -> float:
    return statistics.median(values)
