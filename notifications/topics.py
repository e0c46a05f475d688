"""Where replies go, by what a message is about.

A message names what it concerns as plain data (its topic, "panel:<id>"); the app that owns that
kind of thing registers how to find the mailbox that answers for it, so `notifications` never
imports the apps that use it. Messages about nothing in particular, or about something with no
mailbox of its own, are answered at the service's general address (CONTACT_EMAIL).
"""

from collections.abc import Callable, Iterable

from django.conf import settings

# For a topic prefix ("panel"), a function from the ids after the colon to each one's mailbox.
_resolvers: dict[str, Callable[[list[str]], dict[str, str]]] = {}


def register_mailboxes(prefix: str, resolver: Callable[[list[str]], dict[str, str]]) -> None:
    _resolvers[prefix] = resolver


def reply_addresses(topics: Iterable[str]) -> dict[str, str]:
    """Each topic's reply address, the general one where it has none: one look-up per prefix."""
    topics = list(topics)
    wanted: dict[str, list[str]] = {}
    for topic in set(topics):
        prefix, _, value = topic.partition(":")
        if prefix in _resolvers and value:
            wanted.setdefault(prefix, []).append(value)
    found = {}
    for prefix, values in wanted.items():
        for value, address in _resolvers[prefix](values).items():
            if address:
                found[f"{prefix}:{value}"] = address
    return {topic: found.get(topic, settings.CONTACT_EMAIL) for topic in topics}
