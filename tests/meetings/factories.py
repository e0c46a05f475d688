from datetime import timedelta

from django.utils import timezone

from meetings import services
from meetings.models import Meeting, Venue


def a_venue(**kwargs) -> Venue:
    defaults = {
        "name": "Mann Island", "address": "1 Mann Island\nLiverpool", "postcode": "L3 1BP", "step_free_route": True,
        "step_free_notes": "Level entrance on the river side", "accessible_toilet": True, "hearing_loop": True,
        "parking": "2 blue badge spaces", "quiet_room": True,
        "accessible_transport": "James Street station (step-free), 5 minutes on the level",
    }  # fmt: skip
    return Venue.objects.get_or_create(name=kwargs.pop("name", defaults["name"]), defaults={**defaults, **kwargs})[0]


def a_meeting(coordinator, panel, *, days: int = 30, minutes: int = 120, **kwargs) -> Meeting:
    start = (timezone.now() + timedelta(days=days)).replace(hour=10, minute=0, second=0, microsecond=0)
    fields = {"title": f"{panel.name} meeting", "format": "in_person", "venue": a_venue(), **kwargs}
    return services.meeting_create(
        actor=coordinator, panels=[panel], starts_at=start, ends_at=start + timedelta(minutes=minutes), **fields
    )


def in_the_past(meeting: Meeting) -> None:
    """The meeting took place: it ended an hour ago."""
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1)
    )
