"""An interview as a calendar event: the plain data `notifications.calendar` builds its file from.

Each interview keeps one UID for its whole life, whichever time it moves to; its SEQUENCE rises
with each change the person is told about, and giving the time up sends METHOD:CANCEL.
"""

from django.conf import settings
from django.urls import reverse

from notifications.calendar import CANCEL, REQUEST, CalendarEvent, event_ics, event_uid, for_attendee

from .models import Interview

__all__ = ["CANCEL", "REQUEST", "interview_attachment", "interview_event", "interview_uid"]


def interview_uid(interview: Interview) -> str:
    return event_uid(f"interview-{interview.pk}")


def interview_event(interview: Interview) -> CalendarEvent:
    slot, application = interview.slot, interview.application
    url = settings.SITE_URL + reverse("recruitment:interview_reply", kwargs={"pk": application.pk})
    joining = f"Join online: {slot.online_link}" if slot.online_link else ""
    description = "\n\n".join(
        part for part in [f"Your reference is {application.reference}.", joining, f"Change or cancel: {url}"] if part
    )
    return CalendarEvent(
        uid=interview_uid(interview), sequence=interview.sequence, starts_at=slot.starts_at, ends_at=slot.ends_at,
        title=f"Interview for the {application.round.panel.name}", location=slot.place or slot.online_link,
        description=description, url=url,
    )  # fmt: skip


def interview_attachment(interview: Interview, email: str, *, method: str = REQUEST) -> dict:
    """The calendar file as a message attachment for the person invited."""
    ics = event_ics(interview_event(interview), method=method, product="Interviews")
    return {
        "filename": "cancelled.ics" if method == CANCEL else "interview.ics",
        "content_type": "text/calendar", "params": {"method": method},
        "content": for_attendee(ics, email),
    }  # fmt: skip
