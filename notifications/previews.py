"""A message as each person will get it, before it is sent: how many go each way and in each
format, and the words of each version. Decided by the same rule the outbox uses (routing.py)."""

from collections import Counter
from dataclasses import dataclass

from accounts.models import ContactFormat

from . import kinds, routing
from .models import Channel
from .rendering import Rendered, render_message
from .services import bsl_video_for

CHANNEL_WORDS = {Channel.EMAIL: "By email", Channel.LETTER: "By post", Channel.PHONE: "By phone call"}


@dataclass(frozen=True)
class Preview:
    ways: list[tuple[str, int]]  # ("By email", 12)
    formats: list[tuple[str, int]]  # ("Easy read", 3)
    versions: list[tuple[str, Rendered]]  # ("Email", the words)
    bsl_video: str  # the link where some asked for BSL and one is set


def preview_of(kind_key: str, context: dict, people: list) -> Preview:
    kind = kinds.get(kind_key)
    ways = Counter(routing.route(kind.channels, routing.reach_of(person))[0] for person in people)
    formats = Counter(person.contact_format or ContactFormat.STANDARD for person in people)
    versions = [("Email", render_message(kind, context))]
    if formats[ContactFormat.EASY_READ]:
        versions.append(("Email in easy read", render_message(kind, context, easy_read=True)))
    if ways[Channel.LETTER] or ways[Channel.PHONE]:
        versions.append(("Letter, and what the caller reads out", render_message(kind, context, letter=True)))
    bsl = bsl_video_for(kind.key) if formats[ContactFormat.BSL] else ""
    return Preview(
        ways=[(CHANNEL_WORDS[channel], ways[channel]) for channel in CHANNEL_WORDS if ways[channel]],
        formats=[(label, formats[value]) for value, label in ContactFormat.choices if formats[value]],
        versions=versions,
        bsl_video=bsl,
    )
