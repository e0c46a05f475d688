"""Officers of the authority bring their work to the panels: a request (the project, the decision it
feeds, the questions, the documents) goes to one or more panels, and each panel triages it as an
engagement of its own (ADR 0024)."""

import uuid

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

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
    def is_open(self) -> bool:
        return self.status in (EngagementStatus.WAITING, EngagementStatus.MORE_ASKED, EngagementStatus.ACCEPTED)
