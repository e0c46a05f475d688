"""Rendering a message from its kind's templates and its stored, plain context."""

from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.template import TemplateDoesNotExist, engines
from django.template.loader import render_to_string, select_template
from django.utils.html import escape

from .kinds import MessageKind

REMOVED = "[removed once sent]"


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


@cache
def _plain_text():
    """A subject line is plain text, not HTML: "Don't" must not arrive as "Don&#x27;t"."""
    return engines["django"].from_string("{% autoescape off %}{% include template_name %}{% endautoescape %}")


def render_message(
    kind: MessageKind, context: dict, *, easy_read: bool = False, letter: bool = False, bsl: str | None = None
) -> Rendered:
    """`letter` is for the printed copy: templates say how to answer by phone or post instead of
    by a link. `bsl` is for someone who asked for British Sign Language: the link to the kind's BSL
    video ("" when it has none); the message then opens with it, and with how to reach us through
    the video relay service, in every channel."""
    prefix = kind.template_prefix
    context = {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL,
               "contact_phone": settings.CONTACT_PHONE, "letter": letter, **context}  # fmt: skip
    if bsl is not None:
        context |= {"bsl": True, "bsl_video_url": bsl, "video_relay_service": settings.VIDEO_RELAY_SERVICE}
    subject = " ".join(_plain_text().render({**context, "template_name": f"{prefix}_subject.txt"}).split())
    text_names = [f"{prefix}_message.txt"]
    if easy_read:
        text_names.insert(0, f"{prefix}_message_easy_read.txt")
    text_template = select_template(text_names)
    text = text_template.render(context)
    # Mail programs show the HTML part where there is one: someone sent the easy read words gets
    # those alone, unless the kind has an easy read page too.
    easy = easy_read and text_template.template.name.endswith("_easy_read.txt")
    if bsl is not None:
        text = render_to_string("notifications/email/_bsl.txt", context) + text
    try:
        html = render_to_string(f"{prefix}_message{'_easy_read' if easy else ''}.html", context)
    except TemplateDoesNotExist:
        html = ""
    return Rendered(subject=subject, text=text, html=html)


def without_secrets(kind: MessageKind, context: dict) -> dict:
    return {key: (REMOVED if key in kind.secret_keys else value) for key, value in context.items()}


def as_kept(kind: MessageKind, context: dict) -> dict:
    """The context kept once sent: no secrets, and attachments by name only (a calendar file can be
    made again from the meeting; keeping a copy for every person invited costs space for nothing)."""
    kept = without_secrets(kind, context)
    if "attachments" in kept:
        kept["attachments"] = [{k: v for k, v in a.items() if k != "content"} for a in kept["attachments"]]
    return kept


def blank_secrets(
    kind: MessageKind, context: dict, rendered: Rendered, *, easy_read: bool = False, bsl: str | None = None
) -> Rendered:
    """The copy to keep of a message that was sent: the same words, without one-time links or
    codes. Rendering again takes as long as the first time, so each secret is replaced where it
    appears (escaped too, in the HTML); a secret too short to find safely means rendering again."""
    secrets = [str(context[key]) for key in kind.secret_keys if context.get(key)]
    if any(len(secret) < 6 for secret in secrets):
        return render_message(kind, without_secrets(kind, context), easy_read=easy_read, bsl=bsl)
    subject, text, html = rendered.subject, rendered.text, rendered.html
    for secret in secrets:
        subject, text = subject.replace(secret, REMOVED), text.replace(secret, REMOVED)
        html = html.replace(secret, REMOVED).replace(str(escape(secret)), REMOVED)
    return Rendered(subject=subject, text=text, html=html)
