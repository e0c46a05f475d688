"""Recruitment rounds, applications and their answers.

Equality monitoring answers live in their own table, linked to the application so the person can
see or delete them and reports can count them by stage; they are never shown to staff or reviewers
and are kept out of history tables and the admin. Balance answers (used to build a balanced panel)
are stored only with the person's consent, recorded in the ledger.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from accounts.models import APPLICATION_RECEIVED
from members.models import Membership, Panel
from notifications.models import ConsentRecord

from . import categories


class RoundStatus(models.TextChoices):
    """Where a round is in its life. Each move is a service (recruitment/services/rounds.py).
    Whether a published round is not yet open, open or closed is read from its dates against the
    clock, so nothing has to run at the closing moment for a round to close."""

    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    IN_REVIEW = "in_review", "In review"
    DECIDING = "deciding", "Deciding"
    RELEASED = "released", "Outcomes released"
    ARCHIVED = "archived", "Archived"


# Someone given a personal deadline may still finish after closing: review makes room for them.
TAKES_LATE_APPLICATIONS = (RoundStatus.PUBLISHED, RoundStatus.IN_REVIEW, RoundStatus.DECIDING)


class Round(models.Model):
    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="rounds")
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=20, choices=RoundStatus.choices, default=RoundStatus.DRAFT)
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
    # Review: how many reviewers read each application, the scale each criterion is scored on, and
    # how far apart reviewers' totals may be before a coordinator moderates.
    reviewers_per_application = models.PositiveSmallIntegerField("reviewers for each application", default=2)
    score_max = models.PositiveSmallIntegerField(
        "highest score", default=4, help_text="Each criterion is scored from 0 to this number."
    )
    disagreement_threshold = models.DecimalField(
        "moderation threshold", max_digits=5, decimal_places=1, default=3,
        help_text="Flag an application when reviewers' total scores differ by more than this.",
    )  # fmt: skip
    review_started_at = models.DateTimeField(null=True, blank=True)
    term_years = models.PositiveSmallIntegerField("length of term in years", default=3)
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
            models.CheckConstraint(
                condition=models.Q(reviewers_per_application__gte=1), name="round_has_reviewers_per_application"
            ),
            models.CheckConstraint(condition=models.Q(score_max__gte=1), name="round_score_scale_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("recruitment:round", kwargs={"pk": self.pk})

    @property
    def message_reference(self) -> str:
        """How the outbox marks messages to the round's applicants, to count how they went."""
        return f"round:{self.pk}"

    def clean(self) -> None:
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": "The closing date must be after the opening date"})
        unknown = set(self.balance_questions or []) - set(categories.BALANCE_QUESTIONS)
        if unknown:
            raise ValidationError({"balance_questions": f"Unknown balance questions: {', '.join(sorted(unknown))}"})

    def is_open(self, at=None) -> bool:
        at = at or timezone.now()
        return self.status == RoundStatus.PUBLISHED and self.opens_at <= at < self.closes_at

    def has_closed(self, at=None) -> bool:
        """Published and past its closing date, or further on: it never takes applications again
        (except from someone given a personal deadline)."""
        if self.status == RoundStatus.DRAFT:
            return False
        return self.status != RoundStatus.PUBLISHED or self.closes_at <= (at or timezone.now())

    def questions_can_change(self) -> bool:
        """Questions are added, moved and removed only until anyone starts applying: their answers
        are to these questions. The wording can still be corrected."""
        return self.status != RoundStatus.ARCHIVED and not self.applications.exists()

    @property
    def criteria_can_change(self) -> bool:
        """Criteria are fixed once review starts: scores already sent would not add up."""
        return self.status in (RoundStatus.DRAFT, RoundStatus.PUBLISHED)

    @property
    def state(self) -> str:
        """What the public is told: "not yet open", "open" or "closed" (for a draft, in its
        preview, what they will be told once it is published)."""
        now = timezone.now()
        if self.status not in (RoundStatus.DRAFT, RoundStatus.PUBLISHED) or self.closes_at <= now:
            return "closed"
        return "not yet open" if now < self.opens_at else "open"

    @property
    def stage(self) -> str:
        """Where the round is, for staff: "draft", "not yet open", "open", "closed", "in review",
        "deciding", "outcomes released" or "archived"."""
        if self.status == RoundStatus.PUBLISHED:
            return self.state
        return RoundStatus(self.status).label.lower()


