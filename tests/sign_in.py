"""Signing a person in without the sign-in form, for the test client and for the browser, and the
code their authenticator app shows."""

import time

from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.test import Client

from tests.factories import add_totp


def mark_second_factor_passed(client: Client, user) -> None:
    """What allauth records in the session once a person has passed two-factor authentication."""
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": time.time(), "email": user.email},
        {"method": "mfa", "at": time.time(), "type": "totp"},
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.save()


def mark_password_just_confirmed(client: Client, user) -> None:
    """What allauth records when a person re-enters their password, which pages that change
    security settings ask for."""
    session = client.session
    records = session.get(AUTHENTICATION_METHODS_SESSION_KEY, [])
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        *records,
        {"method": "password", "at": time.time(), "email": user.email, "reauthenticated": True},
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.save()


def needs_second_factor(user) -> bool:
    """Staff and approved officers pass two-step verification before their pages (ADR 0024)."""
    from engagement.models import Officer, OfficerStatus

    return user.staff_roles.exists() or Officer.objects.filter(user=user, status=OfficerStatus.APPROVED).exists()


def signed_in_client(user, *, two_factor: bool = True, password_just_confirmed: bool = False) -> Client:
    """A test client signed in as `user`: staff and officers get an authenticator and a session that
    passed two-factor (unless `two_factor` is False)."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    if two_factor and needs_second_factor(user):
        add_totp(user)
        mark_second_factor_passed(client, user)
    if password_just_confirmed:
        mark_password_just_confirmed(client, user)
    return client


def authenticator_code(secret: str) -> str:
    """The code an authenticator app shows now. allauth accepts only the current time step (30 s),
    so near the end of a step, wait for the next one rather than race the clock."""
    period = mfa_settings.TOTP_PERIOD
    if period - time.time() % period < 2:
        time.sleep(period - time.time() % period + 0.1)
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))
