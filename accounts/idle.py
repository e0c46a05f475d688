"""Signing people out after a time without activity (ADR 0020): staff after IDLE_STAFF_SECONDS
(30 minutes), everyone else after IDLE_PUBLIC_SECONDS (2 hours).

The server is the judge: each session keeps when it was last used and its limit, set at sign-in
from the person's role. Pages tell the browser how long is left (`idle_context`); two minutes
before the end a warning lets the person stay signed in (static/js/idle.mjs, the still-here
route), and at the end the browser keeps what they typed in the tab's storage, for the same page
after they sign in again, before showing that they were signed out.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.urls import reverse
from django.utils.cache import patch_cache_control

from .access import STAFF_AREA

LAST_SEEN = "idle_last_seen"
LIMIT = "idle_limit"
SIGNED_IN_AT = "idle_signed_in_at"
# A session is written when it is used, at most once a minute: enough precision for a limit in
# minutes, without a database write on every request.
TOUCH_EVERY = 60
SIGNED_OUT_MESSAGE = "You were signed out because you had not done anything for a while. Sign in to carry on."


def limit_for(user) -> int:
    if user.is_superuser or user.has_perm(STAFF_AREA):
        return settings.IDLE_STAFF_SECONDS
    return settings.IDLE_PUBLIC_SECONDS


def seconds_left(request, now: float | None = None) -> float:
    now = time.time() if now is None else now
    session = request.session
    return session.get(LIMIT, settings.IDLE_PUBLIC_SECONDS) - (now - session.get(LAST_SEEN, now))


def still_here(request) -> None:
    """The person is active: their time starts again."""
    request.session[LAST_SEEN] = time.time()


def on_sign_in(sender, request, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    request.session[LIMIT] = limit_for(user)
    request.session[SIGNED_IN_AT] = time.time()
    still_here(request)


class IdleTimeoutMiddleware:
    """After authentication: a session unused for longer than its limit is signed out, and the
    request goes on as a signed-out visitor's (a page that needs signing in asks for it, with a
    message saying why)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        signed_in = request.user.is_authenticated
        if signed_in:
            self.check(request)
        response = self.get_response(request)
        if signed_in and not response.has_header("Cache-Control"):
            # A page for someone signed in is never kept by the browser: after signing out, Back
            # shows nothing of it. (A view that says otherwise about its own response is heard.)
            patch_cache_control(response, no_store=True, private=True)
        return response

    def check(self, request) -> None:
        session, now = request.session, time.time()
        if LIMIT not in session:
            session[LIMIT] = limit_for(request.user)
            session.setdefault(SIGNED_IN_AT, now)
            still_here(request)
            return
        # The browser's own move to the signed-out page, when its time is up, is not activity.
        arriving_signed_out = request.path == reverse("portal:signed_out")
        too_long = now - session.get(SIGNED_IN_AT, now) > settings.SESSION_COOKIE_AGE
        if seconds_left(request, now) <= 0 or too_long:
            logout(request)
            if not arriving_signed_out:  # that page says it in its own words
                messages.info(request, SIGNED_OUT_MESSAGE)
            return
        if not arriving_signed_out and now - session.get(LAST_SEEN, 0) >= TOUCH_EVERY:
            still_here(request)


def idle_context(request) -> dict:
    """For the base template: how long this page's session has left, for the warning."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not hasattr(request, "session"):
        return {}
    return {
        "idle_seconds_left": max(0, int(seconds_left(request))),
        "idle_warning_seconds": settings.IDLE_WARNING_SECONDS,
        "idle_limit_minutes": request.session.get(LIMIT, settings.IDLE_PUBLIC_SECONDS) // 60,
    }
