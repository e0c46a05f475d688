"""The City Region's population, read from the files the ONS publishes Census 2021 figures in.

An ONS custom dataset, downloaded as CSV, has one row per area and category: the area's code and
name, the category's code and label under a heading naming the classification ("Sex (2
categories)"), and the count ("Observation"). This reads one or more such files, keeps the six
areas of the City Region, adds them up and matches each category to an answer of the matching
monitoring question. Categories that match nothing ("Does not apply", or a banding the monitoring
questions do not use) are listed back, never guessed at.

The service ships `recruitment/data/population.json` with no figures: they appear only once an
administrator loads a file from the ONS, so every number on the public page can be traced to it.
"""

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError

SHIPPED = Path(__file__).parent / "data" / "population.json"

AREAS = {"halton", "knowsley", "liverpool", "sefton", "st helens", "wirral"}
# The ONS's classification headings, without their "(n categories)", and the question each is.
CLASSIFICATIONS = {
    "sex": "sex",
    "ethnic group": "ethnicity",
    "disability": "disability",
    "religion": "religion",
    "sexual orientation": "sexual_orientation",
    "gender identity": "gender_same_as_sex",
    "unpaid care": "caring",
}
# Where the ONS's words for a category differ from the question's own.
ALIASES = {
    "disability": {
        "disabled under the equality act: day-to-day activities limited a lot": "yes_a_lot",
        "disabled under the equality act: day-to-day activities limited a little": "yes_a_little",
        "not disabled under the equality act": "no",
        "not disabled under the equality act: has long term physical or mental health condition but day-to-day "
        "activities are not limited": "no",
        "not disabled under the equality act: no long term physical or mental health conditions": "no",
    },
    "religion": {"other religion": "other"},
    "sexual_orientation": {"all other sexual orientations": "other"},
    "gender_same_as_sex": {
        "gender identity the same as sex registered at birth": "yes",
        "gender identity different from sex registered at birth but no specific identity given": "no",
        "trans woman": "no",
        "trans man": "no",
        "all other gender identities": "no",
    },
    "caring": {
        "provides no unpaid care": "no",
        "provides 9 hours or less unpaid care a week": "up_to_9",
        "provides 10 to 19 hours unpaid care a week": "10_to_19",
        "provides 20 to 34 hours unpaid care a week": "20_to_34",
        "provides 35 to 49 hours unpaid care a week": "35_to_49",
        "provides 50 or more hours unpaid care a week": "50_plus",
    },
}


@dataclass
class Loaded:
    figures: dict[str, dict[str, int]] = field(default_factory=dict)
    areas: set[str] = field(default_factory=set)
    not_used: list[str] = field(default_factory=list)


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace(".", "").strip().lower())


def _heading(text: str) -> str:
    return _plain(re.sub(r"\(.*?\)", "", text))


def read_ons_csv(text: str, answers: dict[str, list[tuple[str, str]]], into: Loaded | None = None) -> Loaded:
    """Add one ONS file's figures for the City Region to `into`. `answers` gives each question's
    answers as (key, label). ValidationError, in words for the administrator, for anything else."""
    loaded = into or Loaded()
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error:
        raise ValidationError("This file could not be read as CSV.") from None
    if len(rows) < 2 or len(rows[0]) < 5 or _plain(rows[0][-1]) != "observation":
        raise ValidationError(
            "This is not a file in the ONS layout: it needs columns for the area's code and name, the "
            "category's code and name, and the count (Observation)."
        )
    question = CLASSIFICATIONS.get(_heading(rows[0][3]))
    if question is None:
        raise ValidationError(f"“{rows[0][3]}” is not one of the monitoring questions, so it cannot be used.")
    by_label = {_plain(label): key for key, label in answers[question]} | ALIASES.get(question, {})
    found = loaded.figures.setdefault(question, {})
    areas = set()
    for number, row in enumerate(rows[1:], start=2):
        if len(row) < 5:  # a blank line, or a note under the figures ("Source: ONS")
            continue
        area, label, count = _plain(row[1]), row[3], row[-1].replace(",", "").strip()
        if area not in AREAS:
            continue
        if not re.fullmatch(r"[0-9]+", count):
            raise ValidationError(f"Row {number} has “{row[-1]}” as its count, which is not a whole number.")
        areas.add(area)
        key = by_label.get(_plain(label))
        if key is None:
            if label not in loaded.not_used:
                loaded.not_used.append(label)
            continue
        found[key] = found.get(key, 0) + int(count)
    if not areas:
        raise ValidationError("The file has none of the City Region's six areas in it.")
    missing = sorted(AREAS - areas)
    if missing:
        names = ", ".join(name.title() for name in missing)
        raise ValidationError(f"The file has no figures for {names}: the City Region needs all six areas.")
    loaded.areas |= areas
    return loaded


def shipped() -> dict:
    """The figures that come with the service: a source, its date and the figures, which may be none."""
    return json.loads(SHIPPED.read_text(encoding="utf-8"))
