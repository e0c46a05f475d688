"""Rendering a message from its kind's templates and its stored, plain context."""

from dataclasses import dataclass

from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string, select_template

from .kinds import MessageKind

REMOVED = "[removed once sent]"


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def render_message(kind: MessageKind, context: dict, *, easy_read: bool = False) -> Rendered:
    prefix = kind.template_prefix
    context = {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"{prefix}_subject.txt", context).split())
    text_names = [f"{prefix}_message.txt"]
    if easy_read:
        text_names.insert(0, f"{prefix}_message_easy_read.txt")
    text = select_template(text_names).render(context)
    try:
        html = render_to_string(f"{prefix}_message.html", context)
    except TemplateDoesNotExist:
        html = ""
    return Rendered(subject=subject, text=text, html=html)


def without_secrets(kind: MessageKind, context: dict) -> dict:
    return {key: (REMOVED if key in kind.secret_keys else value) for key, value in context.items()}
