"""The fair lottery, in a process of its own: `python -m recruitment.balancing.lottery_process`.

Reads one JSON object on standard input:

    {"candidates": [{"id": 7, "attributes": {"area": "wirral", "sex": "female"}}, ...],
     "seats": 12,
     "targets": [{"category": "area", "value": "wirral", "minimum": 1, "maximum": 3}, ...],
     "seed": 48213}

and writes one JSON object on standard output, exit code 0:

    {"selected": [7, ...], "probabilities": {"7": 0.04, ...}, "seed": 48213,
     "algorithm": "maximin", "library_version": "0.12.15"}

or, exit code 1, `{"error": "<a plain English reason>"}`.

The draw is the Sortition Foundation's maximin: of all the ways of choosing a panel that meets
every target, a probability distribution that makes the least likely candidate as likely as the
targets allow; one panel is then drawn from it. Each candidate's probability is their chance under
that distribution.

This module imports nothing from Django or the project, so that it starts quickly and so that the
library's side effects stay here: it reseeds Python's global `random`, adds log handlers that
print to standard output, and its solver (HiGHS) prints a banner from C. See
docs/adr/0005-fair-lottery-in-its-own-process.md.
"""

import json
import logging
import os
import sys
from importlib.metadata import version

ALGORITHM = "maximin"
SOLVER = "highspy"

# The library keeps panels in sets of strings and hands them to the solver in set order, which
# depends on Python's string hashing: with hashes randomised per process, the same seed can give a
# different (equally fair) draw. Fixing the hash seed makes a seed replay the same draw.
HASH_SEED = "0"

# A candidate's value in a category that has targets, when they gave no value or a value with no
# target of its own. The library needs every person to hold one of the category's listed values,
# so these people share this extra value with no lower bound and the whole panel as upper bound:
# they can be chosen freely, and count towards no target. Counting them under a real value would
# bend that value's quota; leaving them out of the draw would punish people for a blank answer.
NOT_COUNTED = "not counted"

ID_COLUMN = "candidate id"


class DrawRefused(Exception):
    """The request cannot be drawn; the message says why in plain English."""


