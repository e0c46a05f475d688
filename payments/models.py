"""Paying members for their time and everyone for what taking part cost them (ADR 0025).

Money is whole pence. A rate is data with the date it takes effect; a claim copies the rate it
used onto its lines, so a later change of rate never changes a claim already made."""

import uuid

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from accounts.models import RecordedMethod
from members.models import Panel

from .money import pounds


class Activity(models.TextChoices):
    MEETING = "meeting", "A panel meeting"
    PREPARATION = "preparation", "Reading and preparing for a meeting"
    WRITTEN = "written", "Answering a written consultation"
    INTERVIEW_PANEL = "interview_panel", "Sitting on an interview panel"
    TRAINING = "training", "Training"


class Unit(models.TextChoices):
    HOUR = "hour", "An hour"
    HALF_DAY = "half_day", "A half day (up to 4 hours)"
    DAY = "day", "A day (up to 8 hours)"
    EACH = "each", "Each time"


# Minutes in each unit of time; "each" pays once whatever the length.
UNIT_MINUTES = {Unit.HOUR: 60, Unit.HALF_DAY: 240, Unit.DAY: 480}


class Rate(models.Model):
    """What an activity pays, from a date. The rate in force on a day is the one with the latest
    start on or before it."""

    activity = models.CharField(max_length=20, choices=Activity.choices)
    unit = models.CharField("paid by", max_length=10, choices=Unit.choices)
    amount_pence = models.PositiveIntegerField("amount in pence")
    effective_from = models.DateField("from")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["activity", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "effective_from"], name="one_rate_per_activity_and_day"),
            models.CheckConstraint(condition=models.Q(amount_pence__gt=0), name="rate_is_more_than_nothing"),
        ]

    def __str__(self) -> str:
        return f"{self.get_activity_display()}: {pounds(self.amount_pence)} {self.get_unit_display().lower()}"


class Choice(models.TextChoices):
    TAKE = "take", "Pay me for my time"
    DECLINE = "decline", "Do not pay me for my time"
    DONATE = "donate", "Give my payment to the panel's chosen charity"