class Question(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField()
    text = models.CharField("question", max_length=500)
    easy_read = models.TextField(
        "the question in easy read", blank=True, max_length=1000,
        help_text="Short sentences and everyday words. Shown beside the question, and on the round's easy read page.",
    )  # fmt: skip
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


# What an applicant has been told, and what is still waiting for the coordinator to release.
OUTCOMES = {
    ApplicationStatus.NOT_SHORTLISTED,
    ApplicationStatus.APPOINTED,
    ApplicationStatus.RESERVE,
    ApplicationStatus.UNSUCCESSFUL,
}


# Outcomes that end an application once the person has been told.
FINAL_OUTCOMES = {ApplicationStatus.NOT_SHORTLISTED, ApplicationStatus.APPOINTED, ApplicationStatus.UNSUCCESSFUL}


class DecisionReason(models.TextChoices):
    MET_CRITERIA = "met_criteria", "Met the criteria"
    CRITERIA_NOT_MET = "criteria_not_met", "Did not show enough of the criteria"
    BELOW_CUTOFF = "below_cutoff", "Scored below the shortlisting cut-off"
    INTERVIEW_SCORE = "interview_score", "Interview score"
    PLACES = "places", "More strong candidates than places"
    BALANCE = "balance", "Balance of the panel"
    INELIGIBLE = "ineligible", "Did not meet the eligibility requirements"
    SELECTED = "selected", "Selected for the panel"
    RESERVE_LIST = "reserve_list", "Placed on the reserve list"
    NO_INTERVIEW = "no_interview", "Did not take up the interview"


_S, _R = ApplicationStatus, DecisionReason
# The reasons that fit each outcome, as a structured list (with the coordinator's note in their own
# words beside it): a reason that contradicts the outcome ("not shortlisted: met the criteria")
# cannot be recorded, so the trail always explains itself.
REASONS_FOR = {
    _S.SHORTLISTED: [_R.MET_CRITERIA],
    _S.NOT_SHORTLISTED: [_R.CRITERIA_NOT_MET, _R.BELOW_CUTOFF, _R.PLACES, _R.INELIGIBLE],
    _S.INVITED: [_R.MET_CRITERIA],
    _S.INTERVIEWED: [_R.INTERVIEW_SCORE],
    _S.APPOINTED: [_R.SELECTED, _R.INTERVIEW_SCORE, _R.BALANCE],
    _S.RESERVE: [_R.RESERVE_LIST, _R.PLACES, _R.BALANCE],
    _S.UNSUCCESSFUL: [_R.INTERVIEW_SCORE, _R.PLACES, _R.BALANCE, _R.INELIGIBLE, _R.NO_INTERVIEW],
}
# Someone invited who never had an interview can only be unsuccessful for one of these.
REASONS_WITHOUT_INTERVIEW = [_R.NO_INTERVIEW, _R.INELIGIBLE]


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
        "received", max_length=12, choices=APPLICATION_RECEIVED, blank=True,
        help_text="Set when a member of staff recorded the application for the person.",
    )  # fmt: skip
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # What reviewers call the application: random, so it says nothing about the person or the order
    # in which people applied.
    review_code = models.CharField(max_length=8, blank=True)
    moderated_score = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    moderation_reason = models.CharField(max_length=1000, blank=True)
    # The decision at each stage, with a reason from a fixed list; released to the person in a batch.
    decision_reason = models.CharField(max_length=20, choices=DecisionReason.choices, blank=True)
    decision_note = models.CharField("note for the record", max_length=1000, blank=True)
    feedback = models.TextField("feedback for the applicant", blank=True, max_length=2000)
    outcome_released_at = models.DateTimeField(null=True, blank=True)
    # The outcome the person was last told. A reserve appointed later is told again.
    released_status = models.CharField(max_length=20, choices=ApplicationStatus.choices, blank=True)
    membership = models.OneToOneField(
        Membership, null=True, blank=True, on_delete=models.PROTECT, related_name="application"
    )
    # When retention left the application to no one (recruitment.services.retention).
    anonymised_at = models.DateTimeField(null=True, blank=True)
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
    def is_outcome(self) -> bool:
        return self.status in OUTCOMES

    @property
    def outcome_pending(self) -> bool:
        """Decided, and the person not yet told."""
        return self.status in OUTCOMES and self.status != self.released_status

    @property
    def stage_for_applicant(self) -> str:
        """The status as far as the person has been told: a decision not yet released reads as the
        stage before it, and being shortlisted is not told on its own."""
        status = ApplicationStatus(self.status)
        if self.outcome_pending:
            if self.released_status:
                return ApplicationStatus(self.released_status)
            return (
                ApplicationStatus.INTERVIEWED
                if status != ApplicationStatus.NOT_SHORTLISTED
                else ApplicationStatus.IN_REVIEW
            )
        if status == ApplicationStatus.SHORTLISTED:
            return ApplicationStatus.IN_REVIEW
        return status

    @property
    def status_for_applicant(self) -> str:
        """What the person has been told, in words."""
        stage = self.stage_for_applicant
        if stage == ApplicationStatus.IN_REVIEW:
            return "Being considered"
        if stage == ApplicationStatus.SUBMITTED:
            return "Sent"
        return ApplicationStatus(stage).label

    @property
    def can_be_withdrawn(self) -> bool:
        """Whether withdrawing still means something, as the person sees it: until an outcome is
        released they may withdraw whatever was decided (refusing would tell them the decision);
        once told they were not shortlisted, unsuccessful or appointed, there is nothing to withdraw
        from. A reserve may still ask to come off the list."""
        if self.status == ApplicationStatus.WITHDRAWN:
            return False
        if self.outcome_pending:
            return True
        return self.status in WITHDRAWABLE and self.status not in FINAL_OUTCOMES

    @property
    def is_assisted(self) -> bool:
        return bool(self.assisted_method)

    def closes_at(self):
        return max(self.round.closes_at, self.deadline) if self.deadline else self.round.closes_at

    def can_be_changed(self, at=None) -> bool:
        at = at or timezone.now()
        round_ = self.round
        return (
            self.status == ApplicationStatus.DRAFT
            and round_.status in TAKES_LATE_APPLICATIONS
            and round_.opens_at <= at < self.closes_at()
        )


