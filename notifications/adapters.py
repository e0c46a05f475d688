"""allauth's messages (verification links, password resets, security notices) go through the outbox
like every other message, instead of being sent inside the request."""

import hashlib
import uuid
from datetime import date, datetime
from urllib.parse import urlencode, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.base_user import AbstractBaseUser

from accounts.access import AFTER_SIGN_IN
from accounts.forms import ERROR_WORDS, sign_in_code_works_until

from . import services


def plain_context(context: dict) -> dict:
    """What the templates need, as JSON: no request, no model instances."""
    plain: dict = {}
    for key, value in context.items():
        if key == "request" or key.startswith("_"):
            continue
        if isinstance(value, AbstractBaseUser):
            plain[key] = value.display_name
        elif key == "current_site":
            plain[key] = {"name": settings.SITE_NAME, "domain": value.domain}
        elif isinstance(value, (datetime, date)):
            plain[key] = value.isoformat()
        elif value is None or isinstance(value, (str, int, float, bool)):
            plain[key] = value
        else:
            plain[key] = str(value)
    return plain


# allauth builds the links in its emails from the request's Host header; ours come from SITE_URL,
# so a forged Host can never put another site's address in a message.
LINKS = ("activate_url", "password_reset_url", "signup_url")


def on_this_site(url: str) -> str:
    parts = urlsplit(url)
    return settings.SITE_URL.rstrip("/") + parts.path + (f"?{parts.query}" if parts.query else "")


class AccountAdapter(DefaultAccountAdapter):
    # The same words for allauth's own messages (shown as a banner, as after too many wrong codes)
    # as the account forms use for the same errors.
    error_messages = {**DefaultAccountAdapter.error_messages, **ERROR_WORDS}

    def _next_url(self) -> str:
        """Where the person was going when they were asked to sign in (a round's apply page, say),
        if it is an address on this site."""
        request = self.request
        if request is None:
            return ""
        url = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME) or ""
        # A path on this site only: an absolute address would carry the request's Host into the email.
        return url if url.startswith("/") and not url.startswith("//") and self.is_safe_url(url) else ""

    def get_login_redirect_url(self, request) -> str:
        """After signing in without a `next` (it can be lost on the way: a code that expired, a
        confirmation link used later), the page the person was going to when asked to sign in."""
        going = request.session.pop(AFTER_SIGN_IN, "")
        if going and self.is_safe_url(going):
            return going
        return super().get_login_redirect_url(request)

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        """The confirmation link carries where the person was going, so that confirming their
        address on another device (a phone's mail app, say) still leads there, after signing in."""
        url = super().get_email_confirmation_url(request, emailconfirmation)
        going = self._next_url()
        return f"{url}?{urlencode({REDIRECT_FIELD_NAME: going})}" if going else url

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        user = context.get("user")
        if not isinstance(user, AbstractBaseUser):
            user = None
        context = {"email": email, "site_name": settings.SITE_NAME, **context}
        for key in LINKS:
            if context.get(key):
                context[key] = on_this_site(context[key])
        if template_prefix == "account/email/login_code":
            context["works_until"] = sign_in_code_works_until(self.request)
        # A one-time link or code is unique to its message; anything else is keyed by a fresh id.
        secret = context.get("activate_url") or context.get("password_reset_url") or context.get("code")
        basis = f"{template_prefix}:{email}:{secret}" if secret else f"{template_prefix}:{uuid.uuid4()}"
        services.message_queue(
            kind=template_prefix,
            recipient=user,
            to_address=email,
            context=plain_context(context),
            idempotency_key="allauth:" + hashlib.sha256(basis.encode()).hexdigest(),
        )

    def get_from_email(self) -> str:
        return settings.DEFAULT_FROM_EMAIL
