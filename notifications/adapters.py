"""allauth's messages (verification links, password resets, security notices) go through the outbox
like every other message, instead of being sent inside the request."""

import hashlib
import uuid
from datetime import date, datetime

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser

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


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        user = context.get("user")
        if not isinstance(user, AbstractBaseUser):
            user = None
        context = {"email": email, "site_name": settings.SITE_NAME, **context}
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
