"""The production shape (docker-compose.yml) is checked here, since no Docker engine runs on the
test machines: it parses, has every part, and uses only settings that .env.example documents."""

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_describes_web_workers_beat_database_redis_and_a_mail_catcher(compose):
    assert set(compose["services"]) == {"web", "worker", "outbox", "beat", "db", "redis", "mail"}
    assert "gunicorn" in compose["services"]["web"]["command"]
    assert compose["services"]["worker"]["command"].startswith("celery -A config worker")
    # Sending waits on the mail server: threads sized for waiting, reading the outbox's queues.
    outbox = compose["services"]["outbox"]["command"]
    assert outbox.startswith("celery -A config worker") and "--pool=threads" in outbox
    assert "${OUTBOX_QUEUE:-outbox},${OUTBOX_SWEEP_QUEUE:-outbox-sweep}" in outbox
    assert compose["services"]["beat"]["command"].startswith("celery -A config beat")


def test_web_workers_and_beat_share_the_same_settings(compose):
    environments = [compose["services"][name]["environment"] for name in ("web", "worker", "outbox", "beat")]
    assert all(environment == environments[0] for environment in environments)
    assert environments[0]["DJANGO_SETTINGS_MODULE"] == "config.settings.production"


def test_every_variable_the_settings_read_is_documented_in_env_example():
    documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.MULTILINE))
    settings_text = "".join(p.read_text() for p in (ROOT / "config" / "settings").glob("*.py"))
    read = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z0-9_]+)"', settings_text))
    assert read - documented == set()


def test_the_beat_schedule_runs_the_outbox_sweep():
    from django.conf import settings

    from config.celery import app

    task = settings.CELERY_BEAT_SCHEDULE["outbox-sweep"]["task"]
    app.loader.import_default_modules()
    assert task in app.tasks


def test_make_run_on_another_port_puts_that_port_in_the_links_it_sends():
    import shutil
    import subprocess

    make = shutil.which("make")
    assert make, "make is needed to run the service"
    planned = subprocess.run(
        [make, "--dry-run", "--always-make", "run", "PORT=8123"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    serving = [line for line in planned.splitlines() if "runserver" in line]
    assert serving and all("SITE_URL=http://127.0.0.1:8123 " in line for line in serving)
    assert "runserver 127.0.0.1:8123" in serving[0]
    assert all("SITE_URL=http://127.0.0.1:8123 " in line for line in planned.splitlines() if "load_demo" in line)


PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "x" * 50,
    "DJANGO_ALLOWED_HOSTS": "panels.example.gov.uk",
    "DATABASE_URL": "postgres://panels@127.0.0.1:5432/panels",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "MFA_ENCRYPTION_KEYS": "3q6Vv9Y1gAXd3Kx6wq2z3a5w2L7bX9mZpQe1n0cH4sU=",
    "ALLAUTH_TRUSTED_PROXY_COUNT": "1",
}


@pytest.mark.parametrize(
    "site_url, starts",
    [(None, False), ("http://panels.example.gov.uk", False), ("https://panels.example.gov.uk", True)],
)
def test_production_will_not_start_without_the_https_address_its_links_are_built_from(site_url, starts):
    import os
    import subprocess
    import sys

    environment = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | PRODUCTION_ENV
    if site_url:
        environment["SITE_URL"] = site_url
    show = "import django; django.setup(); from django.conf import settings; print(settings.SITE_URL)"
    run = subprocess.run([sys.executable, "-c", show], env=environment, cwd=ROOT, capture_output=True, text=True)
    assert (run.returncode == 0) is starts, run.stderr[-300:]
    if starts:
        assert run.stdout.strip() == site_url


def test_production_will_not_start_without_being_told_how_many_proxies_stand_in_front():
    import os
    import subprocess
    import sys

    environment = {k: v for k, v in os.environ.items() if k != "ALLAUTH_TRUSTED_PROXY_COUNT"} | PRODUCTION_ENV
    environment["SITE_URL"] = "https://panels.example.gov.uk"
    del environment["ALLAUTH_TRUSTED_PROXY_COUNT"]
    show = "import django; django.setup()"
    run = subprocess.run([sys.executable, "-c", show], env=environment, cwd=ROOT, capture_output=True, text=True)
    assert run.returncode != 0 and "ALLAUTH_TRUSTED_PROXY_COUNT" in run.stderr


def test_every_task_a_service_queues_by_name_is_registered_in_the_web_process():
    """Services name their tasks rather than import them; a name Celery does not know would be sent
    to the broker even where tasks run in the request (the demo, the tests), and never run."""
    from config.celery import app
    from notifications.services import DELIVER
    from recruitment.services.selection import RUN_LOTTERY

    assert {DELIVER, RUN_LOTTERY} <= set(app.tasks)
