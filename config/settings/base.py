"""Settings shared by every environment.

Every value comes from an environment variable with a safe local default; `production.py`
removes the defaults for secrets. `.env.example` lists every variable.
"""

from pathlib import Path

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="local-only-not-secret-" + "x" * 40)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
SITE_NAME = env("SITE_NAME", default="Equality Panels")
AUTHORITY_NAME = env("AUTHORITY_NAME", default="the Combined Authority")
# How people who use British Sign Language reach us: the video relay service named in every
# message to them, beside the message's BSL video where one is set.
VIDEO_RELAY_SERVICE = env("VIDEO_RELAY_SERVICE", default="SignVideo, a free BSL video relay service: signvideo.co.uk")
CONTACT_EMAIL = env("CONTACT_EMAIL", default="equality.panels@example.org")
CONTACT_PHONE = env("CONTACT_PHONE", default="0151 000 0000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "accounts",
    "notifications",
    "members",
    "recruitment",
    "meetings",
    "engagement",
    "payments",
    "privacy",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.idle.IdleTimeoutMiddleware",
    "portal.middleware.StaffTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site",
                "accounts.idle.idle_context",
            ],
        },
    }
]
FORM_RENDERER = "portal.govuk.GovUKFormRenderer"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# Every request runs in one transaction, so a message queued by a third-party flow (allauth's
# sign-up, password reset) is committed with the change that caused it, or not at all.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# Opening a PostgreSQL connection per request costs more than the request itself.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The SQLite demo serves several people at once: readers never wait for a writer (WAL), a
    # transaction takes the write lock when it begins, so two can never deadlock halfway, and a
    # writer waits its turn instead of answering "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:dashboard"

SITE_ID = 1

# django-allauth: email is the login; the address must be verified by a link before signing in.
ACCOUNT_ADAPTER = "notifications.adapters.AccountAdapter"
ACCOUNT_USER_DISPLAY = "accounts.models.user_display"
# Every allauth form a person fills in, with the service's labels and error messages (accounts/forms.py).
ACCOUNT_FORMS = {
    "signup": "accounts.forms.SignupForm",
    "login": "accounts.forms.LoginForm",
    "request_login_code": "accounts.forms.RequestLoginCodeForm",
    "confirm_login_code": "accounts.forms.ConfirmLoginCodeForm",
    "reset_password": "accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "accounts.forms.ResetPasswordKeyForm",
    "change_password": "accounts.forms.ChangePasswordForm",
    "set_password": "accounts.forms.SetPasswordForm",
    "add_email": "accounts.forms.AddEmailForm",
    "reauthenticate": "accounts.forms.ReauthenticateForm",
}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
# Nobody is remembered past closing the browser, and a session ends after a time without activity
# (accounts.idle, ADR 0020): staff after 30 minutes, everyone else after 2 hours. A warning two
# minutes before lets the person stay signed in. SESSION_COOKIE_AGE caps a session however busy.
ACCOUNT_SESSION_REMEMBER = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=12 * 60 * 60)
# Equality monitoring tables (recruitment/disclosure.py, ADR 0021): counts from 1 to one below the
# threshold are never shown, and a table of fewer people than the minimum group is not shown at
# all. A panel of ten is too small to report on its own.
EQUALITY_THRESHOLD = env.int("EQUALITY_THRESHOLD", default=5)
EQUALITY_MINIMUM_GROUP = env.int("EQUALITY_MINIMUM_GROUP", default=20)
IDLE_STAFF_SECONDS = env.int("IDLE_STAFF_SECONDS", default=30 * 60)
IDLE_PUBLIC_SECONDS = env.int("IDLE_PUBLIC_SECONDS", default=2 * 60 * 60)
IDLE_WARNING_SECONDS = env.int("IDLE_WARNING_SECONDS", default=2 * 60)
# Flash messages can name the person ("Ada Jones has been added"): they are kept in the session,
# on the server, never in a cookie.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env("ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="http")
ACCOUNT_PREVENT_ENUMERATION = True
# Applicants can sign in with a code sent to their email, so applying needs no password.
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
# How long a sign-in code works; the page and the email say so (accounts.forms.sign_in_code_lasts).
SIGN_IN_CODE_MINUTES = env.int("SIGN_IN_CODE_MINUTES", default=15)
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = SIGN_IN_CODE_MINUTES * 60
# A sign-in, with its code, is dropped after ACCOUNT_LOGIN_TIMEOUT (allauth's default: 15 minutes),
# so it must last at least as long as the code.
ACCOUNT_LOGIN_TIMEOUT = max(15 * 60, ACCOUNT_LOGIN_BY_CODE_TIMEOUT)
# "Send me a new code", at most twice per sign-in: allauth has no rate for it, only this count.
ACCOUNT_LOGIN_BY_CODE_SUPPORTS_RESEND = 2
# allauth's defaults, written out so that they are visible and tested: failed logins per
# address and per IP, sign-ups per IP, password-reset and confirmation emails, and sign-in codes
# asked for (per IP, and per address).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "request_login_code": "20/m/ip,3/m/key",
}

