"""Equality monitoring counts, ready to show: how many people giving each answer reached each stage,
through disclosure control (recruitment/disclosure.py, ADR 0021).

Each person is counted at the furthest stage they reached, read from the application's history, so
someone shortlisted and later unsuccessful or withdrawn still counts as shortlisted. All questions
are counted in one query, grouped by that furthest stage, whatever the number of applications.
No individual answer leaves the database.
"""

import hashlib
import json
from dataclasses import astuple, dataclass

from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from accounts import spreadsheets
from recruitment import categories, disclosure
from recruitment.models import Application, ApplicationStatus, MonitoringResponse, Round, RoundStatus

# Only rounds whose outcomes are out are counted: while applications arrive and decisions are made
# one at a time, a table that changed by one would tell a coordinator that one person's answers.
FINISHED = [RoundStatus.RELEASED, RoundStatus.ARCHIVED]

# The furthest stage each status shows a person reached: 0 applied, 1 shortlisted, 2 interviewed,
# 3 appointed. Reserve is shortlisted unless the history shows an interview too.
_STAGE_OF = {
    ApplicationStatus.SHORTLISTED: 1,
    ApplicationStatus.INVITED: 1,
    ApplicationStatus.RESERVE: 1,
    ApplicationStatus.INTERVIEWED: 2,
    ApplicationStatus.APPOINTED: 3,
}


@dataclass(frozen=True)
class Question:
    field: str
    title: str
    answers: list[tuple[str, str]]  # (key, label) in the order shown
    groups: dict[str, list[str]]  # each answer's key: the stored values it counts


def _question(field: str) -> Question:
    model_field = MonitoringResponse._meta.get_field(field)
    if field == "ethnicity":  # counted by the five broad groups: the detailed ones are too small
        groups = {
            key: [value for value, _ in dict(categories.ETHNICITY)[label]] for key, label in categories.ETHNIC_GROUPS
        }
        answers = list(categories.ETHNIC_GROUPS)
    else:
        answers = [(value, label) for value, label in model_field.flatchoices if value != categories.PREFER_NOT[0]]
        groups = {value: [value] for value, _ in answers}
    answers += [categories.PREFER_NOT, (disclosure.NOT_ANSWERED, "Not answered")]
    groups[categories.PREFER_NOT[0]] = [categories.PREFER_NOT[0]]
    return Question(field=field, title=str(model_field.verbose_name), answers=answers, groups=groups)


def questions() -> list[Question]:
    return [_question(field.name) for field in MonitoringResponse._meta.fields if field.choices]


def _stage_sql(column: str) -> tuple[str, list]:
    """The stage a status shows, in SQL, with its parameters."""
    whens = " ".join("WHEN %s THEN %s" for _ in _STAGE_OF)
    params = [value for status, stage in _STAGE_OF.items() for value in (status.value, stage)]
    return f"CASE {column} {whens} ELSE 0 END", params


