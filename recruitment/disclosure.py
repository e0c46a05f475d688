"""Disclosure control for every table of equality monitoring counts (ADR 0021).

A table here is a funnel: for one monitoring question, how many people giving each answer reached
each stage of a round (applied, shortlisted, interviewed, appointed). Each person is counted at
every stage up to the furthest they reached, so the table is built from the number of people with
each answer whose furthest stage was each stage. The stage totals are always shown: the
coordinator knows them anyway, from the list of applications.

Before anything is shown:

- a table whose people number fewer than the minimum group is not shown at all ("too few people
  to report");
- primary suppression: a count from 1 to one below the threshold is not shown, nor is an answer
  given by everyone, or all but a few, at a stage ("everyone appointed is a woman" says as much
  about each of them as a count of one does), so zeros beside it are not left to speak;
- secondary suppression: more cells are hidden until no hidden cell can be worked out from what
  is shown. For each sensitive cell a linear program finds the smallest and largest value it
  could take given every shown cell, the stage totals and the funnel's own rules (nobody reaches
  a stage without the one before); the range must be at least the threshold wide, or the stage's
  whole total where that is smaller. Cells are hidden one at a time, the cheapest partner first,
  until every range is wide enough. More hiding only ever widens a range, so the loop ends, at
  worst with every cell of a stage hidden.

Nothing here reads the database: it takes counts and returns what may be shown.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.conf import settings
from ortools.linear_solver import pywraplp

STAGES = ["Applied", "Shortlisted", "Interviewed", "Appointed"]
NOT_ANSWERED = "not_answered"
PREFER_NOT = "prefer_not_to_say"
# Answers that say nothing about a characteristic: an answer given by everyone is only sensitive
# where it is one.
NOT_A_CHARACTERISTIC = {NOT_ANSWERED, PREFER_NOT}


@dataclass(frozen=True)
class Rules:
    threshold: int
    minimum_group: int
    secondary: bool = True


def rules() -> Rules:
    return Rules(threshold=settings.EQUALITY_THRESHOLD, minimum_group=settings.EQUALITY_MINIMUM_GROUP)


@dataclass(frozen=True)
class Cell:
    value: int
    shown: bool

    def __str__(self) -> str:
        return str(self.value) if self.shown else "not shown"


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    """One question's funnel, ready to show: `rows` is empty when there are too few people."""

    question: str
    totals: tuple[int, ...]
    rows: tuple[Row, ...]

    @property
    def too_few(self) -> bool:
        return not self.rows

    @property
    def hidden(self) -> int:
        return sum(not cell.shown for row in self.rows for cell in row.cells)


def reached(furthest: Sequence[int]) -> list[int]:
    """How many reached each stage, from how many went no further than each."""
    return [sum(furthest[stage:]) for stage in range(len(furthest))]


def protect(
    question: str, answers: Sequence[tuple[str, str]], furthest: Mapping[str, Sequence[int]], rules: Rules
) -> Table:
    """Counts for one question ready to show. `answers` is every answer as (key, label) in the
    order to show them; `furthest` gives, for each key, how many people went no further than each
    stage (a missing key counts as nobody)."""
    stages = len(STAGES)
    counts = {key: list(furthest.get(key, [0] * stages)) for key, _ in answers}
    grid = {key: reached(row) for key, row in counts.items()}
    totals = tuple(sum(grid[key][stage] for key in grid) for stage in range(stages))
    if totals[0] < rules.minimum_group:
        return Table(question=question, totals=totals, rows=())
    keys = [key for key, _ in answers]
    problem = _Problem(keys, counts, totals)
    sensitive = [
        (key, stage, min(rules.threshold, totals[stage]))
        for stage in range(stages)
        for key in keys
        if _is_sensitive(key, grid[key][stage], totals[stage], rules.threshold)
    ]
    hidden = {(key, stage) for key, stage, _ in sensitive}
    problem.hide(hidden)
    if rules.secondary:
        for key, stage, wanted in sensitive:
            while _width(problem.range_of(key, stage)) < wanted:
                partner = _partner(key, stage, wanted, grid, hidden, problem.range_of(key, stage))
                if partner is None:  # cannot happen while a stage has two answers; refuse to show
                    return Table(question=question, totals=totals, rows=())
                hidden.add(partner)
                problem.hide({partner})
    rows = tuple(
        Row(key, label, tuple(Cell(grid[key][stage], (key, stage) not in hidden) for stage in range(stages)))
        for key, label in answers
    )
    return Table(question=question, totals=totals, rows=rows)


def _is_sensitive(key: str, value: int, total: int, threshold: int) -> bool:
    if 0 < value < threshold:
        return True
    return key not in NOT_A_CHARACTERISTIC and value > 0 and total - value < threshold


def _width(bounds: tuple[int, int]) -> int:
    return bounds[1] - bounds[0]


def _partner(key, stage, wanted, grid, hidden, bounds) -> tuple[str, int] | None:
    """The next cell to hide to widen (key, stage)'s range: another answer at the same stage
    first, the smallest that makes up what is missing, else the largest; then the same answer at
    the stages either side; then anything still shown."""
    missing = wanted - _width(bounds)
    stages = len(STAGES)

    def best(candidates):
        shown = [c for c in candidates if c not in hidden]
        if not shown:
            return None
        enough = [c for c in shown if grid[c[0]][c[1]] >= missing]
        if enough:
            return min(enough, key=lambda c: grid[c[0]][c[1]])
        return max(shown, key=lambda c: grid[c[0]][c[1]])

    same_stage = [(other, stage) for other in grid if other != key]
    either_side = [(key, s) for s in (stage - 1, stage + 1) if 0 <= s < stages]
    anything = [(other, s) for other in grid for s in range(stages)]
    return best(same_stage) or best(either_side) or best(anything)


class _Problem:
    """What someone could work out about a hidden cell from what is shown: a linear program over
    the number of people with each answer whose furthest stage was each stage (never negative),
    constrained by every shown cell and every stage total."""

    def __init__(self, keys: list[str], counts: dict[str, list[int]], totals: Sequence[int]):
        self.solver = pywraplp.Solver.CreateSolver("GLOP")
        stages = len(STAGES)
        self.people = {
            (key, stage): self.solver.NumVar(0, self.solver.infinity(), "") for key in keys for stage in range(stages)
        }
        self.shown = {}
        for key in keys:
            for stage in range(stages):
                value = sum(counts[key][stage:])
                self.shown[key, stage] = self.solver.Add(self._cell(key, stage) == value)
        for stage in range(stages):
            self.solver.Add(sum(self._cell(key, stage) for key in keys) == totals[stage])

    def _cell(self, key: str, stage: int):
        return sum(self.people[key, later] for later in range(stage, len(STAGES)))

    def hide(self, cells) -> None:
        infinity = self.solver.infinity()
        for cell in cells:
            self.shown[cell].SetBounds(-infinity, infinity)

    def range_of(self, key: str, stage: int) -> tuple[int, int]:
        objective = self.solver.Objective()
        objective.Clear()
        for later in range(stage, len(STAGES)):
            objective.SetCoefficient(self.people[key, later], 1)
        bounds = []
        for minimise in (True, False):
            objective.SetOptimizationDirection(not minimise)
            status = self.solver.Solve()
            if status != pywraplp.Solver.OPTIMAL:  # pragma: no cover - shown counts are always consistent
                raise RuntimeError("the counts do not add up")
            bounds.append(objective.Value())
        # People are counted in whole numbers: nobody can be sure of less than this.
        return math.ceil(bounds[0] - 1e-6), math.floor(bounds[1] + 1e-6)
