import calendar
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from accounts.models import TOLD_US


class RequestKind(models.TextChoices):
    ACCESS = "access", "Access: a copy of everything we hold"
    RECTIFICATION = "rectification", "Rectification: correct something wrong"
    ERASURE = "erasure", "Erasure: delete what we hold"
    RESTRICTION = "restriction", "Restriction: stop using it for now"
    OBJECTION = "objection", "Objection: stop using it for a purpose"


class RequestStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Answered"
    REFUSED = "refused", "Refused"


def one_month_after(day: date) -> date:
    """The deadline for answering a request received on `day`: the same date in the next month,
    or that month's last day when it has no such date (received 31 January, due 28 February)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class DataRequest(models.Model):
    """A person's data protection request, as an administrator logged it: what they asked for,
    when it reached us and how we checked it was them. It must be answered within a month."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="data_requests")
    kind = models.CharField("what they ask for", max_length=14, choices=RequestKind.choices)
    received_on = models.DateField("when it reached us")
    received_how = models.CharField("how it reached us", max_length=12, choices=TOLD_US)
    identity_check = models.CharField("how we checked it is them", max_length=500)
    details = models.TextField("what they asked, in their words", blank=True, max_length=4000)
    due_on = models.DateField("reply by")
    status = models.CharField(max_length=8, choices=RequestStatus.choices, default=RequestStatus.OPEN)
    outcome = models.TextField("what we did", blank=True, max_length=4000)
    closed_at = models.DateTimeField(null=True, blank=True)
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    logged_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"data protection request {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == RequestStatus.OPEN

    def days_left(self, today: date | None = None) -> int:
        return (self.due_on - (today or timezone.localdate())).days


class RetentionKind(models.TextChoices):
    UNSUCCESSFUL_APPLICATIONS = "unsuccessful_applications", "Applications that are not successful"
    FORMER_MEMBERSHIPS = "former_memberships", "Members' records"
    REMOVED_ACCESS_NEEDS = "removed_access_needs", "Access needs that were removed"
    MESSAGE_WORDS = "message_words", "The words of messages we sent"
    REFUSED_OFFICERS = "refused_officers", "Officer registrations we refused"
    WRITTEN_ANSWERS = "written_answers", "Members' written answers to the panels"
    PAYMENT_RECORDS = "payment_records", "Payment and expense claims"


class RetentionAction(models.TextChoices):
    ANONYMISE = "anonymise", "Anonymise"
    DELETE = "delete", "Delete"


class RetentionRule(models.Model):
    """How long one kind of record keeps the person it is about, from which event, and what then
    happens to it. Administrators change the period and the action; the privacy notice's section
    on keeping information is written from these rows (privacy.retention)."""

    kind = models.CharField(max_length=30, choices=RetentionKind.choices, unique=True)
    months = models.PositiveSmallIntegerField("how many months")
    action = models.CharField("then", max_length=10, choices=RetentionAction.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.get_kind_display()


class LegalHold(models.Model):
    """Nothing about the person is anonymised or deleted while a hold is in place: a claim, a
    complaint or an investigation needs what we hold kept as it is."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="legal_holds")
    reason = models.CharField("why it must be kept", max_length=500)
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField(auto_now_add=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"legal hold {self.pk}"


class ErasureRecord(models.Model):
    """The tombstone of an erasure: which request, when, which member of staff confirmed it, and
    how many of each kind of record went or had to stay (and why). Nothing about the person."""

    request = models.OneToOneField(DataRequest, on_delete=models.PROTECT, related_name="erasure")
    removed = models.JSONField(default=list)  # [label, count] pairs
    kept = models.JSONField(default=list)  # [label, count, why]
    erased_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    erased_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"erasure for request {self.request_id}"