def _counts_by_round(questions: list[Question]) -> list[tuple[str, int, int, str, int]]:
    """How many in each round, reaching each stage at the furthest, gave each stored answer to each
    question ("" where they gave none): one statement, each application counted once per question.
    The furthest stage is the highest any version of the application in its history shows."""
    history_stage, history_params = _stage_sql("h.status")
    current_stage, current_params = _stage_sql("a.status")
    applications = Application._meta.db_table
    history = Application.history.model._meta.db_table
    answers = MonitoringResponse._meta.db_table
    rounds = Round._meta.db_table
    # Names come from the models' own metadata; every value is a parameter.
    quote = connection.ops.quote_name
    columns = {q.field: quote(MonitoringResponse._meta.get_field(q.field).column) for q in questions}
    answered = ", ".join(f"COALESCE(m.{column}, '') AS {column}" for column in columns.values())
    parts = [
        f"SELECT %s, round_id, stage, {column}, COUNT(*) FROM base GROUP BY round_id, stage, {column}"  # noqa: S608
        for column in columns.values()
    ]
    stage = f"CASE WHEN COALESCE(f.stage, 0) > {current_stage} THEN COALESCE(f.stage, 0) ELSE {current_stage} END"
    past = ", ".join(["%s"] * len(_STAGE_OF))  # only versions that went past applying matter
    furthest = f"SELECT h.id AS id, MAX({history_stage}) AS stage FROM {history} h"  # noqa: S608
    furthest += f" WHERE h.status IN ({past}) GROUP BY h.id"
    base = f"SELECT a.round_id AS round_id, {stage} AS stage, {answered} FROM {applications} a"  # noqa: S608
    base += f" LEFT JOIN furthest f ON f.id = a.id LEFT JOIN {answers} m ON m.application_id = a.id"
    finished = ", ".join(["%s"] * len(FINISHED))
    done = f"SELECT r.id FROM {rounds} r WHERE r.status IN ({finished})"  # noqa: S608
    base += f" WHERE a.submitted_at IS NOT NULL AND a.round_id IN ({done})"
    sql = f"WITH furthest AS ({furthest}), base AS ({base}) " + " UNION ALL ".join(parts)
    params = [
        *history_params, *[status.value for status in _STAGE_OF], *current_params, *current_params,
        *[status.value for status in FINISHED], *columns,
    ]  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class EqualityTables:
    """Every equality table the service can show, protected together (ADR 0021): for each round,
    each panel across its rounds, each year across panels and each three years to a year, one
    table per question. Built from the counts and the cells protection hid, which is all the
    cache keeps."""

    def __init__(self, asked, counts, rounds, hidden, withheld, rules):
        self.asked, self.counts, self.round_of, self.rules = asked, counts, rounds, rules
        self.hidden, self.withheld = hidden, withheld  # {question: {round: cells}}, {question: rounds}
        self.years = {year: None for _, year in rounds.values()}

    def _tables(self, members: list[int], *, group: bool = True) -> list[disclosure.Table]:
        return [
            disclosure.assemble(
                q.title, q.answers, [self.counts[q.field][pk] for pk in members],
                [self.hidden[q.field][pk] for pk in members], self.rules,
                withheld=group and any(pk in self.withheld[q.field] for pk in members),
            )
            for q in self.asked
        ]  # fmt: skip

    def round(self, pk: int) -> list[disclosure.Table]:
        return self._tables([pk], group=False) if pk in self.round_of else _nobody()

    def panel(self, panel_id: int) -> list[disclosure.Table]:
        members = [pk for pk, (panel, _) in self.round_of.items() if panel == panel_id]
        return self._tables(members) if members else _nobody()

    def year(self, year: int, years: int = 1) -> list[disclosure.Table]:
        members = [pk for pk, (_, closed) in self.round_of.items() if year - years < closed <= year]
        return self._tables(members) if members else _nobody()

    def hidden_appointed(self, field: str) -> set[str]:
        """The answers any round hides among its appointees, its table shown or not."""
        appointed = len(disclosure.STAGES) - 1
        return {key for cells in self.hidden[field].values() for key, stage in cells if stage == appointed}


def _nobody() -> list[disclosure.Table]:
    return [disclosure.Table(question.title, (0,) * len(disclosure.STAGES), ()) for question in questions()]


CACHE_VERSION = 5
CACHE_SECONDS = 7 * 24 * 60 * 60
WINDOW_YEARS = 3