class Answer(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    # PROTECT: a question that has answers cannot be deleted, so no answer is ever orphaned.
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(blank=True)
    # What reviewers read when the answer gives the person away: the coordinator's copy with the
    # passage removed. The original is kept, for coordinators only.
    redacted_text = models.TextField(blank=True)
    # Which of the person's own details the answer contains ("name", "email", "phone"), found when
    # review starts.
    identifies = models.CharField(max_length=100, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "question"], name="one_answer_per_question"),
        ]

    def __str__(self) -> str:
        return f"answer {self.pk}"

    @property
    def for_review(self) -> str:
        return self.redacted_text or self.text

    @property
    def needs_redaction(self) -> bool:
        return bool(self.identifies) and not self.redacted_text


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


class ReviewAssignment(models.Model):
    """One reviewer's review of one application. A declared conflict ends the assignment (it is kept,
    so coordinators see every declaration) and keeps that reviewer away from the person."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="assignments")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="review_assignments")
    # Each reviewer reads their applications in their own random order.
    position = models.PositiveIntegerField()
    assigned_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    conflict_declared_at = models.DateTimeField(null=True, blank=True)
    conflict_reason = models.CharField(max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="one_assignment_per_reviewer"),
            models.CheckConstraint(
                condition=models.Q(submitted_at__isnull=True) | models.Q(conflict_declared_at__isnull=True),
                name="assignment_submitted_or_conflicted",
            ),
        ]
        indexes = [models.Index(fields=["reviewer", "conflict_declared_at"], name="assignment_reviewer")]

    def __str__(self) -> str:
        return f"assignment {self.pk}"

    @property
    def is_active(self) -> bool:
        return self.conflict_declared_at is None


class Score(models.Model):
    assignment = models.ForeignKey(ReviewAssignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    score = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True, max_length=2000)

    history = HistoricalRecords()

    class Meta:
        ordering = ["criterion__order"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="one_score_per_criterion"),
        ]

    def __str__(self) -> str:
        return f"score {self.pk}"


class RoundInterviewer(models.Model):
    """Someone asked to interview in one round: the panel's coordinators and reviewers, or a member
    (the chair, say). Only they may be put on an interview time, and they score only the interviews
    at the times they are on."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="interviewers")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="interviewing")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["round", "person"], name="one_interviewer_role_per_round")]

    def __str__(self) -> str:
        return f"interviewer {self.pk}"


