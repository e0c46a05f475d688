"""Production: no secret has a default, and a missing one stops the service from starting."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
# Every link in a message is built from this address, never from a request's Host header, so it has
# no default here: a forgotten one would send everyone links to a developer's machine.
SITE_URL = env("SITE_URL")
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
REDIS_URL = env("REDIS_URL")
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = False
MFA_ENCRYPTION_KEYS = env.list("MFA_ENCRYPTION_KEYS")
if not MFA_ENCRYPTION_KEYS:
    raise ImproperlyConfigured("MFA_ENCRYPTION_KEYS must list at least one Fernet key.")
STAFF_REQUIRE_TWO_FACTOR = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies stand in front of gunicorn. No default: too few and every person shares the
# proxy's rate limits; too many and anyone can pick their own address by sending X-Forwarded-For.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("ALLAUTH_TRUSTED_PROXY_COUNT")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
if SECURE_SSL_REDIRECT and not SITE_URL.startswith("https://"):
    raise ImproperlyConfigured("SITE_URL must be the service's https:// address, as every emailed link starts with it.")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Joining browsers' HSTS preload list binds every subdomain of the authority's domain to https and
# is slow to undo, so it is the authority's decision, not a default; until it is made, `check
# --deploy` would warn about it (security.W021) and that one warning is silenced.
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
