"""Choosing a panel: the highest-scoring set of candidates that meets the balance targets.

A greedy pass down the score list can miss a target that a slightly different panel meets, so
this asks CP-SAT for the exact optimum. When the targets cannot all be met, the coordinator is
told which targets clash and the smallest change that would make them meetable, with the panel
that change allows. Pure: no models and no database, so it is easy to test and to benchmark.
"""

import math
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Literal

from ortools.sat.python import cp_model

# CP-SAT works in integers; scores are compared to the hundredth.
SCORE_SCALE = 100


@dataclass(frozen=True)
class Candidate:
    id: int
    score: float
    # A category left out (no consent, or no answer) is counted in none of its values.
    attributes: Mapping[str, str]
    # Already on the panel and staying: when replacing a member who leaves, the others are fixed.
    fixed: bool = False


@dataclass(frozen=True)
class Target:
    category: str
    value: str
    minimum: int
    maximum: int

    @property
    def label(self) -> str:
        return f"{self.category}: {self.value}"


@dataclass
class Conflict:
    """How far a target had to give: a minimum not met `by` people, or a maximum exceeded by them."""

    target: Target
    kind: Literal["minimum", "maximum"]
    by: int


@dataclass
class Proposal:
    selected: list[int]
    total_score: float
    feasible: bool
    conflicts: list[Target]
    relaxation: list[Conflict]
    solve_ms: float
    # False when the time limit ran out before the solver could prove nothing better exists.
    optimal: bool = True

    def to_dict(self) -> dict:
        return asdict(self)


Bound = tuple[Target, Literal["minimum", "maximum"]]
Picks = list[cp_model.IntVar]


def best_by_score(
    candidates: Iterable[Candidate], *, seats: int, targets: Sequence[Target], time_limit_s: float = 10.0
) -> Proposal:
    """The panel of `seats` people with the highest total score that meets every target.

    Ties in score go to the lower ids, so the same pool always gives the same panel. When the
    targets clash the proposal is not feasible: `conflicts` names the targets in each clash found
    (each clash cut to the fewest targets that still cannot be met together), `relaxation` the
    least total change to the targets that would make a panel possible, and `selected` the best
    panel under those relaxed targets, so the coordinator sees what is within reach.

    Bad input, including fewer candidates than seats, raises ValueError. If `time_limit_s` runs
    out, the best panel found so far comes back with `optimal` False; if none was found at all,
    TimeoutError.
    """
    started = time.perf_counter()
    deadline = started + time_limit_s
    pool = sorted(candidates, key=lambda candidate: candidate.id)
    _validate(pool, seats, targets)
    bounds: list[Bound] = [(target, kind) for target in targets for kind in ("minimum", "maximum")]
    model, picks, guards = _guarded_model(pool, seats, bounds)
    model.maximize(_objective(pool, picks, seats))
    solver, status = _solve(model, deadline)
    if status != cp_model.INFEASIBLE:
        selected, total = _panel(pool, picks, solver)
        return Proposal(selected, total, True, [], [], _ms_since(started), optimal=status == cp_model.OPTIMAL)

    in_clashes = {target for target, _ in _clashes(pool, seats, bounds, solver, guards, deadline)}
    model, picks, shortfalls = _relaxed_model(pool, seats, targets)
    slack = sum(var for _, var in shortfalls)
    model.minimize(slack)
    solver, status = _solve(model, deadline)
    least = status == cp_model.OPTIMAL
    # Hold the change to its least, then look for the best panel that change allows.
    model.add(slack == round(solver.objective_value))
    for pick in picks:
        model.add_hint(pick, solver.boolean_value(pick))
    model.clear_objective()
    model.maximize(_objective(pool, picks, seats))
    solver, status = _solve(model, deadline)
    relaxation = [Conflict(target, kind, solver.value(var)) for (target, kind), var in shortfalls if solver.value(var)]
    selected, total = _panel(pool, picks, solver)
    conflicts = [target for target in targets if target in in_clashes]
    optimal = least and status == cp_model.OPTIMAL
    return Proposal(selected, total, False, conflicts, relaxation, _ms_since(started), optimal=optimal)


def _validate(pool: list[Candidate], seats: int, targets: Sequence[Target]) -> None:
    if seats < 1:
        raise ValueError(f"A panel needs at least one seat, not {seats}.")
    if len(pool) < seats:
        raise ValueError(f"There are {len(pool)} candidates for {seats} seats: a panel needs at least as many.")
    if sum(candidate.fixed for candidate in pool) > seats:
        raise ValueError(f"More people are fixed on the panel than its {seats} seats.")
    if len({candidate.id for candidate in pool}) < len(pool):
        raise ValueError("Two candidates share an id; each candidate must appear once.")
    if not all(math.isfinite(candidate.score) for candidate in pool):
        raise ValueError("Every candidate needs a score that is a number.")
    labels = set()
    for target in targets:
        if target.minimum < 0:
            raise ValueError(f"The minimum for {target.label} is {target.minimum}; it cannot be below 0.")
        if target.minimum > target.maximum:
            raise ValueError(
                f"The minimum for {target.label} ({target.minimum}) is above its maximum ({target.maximum})."
            )
        if target.label in labels:
            raise ValueError(f"There are two targets for {target.label}; give each value one minimum and maximum.")
        labels.add(target.label)


