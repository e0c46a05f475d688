"""Settings for the test suite: the same as production in behaviour (2FA on for staff, DEBUG off).

DATABASE_URL and REDIS_URL choose the real services; without them the suite uses SQLite and the
tests that need a real service are skipped (or fail, with REQUIRE_REAL_SERVICES=1).
"""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import env

DEBUG = False
# The demo authority's address; production names its own (OFFICER_EMAIL_DOMAINS).
OFFICER_EMAIL_DOMAINS = env.list("OFFICER_EMAIL_DOMAINS", default=["example.gov.uk"])
STAFF_REQUIRE_TWO_FACTOR = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MFA_ENCRYPTION_KEYS = ["3q6Vv9Y1gAXd3Kx6wq2z3a5w2L7bX9mZpQe1n0cH4sU="]
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
# Tests run Celery eagerly; a test that needs a real broker points Celery at it, and the worker
# processes it starts get their broker, queue, database and SMTP server through these variables.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="memory://")
OUTBOX_QUEUE = env("OUTBOX_QUEUE", default="celery")
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Uploaded papers go to a folder of their own for each run, never into the project.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="equality-panels-media-"))
