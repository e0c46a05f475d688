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


def test_compose_describes_web_worker_beat_database_redis_and_a_mail_catcher(compose):
    assert set(compose["services"]) == {"web", "worker", "beat", "db", "redis", "mail"}
    assert "gunicorn" in compose["services"]["web"]["command"]
    assert compose["services"]["worker"]["command"].startswith("celery -A config worker")
    assert compose["services"]["beat"]["command"].startswith("celery -A config beat")


def test_web_worker_and_beat_share_the_same_settings(compose):
    environments = [compose["services"][name]["environment"] for name in ("web", "worker", "beat")]
    assert environments[0] == environments[1] == environments[2]
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