def _panel_model(pool: list[Candidate], seats: int) -> tuple[cp_model.CpModel, Picks]:
    model = cp_model.CpModel()
    picks = [model.new_bool_var(f"pick {candidate.id}") for candidate in pool]
    model.add(sum(picks) == seats)
    for candidate, pick in zip(pool, picks, strict=True):
        if candidate.fixed:
            model.add(pick == 1)
    return model, picks


def _count(pool: list[Candidate], picks: Picks, target: Target) -> cp_model.LinearExprT:
    counted = zip(pool, picks, strict=True)
    return sum(pick for candidate, pick in counted if candidate.attributes.get(target.category) == target.value)


def _objective(pool: list[Candidate], picks: Picks, seats: int) -> cp_model.LinearExprT:
    """Score first; then lower ids, as a tie-break that all together is worth less than a
    hundredth of a point, so the answer depends on the pool alone, not on how the solver searched."""
    weight = seats * len(pool) + 1
    return sum(
        (round(candidate.score * SCORE_SCALE) * weight + len(pool) - rank) * pick
        for rank, (candidate, pick) in enumerate(zip(pool, picks, strict=True))
    )


def _guarded_model(pool: list[Candidate], seats: int, bounds: list[Bound]) -> tuple[cp_model.CpModel, Picks, dict]:
    """Each bound is switched on by an assumption, so an infeasible solve can say which ones clash."""
    model, picks = _panel_model(pool, seats)
    guards: dict[int, Bound] = {}
    for target, kind in bounds:
        count = _count(pool, picks, target)
        guard = model.new_bool_var(f"{kind} {target.label}")
        model.add(count >= target.minimum if kind == "minimum" else count <= target.maximum).only_enforce_if(guard)
        model.add_assumption(guard)
        guards[guard.index] = (target, kind)
    return model, picks, guards


def _relaxed_model(
    pool: list[Candidate], seats: int, targets: Sequence[Target]
) -> tuple[cp_model.CpModel, Picks, list]:
    """Every bound may give by a counted number of people, so some panel always exists."""
    model, picks = _panel_model(pool, seats)
    shortfalls: list[tuple[Bound, cp_model.IntVar]] = []
    for target in targets:
        count = _count(pool, picks, target)
        under = model.new_int_var(0, target.minimum, f"under {target.label}")
        over = model.new_int_var(0, max(seats - target.maximum, 0), f"over {target.label}")
        model.add(count + under >= target.minimum)
        model.add(count - over <= target.maximum)
        shortfalls += [((target, "minimum"), under), ((target, "maximum"), over)]
    return model, picks, shortfalls


def _solve(model: cp_model.CpModel, deadline: float) -> tuple[cp_model.CpSolver, int]:
    solver = cp_model.CpSolver()
    # One worker and a fixed seed: the same model gives the same search every time.
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_time_in_seconds = max(deadline - time.perf_counter(), 0.01)
    status = solver.solve(model)
    if status == cp_model.UNKNOWN:
        raise TimeoutError("No panel was found in the time allowed. Try a longer time limit.")
    assert status != cp_model.MODEL_INVALID, model.validate()
    return solver, status


def _clashes(
    pool: list[Candidate], seats: int, bounds: list[Bound], solver: cp_model.CpSolver, guards: dict, deadline: float
) -> list[Bound]:
    """Every clash, not just the first: set each one found aside and ask again until the rest fit."""
    found: list[Bound] = []
    while True:
        core = _shrink(pool, seats, [guards[i] for i in solver.sufficient_assumptions_for_infeasibility()], deadline)
        found += core
        bounds = [bound for bound in bounds if bound not in core]
        model, _, guards = _guarded_model(pool, seats, bounds)
        solver, status = _solve(model, deadline)
        if not core or status != cp_model.INFEASIBLE:
            return found


def _shrink(pool: list[Candidate], seats: int, core: list[Bound], deadline: float) -> list[Bound]:
    """Drop every bound the clash does not need (CP-SAT's core is enough, not always the fewest),
    so the coordinator is shown only the targets that really pull against each other."""
    kept = list(core)
    for bound in core:
        trial = [other for other in kept if other != bound]
        if _solve(_guarded_model(pool, seats, trial)[0], deadline)[1] == cp_model.INFEASIBLE:
            kept = trial
    return kept


def _panel(pool: list[Candidate], picks: Picks, solver: cp_model.CpSolver) -> tuple[list[int], float]:
    chosen = [candidate for candidate, pick in zip(pool, picks, strict=True) if solver.boolean_value(pick)]
    return [candidate.id for candidate in chosen], round(math.fsum(candidate.score for candidate in chosen), 6)


def _ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000