def _whole_number(value, what: str, *, least: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise DrawRefused(f"{what} must be a whole number.")
    if value < least:
        raise DrawRefused(f"{what} must be at least {least}.")
    return value


def _text(value, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise DrawRefused(f"{what} must be some text.")
    return value.strip()


def read_request(request) -> tuple[list[dict], int, list[dict], int]:
    """Check the request's shape and put candidates and targets in a fixed order, so that the same
    pool and seed give the same draw whatever order the caller listed them in."""
    if not isinstance(request, dict):
        raise DrawRefused("The request must be a JSON object.")
    seats = _whole_number(request.get("seats"), "The number of seats", least=1)
    # The library treats a seed of 0 as "use the secrets module", which cannot be replayed.
    seed = _whole_number(request.get("seed"), "The seed", least=1)
    candidates = request.get("candidates")
    if not isinstance(candidates, list):
        raise DrawRefused("The candidates must be a list.")
    seen = set()
    for candidate in candidates:
        if not isinstance(candidate, dict) or not isinstance(candidate.get("attributes", {}), dict):
            raise DrawRefused("Each candidate must have an id and a set of attributes.")
        candidate_id = _whole_number(candidate.get("id"), "A candidate's id", least=0)
        if candidate_id in seen:
            raise DrawRefused(f"Candidate {candidate_id} is listed twice.")
        seen.add(candidate_id)
    if len(candidates) < seats:
        raise DrawRefused(f"There are {len(candidates)} candidates for {seats} seats: there must be at least as many.")
    targets = request.get("targets", [])
    if not isinstance(targets, list):
        raise DrawRefused("The targets must be a list.")
    pairs = set()
    for target in targets:
        if not isinstance(target, dict):
            raise DrawRefused("Each target must have a category, a value, a minimum and a maximum.")
        category = _text(target.get("category"), "A target's category")
        value = _text(target.get("value"), f"The value of a target in {category}")
        minimum = _whole_number(target.get("minimum"), f"The minimum for {category} {value}", least=0)
        maximum = _whole_number(target.get("maximum"), f"The maximum for {category} {value}", least=0)
        if minimum > maximum:
            raise DrawRefused(f"The minimum for {category} {value} ({minimum}) is more than its maximum ({maximum}).")
        if category.lower() == ID_COLUMN:
            raise DrawRefused(f"A category cannot be called {ID_COLUMN!r}.")
        if (category.lower(), value.lower()) in pairs:
            raise DrawRefused(f"There are two targets for {category} {value}.")
        pairs.add((category.lower(), value.lower()))
    candidates = sorted(candidates, key=lambda candidate: candidate["id"])
    targets = sorted(targets, key=lambda target: (target["category"].strip(), target["value"].strip()))
    return candidates, seats, targets, seed


def library_tables(candidates: list[dict], seats: int, targets: list[dict]) -> tuple[list[dict], list[dict]]:
    """The quota rows and people rows the library reads, with NOT_COUNTED filled in where needed.
    The library compares categories and values without regard to case, and so does this."""
    targeted: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    quota_rows = []
    for target in targets:
        category, value = target["category"].strip(), target["value"].strip()
        names.setdefault(category.lower(), category)
        targeted.setdefault(category.lower(), set()).add(value.lower())
        quota_rows.append(
            {
                "feature": names[category.lower()],
                "value": value,
                "min": str(target["minimum"]),
                "max": str(target["maximum"]),
            }
        )
    people_rows = []
    not_counted_in = set()
    for candidate in candidates:
        given = {str(key).strip().lower(): value for key, value in candidate.get("attributes", {}).items()}
        row = {ID_COLUMN: str(candidate["id"])}
        for key, category in names.items():
            value = "" if given.get(key) is None else str(given[key]).strip()
            if value.lower() not in targeted[key]:
                value = NOT_COUNTED
                not_counted_in.add(key)
            row[category] = value
        people_rows.append(row)
    for key in sorted(not_counted_in):
        if NOT_COUNTED in targeted[key]:
            raise DrawRefused(f"A target's value cannot be called {NOT_COUNTED!r}: it means no value.")
        quota_rows.append({"feature": names[key], "value": NOT_COUNTED, "min": "0", "max": str(seats)})
    return quota_rows, people_rows


def draw(request) -> dict:
    """Run the maximin draw that `request` describes and return the result object."""
    candidates, seats, targets, seed = read_request(request)
    quota_rows, people_rows = library_tables(candidates, seats, targets)

    # Imported here so that a request can be checked, and the module imported, without the
    # optional library.
    from sortition_algorithms import Settings, SortitionBaseError, read_in_features, read_in_people
    from sortition_algorithms.committee_generation import find_distribution_maximin, standardize_distribution
    from sortition_algorithms.core import lottery_rounding
    from sortition_algorithms.features import check_desired
    from sortition_algorithms.people import check_enough_people_for_every_feature_value
    from sortition_algorithms.utils import override_logging_handlers, set_log_level, set_random_provider

    override_logging_handlers([logging.StreamHandler(sys.stderr)], [logging.StreamHandler(sys.stderr)])
    set_log_level(logging.WARNING)
    try:
        if quota_rows:
            features, _, _ = read_in_features(["feature", "value", "min", "max"], quota_rows, seats)
        else:
            features = {}
        settings = Settings(id_column=ID_COLUMN, columns_to_keep=[], selection_algorithm=ALGORITHM)
        head = [ID_COLUMN, *{row["feature"]: None for row in quota_rows}]
        people, _ = read_in_people(head, people_rows, features, settings)
        # The same checks, in the same order, as the library's run_stratification, which cannot
        # be used itself because it keeps the distribution (and so the probabilities) to itself.
        check_desired(features, seats)
        check_enough_people_for_every_feature_value(features, people)
        # Seeds the library's random source (Python's global `random`), from which it also seeds
        # HiGHS, so the whole draw follows from this number.
        set_random_provider(seed)
        panels, chances, _ = find_distribution_maximin(features, people, seats, [], SOLVER)
        panels, chances = standardize_distribution(panels, chances)
        [selected] = lottery_rounding(panels, chances, 1)
    except (SortitionBaseError, ValueError, RuntimeError) as error:
        raise DrawRefused(str(error)) from error

    probabilities = dict.fromkeys((candidate["id"] for candidate in candidates), 0.0)
    for panel, chance in zip(panels, chances, strict=True):
        for key in panel:
            probabilities[int(key)] += chance
    return {
        "selected": sorted(int(key) for key in selected),
        "probabilities": {str(key): chance for key, chance in probabilities.items()},
        "seed": seed,
        "algorithm": ALGORITHM,
        "library_version": version("sortition-algorithms"),
    }


def main() -> int:
    if os.environ.get("PYTHONHASHSEED") != HASH_SEED:
        # Start again with the fixed hash seed; standard input is not read yet, so it carries over.
        environment = {**os.environ, "PYTHONHASHSEED": HASH_SEED}
        os.execve(sys.executable, [sys.executable, "-m", __spec__.name], environment)  # noqa: S606
    # Whatever the library or HiGHS print goes to standard error; standard output gets the JSON only.
    result_stream = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    sys.stdout.flush()
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    try:
        result, status = draw(json.load(sys.stdin)), 0
    except json.JSONDecodeError:
        result, status = {"error": "The request is not valid JSON."}, 1
    except DrawRefused as refusal:
        result, status = {"error": str(refusal)}, 1
    with result_stream:
        json.dump(result, result_stream)
        result_stream.write("\n")
    return status


if __name__ == "__main__":
    sys.exit(main())
