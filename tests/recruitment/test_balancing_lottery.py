"""The fair lottery above a merit bar (recruitment/balancing/lottery.py and lottery_process.py): a
maximin draw by the Sortition Foundation's library, run in its own process. Each draw starts a
Python process, so the pools are small.

Skipped without the optional library, unless REQUIRE_REAL_SERVICES=1, when they fail instead.
"""

import json
import logging
import os
import random
import subprocess
import sys
from collections import Counter

import pytest

from recruitment.balancing import lottery
from tests.services import require_lottery

AREAS = ["halton", "knowsley", "liverpool", "sefton", "st_helens", "wirral"]


pytestmark = pytest.mark.usefixtures("lottery_installed")


def mixed_pool(size: int = 24) -> list[dict]:
    """Candidates spread over the areas and both sexes; every fifth one gave no sex."""
    candidates = []
    for n in range(1, size + 1):
        attributes = {"area": AREAS[n % len(AREAS)], "sex": "female" if n % 3 else "male"}
        if n % 5 == 0:
            del attributes["sex"]
        candidates.append({"id": n * 10, "attributes": attributes})
    return candidates


MIXED_TARGETS = [
    {"category": "area", "value": "wirral", "minimum": 2, "maximum": 3},
    {"category": "area", "value": "liverpool", "minimum": 1, "maximum": 2},
    {"category": "sex", "value": "female", "minimum": 3, "maximum": 4},
    {"category": "sex", "value": "male", "minimum": 1, "maximum": 2},
]
MIXED_SEATS = 6


@pytest.fixture(scope="module")
def mixed_draws() -> dict[int, dict]:
    """The mixed pool drawn with a handful of seeds."""
    require_lottery()
    pool = mixed_pool()
    return {
        seed: lottery.draw(candidates=pool, seats=MIXED_SEATS, targets=MIXED_TARGETS, seed=seed) for seed in range(1, 6)
    }


def test_the_optional_library_is_available_here():
    assert lottery.available()


def test_the_same_seed_replays_the_same_draw(mixed_draws):
    again = lottery.draw(candidates=mixed_pool(), seats=MIXED_SEATS, targets=MIXED_TARGETS, seed=3)

    assert again["selected"] == mixed_draws[3]["selected"]
    assert again["probabilities"] == mixed_draws[3]["probabilities"]
    assert again["seed"] == 3
    assert again["algorithm"] == "maximin"
    assert again["library_version"] == "0.12.15"


def test_the_order_candidates_and_targets_are_listed_in_does_not_change_the_draw(mixed_draws):
    shuffled = mixed_pool()
    random.Random(7).shuffle(shuffled)

    again = lottery.draw(candidates=shuffled, seats=MIXED_SEATS, targets=MIXED_TARGETS[::-1], seed=3)

    assert again["selected"] == mixed_draws[3]["selected"]
    assert again["probabilities"] == mixed_draws[3]["probabilities"]


def test_other_seeds_draw_other_panels(mixed_draws):
    panels = {tuple(result["selected"]) for result in mixed_draws.values()}

    assert len(panels) > 1


def test_every_drawn_panel_meets_every_target(mixed_draws):
    attributes = {candidate["id"]: candidate["attributes"] for candidate in mixed_pool()}
    for result in mixed_draws.values():
        assert len(result["selected"]) == MIXED_SEATS
        for target in MIXED_TARGETS:
            chosen = Counter(attributes[n].get(target["category"]) for n in result["selected"])
            assert target["minimum"] <= chosen[target["value"]] <= target["maximum"], (target, result)


def test_probabilities_lie_between_0_and_1_and_add_up_to_the_seats(mixed_draws):
    for result in mixed_draws.values():
        chances = result["probabilities"]
        assert set(chances) == {candidate["id"] for candidate in mixed_pool()}
        assert all(0 <= chance <= 1 for chance in chances.values())
        assert sum(chances.values()) == pytest.approx(MIXED_SEATS, abs=1e-6)
        assert all(chances[n] > 0 for n in result["selected"])


def test_without_targets_everyone_has_the_same_chance():
    pool = [{"id": n, "attributes": {}} for n in range(1, 7)]

    result = lottery.draw(candidates=pool, seats=3, targets=[], seed=99)

    assert result["probabilities"] == {n: pytest.approx(0.5, abs=1e-6) for n in range(1, 7)}
    assert len(result["selected"]) == 3


