"""Officers of the authority bring their work to the panels: a request (the project, the decision it
feeds, the questions, the documents) goes to one or more panels, and each panel triages it as an
engagement of its own (ADR 0024)."""

import uuid

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from accounts.models import RecordedMethod
from meetings.models import AgendaItem
from members.models import Panel


class OfficerStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for approval"
    APPROVED = "approved", "Approved"
    REFUSED = "refused", "Refused"
    SUSPENDED = "suspended", "Suspended"


class Officer(models.Model):
    """A member of the authority's staff who may bring work to the panels, once an administrator
    has approved them. Not a staff role of the service: an officer runs nothing here."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="officer")
    team = models.CharField("team or directorate", max_length=150)
    job_title = models.CharField(max_length=150)
    status = models.CharField(max_length=10, choices=OfficerStatus.choices, default=OfficerStatus.WAITING)
    reason = models.CharField("reason for refusing", max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"officer {self.pk} (person {self.user_id})"


class Stage(models.TextChoices):
    IDEA = "idea", "An idea, not yet planned"
    DESIGN = "design", "Being designed"
    DRAFT = "draft", "A draft is written"
    CONSULTATION = "consultation", "Out for public consultation"
    DECISION = "decision", "Going for a decision soon"


class Format(models.TextChoices):
    AGENDA_ITEM = "agenda_item", "An item at a panel meeting"
    WRITTEN = "written", "A written consultation: members answer in writing"
    WORKSHOP = "workshop", "A workshop with the panel"


class RequestStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Sent to the panels"


class Request(models.Model):
    """What an officer asks of the panels, in their words. A draft until they send it; then each
    panel it went to triages it (`Engagement`)."""

    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="engagement_requests")
    title = models.CharField("the project or policy", max_length=200)
    background = models.TextField("what it is and who it affects", max_length=5000)
    stage = models.CharField(max_length=14, choices=Stage.choices)
    decision = models.CharField("the decision it feeds", max_length=300)
    decision_date = models.DateField("when the decision is due", null=True, blank=True)
    panels = models.ManyToManyField(Panel, related_name="+", blank=True)
    why_panels = models.TextField("why these panels", max_length=2000)
    questions = models.TextField("your questions", max_length=5000, help_text="One question on each line.")
    format_wanted = models.CharField("how you would like the panel to help", max_length=12, choices=Format.choices)
    deadline = models.DateField("when you need the panel's advice by")
    status = models.CharField(max_length=10, choices=RequestStatus.choices, default=RequestStatus.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"request {self.pk}"

    @property
    def has_documents_not_for_sharing(self) -> bool:
        return any(document.not_for_sharing for document in self.documents.all())

    @property
    def question_list(self) -> list[str]:
        return [line.strip() for line in self.questions.splitlines() if line.strip()]


def document_path(document: "RequestDocument", filename: str) -> str:
    return f"engagement/requests/{document.request_id}/{uuid.uuid4().hex}/{filename}"


class RequestDocument(models.Model):
    """A document the officer brings: a draft Equality Impact Assessment, plans. One not yet public
    is marked, and the marking shows wherever it is listed or read."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=document_path, max_length=300)
    is_assessment = models.BooleanField("it is an Equality Impact Assessment", default=False)
    is_accessible = models.BooleanField("it is an accessible version", default=False)
    not_for_sharing = models.BooleanField("not for sharing until the decision", default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return f"document {self.pk} of request {self.request_id}"

    @property
    def file_name(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]


class EngagementStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for the panel to decide"
    MORE_ASKED = "more_asked", "The panel asked for more"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    REDIRECTED = "redirected", "Sent to another panel"
    SCHEDULED = "scheduled", "Scheduled"
    ADVISED = "advised", "Advice sent"
    ANSWERED = "answered", "The officer has answered"


class Route(models.TextChoices):
    AGENDA_ITEM = "agenda_item", "An item at a panel meeting"
    WRITTEN = "written", "A written consultation"


class Engagement(models.Model):
    """A request at one panel: triaged by the panel's coordinator with its chair, then (accepted)
    scheduled, advised on and answered. What was decided and why is kept in its history."""

    request = models.ForeignKey(Request, on_delete=models.PROTECT, related_name="engagements")
    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="engagements")
    status = models.CharField(max_length=12, choices=EngagementStatus.choices, default=EngagementStatus.WAITING)
    # The words of the latest decision: why it was declined, what more is wanted, why elsewhere.
    reason = models.TextField(max_length=2000, blank=True)
    redirected_to = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    received_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # Scheduled: at a meeting (as an agenda item, the documents among its papers) or in writing.
    route = models.CharField(max_length=12, choices=Route.choices, blank=True)
    agenda_item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    closes_on = models.DateField("answers by", null=True, blank=True)
    scheduled_at = models.DateTimeField(null=True, blank=True)
    # The panel's advice (AdvicePoint), drafted by the coordinator and approved by the chair.
    # When the coordinator asked the chair to approve the advice; changing the advice clears it.
    advice_asked_at = models.DateTimeField(null=True, blank=True)
    advice_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    advice_sent_at = models.DateTimeField(null=True, blank=True)
    # The officer's answer, due a set time after the advice (ENGAGEMENT_RESPONSE_WEEKS).
    response_due = models.DateField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    # "You said, we did": what changed, in words for the public, published once the chair and
    # the officer have both agreed them.
    public_summary = models.TextField("what changed", max_length=3000, blank=True)
    chair_agreed_at = models.DateTimeField(null=True, blank=True)
    officer_agreed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "panel"],
                condition=~models.Q(status="redirected"),
                name="one_open_engagement_per_panel",
                violation_error_message="This request is already with that panel.",
            ),  # fmt: skip
            models.CheckConstraint(
                condition=models.Q(status="redirected", redirected_to__isnull=False)
                | (~models.Q(status="redirected") & models.Q(redirected_to__isnull=True)),
                name="redirected_names_where",
            ),
        ]

    def __str__(self) -> str:
        return f"engagement {self.pk} (request {self.request_id} at panel {self.panel_id})"

    @property
    def is_scheduled(self) -> bool:
        """Taken on and scheduled: the panel's members may read it from now on."""
        return self.scheduled_at is not None

    @property
    def consultation_open(self) -> bool:
        from django.utils import timezone

        return (
            self.route == Route.WRITTEN and self.status == EngagementStatus.SCHEDULED
            and self.closes_on is not None and timezone.localdate() <= self.closes_on
        )  # fmt: skip


