"""What the meetings services share: how a meeting is saved with its history, and what every
message about a meeting says, worked out once for however many people."""

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from meetings import calendar
from meetings.models import (
    Invitation,
    Meeting,
)

logger = logging.getLogger(__name__)


LONDON = ZoneInfo("Europe/London")


def save_with_history(meeting: Meeting, actor: User, reason: str = "", fields: list[str] | None = None) -> None:
    meeting._history_user = actor
    meeting._change_reason = reason
    meeting.full_clean()
    meeting.save(update_fields=fields)


def morning(day: date) -> datetime:
    """Nine in the morning, London time: when reminders and warnings are due on their day."""
    return datetime.combine(day, time(9), tzinfo=LONDON)


def message_key(meeting: Meeting) -> str:
    return f"meeting:{meeting.pk}:"


@dataclass
class About:
    """What every message about one meeting says, worked out once for however many people."""

    topic: str
    reply_to: str  # the panel's mailbox, "" for the service's general one
    details: dict
    agenda: list[str]
    calendars: dict[str, str] = field(default_factory=dict)

    def calendar(self, meeting: Meeting, method: str) -> str:
        if method not in self.calendars:
            url = settings.SITE_URL + self.details["url"]
            self.calendars[method] = calendar.meeting_ics(meeting, method=method, url=url)
        return self.calendars[method]


def about_meeting(meeting: Meeting) -> About:
    panel = meeting.panels.order_by("order").first()
    venue = meeting.venue if meeting.in_the_room else None
    details = {
        "title": meeting.title,
        "when": when_said(meeting),
        "format": meeting.get_format_display(),
        "where": ", ".join(p for p in [meeting.room, venue.one_line] if p) if venue else "",
        "online_link": meeting.online_link if meeting.online else "",
        "access": venue_facts(venue) if venue else [],
        "url": reverse("meetings:my_meeting", kwargs={"pk": meeting.pk}),
    }
    return About(
        topic=panel.topic if panel else "", reply_to=panel.mailbox if panel else "", details=details,
        agenda=list(meeting.agenda.values_list("title", flat=True)),
    )  # fmt: skip


def topic_of(meeting: Meeting) -> str:
    """Messages about a joint meeting are about its first panel, for people's records."""
    panel = meeting.panels.order_by("order").first()
    return panel.topic if panel else ""


def when_said(meeting: Meeting) -> str:
    start, end = timezone.localtime(meeting.starts_at, LONDON), timezone.localtime(meeting.ends_at, LONDON)
    return f"{start:%A %-d %B %Y}, {clock(start)} to {clock(end)}"


def clock(moment: datetime) -> str:
    return f"{moment:%-I:%M%p}".replace(":00", "").replace("AM", "am").replace("PM", "pm")


def details_for(invitation: Invitation, about: About | None = None) -> dict:
    """What every message about the meeting says to this person, as plain data for the outbox."""
    about = about or about_meeting(invitation.meeting)
    return {"name": invitation.person.full_name, **about.details}


def venue_facts(venue) -> list[str]:
    facts = [
        venue.step_free_route and ("Step-free route" + (f": {venue.step_free_notes}" if venue.step_free_notes else "")),
        venue.accessible_toilet and "Accessible toilet",
        venue.hearing_loop and "Hearing loop",
        venue.parking and f"Accessible parking: {venue.parking}",
        venue.quiet_room and "A quiet room to take a break",
        venue.accessible_transport and f"Nearest accessible transport: {venue.accessible_transport}",
    ]
    return [fact for fact in facts if fact]
