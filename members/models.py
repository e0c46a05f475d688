"""Panels, and who works on them.

Staff roles (coordinator, reviewer, administrator) are about running the service. Panel membership
(member, chair, vice-chair) is a different thing and lives with appointments.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from accounts.models import RecordedMethod


class Panel(models.Model):
    """A panel is data: an administrator can add one in the admin without any code."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    summary = models.CharField(max_length=300, help_text="One sentence in plain English, shown on the home page.")
    description = models.TextField(help_text="What the panel does and who it is for, in plain English.")
    easy_read = models.TextField(blank=True, help_text="The same in easy read: short sentences, one idea each.")
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)
    mailbox = models.EmailField(
        "mailbox for replies", blank=True,
        help_text="Replies to emails about this panel go here. Leave empty to use the service's general address.",
    )  # fmt: skip
    co_chairs_allowed = models.BooleanField(
        "allow co-chairs", default=False,
        help_text="Let the panel have two chairs, or two vice-chairs, at the same time.",
    )  # fmt: skip

    # What officers bringing their work are shown, and what those triaging it weigh it against.
    engagement_criteria = models.TextField(
        "what the panel takes on", blank=True,
        help_text="The kinds of work the panel advises on, in plain English. Officers see it before they ask.",
    )  # fmt: skip
    requests_per_quarter = models.PositiveSmallIntegerField(
        "requests the panel can take on each quarter", default=4,
        help_text="Shown beside each request, with how many the panel has accepted this quarter.",
    )  # fmt: skip
    cost_code = models.CharField(
        "cost code", max_length=30, blank=True,
        help_text="The finance system's code for the panel's budget: it goes with every claim exported for payment.",
    )  # fmt: skip

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("portal:panel", kwargs={"slug": self.slug})

    @property
    def topic(self) -> str:
        """How messages about this panel are marked in the outbox (see Message.topic)."""
        return f"panel:{self.pk}"


class StaffRoleKind(models.TextChoices):
    COORDINATOR = "coordinator", "Coordinator"
    REVIEWER = "reviewer", "Reviewer"
    ADMINISTRATOR = "administrator", "Administrator"
    # Pays approved claims through the authority's finance system (payments); no panel.
    FINANCE = "finance", "Finance"


# Roles across the whole service, held without a panel.
ROLES_WITHOUT_A_PANEL = (StaffRoleKind.ADMINISTRATOR, StaffRoleKind.FINANCE)


