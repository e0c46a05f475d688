"""The first-run default: SQLite, Celery eager, email printed to the console, no 2FA for staff."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
# The demo authority's address; production names its own (OFFICER_EMAIL_DOMAINS).
OFFICER_EMAIL_DOMAINS = env.list("OFFICER_EMAIL_DOMAINS", default=["example.gov.uk"])
STAFF_REQUIRE_TWO_FACTOR = env.bool("STAFF_REQUIRE_TWO_FACTOR", default=False)
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
# Serve static files straight from the apps and node_modules while developing.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
