"""The solver (recruitment/balancing/solver.py): the best panel by score within every minimum and
maximum, the targets that clash named with the least change, and the same panel for the same pool."""

import itertools
import json
import random

import pytest

from recruitment.balancing.solver import Candidate, Conflict, Target, best_by_score


def person(id, score, area=None, sex=None, **others):
    attributes = {"area": area, "sex": sex, **others}
    return Candidate(id=id, score=score, attributes={key: value for key, value in attributes.items() if value})


def counted(candidates, selected, category, value):
    return sum(1 for c in candidates if c.id in selected and c.attributes.get(category) == value)


def test_with_no_targets_the_highest_scorers_are_chosen():
    pool = [person(1, 3.5), person(2, 9.25), person(3, 1), person(4, 7.1), person(5, 8)]
    proposal = best_by_score(pool, seats=3, targets=[])
    assert proposal.feasible and proposal.optimal
    assert proposal.selected == [2, 4, 5]
    assert proposal.total_score == 24.35
    assert proposal.conflicts == proposal.relaxation == []


def test_every_minimum_and_maximum_is_respected():
    pool = [person(n, 20 - n, area="liverpool") for n in range(1, 6)] + [
        person(6, 3, area="wirral"),
        person(7, 2, area="wirral"),
        person(8, 1, area="wirral"),
        person(9, 4, area="halton"),
    ]
    targets = [Target("area", "liverpool", 0, 2), Target("area", "wirral", 2, 5)]
    proposal = best_by_score(pool, seats=5, targets=targets)
    assert proposal.feasible
    assert proposal.selected == [1, 2, 6, 7, 9]
    assert counted(pool, proposal.selected, "area", "liverpool") == 2
    assert counted(pool, proposal.selected, "area", "wirral") == 2


def greedy(candidates, seats, targets):
    """Down the list by score, taking each person unless that breaks a maximum."""
    chosen = []
    for candidate in sorted(candidates, key=lambda c: -c.score):
        trial = [*chosen, candidate]
        ids = {c.id for c in trial}
        if len(chosen) < seats and all(counted(trial, ids, t.category, t.value) <= t.maximum for t in targets):
            chosen = trial
    return {c.id for c in chosen}


def test_finds_a_panel_that_meets_the_targets_where_a_greedy_pass_misses_them():
    pool = [
        person(1, 10, area="wirral", sex="male"),
        person(2, 9, area="wirral", sex="female"),
        person(3, 8, area="liverpool", sex="male"),
        person(4, 7, area="liverpool", sex="female"),
        person(5, 6, area="liverpool", sex="female"),
    ]
    targets = [Target("area", "wirral", 0, 1), Target("sex", "female", 2, 3)]
    by_greedy = greedy(pool, 3, targets)
    assert by_greedy == {1, 3, 4} and counted(pool, by_greedy, "sex", "female") == 1  # one short
    proposal = best_by_score(pool, seats=3, targets=targets)
    assert proposal.feasible
    assert proposal.selected == [2, 3, 4]
    assert proposal.total_score == 24


def test_people_who_left_a_category_out_are_counted_in_none_of_its_values():
    pool = [person(1, 10, sex="female"), person(2, 9, sex="male"), person(3, 1), person(4, 2)]
    no_one_by_sex = [Target("sex", "female", 0, 0), Target("sex", "male", 0, 0)]
    assert best_by_score(pool, seats=2, targets=no_one_by_sex).selected == [3, 4]
    one_woman = [Target("sex", "female", 1, 1)]
    pool = [person(1, 10), person(2, 1, sex="female"), person(3, 5, sex="male")]
    assert best_by_score(pool, seats=1, targets=one_woman).selected == [2]


def test_a_minimum_the_pool_cannot_meet_is_named_with_how_far_it_falls_short():
    pool = [
        person(1, 5, area="wirral", sex="female"),
        person(2, 9, area="wirral", sex="male"),
        person(3, 8, area="wirral", sex="male"),
        person(4, 7, area="liverpool", sex="male"),
        person(5, 6, area="liverpool"),
    ]
    women = Target("sex", "female", 3, 3)
    targets = [women, Target("area", "wirral", 0, 2)]
    proposal = best_by_score(pool, seats=3, targets=targets)
    assert not proposal.feasible
    assert proposal.conflicts == [women]
    assert proposal.relaxation == [Conflict(women, "minimum", 2)]
    # The only woman, then the best two that keep Wirral to two.
    assert proposal.selected == [1, 2, 4]
    assert proposal.total_score == 21


