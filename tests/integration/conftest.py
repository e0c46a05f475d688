"""Real parts: a Celery worker process, Redis and an SMTP server, on PostgreSQL.

Each test gets its own queue name, so a message left over from a killed run is never consumed.
"""

import os
import signal
import subprocess
import sys
import uuid
from contextlib import contextmanager

import pytest
from django.db import connection
from kombu import pools as kombu_pools

from config.celery import app as celery_app
from tests.services import PrivateRedis, require_postgres, require_redis

pytestmark = pytest.mark.django_db(transaction=True)


@contextmanager
def celery_publishing_to(broker_url: str):
    """Make this process publish to a real broker instead of running tasks eagerly."""
    saved = (celery_app.conf.task_always_eager, celery_app.conf.broker_url)
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = broker_url
    reset_celery_connections()
    try:
        yield
    finally:
        reset_celery_connections()
        celery_app.conf.task_always_eager, celery_app.conf.broker_url = saved


def reset_celery_connections() -> None:
    kombu_pools.reset()  # closes and forgets every pooled broker connection in this process
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


class Worker:
    """`celery worker` in its own process, reading this test's database and queue."""

    def __init__(
        self, *, broker_url: str, queue: str, smtp_port: int, extra_env: dict | None = None, also: tuple[str, ...] = ()
    ):
        db = connection.settings_dict
        database_url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": database_url,
            "CELERY_BROKER_URL": broker_url,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "OUTBOX_QUEUE": queue,
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            **(extra_env or {}),
        }
        self.queue = queue
        self.queues = ",".join((queue, *also))  # the queues it reads, in turn
        self.process: subprocess.Popen | None = None

    def start(self) -> "Worker":
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "-Q", self.queues,
             "-n", f"{self.queue}@%h", "--without-mingle", "--without-gossip", "--without-heartbeat",
             "--loglevel=WARNING"],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        return self

    def kill(self) -> None:
        """As if the machine lost power: no chance to acknowledge or clean up."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def queue(settings) -> str:
    name = f"test-{uuid.uuid4().hex[:10]}"
    settings.OUTBOX_QUEUE = name
    return name


@pytest.fixture
def real_redis(transactional_db):
    require_postgres()
    url = require_redis()
    with celery_publishing_to(url):
        yield url


@pytest.fixture
def start_worker(smtp_server, queue):
    workers: list[Worker] = []

    def start(broker_url: str, also: tuple[str, ...] = (), **extra_env) -> Worker:
        worker = Worker(
            broker_url=broker_url, queue=queue, smtp_port=smtp_server.port, extra_env=extra_env, also=also
        ).start()
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()


@pytest.fixture
def private_redis(transactional_db):
    require_postgres()
    server = PrivateRedis()
    server.start()
    yield server
    server.stop()
