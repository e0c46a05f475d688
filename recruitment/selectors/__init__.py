"""Reads used in more than one place, split by stage as the services and views are, and the
decision trail of applications and rounds (trail.py)."""

from .decisions import (
    outcomes_pending,
    serving,
)
from .equality import round_equality_tables, tables_csv
from .intake import (
    applications_for_person,
    applications_in_round,
    applications_with_balance_answers,
    open_rounds,
    questions_as_worded_at,
    round_publish_problems,
    rounds_for_panel,
    status_counts,
)
from .interviews import (
    free_slots,
    interviewer_candidates,
    interviews_for_interviewer,
    interviews_in_round,
    round_interviewers,
    round_slots,
    scorecards_sent,
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
    "TrailEntry",
    "accepted_selection",
    "application_trail",
    "applications_for_person",
    "applications_in_round",
    "applications_with_balance_answers",
    "assignments_for_reviewer",
    "audit_pack",
    "audit_pack_csv",
    "conflicts_declared",
    "free_slots",
    "group_counts",
    "interviewer_candidates",
    "interviews_for_interviewer",
    "open_rounds",
    "outcomes_pending",
    "questions_as_worded_at",
    "replayed_from",
    "review_scores",
    "reviewers_of",
    "interviews_in_round",
    "round_publish_problems",
    "round_interviewers",
    "round_slots",
    "round_equality_tables",
    "round_trail",
    "rounds_for_panel",
    "rounds_for_reviewer",
    "scorecards_sent",
    "selection_changes",
    "selection_rows",
    "serving",
    "short_of_reviewers",
    "status_counts",
    "tables_csv",
    "targets_achieved",
    "trails",
]
