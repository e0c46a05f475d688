"""Calendar files (RFC 5545) for invitations, updates and cancellations, built from plain data so
that every app that invites people (meetings, interviews) shares one builder without knowing each
other.

One event per thing people are invited to, whose UID never changes; SEQUENCE rises with each
change, so a calendar that already holds the event replaces it; a cancellation is METHOD:CANCEL.
Times are given in Europe/London with the zone's definition in the file, so the event sits at the
right hour on either side of a clock change.
"""

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

LONDON = ZoneInfo("Europe/London")
REQUEST, CANCEL = "REQUEST", "CANCEL"


@dataclass(frozen=True)
class CalendarEvent:
    """What a calendar needs to know of one event, and nothing of the app it comes from."""

    uid: str  # stable for the event's whole life, made unique by the caller (see event_uid)
    sequence: int
    starts_at: datetime
    ends_at: datetime
    title: str
    location: str = ""
    description: str = ""
    url: str = ""


def event_uid(key: str) -> str:
    """A UID for the event known to the caller by `key` ("meeting-<uuid>", say), on our domain."""
    return f"{key}@{settings.EMAIL_MESSAGE_ID_DOMAIN}"


def event_ics(event: CalendarEvent, *, method: str = REQUEST, product: str = "Meetings") -> str:
    """The event's calendar file, the same for everyone invited; `for_attendee` adds each person.
    Built once per event, however many people are invited."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//{product}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)

    vevent = Event()
    vevent.add("uid", event.uid)
    vevent.add("sequence", event.sequence)
    vevent.add("dtstamp", timezone.now())
    vevent.add("dtstart", _london(event.starts_at))
    vevent.add("dtend", _london(event.ends_at))
    vevent.add("summary", event.title)
    if event.location:
        vevent.add("location", event.location)
    if event.description:
        vevent.add("description", event.description)
    if event.url:
        vevent.add("url", event.url)
    vevent.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{_address(settings.DEFAULT_FROM_EMAIL)}")
    organizer.params["cn"] = vText(settings.SITE_NAME)
    vevent.add("organizer", organizer)
    calendar.add_component(vevent)
    # The zone's rules for the years around the event: enough for any calendar, and small.
    year = _london(event.starts_at).year
    calendar.add_missing_timezones(first_date=date(year - 1, 1, 1), last_date=date(year + 2, 1, 1))
    return calendar.to_ical().decode()


def for_attendee(ics: str, email: str) -> str:
    """The file with the person as its attendee. Replies come through the links in the message,
    not from the calendar program, so it asks for none (RSVP=FALSE)."""
    line = f"ATTENDEE;PARTSTAT=NEEDS-ACTION;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:{email}"
    return ics.replace("END:VEVENT\r\n", f"{_fold(line)}\r\nEND:VEVENT\r\n", 1)


def _fold(line: str) -> str:
    """RFC 5545 lines are at most 75 octets; longer ones go on, after a line break, with a space."""
    parts, current, size = [], "", 0
    for character in line:
        octets = len(character.encode())
        if size + octets > 75:
            parts.append(current)
            current, size = " ", 1
        current += character
        size += octets
    parts.append(current)
    return "\r\n".join(parts)


def _london(moment: datetime) -> datetime:
    return moment.astimezone(LONDON)


def _address(from_email: str) -> str:
    """The bare address from 'Name <address>'."""
    return from_email.rsplit("<", 1)[-1].rstrip(">").strip()
