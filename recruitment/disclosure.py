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
from collections.abc import Collection, Hashable, Mapping, Sequence
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
    question: str,
    answers: Sequence[tuple[str, str]],
    furthest: Mapping[str, Sequence[int]],
    rules: Rules,
    hidden: Collection[tuple[str, int]] = (),
) -> Table:
    """Counts for one question, from one group of people published on its own, ready to show.
    `answers` is every answer as (key, label) in the order to show them; `furthest` gives, for
    each key, how many people went no further than each stage (a missing key counts as nobody).
    `hidden` are (key, stage) cells to hide from the start, because a table of some of the same
    people hides them."""
    piece = _Piece(answers, furthest, rules)
    if piece.totals[0] < rules.minimum_group:
        return Table(question=question, totals=piece.totals, rows=())
    piece._hide(hidden)
    piece.protect()
    return assemble(question, answers, [furthest], [piece.hidden], rules)


@dataclass(frozen=True)
class Linked:
    """One question's tables for every part (a round) and every group of parts (a panel across
    its rounds, a year across panels), protected together."""

    parts: dict[Hashable, Table]
    groups: dict[Hashable, Table]
    hidden: dict[Hashable, frozenset[tuple[str, int]]]  # each part's hidden cells, shown or not
    withheld: frozenset  # parts whose groups show nothing of this question


def protect_linked(
    question: str,
    answers: Sequence[tuple[str, str]],
    parts: Mapping[Hashable, Mapping[str, Sequence[int]]],
    groups: Mapping[Hashable, Collection[Hashable]],
    rules: Rules,
) -> Linked:
    """Tables for parts that are also added up into groups, each group hiding every cell hidden in
    any of its parts. Then what is shown of a group is only sums of what its parts show, so
    someone holding every table can learn no more about a part than its own table tells them, and
    a group's hidden cell can move as far as its parts' hidden cells can, added up. Where that is
    not far enough, the cell is hidden in the part with the most people at that stage too, with a
    partner. Every part is protected this way even where it is too small to show on its own, since
    its groups still count its people."""
    pieces = {name: _Piece(answers, parts[name], rules) for name in sorted(parts, key=str)}
    for piece in pieces.values():
        piece.protect()
    stages = range(len(STAGES))
    keys = [key for key, _ in answers]
    for name in sorted(groups, key=str):
        members = [pieces[part] for part in sorted(groups[name], key=str) if part in pieces]
        totals = [sum(piece.totals[stage] for piece in members) for stage in stages]
        for stage in stages:
            for key in keys:
                value = sum(piece.grid[key][stage] for piece in members)
                wanted = min(rules.threshold, totals[stage])
                if not rules.secondary or not _is_sensitive(key, value, totals[stage], rules.threshold):
                    continue
                _widen_group(members, key, stage, wanted)
    hidden = {name: frozenset(piece.hidden) for name, piece in pieces.items()}
    withheld = frozenset(name for name, piece in pieces.items() if piece.withhold_from_groups)
    found_parts = {name: assemble(question, answers, [parts[name]], [hidden[name]], rules) for name in pieces}
    found_groups = {}
    for name in sorted(groups, key=str):
        members = [part for part in sorted(groups[name], key=str) if part in pieces]
        found_groups[name] = assemble(
            question, answers, [parts[part] for part in members], [hidden[part] for part in members], rules,
            withheld=any(part in withheld for part in members),
        )  # fmt: skip
    return Linked(parts=found_parts, groups=found_groups, hidden=hidden, withheld=withheld)


def assemble(
    question: str,
    answers: Sequence[tuple[str, str]],
    furthests: Sequence[Mapping[str, Sequence[int]]],
    hiddens: Sequence[Collection[tuple[str, int]]],
    rules: Rules,
    *,
    withheld: bool = False,
) -> Table:
    """The table of one or more parts added up, hiding every cell any of them hides: what
    `protect_linked` worked out, put together again from the counts and the hidden cells alone."""
    stages = range(len(STAGES))
    nobody = [0] * len(STAGES)
    grids = [{key: reached(furthest.get(key, nobody)) for key, _ in answers} for furthest in furthests]
    totals = tuple(sum(grid[key][stage] for grid in grids for key, _ in answers) for stage in stages)
    if totals[0] < rules.minimum_group or withheld:
        return Table(question=question, totals=totals, rows=())
    hidden = set().union(*hiddens)
    rows = tuple(
        Row(
            key,
            label,
            tuple(Cell(sum(grid[key][stage] for grid in grids), (key, stage) not in hidden) for stage in stages),
        )
        for key, label in answers
    )
    return Table(question=question, totals=totals, rows=rows)