def test_a_reserved_seat_gives_its_group_more_chance_and_everyone_else_an_equal_share():
    """Two of ten candidates live in Wirral and one seat of four is theirs: maximin gives each of the
    other eight 3/8 (the most the least likely can have), whether or not they gave an area."""
    pool = [{"id": 1, "attributes": {"area": "wirral"}}, {"id": 2, "attributes": {"area": "Wirral "}}]
    pool += [{"id": n, "attributes": {"area": "liverpool"}} for n in range(3, 7)]
    pool += [{"id": 7, "attributes": {}}, {"id": 8, "attributes": {"area": ""}}, {"id": 9}]
    pool += [{"id": 10, "attributes": {"area": "outside"}}]
    wirral = [{"category": "area", "value": "wirral", "minimum": 1, "maximum": 1}]

    result = lottery.draw(candidates=pool, seats=4, targets=wirral, seed=5)

    chances = result["probabilities"]
    assert [chances[n] for n in range(3, 11)] == [pytest.approx(3 / 8, abs=1e-6)] * 8
    assert chances[1] + chances[2] == pytest.approx(1, abs=1e-6)
    assert min(chances[1], chances[2]) >= 3 / 8 - 1e-6
    assert len({1, 2} & set(result["selected"])) == 1


@pytest.mark.parametrize(
    ("targets", "seats", "reason"),
    [
        (
            [{"category": "area", "value": "wirral", "minimum": 5, "maximum": 5}],
            6,
            "Not enough people with the value 'wirral' in category 'area'",
        ),
        (
            [
                {"category": "sex", "value": "female", "minimum": 4, "maximum": 4},
                {"category": "sex", "value": "male", "minimum": 3, "maximum": 3},
            ],
            6,
            "Minimum for feature sex (7) is more than number to select (6)",
        ),
        (
            [
                {"category": "area", "value": "wirral", "minimum": 2, "maximum": 2},
                {"category": "sex", "value": "male", "minimum": 2, "maximum": 2},
                {"category": "area", "value": "sefton", "minimum": 0, "maximum": 0},
            ],
            3,
            "It is not possible to hit all the targets",
        ),
        ([], 25, "There are 24 candidates for 25 seats"),
        ([{"category": "area", "value": "wirral", "minimum": 3, "maximum": 2}], 4, "is more than its maximum"),
    ],
)
def test_targets_that_cannot_be_met_give_a_plain_lottery_error(targets, seats, reason):
    with pytest.raises(lottery.LotteryError) as error:
        lottery.draw(candidates=mixed_pool(), seats=seats, targets=targets, seed=1)

    assert reason in str(error.value)
    assert "Traceback" not in str(error.value)


def test_a_seed_of_zero_is_refused_because_it_could_not_be_replayed():
    with pytest.raises(lottery.LotteryError, match="The seed must be at least 1"):
        lottery.draw(candidates=mixed_pool(), seats=3, targets=[], seed=0)


def test_a_draw_that_takes_too_long_is_stopped_with_a_lottery_error():
    with pytest.raises(lottery.LotteryError, match="took longer than 0.05 seconds"):
        lottery.draw(candidates=mixed_pool(), seats=3, targets=[], seed=1, timeout_s=0.05)


def test_the_draw_leaves_this_process_untouched():
    state = random.getstate()
    handlers = list(logging.getLogger().handlers)

    lottery.draw(candidates=mixed_pool(), seats=MIXED_SEATS, targets=MIXED_TARGETS, seed=8)

    assert random.getstate() == state
    assert logging.getLogger().handlers == handlers
    assert "sortition_algorithms" not in sys.modules
    assert "sortition_algorithms" not in logging.Logger.manager.loggerDict


def test_the_process_replays_a_seed_whatever_hash_seed_it_was_started_with():
    """The library orders panels by Python's string hashing; the process fixes the hash seed, so a
    caller that does not (here, with two different ones) still gets the same draw, and standard
    output holds nothing but the result."""
    pool = [
        {"id": n, "attributes": {"area": AREAS[n * 7 % 6], "sex": ["female", "male"][n * 5 % 7 % 2]}} for n in range(60)
    ]
    targets = [{"category": "area", "value": area, "minimum": 1, "maximum": 3} for area in AREAS]
    targets += [{"category": "sex", "value": sex, "minimum": 5, "maximum": 7} for sex in ("female", "male")]
    request = json.dumps({"candidates": pool, "seats": 12, "targets": targets, "seed": 42})

    outputs = [
        subprocess.run(
            [sys.executable, "-m", "recruitment.balancing.lottery_process"],
            input=request,
            capture_output=True,
            text=True,
            check=True,
            cwd=lottery.PROJECT_ROOT,
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
        ).stdout
        for hash_seed in ("1", "2")
    ]

    assert outputs[0] == outputs[1]
    assert len(json.loads(outputs[0])["selected"]) == 12