# django-ratelimit, for the service's own forms (applying); answered with the "too many attempts" page.
RATELIMIT_VIEW = "portal.views.rate_limited"

MFA_ADAPTER = "accounts.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = env.bool("MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN", default=False)
MFA_TOTP_ISSUER = SITE_NAME
# The two-step verification forms too (accounts/forms.py).
MFA_FORMS = {
    "authenticate": "accounts.forms.AuthenticateForm",
    "reauthenticate": "accounts.forms.MFAReauthenticateForm",
    "activate_totp": "accounts.forms.ActivateTOTPForm",
    "deactivate_totp": "accounts.forms.DeactivateTOTPForm",
    "generate_recovery_codes": "accounts.forms.GenerateRecoveryCodesForm",
    "add_webauthn": "accounts.forms.AddWebAuthnForm",
    "edit_webauthn": "accounts.forms.EditWebAuthnForm",
    "authenticate_webauthn": "accounts.forms.AuthenticateWebAuthnForm",
    "reauthenticate_webauthn": "accounts.forms.ReauthenticateWebAuthnForm",
    "login_webauthn": "accounts.forms.LoginWebAuthnForm",
}
# Fernet keys (urlsafe base64, 32 bytes) for TOTP secrets and recovery-code seeds. The first key
# encrypts; all of them decrypt, so a new key can be put first and the old ones retired later.
MFA_ENCRYPTION_KEYS = env.list("MFA_ENCRYPTION_KEYS", default=[])
# Staff (coordinators, reviewers, administrators) must have a second factor before any staff page.
STAFF_REQUIRE_TWO_FACTOR = env.bool("STAFF_REQUIRE_TWO_FACTOR", default=True)

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static", ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk")]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploaded meeting papers. They are served only through the service's own pages, to those allowed.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")

# The largest upload for each purpose, in MB (accounts/uploads.py): papers and their large print and
# easy read versions; audio versions and BSL videos of papers (200 MB is over three hours of MP3
# audio, or about ten minutes of 720p video: longer videos need compressing first); receipts for
# expenses, a photo or a scanned PDF. The web server in front must accept requests this large.
UPLOAD_PAPER_MAX_MB = env.int("UPLOAD_PAPER_MAX_MB", default=25)
UPLOAD_ATTACHMENT_MAX_MB = env.int("UPLOAD_ATTACHMENT_MAX_MB", default=10)
UPLOAD_RECORDING_MAX_MB = env.int("UPLOAD_RECORDING_MAX_MB", default=200)
UPLOAD_RECEIPT_MAX_MB = env.int("UPLOAD_RECEIPT_MAX_MB", default=10)
UPLOAD_FIGURES_MAX_MB = env.int("UPLOAD_FIGURES_MAX_MB", default=5)

REDIS_URL = env("REDIS_URL", default="")
# The default cache holds the rate limits' counts: allauth's (signing in, sign-in codes, sign up,
# password reset) and django-ratelimit's (applying). It is a table in the database, not Redis, so
# that Redis being down can neither turn those actions into errors nor switch a limit off
# (docs/adr/0009-rate-limits-in-the-database.md). Nothing else is cached. Expired counts are
# removed when the table passes MAX_ENTRIES; until then a count stays until its own expiry.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "rate_limit_counts",
        "OPTIONS": {"MAX_ENTRIES": env.int("RATE_LIMIT_MAX_ENTRIES", default=100_000), "CULL_FREQUENCY": 10},
    }
}
# Behind a proxy (production), the client is the address the proxies say, counted from the right;
# a request can add addresses on the left, so only the proxies' own are trusted. allauth and
# django-ratelimit then limit each person, not the proxy.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("ALLAUTH_TRUSTED_PROXY_COUNT", default=0)
RATELIMIT_IP_META_KEY = env("RATELIMIT_IP_META_KEY", default="accounts.rate_limits.client_ip")