def _widen_group(members: list["_Piece"], key: str, stage: int, wanted: int) -> None:
    """Hide more in a group's parts until the group's cell can move `wanted` or more: in the part
    with the most people at that stage first, as far as it will go, then the next."""
    exhausted = set()
    while (width := sum(piece.width(key, stage) for piece in members)) < wanted:
        growing = [piece for piece in members if id(piece) not in exhausted]
        if not growing:
            for piece in members:  # nothing left to hide: the group shows nothing of this question
                piece.withhold_from_groups = True
            return
        piece = max(growing, key=lambda piece: piece.totals[stage])
        before = piece.width(key, stage)
        piece.widen(key, stage, before + wanted - width)
        if piece.width(key, stage) >= before + wanted - width or piece.fully_hidden:
            exhausted.add(id(piece))


class _Piece:
    """One group of people's counts for one question, and which of its cells are hidden."""

    def __init__(self, answers, furthest: Mapping[str, Sequence[int]], rules: Rules):
        stages = len(STAGES)
        self.rules = rules
        self.keys = [key for key, _ in answers]
        counts = {key: list(furthest.get(key, [0] * stages)) for key in self.keys}
        self.grid = {key: reached(row) for key, row in counts.items()}
        self.totals = tuple(sum(self.grid[key][stage] for key in self.keys) for stage in range(stages))
        self.problem = _Problem(self.keys, counts, self.totals)
        self.hidden: set[tuple[str, int]] = set()
        self.withhold_from_groups = False
        self._ranges: dict[tuple[str, int], tuple[int, int]] = {}

    def protect(self) -> None:
        threshold = self.rules.threshold
        sensitive = [
            (key, stage, min(threshold, self.totals[stage]))
            for stage in range(len(STAGES))
            for key in self.keys
            if _is_sensitive(key, self.grid[key][stage], self.totals[stage], threshold)
        ]
        self._hide({(key, stage) for key, stage, _ in sensitive})
        if not self.rules.secondary:
            return
        for key, stage, wanted in sensitive:
            self.widen(key, stage, wanted)
            if self.width(key, stage) < wanted:  # pragma: no cover - a whole stage hidden is always wide enough
                raise RuntimeError("a count could not be protected")

    def widen(self, key: str, stage: int, wanted: int) -> None:
        """Hide the cell, then partners for it, until its range is `wanted` wide or everything is
        hidden."""
        self._hide({(key, stage)})
        while self.width(key, stage) < wanted:
            partner = _partner(key, stage, wanted, self.grid, self.hidden, self.range_of(key, stage))
            if partner is None:
                return
            self._hide({partner})

    @property
    def fully_hidden(self) -> bool:
        return len(self.hidden) == len(self.keys) * len(STAGES)

    def _hide(self, cells) -> None:
        cells = set(cells) - self.hidden
        if not cells:
            return
        self.hidden |= cells
        self.problem.hide(cells)
        self._ranges.clear()

    def range_of(self, key: str, stage: int) -> tuple[int, int]:
        if (key, stage) not in self.hidden:
            value = self.grid[key][stage]
            return value, value
        if (key, stage) not in self._ranges:
            self._ranges[key, stage] = self.problem.range_of(key, stage)
        return self._ranges[key, stage]

    def width(self, key: str, stage: int) -> int:
        return _width(self.range_of(key, stage))


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


# These programs have a few dozen variables: GLOP's preprocessing costs more than it saves.
SMALL_PROGRAMS = "use_preprocessing: false"


class _Problem:
    """What someone could work out about a hidden cell from what is shown: a linear program over
    the number of people with each answer whose furthest stage was each stage (never negative),
    constrained by every shown cell and every stage total."""

    def __init__(self, keys: list[str], counts: dict[str, list[int]], totals: Sequence[int]):
        self.solver = pywraplp.Solver.CreateSolver("GLOP")
        self.solver.SetSolverSpecificParametersAsString(SMALL_PROGRAMS)
        stages = len(STAGES)
        infinity = self.solver.infinity()
        self.people = {(key, stage): self.solver.NumVar(0, infinity, "") for key in keys for stage in range(stages)}
        self.shown = {}
        for key in keys:
            for stage in range(stages):
                self.shown[key, stage] = self._equal(self._cell(key, stage), sum(counts[key][stage:]))
        for stage in range(stages):
            self._equal([var for key in keys for var in self._cell(key, stage)], totals[stage])

    def _cell(self, key: str, stage: int) -> list:
        return [self.people[key, later] for later in range(stage, len(STAGES))]

    def _equal(self, variables: list, value: int):
        constraint = self.solver.Constraint(value, value)
        for var in variables:
            constraint.SetCoefficient(var, 1)
        return constraint

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
