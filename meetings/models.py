"""Meetings of one or more panels, where they happen, who is invited and what each one needs.

A meeting's calendar identity (`uid`) never changes; every change of time or place raises its
`sequence`, so calendars replace the event they already hold rather than add a second one.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from members.models import AccessNeedItem, Panel


class Venue(models.Model):
    """A place meetings are held, with what matters for getting in and taking part. Administrators
    keep the list in the admin; coordinators choose from it."""

    name = models.CharField(max_length=200, unique=True)
    address = models.TextField()
    postcode = models.CharField(max_length=12)
    step_free_route = models.BooleanField("step-free route from the street to the room", default=False)
    step_free_notes = models.CharField("about the route", max_length=300, blank=True)
    accessible_toilet = models.BooleanField(default=False)
    hearing_loop = models.BooleanField(default=False)
    parking = models.CharField(
        "accessible parking", max_length=300, blank=True, help_text="Where, and how many spaces. Empty if none."
    )
    quiet_room = models.BooleanField("a quiet room to take a break", default=False)
    accessible_transport = models.CharField(
        "nearest accessible transport", max_length=300, blank=True,
        help_text="For example: Lime Street station (step-free), 5 minutes on the level.",
    )  # fmt: skip
    is_active = models.BooleanField(default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def one_line(self) -> str:
        return ", ".join(
            part.strip() for part in [self.name, *self.address.splitlines(), self.postcode] if part.strip()
        )

    @property
    def access_facts(self) -> list[str]:
        """What the venue has and has not, in words, as the meeting's page lists them."""
        route = "Step-free route" + (f": {self.step_free_notes}" if self.step_free_notes else "")
        facts = [
            route if self.step_free_route else "No step-free route",
            "Accessible toilet" if self.accessible_toilet else "No accessible toilet",
            "Hearing loop" if self.hearing_loop else "No hearing loop",
            f"Accessible parking: {self.parking}" if self.parking else "No accessible parking",
            "A quiet room to take a break" if self.quiet_room else "No quiet room",
        ]
        if self.accessible_transport:
            facts.append(f"Nearest accessible transport: {self.accessible_transport}")
        return facts


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    HYBRID = "hybrid", "In person and online"


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