class InterviewSlot(models.Model):
    """A time set aside for one interview: when, where or the joining link, and who interviews."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="interview_slots")
    starts_at = models.DateTimeField("date and time")
    minutes = models.PositiveSmallIntegerField("length in minutes", default=45)
    place = models.CharField("place", max_length=300, blank=True)
    online_link = models.URLField("online joining link", blank=True)
    interviewers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="interview_slots")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(place="", online_link=""), name="slot_has_place_or_link"),
            models.CheckConstraint(condition=models.Q(minutes__gte=10), name="slot_at_least_ten_minutes"),
        ]

    def __str__(self) -> str:
        return f"interview time {self.pk}"

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.minutes)

    @property
    def where(self) -> str:
        return " or ".join(part for part in [self.place, self.online_link and "online"] if part)


class InterviewState(models.TextChoices):
    CHOOSING = "choosing", "Choosing a time"
    BOOKED = "booked", "Booked"
    DECLINED = "declined", "Declined"
    REARRANGE = "rearrange", "Asked to rearrange"


class Interview(models.Model):
    """One shortlisted person's interview: the time booked (by them, or for them), their reply,
    what will be arranged for them, and the score combined from the interviewers' scorecards."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="interview")
    slot = models.OneToOneField(
        InterviewSlot, null=True, blank=True, on_delete=models.PROTECT, related_name="interview"
    )
    state = models.CharField(max_length=10, choices=InterviewState.choices, default=InterviewState.CHOOSING)
    # When the person agreed the time: at once when they chose it, later when staff chose it for them.
    accepted_at = models.DateTimeField(null=True, blank=True)
    # Why they declined or want another time, in their own words (it may be about health, so it is
    # kept out of the history table).
    reply_note = models.TextField(blank=True, max_length=1000)
    # Each change the person is told about raises this, so their calendar replaces the event.
    sequence = models.PositiveIntegerField(default=0)
    # What will be in place for the person, confirmed to them and shown to their interviewers. It
    # may describe health, so it is kept out of the history table.
    adjustments_confirmed = models.TextField("adjustments we will make", blank=True, max_length=2000)
    score = models.DecimalField("interview score", max_digits=5, decimal_places=1, null=True, blank=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    invited_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["adjustments_confirmed", "reply_note"])

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state="booked", slot__isnull=False)
                | (~models.Q(state="booked") & models.Q(slot__isnull=True)),
                name="interview_booked_has_a_time",
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=0, score__lte=100),
                name="interview_score_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"interview {self.pk}"

    @property
    def is_booked(self) -> bool:
        return self.state == InterviewState.BOOKED

    @property
    def waiting_for_acceptance(self) -> bool:
        return self.is_booked and self.accepted_at is None

    @property
    def has_started(self) -> bool:
        return self.slot_id is not None and self.slot.starts_at <= timezone.now()


