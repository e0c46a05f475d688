"""Disclosure control (recruitment/disclosure.py), tested by playing the attacker.

The attacker here is written apart from the module: it sees only what a table shows (the shown
cells and the stage totals) and knows how a funnel works (nobody is counted at a stage without the
one before, and counts are never negative). For every hidden cell, a linear program finds the
smallest and largest value consistent with all of that; a hidden cell that was sensitive must have
a range at least the threshold wide (or the stage's whole total, where that is smaller).

The suite runs 500 random populations for each kind of report. For a longer search, run
`make audit-disclosure`, which raises the number and lets hypothesis choose new ones.
"""

import math
import os

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from ortools.linear_solver import pywraplp

from recruitment.disclosure import STAGES, Rules, Table, protect, protect_linked

EXAMPLES = int(os.environ.get("EQUALITY_AUDIT_EXAMPLES", "500"))
SEARCH = settings(max_examples=EXAMPLES, deadline=None, derandomize="EQUALITY_AUDIT_EXAMPLES" not in os.environ)
RULES = Rules(threshold=5, minimum_group=10)
SEX = [
    ("female", "Female"),
    ("male", "Male"),
    ("prefer_not_to_say", "Prefer not to say"),
    ("not_answered", "Not answered"),
]
QUIET = {"prefer_not_to_say", "not_answered"}


class Attacker:
    """Someone holding every published table, who knows each part's stage totals (a coordinator
    knows who applied to a round and how far each got) and how a funnel works. Parts are groups of
    people counted apart (rounds); a table counts a set of parts (one round, or a panel's rounds)."""

    def __init__(self, keys: list[str], parts: list):
        self.solver = pywraplp.Solver.CreateSolver("GLOP")
        self.solver.SetSolverSpecificParametersAsString("use_preprocessing: false")
        self.keys = keys
        infinity = self.solver.infinity()
        self.people = {(p, k, f): self.solver.NumVar(0, infinity, "") for p in parts for k in keys for f in STAGES_AT}

    def count(self, parts, key, stage) -> list:
        return [self.people[p, key, later] for p in parts for later in range(stage, len(STAGES))]

    def _equal(self, variables, value) -> None:
        constraint = self.solver.Constraint(value, value)
        for var in variables:
            constraint.SetCoefficient(var, 1)

    def knows(self, parts, key, stage, value) -> None:
        self._equal(self.count(parts, key, stage), value)

    def knows_totals(self, parts, totals) -> None:
        for stage, total in enumerate(totals):
            self._equal([var for key in self.keys for var in self.count(parts, key, stage)], total)

    def reads(self, parts, table: Table) -> None:
        self.knows_totals(parts, table.totals)
        for row in table.rows:
            for stage, cell in enumerate(row.cells):
                if cell.shown:
                    self.knows(parts, row.key, stage, cell.value)

    def range_of(self, parts, key, stage) -> tuple[int, int]:
        objective = self.solver.Objective()
        objective.Clear()
        for var in self.count(parts, key, stage):
            objective.SetCoefficient(var, 1)
        ends = []
        for maximise in (False, True):
            objective.SetOptimizationDirection(maximise)
            assert self.solver.Solve() == pywraplp.Solver.OPTIMAL
            ends.append(objective.Value())
        return math.ceil(ends[0] - 1e-6), math.floor(ends[1] + 1e-6)


STAGES_AT = range(len(STAGES))


def sensitive(key: str, value: int, total: int, rules: Rules) -> bool:
    if 0 < value < rules.threshold:
        return True
    return key not in QUIET and value > 0 and total - value < rules.threshold


def reached(furthest) -> list[int]:
    return [sum(furthest[stage:]) for stage in STAGES_AT]


def exposed(attacker, parts, name, values: dict, totals, rules, shown=lambda key, stage: False) -> list[str]:
    """What the attacker learns of one table's sensitive cells, whose true values are `values`."""
    found = []
    for key, counts in values.items():
        for stage in STAGES_AT:
            if not sensitive(key, counts[stage], totals[stage], rules):
                continue
            if shown(key, stage):
                found.append(f"{name}: {key} at {STAGES[stage]} ({counts[stage]}) is shown")
                continue
            low, high = attacker.range_of(parts, key, stage)
            assert low <= counts[stage] <= high
            if high - low < min(rules.threshold, totals[stage]):
                found.append(f"{name}: {key} at {STAGES[stage]} ({counts[stage]}) is known to be {low} to {high}")
    return found


def table_exposed(attacker, parts, name, table: Table, rules) -> list[str]:
    if table.totals[0] < rules.minimum_group:
        return [] if table.too_few else [f"{name}: a table of too few people was shown"]
    values = {row.key: [cell.value for cell in row.cells] for row in table.rows}
    shown = {(row.key, stage) for row in table.rows for stage, cell in enumerate(row.cells) if cell.shown}
    return exposed(attacker, parts, name, values, table.totals, rules, lambda key, stage: (key, stage) in shown)


def failures(table: Table, rules: Rules) -> list[str]:
    """Everything the attacker learns from one table that they should not; empty when it is safe."""
    attacker = Attacker([row.key for row in table.rows], ["only"])
    attacker.reads(["only"], table)
    return table_exposed(attacker, ["only"], "table", table, rules)


def funnel():
    """How many went no further than each stage: mostly small numbers, with many zeros."""
    count = st.one_of(st.just(0), st.integers(0, 4), st.integers(0, 30))
    return st.lists(count, min_size=4, max_size=4)


