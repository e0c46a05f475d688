"""Signed links to reply to an invitation without signing in.

The link carries the invitation and the reply, signed with the site's secret, so it cannot be made
up or changed. It works again and again (to change one's mind) until the meeting ends; opening it
only shows the reply and a button to confirm, because mail scanners open links before people do.
"""

from functools import lru_cache

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "meetings.reply"


class LinkError(Exception):
    """The link was not made by us, or was changed."""


def reply_token(invitation, reply: str) -> str:
    return signing.dumps([invitation.pk, reply], salt=SALT)


def reply_url(invitation, reply: str) -> str:
    return _reply_prefix(settings.SITE_URL) + reply_token(invitation, reply) + "/"


@lru_cache(maxsize=4)
def _reply_prefix(site_url: str) -> str:
    """Worked out once: reversing the URL for each of a thousand invitations costs more than
    signing them."""
    return site_url + reverse("meetings:reply", kwargs={"token": "T"})[:-2]


def read_token(token: str) -> tuple[int, str]:
    try:
        invitation_id, reply = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise LinkError from exc
    if not isinstance(invitation_id, int) or not isinstance(reply, str):
        raise LinkError
    return invitation_id, reply
