"""Reads for a proposed panel: its candidates as table rows, and how far it meets each target."""

from recruitment.models import Selection


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
