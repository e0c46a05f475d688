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

from recruitment.disclosure import STAGES, Rules, Table, protect

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


def attack(table: Table) -> dict[tuple[str, int], tuple[int, int]]:
    """The smallest and largest value of every hidden cell, from what the table shows."""
    solver = pywraplp.Solver.CreateSolver("GLOP")
    stages = range(len(STAGES))
    went_no_further = {(row.key, s): solver.NumVar(0, solver.infinity(), "") for row in table.rows for s in stages}

    def at_least(key, stage):
        return sum(went_no_further[key, later] for later in range(stage, len(STAGES)))

    for stage in stages:
        solver.Add(sum(at_least(row.key, stage) for row in table.rows) == table.totals[stage])
    for row in table.rows:
        for stage, cell in enumerate(row.cells):
            if cell.shown:
                solver.Add(at_least(row.key, stage) == cell.value)
    found = {}
    for row in table.rows:
        for stage, cell in enumerate(row.cells):
            if cell.shown:
                continue
            ends = []
            for maximise in (False, True):
                solver.Maximize(at_least(row.key, stage)) if maximise else solver.Minimize(at_least(row.key, stage))
                assert solver.Solve() == pywraplp.Solver.OPTIMAL
                ends.append(solver.Objective().Value())
            found[row.key, stage] = (math.ceil(ends[0] - 1e-6), math.floor(ends[1] + 1e-6))
    return found


def sensitive(key: str, value: int, total: int, rules: Rules) -> bool:
    if 0 < value < rules.threshold:
        return True
    return key not in QUIET and value > 0 and total - value < rules.threshold


def failures(table: Table, rules: Rules) -> list[str]:
    """Everything the attacker learns that they should not; empty when the table is safe."""
    found = []
    if table.totals[0] < rules.minimum_group:
        return [] if table.too_few else ["a table of too few people was shown"]
    ranges = attack(table)
    for row in table.rows:
        for stage, cell in enumerate(row.cells):
            if not sensitive(row.key, cell.value, table.totals[stage], rules):
                continue
            if cell.shown:
                found.append(f"{row.key} at {STAGES[stage]} ({cell.value}) is shown")
                continue
            low, high = ranges[row.key, stage]
            assert low <= cell.value <= high
            if high - low < min(rules.threshold, table.totals[stage]):
                found.append(f"{row.key} at {STAGES[stage]} ({cell.value}) is known to be {low} to {high}")
    return found


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
