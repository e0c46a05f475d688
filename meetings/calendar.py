"""Calendar files (RFC 5545) for meeting invitations, updates and cancellations.

One event per meeting, whose UID never changes; SEQUENCE rises with each change, so a calendar
that already holds the event replaces it. Times are given in Europe/London with the zone's
definition in the file, so the meeting sits at the right hour on either side of a clock change.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from .models import Meeting

LONDON = ZoneInfo("Europe/London")
REQUEST, CANCEL = "REQUEST", "CANCEL"


def event_uid(meeting: Meeting) -> str:
    return f"{meeting.uid}@{settings.EMAIL_MESSAGE_ID_DOMAIN}"


def meeting_ics(meeting: Meeting, *, method: str = REQUEST, url: str = "") -> str:
    """The meeting's calendar file, the same for everyone invited; `for_attendee` adds each
    person. Built once per meeting, however many people are invited."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//Meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)

    event = Event()
    event.add("uid", event_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", _london(meeting.starts_at))
    event.add("dtend", _london(meeting.ends_at))
    event.add("summary", meeting.title)
    if meeting.location:
        event.add("location", meeting.location)
    reply = url and f"Reply and see the papers: {url}"
    description = "\n\n".join(part for part in [meeting.description, reply] if part)
    if description:
        event.add("description", description)
    if url:
        event.add("url", url)
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{_address(settings.DEFAULT_FROM_EMAIL)}")
    organizer.params["cn"] = vText(settings.SITE_NAME)
    event.add("organizer", organizer)
    calendar.add_component(event)
    # The zone's rules for the years around the meeting: enough for any calendar, and small.
    year = _london(meeting.starts_at).year
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