def _fingerprint() -> tuple:
    """A stamp that changes whenever a count could: how many applications and monitoring answers
    there are, the newest application history row and the newest answer. Every change of status is
    saved with a history row, and every answer saved is stamped afresh; a deletion lowers a number
    that only a newer row could raise again. Two counts and two maximums: far less than counting."""
    quote = connection.ops.quote_name
    applications = quote(Application._meta.db_table)
    history = Application.history.model._meta
    answers = MonitoringResponse._meta
    answered = quote(answers.get_field("answered_at").column)
    sql = (
        f"SELECT (SELECT COUNT(*) FROM {applications}),"  # noqa: S608 - names from the models' metadata
        f" (SELECT MAX({quote(history.pk.column)}) FROM {quote(history.db_table)}),"
        f" (SELECT COUNT(*) FROM {quote(answers.db_table)}), (SELECT MAX({answered}) FROM {quote(answers.db_table)})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()


def equality_tables(rules: disclosure.Rules | None = None) -> EqualityTables:
    """All of them, counted and protected again only when a count or a rule has changed: three
    queries when nothing has (the stamp, the rounds, the cache)."""
    rules = rules or disclosure.rules()
    asked = questions()
    rounds = {
        pk: (panel_id, timezone.localtime(closes_at).year)
        for pk, panel_id, closes_at in Round.objects.filter(status__in=FINISHED)
        .order_by("pk")
        .values_list("pk", "panel_id", "closes_at")
    }
    fingerprint = json.dumps([CACHE_VERSION, astuple(rules), _fingerprint(), sorted(rounds.items())], default=str)
    key = f"equality-tables:{hashlib.sha256(fingerprint.encode()).hexdigest()}"
    found = cache.get(key)
    if found is None:
        rows = _counts_by_round(asked)
        counted = {row[1] for row in rows}
        rounds = {pk: place for pk, place in rounds.items() if pk in counted}
        counts = _counts_of(asked, rows, rounds)
        found = (counts, rounds, *_protect_all(asked, counts, rounds, rules))
        cache.set(key, found, timeout=CACHE_SECONDS)
    counts, rounds, hidden, withheld = found
    return EqualityTables(asked, counts, rounds, hidden, withheld, rules)


def _counts_of(asked: list[Question], rows, rounds) -> dict[str, dict[int, dict[str, list[int]]]]:
    """For each question and round, how many giving each answer went no further than each stage."""
    stages = len(disclosure.STAGES)
    answer_of = {q.field: {value: key for key, values in q.groups.items() for value in values} for q in asked}
    counts = {q.field: {pk: {key: [0] * stages for key, _ in q.answers} for pk in rounds} for q in asked}
    for field, round_id, stage, value, count in rows:
        key = answer_of[field].get(value, disclosure.NOT_ANSWERED)
        counts[field][round_id][key][stage] += count
    return counts


def _protect_all(asked: list[Question], counts, rounds: dict[int, tuple[int, int]], rules) -> tuple[dict, dict]:
    """Which cells each round hides for each question, protected together with every group of
    rounds that can be shown: each panel, each year, and each three years to a year."""
    groups: dict[tuple, set[int]] = {}
    for round_id, (panel_id, year) in rounds.items():
        groups.setdefault(("panel", panel_id), set()).add(round_id)
        groups.setdefault(("year", year), set()).add(round_id)
        for last in range(year, year + WINDOW_YEARS):
            groups.setdefault(("window", last), set()).add(round_id)
    hidden, withheld = {}, {}
    for question in asked:
        linked = disclosure.protect_linked(question.title, question.answers, counts[question.field], groups, rules)
        hidden[question.field] = linked.hidden
        withheld[question.field] = linked.withheld
    return hidden, withheld


def round_equality_tables(round_: Round, rules: disclosure.Rules | None = None) -> list[disclosure.Table]:
    """Every monitoring question's funnel for one round, ready to show: none until its outcomes
    are released."""
    return equality_tables(rules).round(round_.pk)


def panel_equality_tables(panel, rules: disclosure.Rules | None = None) -> list[disclosure.Table]:
    """The same for a panel, across all its rounds."""
    return equality_tables(rules).panel(panel.pk)


def year_equality_tables(year: int, rules: disclosure.Rules | None = None) -> list[disclosure.Table]:
    """The same for every panel's rounds that closed in a year."""
    return equality_tables(rules).year(year)


def equality_years(rules: disclosure.Rules | None = None) -> list[int]:
    """The years with rounds to report, the latest first."""
    return sorted(equality_tables(rules).years, reverse=True)


def tables_csv(tables: list[disclosure.Table], out) -> None:
    """The same tables as a spreadsheet, hidden cells and all: exactly what the page shows."""
    writer = spreadsheets.writer(out)
    writer.writerow(["question", "answer", *[stage.lower() for stage in disclosure.STAGES]])
    for table in tables:
        if table.too_few:
            writer.writerow([table.question, TOO_FEW, *[""] * len(disclosure.STAGES)])
            continue
        for row in table.rows:
            writer.writerow([table.question, row.label, *[str(cell) for cell in row.cells]])
        writer.writerow([table.question, EVERYONE, *table.totals])


TOO_FEW = "too few people to report"
EVERYONE = "Everyone"
