"""Calendar files from plain data (notifications/calendar.py): one builder that meetings and
interviews share, knowing nothing of either."""

from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar

from notifications.calendar import CANCEL, CalendarEvent, event_ics, event_uid, for_attendee

LONDON = ZoneInfo("Europe/London")
SUMMER = CalendarEvent(
    uid=event_uid("interview-7"), sequence=2, title="Interview for the Race Panel",
    starts_at=datetime(2027, 6, 1, 10, 0, tzinfo=LONDON), ends_at=datetime(2027, 6, 1, 10, 45, tzinfo=LONDON),
    location="Mann Island, Liverpool", description="A step-free room.", url="https://example.org/i/7",
)  # fmt: skip


def test_an_event_keeps_its_uid_and_sequence_at_the_hour_it_happens_in_london():
    (event,) = icalendar.Calendar.from_ical(event_ics(SUMMER, product="Interviews")).walk("VEVENT")
    assert str(event["uid"]).startswith("interview-7@")
    assert event["sequence"] == 2 and str(event["status"]) == "CONFIRMED"
    assert event.decoded("dtstart") == datetime(2027, 6, 1, 10, 0, tzinfo=LONDON)
    assert event["dtstart"].params["TZID"] == "Europe/London"
    assert str(event["location"]) == "Mann Island, Liverpool"


def test_a_cancellation_says_so_and_each_attendee_is_added_without_asking_for_a_reply():
    ics = for_attendee(event_ics(SUMMER, method=CANCEL), "a.person.with.a.rather.long.address@example.org")
    calendar = icalendar.Calendar.from_ical(ics)
    assert str(calendar["method"]) == "CANCEL"
    (event,) = calendar.walk("VEVENT")
    assert str(event["status"]) == "CANCELLED"
    assert str(event["attendee"]) == "mailto:a.person.with.a.rather.long.address@example.org"
    assert event["attendee"].params["RSVP"] == "FALSE"
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))
