"""Finding the real services the tests need, and saying clearly when one is missing.

Without PostgreSQL (DATABASE_URL), Redis (REDIS_URL, default 127.0.0.1:6379) or Chromium, the
tests that need them are skipped with the reason; with REQUIRE_REAL_SERVICES=1 (CI) a missing
service fails those tests instead.
"""

import os
import shutil
import socket
import subprocess
import time
from urllib.parse import urlsplit

import pytest
from django.db import connection

REQUIRE_REAL_SERVICES = os.environ.get("REQUIRE_REAL_SERVICES") == "1"
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def missing(reason: str) -> None:
    if REQUIRE_REAL_SERVICES:
        pytest.fail(f"REQUIRE_REAL_SERVICES=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def require_postgres() -> None:
    if connection.vendor != "postgresql":
        missing("this test needs PostgreSQL: set DATABASE_URL=postgres://... (a worker process cannot see SQLite)")


def require_redis() -> str:
    parts = urlsplit(REDIS_URL)
    if not port_open(parts.hostname or "127.0.0.1", parts.port or 6379):
        missing(f"this test needs Redis at {REDIS_URL}: start redis-server or set REDIS_URL")
    return REDIS_URL


def require_redis_server_binary() -> str:
    path = shutil.which("redis-server")
    if not path:
        missing("this test starts its own Redis and needs the redis-server program")
    return path


def require_chromium() -> str:
    if not os.path.exists(CHROMIUM):
        missing(f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium) or CHROMIUM=<path>")
    return CHROMIUM


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def require_lottery() -> None:
    """The fair lottery's optional library (an extra that setup and CI install)."""
    from recruitment.balancing import lottery

    if not lottery.available():
        missing(f"the fair lottery's optional library (sortition-algorithms) is not installed. {lottery.ENABLE_HINT}")


class PrivateRedis:
    """A Redis server of the test's own, which the test can stop and start again."""

    def __init__(self):
        self.binary = require_redis_server_binary()
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while not port_open("127.0.0.1", self.port):
            if time.monotonic() > deadline:
                raise RuntimeError("private redis-server did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
