"""One email connection per worker thread, kept open between messages.

Opening an SMTP connection (TCP, EHLO, maybe TLS and AUTH) costs more than sending a message on
it, so a worker reuses its connection for a while. Servers close idle connections and limit
messages per connection, so it is renewed after a number of messages or seconds, and a send that
finds the connection closed by the server opens a new one and tries once more (the server has
refused the message before accepting it, so this cannot send twice).
"""

import contextlib
import smtplib
import threading
import time
import uuid

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection

MAX_MESSAGES_PER_CONNECTION = 100
MAX_IDLE_SECONDS = 20

_local = threading.local()


def _settings_key() -> tuple:
    return (settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_HOST_USER)


def _connection():
    now = time.monotonic()
    state = getattr(_local, "state", None)
    if state and (
        state["key"] != _settings_key()
        or state["sent"] >= MAX_MESSAGES_PER_CONNECTION
        or now - state["used_at"] > MAX_IDLE_SECONDS
    ):
        close()
        state = None
    if state is None:
        backend = get_connection(fail_silently=False)
        backend.open()
        state = _local.state = {"backend": backend, "key": _settings_key(), "sent": 0, "used_at": now}
    return state


def close() -> None:
    state = getattr(_local, "state", None)
    _local.state = None
    if state:
        with contextlib.suppress(smtplib.SMTPException, OSError):
            state["backend"].close()


def send(email: EmailMessage) -> None:
    state = _connection()
    try:
        state["backend"].send_messages([email])
    except smtplib.SMTPServerDisconnected:
        close()
        state = _connection()
        state["backend"].send_messages([email])
    except BaseException:
        # Whatever went wrong, the next message starts on a clean connection.
        close()
        raise
    state["sent"] += 1
    state["used_at"] = time.monotonic()


class OutboxEmail(EmailMultiAlternatives):
    """An email whose MIME boundaries are chosen here: random, so they cannot occur in the text.
    Left to itself, Python's email package compiles a regular expression for each boundary of each
    message to prove that, which was a tenth of the cost of sending an invitation."""

    def message(self):
        message = super().message()
        for part in message.walk():
            if part.is_multipart():
                part.set_boundary(f"=={uuid.uuid4().hex}==")
        return message