class InterviewScorecard(models.Model):
    """One interviewer's scores for one interview, on the round's criteria. Sent once; until then
    they see nobody else's."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="scorecards")
    interviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    conflict_declared_at = models.DateTimeField(null=True, blank=True)
    conflict_reason = models.CharField(max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["interview", "interviewer"], name="one_scorecard_per_interviewer"),
            models.CheckConstraint(
                condition=models.Q(submitted_at__isnull=True) | models.Q(conflict_declared_at__isnull=True),
                name="scorecard_submitted_or_conflicted",
            ),
        ]

    def __str__(self) -> str:
        return f"scorecard {self.pk}"


class InterviewScore(models.Model):
    scorecard = models.ForeignKey(InterviewScorecard, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="interview_scores")
    score = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True, max_length=2000)

    history = HistoricalRecords()

    class Meta:
        ordering = ["criterion__order"]
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "criterion"], name="one_interview_score_per_criterion"),
        ]

    def __str__(self) -> str:
        return f"interview score {self.pk}"


class SelectionMethod(models.TextChoices):
    BEST_BY_SCORE = "best_by_score", "Best by score"
    LOTTERY = "lottery", "Fair lottery above a merit bar"
    REPLACEMENT = "replacement", "Replacement from the reserve list"


class SelectionStatus(models.TextChoices):
    RUNNING = "running", "Working it out"
    READY = "ready", "Ready"
    FAILED = "failed", "Could not be worked out"


class SelectionDecision(models.TextChoices):
    UNDECIDED = "", "Not decided"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    # Once accepted, then set aside when the coordinator accepted another proposal instead.
    WITHDRAWN = "withdrawn", "Withdrawn"


class Selection(models.Model):
    """A proposed panel with everything it was made from: the method, seats, targets, merit bar,
    seed and the candidates' scores and counted characteristics at the time, and the result.

    The inputs hold characteristics people agreed may be used for balance, so they are kept out of
    the history table: removing them (when consent is withdrawn) really removes them."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="selections")
    method = models.CharField(max_length=20, choices=SelectionMethod.choices)
    seats = models.PositiveSmallIntegerField()
    targets = models.JSONField(default=list)
    merit_bar = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    seed = models.BigIntegerField(null=True, blank=True)
    inputs = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=SelectionStatus.choices, default=SelectionStatus.RUNNING)
    result = models.JSONField(default=dict)
    decision = models.CharField(max_length=10, choices=SelectionDecision.choices, blank=True)
    decision_reason = models.CharField(max_length=1000, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["inputs"])

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(seats__gte=1), name="selection_has_seats"),
            # One panel is accepted for a round; replacements from its reserve list adjust it.
            models.UniqueConstraint(
                fields=["round"],
                condition=models.Q(decision="accepted") & ~models.Q(method="replacement"),
                name="one_accepted_selection_per_round",
            ),
        ]

    def __str__(self) -> str:
        return f"selection {self.pk}"


class PopulationFigures(models.Model):
    """How many people in the City Region gave each answer, from a named published source (the
    2021 Census), to set beside the panels' make-up on the public equality page. Each load is kept;
    the newest is used. Whole numbers summed over the six areas, never anyone's own answer."""

    source = models.CharField(max_length=500)
    source_date = models.DateField("date the source published them")
    figures = models.JSONField(default=dict)  # {monitoring question: {answer key: people}}
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-loaded_at", "-id"]
        verbose_name_plural = "population figures"

    def __str__(self) -> str:
        return f"{self.source} ({self.source_date})"


class EqualityPublication(models.Model):
    """The public equality data page as it was published: only what disclosure control let through,
    kept as published so that past pages stay readable with their dates."""

    content = models.JSONField()
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return f"equality data published {self.published_at:%Y-%m-%d}"


class PanelQuestions(models.Model):
    """Which monitoring questions a panel's rounds ask, and which characteristics its rounds may
    balance on with the applicant's consent, as an administrator chose them. A panel without a
    choice asks every monitoring question and may balance on categories.DEFAULT_BALANCE."""

    panel = models.OneToOneField(Panel, on_delete=models.CASCADE, related_name="questions")
    monitoring = models.JSONField("monitoring questions asked", default=list, blank=True)
    balance = models.JSONField("characteristics rounds may balance on", default=list, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "panel questions"

    def __str__(self) -> str:
        return f"questions for panel {self.panel_id}"

    def clean(self):
        problems = {}
        unknown = set(self.monitoring) - set(categories.MONITORING_QUESTIONS)
        if unknown:
            problems["monitoring"] = f"Unknown monitoring questions: {', '.join(sorted(unknown))}"
        never = set(self.balance) & categories.NEVER_BALANCE
        if never:
            problems["balance"] = (
                "Whether someone's gender differs from their sex registered at birth can never be used to "
                "choose a panel: selection shows each candidate's groups, and the law protects it."
            )
        elif set(self.balance) - set(categories.BALANCE_QUESTIONS):
            problems["balance"] = "Choose characteristics from the list"
        if problems:
            raise ValidationError(problems)