class Meeting(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(max_length=200)
    panels = models.ManyToManyField(Panel, related_name="meetings")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    format = models.CharField(max_length=10, choices=MeetingFormat.choices, default=MeetingFormat.IN_PERSON)
    venue = models.ForeignKey(Venue, null=True, blank=True, on_delete=models.PROTECT, related_name="meetings")
    room = models.CharField("room or floor", max_length=200, blank=True)
    online_link = models.URLField("joining link", max_length=500, blank=True)
    description = models.TextField("what the meeting is for", blank=True, max_length=4000)
    status = models.CharField(max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED)
    cancelled_reason = models.CharField(max_length=500, blank=True)
    # Raised by every change that invitations already sent must follow (RFC 5545 SEQUENCE).
    sequence = models.PositiveIntegerField(default=0)
    # Reminders to the people coming, this many days before; set from MEETING_REMINDER_DAYS when the
    # meeting is set up, and changed for one meeting on its page.
    reminder_days = models.JSONField(default=list, blank=True)
    # How many times they were changed: reminders set again are new rows, not the ones cancelled.
    reminders_version = models.PositiveIntegerField(default=0)
    papers_released_at = models.DateTimeField(null=True, blank=True)
    minutes = models.TextField(blank=True, max_length=50000)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_it_starts",
                violation_error_message="The meeting must end after it starts.",
            ),
        ]

    def __str__(self) -> str:
        return f"meeting {self.pk}"

    @property
    def minutes_long(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def has_finished(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def in_the_room(self) -> bool:
        return self.format in (MeetingFormat.IN_PERSON, MeetingFormat.HYBRID)

    @property
    def online(self) -> bool:
        return self.format in (MeetingFormat.ONLINE, MeetingFormat.HYBRID)

    @property
    def location(self) -> str:
        """Where it is, in one line, as calendars show it."""
        parts = []
        if self.in_the_room and self.venue_id:
            parts.append(", ".join(p for p in [self.room, self.venue.one_line] if p))
        if self.online and self.online_link:
            parts.append(f"Online: {self.online_link}")
        return "; ".join(parts)


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    details = models.TextField(blank=True, max_length=2000)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"agenda item {self.pk}"


class ItemInterest(models.Model):
    """A member's interest in one item, declared at the meeting and recorded by its coordinator:
    the minutes list every declaration."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="interests")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="item_interests")
    interest = models.CharField("the interest", max_length=500)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["item__order", "recorded_at", "id"]

    def __str__(self) -> str:
        return f"interest {self.pk} in agenda item {self.item_id}"


def paper_path(paper: "Paper", filename: str) -> str:
    return f"meetings/{paper.meeting.uid}/{uuid.uuid4().hex}/{filename}"


class Paper(models.Model):
    """A paper for a meeting, with its accessible versions. Members see papers only once the
    coordinator releases them, and then in every format at the same moment."""

    VERSIONS = {"large_print": "Large print", "easy_read": "Easy read", "audio": "Audio"}

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(max_length=300)
    standard = models.FileField("the paper", upload_to=paper_path, max_length=300)
    large_print = models.FileField(upload_to=paper_path, blank=True, max_length=300)
    easy_read = models.FileField(upload_to=paper_path, blank=True, max_length=300)
    audio = models.FileField(upload_to=paper_path, blank=True, max_length=300)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return f"paper {self.pk}"

    @property
    def missing_versions(self) -> list[str]:
        return [label for name, label in self.VERSIONS.items() if not getattr(self, name)]

    def versions(self) -> list[tuple[str, str]]:
        """(version name, label) of each file this paper has, the standard one first."""
        return [("standard", "Standard")] + [(n, label) for n, label in self.VERSIONS.items() if getattr(self, n)]


class Reply(models.TextChoices):
    NONE = "", "No reply yet"
    ATTENDING = "attending", "Attending"
    NOT_ATTENDING = "not_attending", "Not attending"


class Attendance(models.TextChoices):
    NOT_RECORDED = "", "Not recorded"
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"


class Invitation(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="invitations")
    reply = models.CharField(max_length=14, choices=Reply.choices, blank=True)
    apologies = models.CharField(max_length=500, blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    attendance = models.CharField(max_length=10, choices=Attendance.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="one_invitation_per_person"),
        ]

    def __str__(self) -> str:
        return f"invitation {self.pk}"


class ArrangementStatus(models.TextChoices):
    TO_DO = "to_do", "To do"
    REQUESTED = "requested", "Requested"
    BOOKED = "booked", "Booked"
    CONFIRMED = "confirmed", "Confirmed"
    NOT_POSSIBLE = "not_possible", "Not possible"
    # When a meeting is cancelled, what was requested or booked must be cancelled with the supplier.
    TO_CANCEL = "to_cancel", "To cancel with the supplier"
    CANCELLED = "cancelled", "Cancelled with the supplier"


DONE = (ArrangementStatus.BOOKED, ArrangementStatus.CONFIRMED)


class Arrangement(models.Model):
    """One kind of support a meeting needs, for the people attending who need it: derived from
    their replies and access profiles, then worked by the coordinator. An item nobody needs any
    more is marked so, never silently dropped."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="arrangements")
    item = models.ForeignKey(AccessNeedItem, on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveSmallIntegerField(default=1)
    book_by = models.DateField()
    owner = models.CharField("who arranges it", max_length=200, blank=True)
    status = models.CharField(max_length=14, choices=ArrangementStatus.choices, default=ArrangementStatus.TO_DO)
    status_reason = models.CharField(max_length=500, blank=True)
    still_needed = models.BooleanField(default=True)
    # Who it is for: the invitations of attending people with this need.
    invitations = models.ManyToManyField(Invitation, related_name="arrangements", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["book_by", "item__category", "item__order", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "item"], name="one_arrangement_per_item")]

    def __str__(self) -> str:
        return f"arrangement {self.pk}"

    @property
    def is_done(self) -> bool:
        return self.status in DONE

    @property
    def is_late(self) -> bool:
        unbooked = not self.is_done and self.status not in (ArrangementStatus.TO_CANCEL, ArrangementStatus.CANCELLED)
        return self.still_needed and unbooked and self.book_by < timezone.localdate()