def test_targets_that_clash_only_together_are_named_together_and_the_least_change_is_proposed():
    pool = [
        person(1, 9, area="liverpool", sex="male"),
        person(2, 8, area="liverpool", sex="female"),
        person(3, 7, area="liverpool", sex="female"),
        person(4, 3, area="wirral", sex="male"),
        person(5, 2, area="wirral", sex="female"),
    ]
    liverpool, wirral = Target("area", "liverpool", 2, 3), Target("area", "wirral", 2, 3)
    proposal = best_by_score(pool, seats=3, targets=[liverpool, Target("sex", "female", 0, 3), wirral])
    assert not proposal.feasible
    assert proposal.conflicts == [liverpool, wirral]  # the sex target played no part
    # Giving Wirral one fewer costs less score than giving Liverpool one fewer.
    assert proposal.relaxation == [Conflict(wirral, "minimum", 1)]
    assert proposal.selected == [1, 2, 4]


def test_a_maximum_that_cannot_be_kept_is_named_with_how_far_it_is_exceeded():
    pool = [
        person(1, 1, area="liverpool"),
        person(2, 2, area="sefton"),
        person(3, 9, area="wirral"),
        person(4, 8, area="wirral"),
    ]
    no_wirral = Target("area", "wirral", 0, 0)
    proposal = best_by_score(pool, seats=3, targets=[no_wirral])
    assert proposal.conflicts == [no_wirral]
    assert proposal.relaxation == [Conflict(no_wirral, "maximum", 1)]
    assert proposal.selected == [1, 2, 3]


def test_a_proposal_can_be_stored_as_json():
    pool = [person(1, 1, area="liverpool"), person(2, 2, area="wirral")]
    nobody = [Target("area", "liverpool", 0, 0), Target("area", "wirral", 0, 0)]
    stored = json.loads(json.dumps(best_by_score(pool, seats=1, targets=nobody).to_dict()))
    assert stored["selected"] == [2] and stored["total_score"] == 2 and stored["feasible"] is False
    wirral = {"category": "area", "value": "wirral", "minimum": 0, "maximum": 0}
    assert stored["conflicts"] == [{"category": "area", "value": "liverpool", "minimum": 0, "maximum": 0}, wirral]
    assert stored["relaxation"] == [{"target": wirral, "kind": "maximum", "by": 1}]
    assert stored["solve_ms"] > 0


def tied_pool(seed, size=80):
    rng = random.Random(seed)
    return [
        person(n, rng.choice([1, 2, 3]), area=rng.choice(["liverpool", "wirral", "halton"]), sex=rng.choice(["f", ""]))
        for n in range(1, size + 1)
    ]


def test_the_same_pool_gives_the_same_panel_every_time_in_any_order():
    pool = tied_pool(seed=7)
    targets = [Target("area", "halton", 3, 4), Target("sex", "f", 5, 6)]
    first = best_by_score(pool, seats=12, targets=targets)
    for seed in range(5):
        shuffled = pool[:]
        random.Random(seed).shuffle(shuffled)
        again = best_by_score(shuffled, seats=12, targets=targets)
        assert again.selected == first.selected and again.total_score == first.total_score


def test_ties_in_score_go_to_the_lower_ids():
    pool = [person(n, 5) for n in (9, 4, 7, 2, 5)]
    assert best_by_score(pool, seats=3, targets=[]).selected == [2, 4, 5]