class PaymentChoice(models.Model):
    """A member's choice for one panel: whether they are paid for their time. Expenses are paid
    whatever they choose. Every change is kept, with its date, in the history."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="payment_choices")
    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField("how would you like to be paid?", max_length=10, choices=Choice.choices)
    chosen_at = models.DateTimeField()
    # Time is paid for what happened from this day: empty for a first choice (the claim deadline
    # alone limits it); the day of the change for someone who had declined, so a change is never
    # backdated.
    paid_from = models.DateField(null=True, blank=True)
    # When the person last read the warning about benefits; asked again after a year.
    warning_read_at = models.DateTimeField()
    # How the choice reached us: online by the person, or by post or phone and recorded by staff.
    method = models.CharField(max_length=12, choices=RecordedMethod.choices, default=RecordedMethod.WEB)

    history = HistoricalRecords()

    class Meta:
        ordering = ["panel__name"]
        constraints = [models.UniqueConstraint(fields=["person", "panel"], name="one_payment_choice_per_panel")]

    def __str__(self) -> str:
        return f"payment choice {self.pk}"


class ClaimKind(models.TextChoices):
    INVOLVEMENT = "involvement", "Payment for your time"
    EXPENSES = "expenses", "Expenses"


class ClaimStatus(models.TextChoices):
    DRAFT = "draft", "Not sent yet"
    SUBMITTED = "submitted", "Waiting for approval"
    QUERIED = "queried", "The coordinator has a question"
    APPROVED = "approved", "Approved"
    EXPORTED = "exported", "Being paid"
    PAID = "paid", "Paid"
    REJECTED = "rejected", "Not approved"


class ExportBatch(models.Model):
    """Approved claims sent to the authority's finance system at once, and later marked paid."""

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    paid_on = models.DateField(null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"export {self.pk}"

    @property
    def reference(self) -> str:
        return f"EX{self.pk:05d}"


class Claim(models.Model):
    """What one person is owed for one thing they took part in: their time (made by the service
    from what happened) or their expenses (written by them, or for them by a coordinator)."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="claims")
    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=ClaimKind.choices)
    # What the claim was made from ("meeting:12:34"), so it is never made twice.
    source = models.CharField(max_length=100, blank=True)
    about = models.CharField("what it was for", max_length=200)
    happened_on = models.DateField("when it happened")
    in_advance = models.BooleanField("paid before the journey", default=False)
    donate = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    query = models.CharField("the coordinator's question", max_length=1000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    batch = models.ForeignKey(ExportBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="claims")
    paid_on = models.DateField(null=True, blank=True)
    # Empty for a claim the service made from what happened.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # When retention left it to a stand-in, to be counted only (privacy.retention).
    anonymised_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-happened_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source"], condition=~models.Q(source=""), name="one_claim_for_each_thing_that_happened"
            ),
            models.CheckConstraint(
                condition=models.Q(status="paid", paid_on__isnull=False)
                | (~models.Q(status="paid") & models.Q(paid_on__isnull=True)),
                name="claim_paid_has_a_date",
            ),
            models.CheckConstraint(
                condition=models.Q(batch__isnull=True) | models.Q(status__in=["exported", "paid"]),
                name="claim_in_an_export_is_approved",
            ),
        ]

    def __str__(self) -> str:
        return f"claim {self.pk}"

    @property
    def reference(self) -> str:
        return f"CL{self.pk:06d}"

    @property
    def payee_reference(self) -> str:
        """How the finance system knows the person (their bank details are kept there, not here)."""
        return payee_reference(self.person_id)

    @property
    def is_open(self) -> bool:
        """The person can still change it."""
        return self.status in (ClaimStatus.DRAFT, ClaimStatus.QUERIED)


def payee_reference(person_id: int) -> str:
    return f"EP{person_id:06d}"


class LineKind(models.TextChoices):
    TIME = "time", "Your time"
    FARES = "fares", "Bus, train or tram fares"
    MILEAGE = "mileage", "Mileage in your own vehicle"
    TAXI = "taxi", "Taxi"
    CARER = "carer", "A carer or personal assistant"
    CHILDCARE = "childcare", "Childcare"
    SUBSISTENCE = "subsistence", "Food and drink while away from home"


EXPENSE_KINDS = [kind for kind in LineKind if kind != LineKind.TIME]
# Costs paid back against a receipt (uploaded, or posted and recorded by a coordinator).
NEEDS_RECEIPT = {LineKind.FARES, LineKind.TAXI, LineKind.CARER, LineKind.CHILDCARE, LineKind.SUBSISTENCE}
TRAVEL = {LineKind.FARES, LineKind.MILEAGE, LineKind.TAXI}


def receipt_path(line: "ClaimLine", filename: str) -> str:
    return f"payments/receipts/{uuid.uuid4().hex}/{filename}"


class ClaimLine(models.Model):
    """One amount on a claim, with how it was worked out."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(max_length=12, choices=LineKind.choices)
    activity = models.CharField(max_length=20, choices=Activity.choices, blank=True)
    description = models.CharField(max_length=300, blank=True)
    # Minutes for time paid by the hour; half days, days or times otherwise; miles for mileage.
    quantity = models.PositiveIntegerField(default=1)
    quantity_text = models.CharField(max_length=60, blank=True)
    rate_pence = models.PositiveIntegerField(default=0)
    amount_pence = models.PositiveIntegerField()
    # Why a taxi was needed.
    reason = models.CharField(max_length=500, blank=True)
    receipt = models.FileField(upload_to=receipt_path, blank=True, max_length=200)
    receipt_by_post = models.BooleanField(default=False)
    receipt_received_at = models.DateTimeField(null=True, blank=True)
    receipt_received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_pence__gt=0), name="claim_line_is_more_than_nothing")
        ]

    def __str__(self) -> str:
        return f"claim line {self.pk}"

    @property
    def needs_receipt(self) -> bool:
        return self.kind in NEEDS_RECEIPT

    @property
    def has_receipt(self) -> bool:
        return bool(self.receipt) or self.receipt_received_at is not None

    @property
    def receipt_name(self) -> str:
        return self.receipt.name.rsplit("/", 1)[-1] if self.receipt else ""