class Outcome(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    PARTLY = "partly", "Partly accepted"
    NOT_ACCEPTED = "not_accepted", "Not accepted"


class AdvicePoint(models.Model):
    """The panel's advice on one of the officer's questions, and what the officer did with it."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="advice")
    number = models.PositiveSmallIntegerField()
    question = models.TextField(max_length=1000)
    advice = models.TextField(max_length=5000, blank=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    what_was_done = models.TextField("what was done and why", max_length=5000, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["engagement", "number"]
        constraints = [models.UniqueConstraint(fields=["engagement", "number"], name="one_advice_point_per_question")]

    def __str__(self) -> str:
        return f"advice {self.number} of engagement {self.engagement_id}"


class WrittenAnswer(models.Model):
    """A member's answer to one question of a written consultation: online, or by letter or phone
    and recorded by the coordinator."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="answers")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="written_answers")
    number = models.PositiveSmallIntegerField()
    answer = models.TextField(max_length=5000)
    method = models.CharField(max_length=12, choices=RecordedMethod.choices, default=RecordedMethod.WEB)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["engagement", "number", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["engagement", "person", "number"], name="one_written_answer_per_question")
        ]

    def __str__(self) -> str:
        return f"answer {self.number} of person {self.person_id} to engagement {self.engagement_id}"
