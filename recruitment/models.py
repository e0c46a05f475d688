"""Recruitment rounds, applications and their answers.

Equality monitoring answers live in their own table, linked to the application so the person can
see or delete them and reports can count them by stage; they are never shown to staff or reviewers
and are kept out of history tables and the admin. Balance answers (used to build a balanced panel)
are stored only with the person's consent, recorded in the ledger.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from members.models import Panel
from notifications.models import ConsentRecord

from . import categories


class Round(models.Model):
    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="rounds")
    title = models.CharField(max_length=200)
    opens_at = models.DateTimeField("opens")
    closes_at = models.DateTimeField("closes")
    places = models.PositiveSmallIntegerField("number of places")
    role_description = models.TextField(help_text="What the role involves, in plain English.")
    role_description_easy_read = models.TextField("role description in easy read")
    balance_questions = models.JSONField(
        default=list,
        blank=True,
        help_text="Questions asked, with consent, to help build a balanced panel.",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="round_closes_after_opening"
            ),
            models.CheckConstraint(condition=models.Q(places__gte=1), name="round_has_places"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("recruitment:round", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": "The closing date must be after the opening date"})
        unknown = set(self.balance_questions or []) - set(categories.BALANCE_QUESTIONS)
        if unknown:
            raise ValidationError({"balance_questions": f"Unknown balance questions: {', '.join(sorted(unknown))}"})

    def is_open(self, at=None) -> bool:
        at = at or timezone.now()
        return self.opens_at <= at < self.closes_at

    @property
    def state(self) -> str:
        """ "not yet open", "open" or "closed", for pages that say which."""
        now = timezone.now()
        if now < self.opens_at:
            return "not yet open"
        return "open" if now < self.closes_at else "closed"


class Question(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField()
    text = models.CharField("question", max_length=500)
    guidance = models.TextField(blank=True, help_text="Help for answering, shown under the question.")
    word_limit = models.PositiveIntegerField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["round", "order"], name="question_order_unique_in_round")]

    def __str__(self) -> str:
        return f"Question {self.order}"


class Criterion(models.Model):
    """What reviewers score answers against, with the guide to each mark."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200)
    marking_guide = models.TextField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["round", "order"], name="criterion_order_unique_in_round")]

    def __str__(self) -> str:
        return self.name


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    IN_REVIEW = "in_review", "In review"
    SHORTLISTED = "shortlisted", "Shortlisted"
    NOT_SHORTLISTED = "not_shortlisted", "Not shortlisted"
    INVITED = "invited", "Invited to interview"
    INTERVIEWED = "interviewed", "Interviewed"
    APPOINTED = "appointed", "Appointed"
    RESERVE = "reserve", "Reserve"
    UNSUCCESSFUL = "unsuccessful", "Unsuccessful"
    WITHDRAWN = "withdrawn", "Withdrawn"


WITHDRAWABLE = {
    ApplicationStatus.DRAFT,
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.IN_REVIEW,
    ApplicationStatus.SHORTLISTED,
    ApplicationStatus.NOT_SHORTLISTED,
    ApplicationStatus.INVITED,
    ApplicationStatus.INTERVIEWED,
    ApplicationStatus.RESERVE,
}


class AssistedMethod(models.TextChoices):
    PHONE = "phone", "By phone"
    PAPER = "paper", "On paper"
    EMAIL = "email", "By email"
    BSL_VIDEO = "bsl_video", "As a BSL video"


class Application(models.Model):
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="applications")
    status = models.CharField(max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT)
    reference = models.CharField(max_length=20, unique=True, null=True, blank=True)
    local_authority_area = models.CharField(
        "where you live", max_length=20, choices=categories.LocalAuthorityArea.choices, blank=True
    )
    # What the person needs at an interview, in their own words. It may describe health, so it is
    # kept out of the history table.
    interview_adjustments = models.TextField(blank=True)
    declaration_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.CharField(max_length=500, blank=True)
    # A reasonable adjustment: this person may submit after the round closes.
    deadline = models.DateTimeField("personal deadline", null=True, blank=True)
    deadline_reason = models.CharField(max_length=500, blank=True)
    assisted_method = models.CharField(
        "received", max_length=12, choices=AssistedMethod.choices, blank=True,
        help_text="Set when a member of staff recorded the application for the person.",
    )  # fmt: skip
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["interview_adjustments"])

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["round", "applicant"], name="one_application_per_person_per_round"),
        ]
        indexes = [models.Index(fields=["round", "status"], name="application_round_status")]

    def __str__(self) -> str:
        return self.reference or f"draft {self.pk}"

    @property
    def is_assisted(self) -> bool:
        return bool(self.assisted_method)

    def closes_at(self):
        return max(self.round.closes_at, self.deadline) if self.deadline else self.round.closes_at

    def can_be_changed(self, at=None) -> bool:
        at = at or timezone.now()
        return self.status == ApplicationStatus.DRAFT and self.round.opens_at <= at < self.closes_at()


class Answer(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    # PROTECT: a question that has answers cannot be deleted, so no answer is ever orphaned.
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "question"], name="one_answer_per_question"),
        ]

    def __str__(self) -> str:
        return f"answer {self.pk}"


def _choice_field(label: str, choices: list) -> models.CharField:
    return models.CharField(label, max_length=40, choices=categories.with_prefer_not(choices), blank=True)


class MonitoringResponse(models.Model):
    """Optional equality monitoring answers. Never shown to staff, reviewers or in the admin, never
    used for selection, only counted in aggregate. No history table: deleting them deletes them."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="monitoring")
    age_band = _choice_field("Age", categories.AGE_BANDS)
    sex = _choice_field("Sex", categories.SEX)
    gender_same_as_sex = _choice_field(
        "Is the gender you identify with the same as your sex registered at birth?", categories.GENDER_SAME_AS_SEX
    )
    sexual_orientation = _choice_field("Sexual orientation", categories.SEXUAL_ORIENTATION)
    ethnicity = models.CharField(
        "Ethnic group", max_length=40, choices=[*categories.ETHNICITY, categories.PREFER_NOT], blank=True
    )
    disability = _choice_field("Disability", categories.DISABILITY)
    religion = _choice_field("Religion", categories.RELIGION)
    caring = _choice_field("Caring responsibilities", categories.CARING)
    answered_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"monitoring response {self.pk}"


class BalanceResponse(models.Model):
    """Answers the person agreed may be used to build a balanced panel; stored only with that
    consent (the ledger row it rests on)."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="balance")
    answers = models.JSONField(default=dict)
    consent = models.ForeignKey(ConsentRecord, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"balance response {self.pk}"