@pytest.mark.parametrize(
    ("seats", "targets", "message"),
    [
        (0, [], "A panel needs at least one seat, not 0."),
        (4, [], "There are 3 candidates for 4 seats"),
        (2, [Target("area", "wirral", 2, 1)], r"The minimum for area: wirral \(2\) is above its maximum \(1\)."),
        (2, [Target("area", "wirral", -1, 1)], "The minimum for area: wirral is -1; it cannot be below 0."),
        (2, [Target("sex", "f", 0, 1), Target("sex", "f", 1, 2)], "There are two targets for sex: f"),
    ],
)
def test_bad_input_is_refused_in_plain_words(seats, targets, message):
    pool = [person(1, 1), person(2, 2), person(3, 3)]
    with pytest.raises(ValueError, match=message):
        best_by_score(pool, seats=seats, targets=targets)


def test_two_candidates_with_one_id_are_refused():
    with pytest.raises(ValueError, match="Two candidates share an id"):
        best_by_score([person(1, 1), person(1, 2)], seats=1, targets=[])


def shortfalls(pool, panel, targets):
    """How far each bound misses for this panel, as the relaxation would report it."""
    ids = {c.id for c in panel}
    misses = {}
    for target in targets:
        count = counted(pool, ids, target.category, target.value)
        misses[(target, "minimum")] = max(0, target.minimum - count)
        misses[(target, "maximum")] = max(0, count - target.maximum)
    return misses


def meetable(pool, seats, targets):
    return any(sum(shortfalls(pool, panel, targets).values()) == 0 for panel in itertools.combinations(pool, seats))


def random_instance(seed):
    rng = random.Random(seed)
    pool = [
        person(
            n,
            round(rng.uniform(0, 10), 2),
            area=rng.choice(["liverpool", "wirral", "sefton"]),
            sex=rng.choice(["female", "male", ""]),
        )
        for n in range(1, 11)
    ]
    targets = [Target("area", area, low := rng.randint(0, 2), low + rng.randint(0, 2)) for area in ("wirral", "sefton")]
    targets.append(Target("sex", "female", low := rng.randint(0, 3), low + rng.randint(0, 1)))
    return pool, targets


def test_matches_a_brute_force_search_on_small_random_pools():
    outcomes = set()
    for seed in range(20):
        pool, targets = random_instance(seed)
        proposal = best_by_score(pool, seats=4, targets=targets)
        panels = list(itertools.combinations(pool, 4))
        least = min(sum(shortfalls(pool, panel, targets).values()) for panel in panels)
        best = max(
            sum(c.score for c in panel) for panel in panels if sum(shortfalls(pool, panel, targets).values()) == least
        )
        outcomes.add(proposal.feasible)
        assert proposal.feasible == (least == 0), seed
        assert proposal.total_score == pytest.approx(best), seed
        chosen = [c for c in pool if c.id in proposal.selected]
        misses = shortfalls(pool, chosen, targets)
        assert sum(misses.values()) == least, seed
        assert {(c.target, c.kind): c.by for c in proposal.relaxation} == {k: v for k, v in misses.items() if v}
        if not proposal.feasible:
            # The named targets cannot be met together; the rest can.
            assert not meetable(pool, 4, proposal.conflicts), seed
            assert meetable(pool, 4, [t for t in targets if t not in proposal.conflicts]), seed
    assert outcomes == {True, False}  # both kinds of instance were tried


def test_fixed_members_stay_and_the_best_replacement_keeps_the_targets():
    # Two members stay; one seat is free. The best-scoring reserve is from Wirral, but the panel
    # needs someone from Knowsley to keep its minimum, so the Knowsley reserve is proposed.
    staying = [
        Candidate(1, 60, {"area": "liverpool"}, fixed=True),
        Candidate(2, 55, {"area": "wirral"}, fixed=True),
    ]
    reserves = [Candidate(3, 90, {"area": "wirral"}), Candidate(4, 70, {"area": "knowsley"})]
    proposal = best_by_score(
        staying + reserves, seats=3, targets=[Target("area", "knowsley", 1, 3), Target("area", "wirral", 0, 1)]
    )
    assert proposal.feasible and proposal.selected == [1, 2, 4]


def test_more_fixed_members_than_seats_is_refused():
    fixed = [Candidate(n, 1, {}, fixed=True) for n in range(3)]
    with pytest.raises(ValueError, match="More people are fixed"):
        best_by_score(fixed, seats=2, targets=[])
