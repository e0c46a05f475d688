"""The service as production runs it, on this machine: gunicorn over TLS with
`config.settings.production` and the variables docker-compose.yml gives it, a prefork Celery
worker and Celery beat on a Redis of its own, PostgreSQL (a database of its own, dropped at the
end) and an SMTP server standing in for the email provider.

Used by the production test (tests/integration/test_production.py) and the `deadline_rush`
benchmark. Production cookies are Secure, so gunicorn serves https with a certificate made here
(openssl), which the client trusts for this address only, rather than loosening a setting.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from tests.services import PrivateRedis, free_port, port_open
from tests.smtp import SMTPServer

ROOT = Path(__file__).resolve().parents[1]
POSTGRES_URL = os.environ.get("PRODUCTION_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
TEST_FERNET_KEY = "3q6Vv9Y1gAXd3Kx6wq2z3a5w2L7bX9mZpQe1n0cH4sU="


def compose_environment(values: dict[str, str]) -> dict[str, str]:
    """The environment docker-compose.yml gives web, worker and beat, with `${NAME:-default}` and
    `${NAME:?message}` filled from `values` (a required one missing from them is an error)."""
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    environment = compose["services"]["web"]["environment"]

    def fill(match: re.Match) -> str:
        name, kind, rest = match.group(1), match.group(2), match.group(3)
        if name in values:
            return values[name]
        if kind == ":?":
            raise KeyError(f"docker-compose.yml needs {name}: {rest}")
        return rest

    return {key: re.sub(r"\$\{(\w+)(:-|:\?)([^}]*)\}", fill, str(value)) for key, value in environment.items()}


class ProductionStack:
    def __init__(self, *, settings_module: str = "config.settings.production", web_workers: int = 2):
        self.settings_module = settings_module
        self.web_workers = web_workers
        self.folder = Path(tempfile.mkdtemp(prefix="production-"))
        self.port = free_port()
        self.url = f"https://127.0.0.1:{self.port}"
        self.database = f"equality_panels_production_{uuid.uuid4().hex[:8]}"
        self.redis = PrivateRedis()
        self.smtp = SMTPServer()
        self.processes: list[subprocess.Popen] = []
        self.certificate = self.folder / "cert.pem"

    # Setting up, as a deployment does.

    def __enter__(self) -> ProductionStack:
        try:
            self._make_certificate()
            self._create_database()
            self.redis.start()
            self.smtp.__enter__()
            self.env = self._environment()
            self.manage("check", "--deploy", "--fail-level", "WARNING")
            self.manage("migrate", "--no-input")
            self.manage("collectstatic", "--no-input")
            self._start_web()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _make_certificate(self) -> None:
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
             "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(self.folder / "key.pem"),
             "-out", str(self.certificate)],
            check=True, capture_output=True,
        )  # fmt: skip

    def _admin_connection(self):
        import psycopg

        return psycopg.connect(POSTGRES_URL, autocommit=True)

    def _create_database(self) -> None:
        with self._admin_connection() as connection:
            connection.execute(f'CREATE DATABASE "{self.database}"')

    def _environment(self) -> dict[str, str]:
        postgres = urlsplit(POSTGRES_URL)
        database_url = postgres._replace(path=f"/{self.database}").geturl()
        given = {
            "DJANGO_SECRET_KEY": "production-test-" + uuid.uuid4().hex * 2,
            "POSTGRES_PASSWORD": postgres.password or "",
            "MFA_ENCRYPTION_KEYS": TEST_FERNET_KEY,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": self.url,
            # gunicorn itself serves https here, as a proxy would in front of it.
            "DJANGO_SECURE_SSL_REDIRECT": "true",
        }
        environment = compose_environment(given)
        assert environment["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
        # The other services' addresses are docker-compose's names there; here they are local.
        local = {
            "DATABASE_URL": database_url,
            "REDIS_URL": self.redis.url,
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.smtp.port),
            "MEDIA_ROOT": str(self.folder / "media"),
            "STATIC_ROOT": str(self.folder / "static"),
            "DJANGO_SETTINGS_MODULE": self.settings_module,
            "LOG_LEVEL": "WARNING",
        }
        settings_prefixes = ("DJANGO_", "DATABASE_", "REDIS_", "CELERY_", "EMAIL_", "OUTBOX_", "LOTTERY_")
        keep = {k: v for k, v in os.environ.items() if not k.startswith(settings_prefixes)}
        return {**keep, **environment, **local}

    def manage(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True
        )
        if done.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
        return done.stdout

    def _spawn(self, *command: str, name: str) -> subprocess.Popen:
        log = open(self.folder / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        self.processes.append(process)
        return process

    def _start_web(self) -> None:
        self._spawn(
            sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(self.web_workers), "--certfile", str(self.certificate),
            "--keyfile", str(self.folder / "key.pem"), "--config", str(ROOT / "gunicorn.conf.py"),
            name="web",
        )  # fmt: skip
        self.wait_until(lambda: port_open("127.0.0.1", self.port), "gunicorn to listen")

    def start_worker_and_beat(self) -> None:
        """The workers and beat as docker-compose.yml runs them, its ${NAME:-default} filled in."""
        compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
        for name in ("worker", "outbox", "beat"):
            command = re.sub(r"\$\{(\w+):-([^}]*)\}", lambda m: m.group(2), compose[name]["command"]).split()
            assert command[0] == "celery"
            if name == "beat":
                command = [c for c in command if not c.startswith("--schedule")]
                command.append(f"--schedule={self.folder / 'celerybeat-schedule'}")
            self._spawn(sys.executable, "-m", *command, name=name)

    def log(self, name: str) -> str:
        return (self.folder / f"{name}.log").read_text(errors="replace")

    @staticmethod
    def wait_until(condition, what: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"gave up waiting for {what} after {timeout} s")
            time.sleep(0.1)

    # Tearing down.

    def __exit__(self, *exc) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        self.redis.stop()
        with contextlib.suppress(Exception):  # it may not have started
            self.smtp.__exit__(None, None, None)
        with contextlib.suppress(Exception), self._admin_connection() as connection:  # PostgreSQL may be missing
            connection.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        shutil.rmtree(self.folder, ignore_errors=True)

    # Talking to it as a browser would.

    def session(self):
        """An https client that trusts this stack's certificate, for this address only."""
        import requests

        client = requests.Session()
        # Not the machine's CA bundle (REQUESTS_CA_BUNDLE would override `verify`): this one only.
        client.trust_env = False
        client.verify = str(self.certificate)
        return client


def csrf_token(client) -> str:
    return client.cookies.get("csrftoken", domain="127.0.0.1") or client.cookies["csrftoken"]


def post_form(client, url: str, data: dict):
    """POST a form as a browser would from the page it is on: with the CSRF token, and the Referer
    Django checks on https."""
    return client.post(
        url,
        data={**data, "csrfmiddlewaretoken": csrf_token(client)},
        headers={"Referer": url},
        allow_redirects=True,
        timeout=120,
    )