class StaffRole(models.Model):
    """A role of a person in running the service: a coordinator or reviewer of one panel, or an
    administrator or finance officer of the whole service (no panel)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_roles")
    panel = models.ForeignKey(Panel, null=True, blank=True, on_delete=models.PROTECT, related_name="staff_roles")
    role = models.CharField(max_length=20, choices=StaffRoleKind.choices)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(role__in=["administrator", "finance"], panel__isnull=True))
                | (~models.Q(role__in=["administrator", "finance"]) & models.Q(panel__isnull=False)),
                name="staff_role_panel_matches_role",
            ),
            models.UniqueConstraint(fields=["user", "panel", "role"], name="staff_role_unique_per_panel"),
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(role="administrator"), name="staff_role_one_administrator"
            ),
        ]

    def __str__(self) -> str:
        where = f" of {self.panel}" if self.panel_id else ""
        return f"{self.get_role_display()}{where} (person {self.user_id})"


class MembershipRole(models.TextChoices):
    MEMBER = "member", "Member"
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice-chair"


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    ENDED = "ended", "Ended"


class Membership(models.Model):
    """A person's place on a panel, for a term. Former members are kept as history, never deleted."""

    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=12, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    term_start = models.DateField()
    term_end = models.DateField()
    status = models.CharField(max_length=8, choices=MembershipStatus.choices, default=MembershipStatus.ACTIVE)
    ended_reason = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # When retention left the membership to no one (members.retention).
    anonymised_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["panel", "term_start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(term_end__gt=models.F("term_start")),
                name="term_ends_after_start",
                violation_error_message="The term must end after it starts.",
            ),
            models.UniqueConstraint(
                fields=["panel", "person"],
                condition=~models.Q(status="ended"),
                name="one_current_membership_per_panel",
                violation_error_message="This person is already a member of this panel.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} of {self.panel} (person {self.person_id})"


# Access needs


class AccessNeedCategory(models.TextChoices):
    COMMUNICATION = "communication", "Communication"
    PHYSICAL = "physical", "Physical access"
    SENSORY_COGNITIVE = "sensory_cognitive", "Sensory and cognitive"
    SUPPORT = "support", "Support"
    DIETARY = "dietary", "Dietary"
    ONLINE = "online", "Online meetings"


class Provision(models.TextChoices):
    PER_PERSON = "per_person", "For each person who needs it"
    ONCE = "once", "Once for everyone at the meeting"
    BY_RULE = "by_rule", "By a rule for the meeting"


class AccessNeedItem(models.Model):
    """One kind of support in the catalogue. Administrators keep the catalogue: it is data."""

    name = models.CharField(max_length=120, unique=True)
    category = models.CharField(max_length=20, choices=AccessNeedCategory.choices)
    hint = models.CharField(max_length=300, blank=True, help_text="Shown under the name to help people choose.")
    lead_time_days = models.PositiveSmallIntegerField(
        default=0, help_text="How many days ahead it must be booked, for example 21 for a BSL interpreter."
    )
    who_acts = models.CharField("who arranges it", max_length=200, blank=True)
    provision = models.CharField(max_length=12, choices=Provision.choices, default=Provision.PER_PERSON)
    # For provision by rule: how many for a meeting, and how many for a long one.
    quantity = models.PositiveSmallIntegerField(default=1)
    long_meeting_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    long_meeting_quantity = models.PositiveSmallIntegerField(null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["category", "order", "name"]

    def __str__(self) -> str:
        return self.name


class ImpairmentCategory(models.TextChoices):
    PREFER_NOT = "prefer_not_to_say", "Prefer not to say"
    PHYSICAL = "physical", "Physical or mobility"
    SENSORY = "sensory", "Sensory (sight or hearing)"
    MENTAL_HEALTH = "mental_health", "Mental health"
    LEARNING = "learning", "Learning disability or difficulty"
    NEURODIVERGENT = "neurodivergent", "Neurodivergent"
    LONG_TERM_CONDITION = "long_term_condition", "Long-term condition"
    OTHER = "other", "Other"


class AccessProfile(models.Model):
    """One per person: what they need, never why. The optional impairment category is the person's
    own: no staff page shows it, and it is kept out of the history table."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="access_profile")
    impairment_category = models.CharField(max_length=30, choices=ImpairmentCategory.choices, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["impairment_category"])

    def __str__(self) -> str:
        return f"access profile of person {self.person_id}"


class AccessNeed(models.Model):
    profile = models.ForeignKey(AccessProfile, on_delete=models.CASCADE, related_name="needs")
    item = models.ForeignKey(AccessNeedItem, on_delete=models.PROTECT, related_name="needs")
    details = models.TextField("in your own words", blank=True, max_length=1000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_method = models.CharField(max_length=12, choices=RecordedMethod.choices, default=RecordedMethod.WEB)
    recorded_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_reason = models.CharField(max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["item__category", "item__order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "item"],
                condition=models.Q(removed_at__isnull=True),
                name="one_current_need_per_item",
                violation_error_message="This is already in your access needs. Change it there instead.",
            ),
        ]

    def __str__(self) -> str:
        return f"access need {self.pk}"


# Register of interests


class InterestDeclaration(models.Model):
    """A member's register of interests as declared (or confirmed unchanged) at one moment. Each
    declaration is a new row and the latest is the register in force, so the register's whole
    history is kept; nothing here is edited."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="interest_declarations")
    has_interests = models.BooleanField()
    interests = models.TextField(blank=True, max_length=4000)
    declared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    method = models.CharField(max_length=12, choices=RecordedMethod.choices, default=RecordedMethod.WEB)
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["declared_at", "id"]
        indexes = [models.Index(fields=["person", "declared_at"], name="interests_person_declared")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(has_interests=False, interests="")
                | models.Q(has_interests=True) & ~models.Q(interests=""),
                name="interests_listed_when_declared",
                violation_error_message="List your interests, or say you have none.",
            ),
        ]

    def __str__(self) -> str:
        return f"interest declaration {self.pk} of person {self.person_id}"


# Writing to a panel


def panel_message_path(message: "PanelMessage", filename: str) -> str:
    return f"panels/{message.panel.slug}/messages/{uuid.uuid4().hex}/{filename}"


class PanelMessage(models.Model):
    """What a coordinator writes to their panel's members: to every current member or to those
    chosen, each reached the way they asked (email, letter or a call). Written and previewed first;
    once sent it is not changed, and each person's copy is a row in the outbox."""

    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="messages")
    subject = models.CharField(max_length=150)
    body = models.TextField("message", max_length=10000)
    easy_read = models.TextField("easy read version", max_length=10000, blank=True)
    attachment = models.FileField(upload_to=panel_message_path, blank=True, max_length=300)
    to_everyone = models.BooleanField(default=True)
    chosen = models.ManyToManyField(Membership, related_name="+", blank=True)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    recipient_count = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"panel message {self.pk}"

    @property
    def message_key(self) -> str:
        """How the outbox rows of this message are named: one per person after it."""
        return f"members.panel_message:{self.pk}:"

    @property
    def attachment_name(self) -> str:
        return self.attachment.name.rsplit("/", 1)[-1] if self.attachment else ""
