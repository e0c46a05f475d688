"""A meeting as a calendar event: the plain data `notifications.calendar` builds its file from.

The meeting's UID never changes (it comes from the meeting's own uuid); its SEQUENCE rises with
each change people are told about.
"""

from notifications.calendar import CANCEL, REQUEST, CalendarEvent, event_ics, event_uid, for_attendee

from .models import Meeting

__all__ = ["CANCEL", "REQUEST", "for_attendee", "meeting_event", "meeting_ics", "meeting_uid"]


def meeting_uid(meeting: Meeting) -> str:
    return event_uid(str(meeting.uid))


def meeting_event(meeting: Meeting, *, url: str = "") -> CalendarEvent:
    reply = url and f"Reply and see the papers: {url}"
    description = "\n\n".join(part for part in [meeting.description, reply] if part)
    return CalendarEvent(
        uid=meeting_uid(meeting), sequence=meeting.sequence, starts_at=meeting.starts_at,
        ends_at=meeting.ends_at, title=meeting.title, location=meeting.location or "",
        description=description, url=url,
    )  # fmt: skip


def meeting_ics(meeting: Meeting, *, method: str = REQUEST, url: str = "") -> str:
    """The meeting's calendar file, the same for everyone invited."""
    return event_ics(meeting_event(meeting, url=url), method=method, product="Meetings")