# Celery: eager (in-process) unless a broker is configured.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default="celery")
# Celery closes the database connection after every task unless told to reuse it; a new
# PostgreSQL connection per message costs more than the message.
CELERY_DB_REUSE_MAX = env.int("CELERY_DB_REUSE_MAX", default=100)
# When the broker is down, publishing must give up at once: the outbox row stays queued and the
# sweep sends it later, so the person's action never waits on Redis.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 5, "max_retries": 0}
CELERY_BEAT_SCHEDULE = {
    # A sweep not started within its own interval is dropped, not run late beside the next one.
    "outbox-sweep": {"task": "notifications.tasks.sweep_outbox", "schedule": 30.0, "options": {"expires": 25}},
    # Review starts by itself once a round closes (a coordinator can also start it at once).
    "start-due-reviews": {"task": "recruitment.tasks.start_due_reviews", "schedule": 300.0},
    # Arrangements follow needs changed since people replied; attendees hear what was arranged.
    "meetings-sweep": {"task": "meetings.tasks.sweep_meetings", "schedule": 900.0},
    # Retention: what is no longer needed with a person's name on it is anonymised or deleted, once
    # a day in the small hours (privacy.retention).
    "apply-retention": {"task": "privacy.tasks.apply_retention", "schedule": crontab(hour=2, minute=30)},
    # Claims for members' time, made from what happened: meetings attended, consultations
    # answered, interview panels sat (payments.services.involvement_claims_make).
    "involvement-claims": {"task": "payments.tasks.make_involvement_claims", "schedule": 900.0},
    # Once a year, members paid for their time are asked to read about benefits again.
    "benefits-reminders": {"task": "payments.tasks.send_benefits_reminders", "schedule": crontab(hour=9, minute=15)},
}

# Outbox delivery. Messages can be given a queue (and so a worker) of their own.
OUTBOX_QUEUE = env("OUTBOX_QUEUE", default=CELERY_TASK_DEFAULT_QUEUE)
# The sweep has a queue of its own, which every worker also reads, so it never waits behind a
# backlog of deliveries (the workers take from their queues in turn).
OUTBOX_SWEEP_QUEUE = env("OUTBOX_SWEEP_QUEUE", default="outbox-sweep")
CELERY_TASK_ROUTES = {"notifications.tasks.sweep_outbox": {"queue": OUTBOX_SWEEP_QUEUE}}
# The fair lottery can take minutes on a large pool: give it its own queue and worker in
# production so it never holds up messages.
LOTTERY_QUEUE = env("LOTTERY_QUEUE", default=CELERY_TASK_DEFAULT_QUEUE)

