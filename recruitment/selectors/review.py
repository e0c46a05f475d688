"""Reads for review: what reviewers scored, and each reviewer's own assignments."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from members.models import StaffRole, StaffRoleKind
from members.rules import staff_roles
from recruitment.models import Application, ApplicationStatus, ReviewAssignment, Round


@dataclass
class ScoreSummary:
    """What reviewers made of one application: each submitted total, their mean and spread, and
    the coordinator's moderated score, if any. Totals are the sum over the round's criteria."""

    threshold: Decimal
    required: int = 2  # the round's reviewers for each application
    expected: int = 0  # reviewers assigned now, without a conflict
    totals: list[int] = field(default_factory=list)
    moderated: Decimal | None = None

    @property
    def complete(self) -> bool:
        """Every reviewer the round asks for has sent scores: fewer (when conflicts left the
        application short) is not enough to decide on without moderation."""
        return len(self.totals) >= max(self.expected, self.required, 1)

    @property
    def mean(self) -> Decimal | None:
        if not self.totals:
            return None
        return (Decimal(sum(self.totals)) / len(self.totals)).quantize(Decimal("0.01"))

    @property
    def spread(self) -> int | None:
        return max(self.totals) - min(self.totals) if len(self.totals) > 1 else None

    @property
    def disagreement(self) -> bool:
        return self.spread is not None and self.spread > self.threshold

    @property
    def needs_moderation(self) -> bool:
        return self.disagreement and self.moderated is None

    @property
    def score(self) -> Decimal | None:
        """The score decisions rest on: the moderated score, or the mean once every review is in and
        reviewers agree."""
        if self.moderated is not None:
            return self.moderated
        if self.complete and not self.disagreement:
            return self.mean
        return None


def review_scores(round_: Round, application_ids=None) -> dict[int, ScoreSummary]:
    """Score summaries for a round's applications (or some of them), in two queries."""
    summaries = defaultdict(
        lambda: ScoreSummary(threshold=round_.disagreement_threshold, required=round_.reviewers_per_application)
    )
    assignments = ReviewAssignment.objects.filter(application__round=round_, conflict_declared_at__isnull=True)
    moderated = round_.applications.filter(moderated_score__isnull=False)
    if application_ids is not None:
        assignments = assignments.filter(application_id__in=application_ids)
        moderated = moderated.filter(pk__in=application_ids)
    rows = assignments.annotate(total=Sum("scores__score")).values_list("application_id", "submitted_at", "total")
    for application_id, submitted_at, total in rows:
        summary = summaries[application_id]
        summary.expected += 1
        if submitted_at is not None:
            summary.totals.append(total or 0)
    for application_id, score in moderated.values_list("pk", "moderated_score"):
        summaries[application_id].moderated = score
    return summaries


def _reviewing_panels(user) -> list[int]:
    return [panel_id for role, panel_id in staff_roles(user) if role == StaffRoleKind.REVIEWER]


def assignments_for_reviewer(user, round_: Round | None = None) -> QuerySet[ReviewAssignment]:
    """The reviewer's current assignments, in their own random order: applications still in review,
    on panels they still review for."""
    assignments = ReviewAssignment.objects.filter(
        reviewer=user,
        conflict_declared_at__isnull=True,
        application__status=ApplicationStatus.IN_REVIEW,
        application__round__panel_id__in=_reviewing_panels(user),
    ).select_related("application__round__panel")
    if round_ is not None:
        assignments = assignments.filter(application__round=round_)
    return assignments.order_by("position", "id")


def rounds_for_reviewer(user) -> QuerySet[Round]:
    # Filtering before annotating makes the counts this reviewer's own.
    mine = "applications__assignments"
    return (
        Round.objects.filter(
            **{f"{mine}__reviewer": user, f"{mine}__conflict_declared_at": None},
            applications__status=ApplicationStatus.IN_REVIEW,
            panel_id__in=_reviewing_panels(user),
        )
        .annotate(assigned=Count(mine), sent=Count(mine, filter=Q(**{f"{mine}__submitted_at__isnull": False})))
        .select_related("panel")
        .order_by("-closes_at")
    )


def reviewers_of(round_: Round) -> list[int]:
    """The ids of the round's panel's reviewers, in a fixed order."""
    return list(
        StaffRole.objects.filter(panel_id=round_.panel_id, role=StaffRoleKind.REVIEWER)
        .order_by("user_id")
        .values_list("user_id", flat=True)
    )


def short_of_reviewers(round_: Round) -> QuerySet[Application]:
    """Applications in review with fewer reviewers than the round asks for: every free reviewer had
    a conflict. The coordinator needs to find someone."""
    return (
        round_.applications.filter(status=ApplicationStatus.IN_REVIEW)
        .annotate(active=Count("assignments", filter=Q(assignments__conflict_declared_at__isnull=True)))
        .filter(active__lt=round_.reviewers_per_application)
    )


def conflicts_declared(round_: Round) -> QuerySet[ReviewAssignment]:
    return (
        ReviewAssignment.objects.filter(application__round=round_, conflict_declared_at__isnull=False)
        .select_related("reviewer", "application__applicant")
        .order_by("-conflict_declared_at")
    )
