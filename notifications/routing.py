"""Which way a message reaches a person: decided from the preferences in force when it is
delivered, not when it was queued (ADR 0001).

A plain function of what is known about the person at that moment, so the queue, the worker that
claims an email and a change of preference all decide the same way.
"""

from dataclasses import dataclass

from accounts.models import ContactChannel

from .models import Channel

# What each contact preference asks for, in the outbox's channels.
_WANTED = {
    ContactChannel.EMAIL: Channel.EMAIL,
    ContactChannel.POST: Channel.LETTER,
    ContactChannel.PHONE: Channel.PHONE,
}


@dataclass(frozen=True)
class Reach:
    """What is on record for reaching a person now."""

    preference: str  # a ContactChannel
    email: str
    postal: bool  # an address and postcode to write to
    phone: bool  # a number to call

    def can(self, channel: str) -> bool:
        return {Channel.EMAIL: bool(self.email), Channel.LETTER: self.postal, Channel.PHONE: self.phone}[channel]


def reach_of(person) -> Reach:
    return Reach(
        preference=person.contact_channel,
        email=person.email or "",
        postal=bool(person.address.strip() and person.postcode.strip()),
        phone=bool(person.phone.strip()),
    )


def route(channels: tuple[str, ...], reach: Reach | None, to_address: str = "") -> tuple[str, str]:
    """The channel to use and, where the message cannot be sent at all, why not. `channels` are
    those the message's kind may use; `to_address` an address given with the message itself.

    The person's own choice comes first. A message that cannot go that way (a receipt is a
    document, not a call) goes by post where it may and there is an address, otherwise by email. A
    letter with nowhere yet to send it waits in the print queue for staff to find an address."""
    if reach is None:
        if to_address and Channel.EMAIL in channels:
            return Channel.EMAIL, ""
        return Channel.LETTER, "No recipient to write to."
    wanted = _WANTED.get(reach.preference, Channel.EMAIL)
    for channel in [wanted, *[c for c in (Channel.LETTER, Channel.EMAIL) if c != wanted]]:
        if channel == Channel.EMAIL:
            possible = bool(to_address or reach.email)
        else:  # a letter they asked for waits for an address; a call needs a number
            possible = reach.can(channel) or (channel == wanted == Channel.LETTER)
        if channel in channels and possible:
            return channel, ""
    if Channel.LETTER in channels:
        return Channel.LETTER, ""
    return Channel.LETTER, "No email address, and this message cannot be sent by post."
