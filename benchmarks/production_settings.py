"""Production's settings plus the baseline page `deadline_rush` compares against (benchmarks/urls.py).
Only the benchmark serves this; everything else is config.settings.production unchanged."""

from config.settings.production import *  # noqa: F403
from config.settings.production import BASE_DIR, TEMPLATES

ROOT_URLCONF = "benchmarks.urls"
TEMPLATES[0]["DIRS"].append(BASE_DIR / "benchmarks" / "templates")