# Members and their coordinators are reminded this many days before a term ends.
MEMBERSHIP_TERM_REMINDER_DAYS = env.int("MEMBERSHIP_TERM_REMINDER_DAYS", default=90)
# People with access needs are asked to check them this many days after they last did (6 months).
ACCESS_NEEDS_REVIEW_DAYS = env.int("ACCESS_NEEDS_REVIEW_DAYS", default=182)
# Members declare their interests within this many days of joining, then confirm them every year.
INTERESTS_FIRST_DAYS = env.int("INTERESTS_FIRST_DAYS", default=28)
INTERESTS_CONFIRM_DAYS = env.int("INTERESTS_CONFIRM_DAYS", default=365)
# Meetings: reminders to those coming this many days before; coordinators warned this many days
# before a book-by date; attendees told what has been arranged this many days before.
# Officers of the authority register to bring work to the panels with an address in one of these
# domains (an administrator still approves each one). Empty: nobody can register.
OFFICER_EMAIL_DOMAINS = env.list("OFFICER_EMAIL_DOMAINS", default=[])
# How many working days officers are told to expect before a panel decides about their request.
ENGAGEMENT_TRIAGE_DAYS = env.int("ENGAGEMENT_TRIAGE_DAYS", default=10)
# Members of a written consultation who have not answered are reminded this many days before it closes.
CONSULTATION_REMINDER_DAYS = env.int("CONSULTATION_REMINDER_DAYS", default=3)
# Officers answer the panel's advice within this many weeks: reminded two weeks before and on the
# day, and an administrator is told a week after.
ENGAGEMENT_RESPONSE_WEEKS = env.int("ENGAGEMENT_RESPONSE_WEEKS", default=8)
# Claims are made within this many months of what they are for; members are told the date.
PAYMENT_CLAIM_DEADLINE_MONTHS = env.int("PAYMENT_CLAIM_DEADLINE_MONTHS", default=3)
# Approved claims are paid within this many days; members are told the date.
PAYMENT_TARGET_DAYS = env.int("PAYMENT_TARGET_DAYS", default=30)
# Mileage in a person's own vehicle, in pence a mile: HMRC's approved rate for cars and vans.
MILEAGE_PENCE_PER_MILE = env.int("MILEAGE_PENCE_PER_MILE", default=45)
MEETING_REMINDER_DAYS = env.list("MEETING_REMINDER_DAYS", cast=int, default=[7, 1])
ARRANGEMENT_WARNING_DAYS = env.int("ARRANGEMENT_WARNING_DAYS", default=3)
ARRANGEMENT_CANCEL_REMINDER_DAYS = env.int("ARRANGEMENT_CANCEL_REMINDER_DAYS", default=2)
ARRANGEMENTS_CONFIRM_DAYS = env.int("ARRANGEMENTS_CONFIRM_DAYS", default=2)
OUTBOX_LEASE_SECONDS = env.int("OUTBOX_LEASE_SECONDS", default=300)
OUTBOX_SWEEP_GRACE_SECONDS = env.int("OUTBOX_SWEEP_GRACE_SECONDS", default=60)
# Rows sent together are handed to tasks this many at a time (publishing a task costs more than
# sending a row); each row is still claimed and recorded on its own.
OUTBOX_TASK_BATCH = env.int("OUTBOX_TASK_BATCH", default=10)
# A message whose sending stopped a worker this many times (killed, out of memory) is given up.
OUTBOX_MAX_LOST_CLAIMS = env.int("OUTBOX_MAX_LOST_CLAIMS", default=5)
# A failed send is tried again after 30 s, then twice as long each time up to an hour, for 72 hours
# after the first try (as GOV.UK Notify does); only then has the message failed.
OUTBOX_RETRY_BASE_SECONDS = env.int("OUTBOX_RETRY_BASE_SECONDS", default=30)
OUTBOX_RETRY_MAX_DELAY_SECONDS = env.int("OUTBOX_RETRY_MAX_DELAY_SECONDS", default=3600)
OUTBOX_RETRY_FOR_HOURS = env.int("OUTBOX_RETRY_FOR_HOURS", default=72)

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="127.0.0.1")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
# Bounces the email provider reports after a message left (notifications/receivers.py): Mailgun's
# tracking webhook, checked against its signing key and a shared secret sent as basic auth.
ANYMAIL = {
    "WEBHOOK_SECRET": env("ANYMAIL_WEBHOOK_SECRET", default="") or None,
    "MAILGUN_WEBHOOK_SIGNING_KEY": env("MAILGUN_WEBHOOK_SIGNING_KEY", default="") or None,
}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Equality Panels <equality.panels@example.org>")
EMAIL_MESSAGE_ID_DOMAIN = env("EMAIL_MESSAGE_ID_DOMAIN", default="equality-panels.example.org")

SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # No one-time token or code reaches a log line (config/access_log.py).
    "filters": {"hide_secrets": {"()": "config.access_log.HideSecrets"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["hide_secrets"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # WeasyPrint reports each step of drawing a PDF at INFO.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # runserver's request lines, through the same filter.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp), the same everywhere: the browser runs scripts and applies
# styles only from this site's own files, so markup that slips into a page can do nothing. No
# inline script, <style> block or style attribute, and no nonces: a new script or style goes in
# a static file (static/js/, static/scss/app.scss). Images may also be data: URLs (the QR code for
# setting up an authenticator app). The browser suite fails on any violation.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
