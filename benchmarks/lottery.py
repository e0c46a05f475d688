"""The fair lottery on 300 candidates for 12 seats, with targets by area, age band and sex: our
`recruitment.balancing.lottery.draw` (a subprocess that checks the request, runs the library's maximin and
adds up each candidate's probability) against the library's own `run_stratification` called in a
fresh subprocess on the same pool and seed. Both pay for starting Python and importing the library.
Times are CPU seconds of this process and its children (wall time swings with whatever else the
machine is doing; HiGHS uses more than one core, so CPU can exceed wall), medians of alternating
runs. Both sides must draw the same panel, or the line is not printed. Needs no database.
"""

import json
import os
import random
import resource
import subprocess
import sys
import time

CANDIDATES = 300
SEATS = 12
SEED = 20261125
RUNS = 3
TARGET = 0.9

AREAS = {"halton": 1, "knowsley": 1, "liverpool": 4, "sefton": 2, "st_helens": 1, "wirral": 3}
AGE_BANDS = {"16_24": 2, "25_34": 3, "35_44": 3, "45_54": 3, "55_64": 2, "65_plus": 2}
SEXES = {"female": 1, "male": 1}

# The library's own entry point, given the same pool: quota rows and people rows straight from
# the request, nothing of ours in between.
DIRECT = """
import json, sys
from sortition_algorithms import Settings, read_in_features, read_in_people, run_stratification
request = json.load(sys.stdin)
rows = [{"feature": t["category"], "value": t["value"], "min": str(t["minimum"]), "max": str(t["maximum"])}
        for t in request["targets"]]
features, _, _ = read_in_features(["feature", "value", "min", "max"], rows, request["seats"])
people_rows = [{"id": str(c["id"]), **c["attributes"]} for c in request["candidates"]]
settings = Settings(id_column="id", columns_to_keep=[], random_number_seed=request["seed"])
people, _ = read_in_people(["id", *features], people_rows, features, settings)
success, panels, _ = run_stratification(features, people, request["seats"], settings)
assert success, panels
print(json.dumps(sorted(int(key) for key in panels[0])))
"""


def pool() -> dict:
    """A seeded synthetic pool, skewed the way real applications are, with targets it can meet."""
    rng = random.Random(SEED)

    def pick(weights: dict[str, int]) -> str:
        return rng.choices(list(weights), weights=list(weights.values()))[0]

    candidates = [
        {"id": n, "attributes": {"area": pick(AREAS), "age_band": pick(AGE_BANDS), "sex": pick(SEXES)}}
        for n in range(1, CANDIDATES + 1)
    ]
    # In the order our side sorts them into, so that both sides give the library the same rows in
    # the same order and so draw the same panel.
    targets = [
        *({"category": "age_band", "value": band, "minimum": 1, "maximum": 3} for band in AGE_BANDS),
        *({"category": "area", "value": area, "minimum": 1, "maximum": 3} for area in AREAS),
        *({"category": "sex", "value": sex, "minimum": 5, "maximum": 7} for sex in SEXES),
    ]
    return {"candidates": candidates, "seats": SEATS, "targets": targets, "seed": SEED}


def cpu_seconds() -> float:
    mine, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return mine.ru_utime + mine.ru_stime + children.ru_utime + children.ru_stime


def timed(work) -> tuple[float, float]:
    """CPU seconds and wall seconds of `work()`."""
    cpu, wall = cpu_seconds(), time.perf_counter()
    work()
    return cpu_seconds() - cpu, time.perf_counter() - wall


def run(env: dict | None, sink, queue: str | None) -> str:
    from benchmarks.harness import median
    from recruitment.balancing import lottery

    if not lottery.available():
        return f"lottery_maximin_300: not run: {lottery.ENABLE_HINT}"
    request = pool()

    panels = []

    def ours():
        panels.append(lottery.draw(**request)["selected"])

    def direct():
        finished = subprocess.run(
            [sys.executable, "-c", DIRECT],
            input=json.dumps(request),
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
        panels.append(json.loads(finished.stdout.splitlines()[-1]))

    ours_cpu, direct_cpu, ours_wall, direct_wall = [], [], [], []
    for _ in range(RUNS):
        cpu, wall = timed(ours)
        ours_cpu.append(cpu)
        ours_wall.append(wall)
        cpu, wall = timed(direct)
        direct_cpu.append(cpu)
        direct_wall.append(wall)
    # Every run, ours or the library's own, drew the same panel: the same work was timed.
    assert len(panels[0]) == SEATS and all(panel == panels[0] for panel in panels), panels
    ours_s, direct_s = median(ours_cpu), median(direct_cpu)
    return (
        f"lottery_maximin_{CANDIDATES}: ours {ours_s:.1f} s, direct {direct_s:.1f} s of CPU for {SEATS} seats, "
        f"median of {RUNS} (wall {median(ours_wall):.1f} s, {median(direct_wall):.1f} s) "
        f"ratio={direct_s / ours_s:.2f} target={TARGET}"
    )
