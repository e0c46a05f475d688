"""Reads used in more than one place, split by stage as the services and views are, and the
decision trail of applications and rounds (trail.py)."""

from .decisions import (
    outcomes_pending,
    serving,
)
from .intake import (
    SMALL_NUMBER,
    STAGES,
    applications_for_person,
    applications_in_round,
    applications_with_balance_answers,
    monitoring_report,
    open_rounds,
    questions_as_worded_at,
    round_publish_problems,
    rounds_for_panel,
    status_counts,
)
from .review import (
    ScoreSummary,
    assignments_for_reviewer,
    conflicts_declared,
    review_scores,
    reviewers_of,
    rounds_for_reviewer,
    short_of_reviewers,
)
from .selection import (
    OutcomeChange,
    accepted_selection,
    group_counts,
    replayed_from,
    selection_changes,
    selection_rows,
    targets_achieved,
)
from .trail import (
    TrailEntry,
    application_trail,
    audit_pack,
    audit_pack_csv,
    round_trail,
    trails,
)

__all__ = [
    "OutcomeChange",
    "ScoreSummary",
    "SMALL_NUMBER",
    "STAGES",
    "TrailEntry",
    "accepted_selection",
    "application_trail",
    "applications_for_person",
    "applications_in_round",
    "applications_with_balance_answers",
    "assignments_for_reviewer",
    "audit_pack",
    "audit_pack_csv",
    "group_counts",
    "conflicts_declared",
    "monitoring_report",
    "open_rounds",
    "outcomes_pending",
    "questions_as_worded_at",
    "replayed_from",
    "review_scores",
    "reviewers_of",
    "round_publish_problems",
    "round_trail",
    "rounds_for_panel",
    "rounds_for_reviewer",
    "selection_changes",
    "selection_rows",
    "serving",
    "short_of_reviewers",
    "status_counts",
    "targets_achieved",
    "trails",
]
