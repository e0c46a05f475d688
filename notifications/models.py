"""The outbox of messages and the consent ledger.

The outbox is the only way anything leaves the building: a row is written in the transaction that
caused it and delivered after commit. The consent ledger is append-only: a change of mind is a new
row, never an edit.
"""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from accounts.models import TOLD_US, ContactChannel, ContactFormat


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"
    PHONE = "phone", "Phone call"


class MessageStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    SUPPRESSED = "suppressed", "Suppressed"
    CANCELLED = "cancelled", "Cancelled"


class RowByRowJSONField(models.JSONField):
    """JSON inserted row by row in a bulk insert. Django inserts many rows into PostgreSQL as arrays
    (UNNEST), and psycopg escapes each large JSON value into the array literal in Python: for a
    thousand invitations, each carrying its calendar file, that escaping cost more than building the
    rows. A placeholder of its own makes Django use plain VALUES rows for this table instead."""

    def get_placeholder(self, value, compiler, connection):
        return "%s"


class Message(models.Model):
    idempotency_key = models.CharField(max_length=200, unique=True)
    # The left part of the Message-ID header, from the key: how a bounce the email provider reports
    # later finds its message.
    header_digest = models.CharField(max_length=40, blank=True, db_index=True)
    kind = models.CharField(max_length=120)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="messages"
    )
    # Kept apart from the person so that a message to an address with no account (allauth's
    # "no account with this address" notice) can still be sent.
    to_address = models.EmailField(blank=True)
    # The way it goes (or went): chosen when queued from the person's preference, and chosen again
    # from the preference in force when it is delivered (notifications.routing).
    channel = models.CharField(max_length=10, choices=Channel.choices)
    # Staff chose the channel for this message (sent again another way, or by post after calls
    # that did not reach them): a later change of preference leaves it as they chose.
    channel_fixed = models.BooleanField(default=False)
    # The format it was delivered in (large print, easy read...), from the preference in force then.
    delivered_format = models.CharField(max_length=20, choices=ContactFormat.choices, blank=True)
    # The consent purpose this kind of message needs (from its kind), kept on the row so delivery
    # can check the consent in force in the same statement that claims the row.
    purpose = models.CharField(max_length=40, blank=True)
    # What the message is about, in the sending app's own terms (a panel is "panel:<id>"), so that a
    # person's record shows staff only the messages about what they look after.
    topic = models.CharField(max_length=60, blank=True)
    # What the message belongs to, for counting how the messages about it went ("round:<id>"): named
    # by the sending app, where its messages' keys do not already begin alike.
    reference = models.CharField(max_length=60, blank=True, db_index=True)
    # Where a reply to the email goes (the From address is not read): the mailbox of the panel it
    # is about, or the service's general one (notifications.topics), found when it is queued.
    reply_to = models.EmailField(blank=True)
    status = models.CharField(max_length=12, choices=MessageStatus.choices, default=MessageStatus.QUEUED)
    # Why a row was suppressed or cancelled, in words a coordinator can act on.
    status_reason = models.CharField(max_length=300, blank=True)
    due_at = models.DateTimeField(default=timezone.now)
    # When a delivery task was last published for the row; the sweep republishes rows whose task
    # seems lost (the broker was down, or the worker died before acknowledging).
    enqueued_at = models.DateTimeField(null=True, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    # A new token with every claim. Only the worker holding the current token may record how its
    # send ended: one whose claim ran out and was taken back is refused, so a slow send cannot be
    # finished by two workers.
    claim_token = models.UUIDField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # When delivery was first tried: failures are retried with backoff until OUTBOX_RETRY_FOR_HOURS
    # after it, then the message has failed.
    first_tried_at = models.DateTimeField(null=True, blank=True)
    # Times a worker stopped while holding the row (killed, or out of memory): a message that keeps
    # stopping workers is given up after OUTBOX_MAX_LOST_CLAIMS.
    lost_claims = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    context = RowByRowJSONField(default=dict, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    body_text = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The rendered copy and the context may hold secrets until sent; history must never keep them.
    history = HistoricalRecords(excluded_fields=["context", "subject", "body_text", "body_html"])

    class Meta:
        indexes = [
            models.Index(fields=["status", "due_at"], name="outbox_status_due"),
            models.Index(fields=["channel", "status"], name="outbox_channel_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(channel="email", to_address=""), name="outbox_email_has_address"
            ),
        ]

    def __str__(self) -> str:
        return f"message {self.pk} ({self.kind})"

    @property
    def kind_label(self) -> str:
        """What the message is, in words."""
        from .kinds import label  # the kinds module describes messages, so it imports this one

        return label(self.kind)

    @staticmethod
    def digest_of(idempotency_key: str) -> str:
        return hashlib.sha256(idempotency_key.encode()).hexdigest()[:40]

    @property
    def message_id(self) -> str:
        """The RFC 5322 Message-ID, derived from the idempotency key so that a resend after a crash
        carries the same identifier and can be recognised as a duplicate."""
        return f"<{self.digest_of(self.idempotency_key)}@{settings.EMAIL_MESSAGE_ID_DOMAIN}>"


class ConsentPurpose(models.TextChoices):
    FUTURE_OPPORTUNITIES = "future_opportunities", "Hearing about future opportunities"
    SHARE_ACCESS_NEEDS = "share_access_needs", "Sharing access needs with an interpreter agency or venue"
    BALANCE_SELECTION = "balance_selection", "Using answers to help build a balanced panel"
    PUBLISH_NAME_PHOTO = "publish_name_photo", "Publishing a member's name or photo"


class ConsentWording(models.Model):
    """The words a person was shown when asked. A change of wording is a new version, so the ledger
    can always say exactly what someone agreed to."""

    purpose = models.CharField(max_length=40, choices=ConsentPurpose.choices)
    version = models.PositiveSmallIntegerField()
    text = models.TextField()
    published_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["purpose", "version"], name="consent_wording_purpose_version"),
        ]
        ordering = ["purpose", "-version"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} (version {self.version})"