def populations():
    answers = st.integers(2, 6).map(
        lambda n: (
            [(f"answer_{i}", f"Answer {i}") for i in range(n)] + [("prefer_not_to_say", "PNS"), ("not_answered", "NA")]
        )
    )
    return answers.flatmap(
        lambda a: st.tuples(st.just(a), st.fixed_dictionaries({key: funnel() for key, _ in a}), st.integers(3, 6))
    )


def protected(population, secondary=True):
    answers, furthest, threshold = population
    rules = Rules(threshold=threshold, minimum_group=10, secondary=secondary)
    return protect("Question", answers, furthest, rules), rules


@SEARCH
@given(populations())
def test_no_hidden_cell_of_a_rounds_table_can_be_worked_out(population):
    table, rules = protected(population)
    assert failures(table, rules) == []


def test_without_secondary_suppression_the_attacker_wins():
    found = []

    @settings(SEARCH, phases=[Phase.generate])  # the first win is enough: no need to shrink it
    @given(populations())
    def primary_only_is_safe(population):
        lost = failures(*protected(population, secondary=False))
        if lost:
            found.append(population)
        assert lost == []

    with pytest.raises(AssertionError):
        primary_only_is_safe()
    assert all(failures(*protected(population)) == [] for population in found)  # safe with it


def test_a_round_with_one_applicant_has_too_few_people_to_report():
    table = protect("Sex", SEX, {"female": [1, 0, 0, 0]}, RULES)
    assert table.too_few and table.rows == ()


def test_a_zero_beside_a_hidden_count_is_hidden_too():
    # 10 applied, 7 women: showing "Male 0, Prefer not to say 0" beside a hidden count would tell
    # everyone the other 3 did not answer.
    table = protect("Sex", SEX, {"female": [7, 0, 0, 0], "not_answered": [3, 0, 0, 0]}, RULES)
    applied = {row.key: row.cells[0] for row in table.rows}
    assert not applied["not_answered"].shown
    assert not applied["female"].shown
    assert failures(table, RULES) == []


def test_an_answer_everyone_at_a_stage_gave_is_not_shown():
    table = protect("Sex", SEX, {"female": [20, 0, 0, 6], "male": [14, 0, 0, 0]}, RULES)
    appointed = {row.key: row.cells[3] for row in table.rows}
    assert not appointed["female"].shown
    assert failures(table, RULES) == []


@pytest.mark.parametrize("threshold", [3, 5, 10])
def test_large_counts_are_shown_as_they_are(threshold):
    table = protect("Sex", SEX, {"female": [40, 20, 10, 10], "male": [30, 20, 10, 10]}, Rules(threshold, 10))
    assert table.hidden == 0
    assert [cell.value for cell in table.rows[0].cells] == [80, 40, 20, 10]


def linked_populations():
    """Two to four rounds in one or two panels and one or two years, some too small to show."""
    answers = st.integers(2, 4).map(
        lambda n: [(f"answer_{i}", f"Answer {i}") for i in range(n)] + [(key, key) for key in sorted(QUIET)]
    )

    def rounds(a):
        one = st.fixed_dictionaries({key: funnel() for key, _ in a})
        return st.lists(st.tuples(one, st.integers(0, 1), st.integers(0, 1)), min_size=2, max_size=4)

    return answers.flatmap(lambda a: st.tuples(st.just(a), rounds(a), st.integers(3, 6)))


def linked_failures(population, secondary=True) -> list[str]:
    answers, rounds, threshold = population
    rules = Rules(threshold=threshold, minimum_group=10, secondary=secondary)
    parts = {n: furthest for n, (furthest, _, _) in enumerate(rounds)}
    groups = {"all": set(parts)}
    for n, (_, panel, year) in enumerate(rounds):
        groups.setdefault(("panel", panel), set()).add(n)
        groups.setdefault(("year", year), set()).add(n)
    linked = protect_linked("Question", answers, parts, groups, rules)
    keys = [key for key, _ in answers]
    attacker = Attacker(keys, list(parts))
    for n, table in linked.parts.items():
        attacker.knows_totals([n], [sum(reached(parts[n].get(k, [0] * 4))[s] for k in keys) for s in STAGES_AT])
        if not table.too_few:
            attacker.reads([n], table)
    for name, table in linked.groups.items():
        if not table.too_few:
            attacker.reads(sorted(groups[name]), table)
    found = []
    for n, table in linked.parts.items():
        if table.too_few:  # not shown, but its people are in the groups: they are protected too
            values = {key: reached(parts[n].get(key, [0] * 4)) for key in keys}
            totals = [sum(values[key][stage] for key in keys) for stage in STAGES_AT]
            found += exposed(attacker, [n], f"round {n}", values, totals, rules)
        else:
            found += table_exposed(attacker, [n], f"round {n}", table, rules)
    for name, table in linked.groups.items():
        found += table_exposed(attacker, sorted(groups[name]), str(name), table, rules)
    return found


@SEARCH
@given(linked_populations())
def test_no_hidden_cell_can_be_worked_out_from_rounds_panels_and_years_together(population):
    assert linked_failures(population) == []


def test_without_secondary_suppression_the_attacker_wins_across_tables_too():
    @settings(SEARCH, phases=[Phase.generate])
    @given(linked_populations())
    def primary_only_is_safe(population):
        assert linked_failures(population, secondary=False) == []

    with pytest.raises(AssertionError):
        primary_only_is_safe()
