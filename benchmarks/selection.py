"""Choosing the best-scoring balanced panel from a large pool, against a time budget a coordinator
would wait for. Wall time (a budget check, not a rate), median of a few runs on seeded synthetic
pools. Needs no database, so it also runs as
`python -c "from benchmarks import selection; print(selection.run(None, None, None))"`."""

import math
import random
import statistics
import time

from recruitment.balancing.solver import Candidate, Target, best_by_score

RUNS = 5
# Roughly each area's share of the City Region's population.
AREA_SHARES = {"halton": 0.08, "knowsley": 0.10, "liverpool": 0.32, "sefton": 0.18, "st_helens": 0.12, "wirral": 0.20}
AREAS = list(AREA_SHARES)
AGE_BANDS = ["16_24", "25_34", "35_44", "45_54", "55_64", "65_plus"]
SEXES = ["female", "male"]
# (pool size, seats, budget in seconds)
POOLS = [(300, 12, 1.0), (2_000, 25, 10.0)]


def pool(size: int, seed: int) -> list[Candidate]:
    """Applicants skewed away from the region's make-up (Liverpool over, Halton and Knowsley under),
    one in ten leaving sex unanswered, scored as three reviewers' marks out of 30 averaged, so
    many scores tie."""
    rng = random.Random(seed)
    candidates = []
    for number in range(1, size + 1):
        attributes = {
            "area": rng.choices(AREAS, weights=[3, 5, 45, 15, 10, 22])[0],
            "age_band": rng.choices(AGE_BANDS, weights=[10, 25, 25, 20, 12, 8])[0],
        }
        if rng.random() > 0.1:
            attributes["sex"] = rng.choices(SEXES, weights=[60, 40])[0]
        marks = [sum(rng.randint(0, 5) for _ in range(6)) for _ in range(3)]
        candidates.append(Candidate(id=number, score=round(sum(marks) / 3, 2), attributes=attributes))
    return candidates


def targets(seats: int) -> list[Target]:
    """Each area near its share of the region's people, every age band present without any one
    taking over, and the sexes within one of even."""
    areas = [
        Target("area", area, max(1, math.floor(share * seats) - 1), math.ceil(share * seats) + 1)
        for area, share in AREA_SHARES.items()
    ]
    ages = [Target("age_band", band, max(1, seats // 12), seats // 4 + 1) for band in AGE_BANDS]
    sexes = [Target("sex", sex, seats // 2 - 1, seats // 2 + 1) for sex in SEXES]
    return areas + ages + sexes


def timed(candidates: list[Candidate], seats: int) -> float:
    started = time.perf_counter()
    proposal = best_by_score(candidates, seats=seats, targets=targets(seats))
    elapsed = time.perf_counter() - started
    assert proposal.feasible and proposal.optimal and len(proposal.selected) == seats, proposal
    return elapsed


def run(env=None, sink=None, queue=None) -> str:
    lines = []
    for size, seats, budget in POOLS:
        candidates = pool(size, seed=size)
        timed(candidates, seats)  # warm up: imports and the solver's first start
        seconds = statistics.median(timed(candidates, seats) for _ in range(RUNS))
        lines.append(
            f"selection_best_by_score_{size}: {size} candidates, {seats} seats, {seconds * 1000:.0f} ms "
            f"ratio={budget / seconds:.1f} target=1"
        )
    return "\n".join(lines)