class ConsentDecision(models.TextChoices):
    GIVEN = "given", "Given"
    WITHDRAWN = "withdrawn", "Withdrawn"


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError(f"{self.model.ledger_name} cannot be changed; record a new decision instead.")

    def delete(self):
        raise ValidationError(f"{self.model.ledger_name} cannot be deleted.")


class AppendOnly(models.Model):
    """A row of a ledger: written once, never changed or deleted. Enforced here and, on
    PostgreSQL, by a trigger, so not even a stray query can rewrite what someone decided."""

    ledger_name = "Ledger records"

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(f"{self.ledger_name} cannot be changed; record a new decision instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(f"{self.ledger_name} cannot be deleted.")


class ConsentRecord(AppendOnly):
    """One decision by one person about one purpose. Append-only."""

    ledger_name = "Consent records"

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="consents")
    purpose = models.CharField(max_length=40, choices=ConsentPurpose.choices)
    wording = models.ForeignKey(ConsentWording, on_delete=models.PROTECT, related_name="records")
    decision = models.CharField(max_length=10, choices=ConsentDecision.choices)
    method = models.CharField(max_length=12, choices=TOLD_US)
    # The member of staff who recorded a decision made on paper, by phone or in person; empty when
    # the person recorded it themselves online.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Someone who made the decision for the person (an appointee, a carer with authority).
    on_behalf_by = models.CharField("decided on the person's behalf by", max_length=200, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    # The record's place in the person's chain of decisions, and the hashes that link it to the one
    # before (notifications.ledger): a change, a gap or an insertion shows.
    sequence = models.PositiveIntegerField()
    previous_hash = models.CharField(max_length=64)
    row_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["recorded_at", "id"]
        indexes = [models.Index(fields=["person", "purpose", "recorded_at"], name="consent_person_purpose")]
        constraints = [
            models.UniqueConstraint(fields=["person", "sequence"], name="consent_person_sequence"),
        ]

    def __str__(self) -> str:
        return f"consent {self.pk}: {self.purpose} {self.decision} for person {self.person_id}"

    @property
    def receipt_number(self) -> str:
        """The number printed on the receipt: the person and the decision's place in their chain,
        so it never changes and names no one."""
        return f"C-{self.person_id:06d}-{self.sequence:04d}"


class ContactPreferenceRecord(AppendOnly):
    """How a person asked to hear from us (channel and format), from a moment on. Kept like the
    consent ledger: a change of mind is a new row. The person's current choice is also kept on
    their account, which delivery reads; both are written in one transaction."""

    ledger_name = "Contact preference records"

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contact_preferences")
    channel = models.CharField("how to contact", max_length=10, choices=ContactChannel.choices)
    format = models.CharField(max_length=12, choices=ContactFormat.choices)
    method = models.CharField(max_length=12, choices=TOLD_US)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    on_behalf_by = models.CharField("decided on the person's behalf by", max_length=200, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "id"]
        indexes = [models.Index(fields=["person", "recorded_at"], name="preference_person_recorded")]

    def __str__(self) -> str:
        return f"contact preference {self.pk} for person {self.person_id}"


class CallOutcome(models.TextChoices):
    REACHED = "reached", "Spoke to them"
    NOT_REACHED = "not_reached", "Could not reach them"


class CallAttempt(models.Model):
    """One try at a call a message became for a person who asked to be phoned: what happened, and
    the caller's notes. Two tries without reaching them and the message goes by post instead."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="call_attempts")
    outcome = models.CharField(max_length=12, choices=CallOutcome.choices)
    notes = models.TextField(max_length=2000, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return f"call attempt {self.pk} ({self.outcome})"


class BslVideo(models.Model):
    """A British Sign Language video of what a kind of message says, recorded by the authority and
    set by an administrator: people who asked for BSL get a link to it with the message."""

    kind = models.CharField("message kind", max_length=120, unique=True)
    url = models.URLField("link to the video", max_length=500)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "BSL video"
        ordering = ["kind"]

    def __str__(self) -> str:
        return f"BSL video for {self.kind}"
