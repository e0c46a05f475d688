"""No secret reaches a log: one-time links carry a token in their path (a meeting reply, an email
confirmation, a password reset), and a query string can carry a code. `hide_secrets` replaces
them, for gunicorn's access log (`RedactingLogger`, named in gunicorn.conf.py) and for every record
through Django's logging (`HideSecrets`, on the console handler), runserver's request lines
included."""

import logging
import re

from gunicorn.glogging import Logger

HIDDEN = "[hidden]"

# Paths whose last part is a one-time secret: meetings.urls "reply", allauth's
# "account_confirm_email" and "account_reset_password_from_key". tests/config/test_access_log.py checks
# every route taking a token or key is here.
# A slash may come percent-encoded, as in a `next` address (`?next=%2Fmeetings%2Freply%2F...`).
_SLASH = r"(?:/|%2[fF])"
SECRET_PATHS = re.compile(
    rf"({_SLASH}(?:meetings{_SLASH}reply|accounts{_SLASH}confirm-email|accounts{_SLASH}password{_SLASH}reset{_SLASH}key)"
    rf"{_SLASH})(?:(?!%2[fF])[^/\s?\"&])+"
)
# Query parameters that carry a secret, wherever they appear.
SECRET_PARAMETERS = re.compile(r"([?&](?:token|key|code|signature|sig)=)[^&\s\"]*", re.IGNORECASE)


def hide_secrets(text: str) -> str:
    return SECRET_PARAMETERS.sub(rf"\g<1>{HIDDEN}", SECRET_PATHS.sub(rf"\g<1>{HIDDEN}", text))


class RedactingLogger(Logger):
    """gunicorn's logger, with every piece of an access-log line (request line, path, query,
    referrer, headers) cleared of secrets."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {name: hide_secrets(value) if isinstance(value, str) else value for name, value in atoms.items()}


class HideSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        hidden = hide_secrets(message)
        if hidden != message:
            record.msg, record.args = hidden, ()
        return True
