"""An application's decision trail: every change of state, score, moderation, redaction,
interview, decision and message, with who, when and why, read from the history tables and the
outbox (which the service only appends to).

It is for the panel's coordinators and administrators answering a complaint: it names people. It
never holds an equality monitoring answer (those have no history and are not read here), nor the
adjustments a person asked for at interview (kept out of history).

The trail of one application and of a whole round (the audit pack) are built by the same queries,
a fixed number whatever the round's size.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from accounts import spreadsheets
from accounts.templatetags.govuk_dates import govuk_date_time
from notifications import kinds
from notifications.models import Message
from recruitment.models import (
    Answer,
    Application,
    ApplicationStatus,
    Interview,
    InterviewScorecard,
    InterviewState,
    ReviewAssignment,
    Round,
    RoundStatus,
)


@dataclass(frozen=True)
class TrailEntry:
    at: datetime
    what: str
    who: str
    why: str = ""


def _who(user, applicant_id: int | None = None) -> str:
    if user is None:
        return "The system"
    if applicant_id is not None and user.pk == applicant_id:
        return "The applicant"
    return user.display_name


def _when(moment: datetime) -> str:
    return govuk_date_time(moment)


def _status(value: str) -> str:
    return ApplicationStatus(value).label.lower()


def _application_entries(records, applicants: dict[int, int]) -> dict[int, list[TrailEntry]]:
    """What each change to the application itself said: created, status, deadline, moderation,
    release."""
    found = defaultdict(list)
    previous = {}
    for record in records:
        before = previous.get(record.id)
        previous[record.id] = record
        who = _who(record.history_user, applicants.get(record.id))
        why = record.history_change_reason or ""
        add = found[record.id].append
        if before is None and record.history_type == "+":
            how = f"recorded {record.get_assisted_method_display().lower()}" if record.assisted_method else "started"
            add(TrailEntry(record.history_date, f"Application {how} ({_status(record.status)})", who, why))
            continue
        if before is None:  # made in bulk, without a history row of its own: what it was first seen as
            add(TrailEntry(record.history_date, f"Application {_status(record.status)}", who, why))
            continue
        if record.status != before.status:
            note = " ".join(
                filter(None, [why, record.decision_note if record.decision_note != before.decision_note else ""])
            )
            add(
                TrailEntry(
                    record.history_date, f"{_status(before.status).capitalize()} → {_status(record.status)}", who, note
                )
            )
        if record.deadline != before.deadline and record.deadline:
            add(
                TrailEntry(
                    record.history_date,
                    f"Personal deadline set to {_when(record.deadline)}",
                    who,
                    record.deadline_reason,
                )
            )
        if record.moderated_score != before.moderated_score and record.moderated_score is not None:
            add(
                TrailEntry(
                    record.history_date, f"Score moderated to {record.moderated_score}", who, record.moderation_reason
                )
            )
        if record.released_status != before.released_status and record.released_status:
            add(TrailEntry(record.history_date, f"Outcome released: {_status(record.released_status)}", who))
    return found


def _assignment_entries(records) -> dict[int, list[TrailEntry]]:
    found = defaultdict(list)
    previous = {}
    for record in records:
        before = previous.get(record.id)
        previous[record.id] = record
        reviewer = record.reviewer.display_name
        add = found[record.application_id].append
        if record.history_type == "+":
            add(TrailEntry(record.history_date, f"Shared with {reviewer} to review", _who(record.history_user)))
        if record.conflict_declared_at and not (before and before.conflict_declared_at):
            add(
                TrailEntry(
                    record.history_date, f"{reviewer} declared a conflict of interest", reviewer, record.conflict_reason
                )
            )
        if record.submitted_at and not (before and before.submitted_at):
            add(TrailEntry(record.history_date, f"{reviewer} sent their scores", reviewer))
    return found


def _answer_entries(records) -> dict[int, list[TrailEntry]]:
    found = defaultdict(list)
    previous = {}
    for record in records:
        before = previous.get(record.id)
        previous[record.id] = record
        if before is not None and record.redacted_text != before.redacted_text and record.redacted_text:
            found[record.application_id].append(
                TrailEntry(
                    record.history_date,
                    f"Answer to question {record.question.order} held back from reviewers and shown redacted",
                    _who(record.history_user),
                    "It said something that could identify the applicant.",
                )
            )
    return found


def _interview_entries(records) -> dict[int, list[TrailEntry]]:
    found = defaultdict(list)
    previous = {}
    for record in records:
        before = previous.get(record.id)
        previous[record.id] = record
        who, why = _who(record.history_user), record.history_change_reason or ""
        add = found[record.application_id].append
        if before is None:
            add(TrailEntry(record.history_date, "Invited to choose an interview time", who))
        if record.slot_id and record.slot_id != (before and before.slot_id):
            slot = record.slot
            time = f"{_when(slot.starts_at)}, {slot.where}" if slot else "a time since removed"
            add(TrailEntry(record.history_date, f"Interview time booked: {time}", who, why))
        if record.accepted_at and before and before.accepted_at is None and record.slot_id == before.slot_id:
            add(TrailEntry(record.history_date, "Interview time accepted", who))
        if before and record.state != before.state and record.state in ("declined", "rearrange"):
            add(TrailEntry(record.history_date, f"Interview: {InterviewState(record.state).label.lower()}", who, why))
        if record.score is not None and (before is None or record.score != before.score):
            add(TrailEntry(record.history_date, f"Interview score {record.score} out of 100", who, why))
    return found


def _scorecard_entries(records) -> dict[int, list[TrailEntry]]:
    found = defaultdict(list)
    previous = {}
    for record in records:
        before = previous.get(record.id)
        previous[record.id] = record
        name = record.interviewer.display_name
        add = found[record.interview.application_id].append
        if record.conflict_declared_at and not (before and before.conflict_declared_at):
            add(
                TrailEntry(
                    record.history_date,
                    f"{name} declared a conflict of interest for the interview",
                    name,
                    record.conflict_reason,
                )  # fmt: skip
            )
        if record.submitted_at and not (before and before.submitted_at):
            add(TrailEntry(record.history_date, f"{name} sent their interview scorecard", name))
    return found


def _message_entries(messages, applications: dict[int, Application]) -> dict[int, list[TrailEntry]]:
    """Messages to the applicant about this panel since they started applying."""
    found = defaultdict(list)
    by_person = defaultdict(list)
    for application in applications.values():
        by_person[application.applicant_id].append(application)
    for message in messages:
        for application in by_person[message.recipient_id]:
            if message.created_at >= application.created_at and message.topic == application.round.panel.topic:
                label = kinds.label(message.kind)
                status = message.get_status_display().lower()
                why = message.status_reason if message.status != "sent" else ""
                found[application.pk].append(
                    TrailEntry(
                        message.created_at,
                        f"Message ({message.get_channel_display().lower()}): {label}, {status}",
                        "The system",
                        why,
                    )
                )
    return found


def trails(applications: list[Application]) -> dict[int, list[TrailEntry]]:
    """The trail of each application (all of one round, or one), oldest first."""
    by_id = {application.pk: application for application in applications}
    ids = list(by_id)
    applicants = {application.pk: application.applicant_id for application in applications}
    history = (
        Application.history.filter(id__in=ids).select_related("history_user").order_by("history_date", "history_id")
    )
    assignments = (
        ReviewAssignment.history.filter(application_id__in=ids)
        .select_related("history_user", "reviewer")
        .order_by("history_date", "history_id")
    )
    answers = (
        Answer.history.filter(application_id__in=ids)
        .select_related("history_user", "question")
        .order_by("history_date", "history_id")
    )
    interviews = (
        Interview.history.filter(application_id__in=ids)
        .select_related("history_user", "slot")
        .order_by("history_date", "history_id")
    )
    scorecards = (
        InterviewScorecard.history.filter(interview__application_id__in=ids)
        .select_related("history_user", "interviewer", "interview")
        .order_by("history_date", "history_id")
    )
    messages = Message.objects.filter(
        recipient_id__in=set(applicants.values()), kind__startswith="recruitment."
    ).order_by("created_at", "id")
    found = defaultdict(list)
    for part in (
        _application_entries(history, applicants),
        _assignment_entries(assignments),
        _answer_entries(answers),
        _interview_entries(interviews),
        _scorecard_entries(scorecards),
        _message_entries(messages, by_id),
    ):
        for application_id, entries in part.items():
            found[application_id] += entries
    return {application_id: sorted(found[application_id], key=lambda e: e.at) for application_id in ids}


def application_trail(application: Application) -> list[TrailEntry]:
    return trails([application])[application.pk]


def round_trail(round_: Round) -> list[TrailEntry]:
    """The round's own moves: created, published, review started, released, archived."""
    entries = []
    previous = None
    for record in round_.history.select_related("history_user").order_by("history_date", "history_id"):
        who = _who(record.history_user)
        if previous is None:
            entries.append(TrailEntry(record.history_date, "Round created as a draft", who))
        elif record.status != previous.status:
            entries.append(TrailEntry(record.history_date, f"Round {RoundStatus(record.status).label.lower()}", who))
        elif (record.opens_at, record.closes_at) != (previous.opens_at, previous.closes_at):
            entries.append(
                TrailEntry(
                    record.history_date,
                    f"Dates changed: opens {_when(record.opens_at)}, closes {_when(record.closes_at)}",
                    who,
                )
            )
        previous = record
    return entries


def audit_pack(round_: Round) -> list[tuple[Application, list[TrailEntry]]]:
    """Every sent application of the round with its trail, by reference: for answering a complaint."""
    applications = list(
        round_.applications.exclude(status=ApplicationStatus.DRAFT)
        .select_related("applicant", "round__panel")
        .order_by("reference", "id")
    )
    found = trails(applications)
    return [(application, found[application.pk]) for application in applications]


AUDIT_COLUMNS = ["reference", "applicant", "when", "what", "who", "why"]


def audit_pack_csv(round_: Round, out) -> None:
    writer = spreadsheets.writer(out)
    writer.writerow(AUDIT_COLUMNS)
    for entry in round_trail(round_):
        writer.writerow(
            ["", "", timezone.localtime(entry.at).isoformat(timespec="seconds"), entry.what, entry.who, entry.why]
        )
    for application, entries in audit_pack(round_):
        for entry in entries:
            writer.writerow(
                [
                    application.reference,
                    application.applicant.display_name,
                    timezone.localtime(entry.at).isoformat(timespec="seconds"),
                    entry.what,
                    entry.who,
                    entry.why,
                ]
            )
