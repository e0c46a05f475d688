"""Panels, and who works on them.

Staff roles (coordinator, reviewer, administrator) are about running the service. Panel membership
(member, chair, vice-chair) is a different thing and lives with appointments.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


class Panel(models.Model):
    """A panel is data: an administrator can add one in the admin without any code."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    summary = models.CharField(max_length=300, help_text="One sentence in plain English, shown on the home page.")
    description = models.TextField(help_text="What the panel does and who it is for, in plain English.")
    easy_read = models.TextField(blank=True, help_text="The same in easy read: short sentences, one idea each.")
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("portal:panel", kwargs={"slug": self.slug})


class StaffRoleKind(models.TextChoices):
    COORDINATOR = "coordinator", "Coordinator"
    REVIEWER = "reviewer", "Reviewer"
    ADMINISTRATOR = "administrator", "Administrator"


class StaffRole(models.Model):
    """A role of a person in running the service: a coordinator or reviewer of one panel, or an
    administrator of the whole service (no panel)."""

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
                condition=(models.Q(role="administrator", panel__isnull=True))
                | (~models.Q(role="administrator") & models.Q(panel__isnull=False)),
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
