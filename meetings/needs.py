"""How an access need turns into an arrangement for a meeting: whether it matters there, how many
are needed and by when they must be booked. Pure functions of the catalogue item and the meeting,
used by the arrangements services and their tests."""

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from members.models import AccessNeedCategory, AccessNeedItem, Provision

from .models import Meeting

LONDON = ZoneInfo("Europe/London")


def relevant(item: AccessNeedItem, meeting: Meeting) -> bool:
    """Physical access and food matter only in the room; online needs only online."""
    if item.category in (AccessNeedCategory.PHYSICAL, AccessNeedCategory.DIETARY):
        return meeting.in_the_room
    if item.category == AccessNeedCategory.ONLINE:
        return meeting.online
    return True


def quantity_for(item: AccessNeedItem, people: int, minutes: int) -> int:
    """How many: once for everyone, one per person, or by the item's rule (two BSL interpreters
    for a meeting over an hour, however many people need them)."""
    if item.provision == Provision.ONCE:
        return 1
    if item.provision == Provision.PER_PERSON:
        return people
    if item.long_meeting_minutes and minutes > item.long_meeting_minutes:
        return item.long_meeting_quantity or item.quantity
    return item.quantity


def book_by(item: AccessNeedItem, meeting: Meeting) -> date:
    return timezone.localtime(meeting.starts_at, LONDON).date() - timedelta(days=item.lead_time_days)
