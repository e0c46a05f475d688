"""Reads for a proposed panel: its candidates as table rows, how far it meets each target, and
whose outcome accepting it would change."""

from collections import Counter
from dataclasses import dataclass

from recruitment.models import Application, ApplicationStatus, Selection, SelectionDecision, SelectionMethod


def selection_rows(selection: Selection) -> list[dict]:
    """Each candidate of a proposal, proposed first and then by score: their application (for the
    name and a link), what the solver was given, whether they were proposed and, for a lottery,
    their chance of selection."""
    candidates = selection.inputs.get("candidates", [])
    chosen = set(selection.result.get("selected", []))
    probabilities = selection.result.get("probabilities", {})
    applications = selection.round.applications.filter(pk__in=[c["id"] for c in candidates]).select_related("applicant")
    by_id = {application.pk: application for application in applications}
    rows = [
        {
            "application": by_id.get(candidate["id"]),
            "candidate": candidate,
            "chosen": candidate["id"] in chosen,
            "probability": probabilities.get(str(candidate["id"])),
        }
        for candidate in candidates
    ]
    rows.sort(key=lambda row: (not row["chosen"], -row["candidate"]["score"]))
    return rows


def targets_achieved(selection: Selection) -> list[dict]:
    """Each target, with how many of the proposed panel count towards it."""
    chosen = set(selection.result.get("selected", []))
    people = [c for c in selection.inputs.get("candidates", []) if c["id"] in chosen]
    rows = []
    for target in selection.targets:
        count = sum(1 for c in people if c["attributes"].get(target["category"]) == target["value"])
        rows.append({**target, "count": count, "met": target["minimum"] <= count <= target["maximum"]})
    return rows


def replayed_from(selection: Selection) -> Selection | None:
    """The draw this one repeated to check it, if it is a replay."""
    original = selection.inputs.get("replay_of")
    return Selection.objects.filter(pk=original).first() if original else None


def accepted_selection(round_, *, other_than: Selection | None = None) -> Selection | None:
    """The round's accepted proposal (replacements from its reserve list aside): there is at most
    one."""
    accepted = Selection.objects.filter(round=round_, decision=SelectionDecision.ACCEPTED).exclude(
        method=SelectionMethod.REPLACEMENT
    )
    if other_than is not None:
        accepted = accepted.exclude(pk=other_than.pk)
    return accepted.first()


@dataclass(frozen=True)
class OutcomeChange:
    application: Application
    now: str  # the application's status today
    then: str  # its status once the proposal is accepted


def selection_changes(selection: Selection) -> list[OutcomeChange]:
    """Whose outcome accepting the proposal would change, and how: its proposed people become
    appointed, and (unless it replaces one member) its other candidates reserve."""
    chosen = set(selection.result.get("selected", []))
    in_pool = [c["id"] for c in selection.inputs.get("candidates", []) if not c.get("fixed")]
    applications = Application.objects.filter(pk__in=in_pool).select_related("applicant").order_by("id")
    changes = []
    for application in applications:
        then = ApplicationStatus.APPOINTED if application.pk in chosen else ApplicationStatus.RESERVE
        if selection.method == SelectionMethod.REPLACEMENT and then == ApplicationStatus.RESERVE:
            continue
        if application.status != then:
            changes.append(OutcomeChange(application, application.status, then))
    return changes


def group_counts(pool) -> Counter:
    """How many of a proposal's candidates (pairs of application and solver candidate) count
    towards each (category, value): where they live, and the balance answers they agreed to."""
    return Counter((category, value) for _, candidate in pool for category, value in candidate.attributes.items())
