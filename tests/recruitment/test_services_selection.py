"""Balanced selection as the coordinator uses it (recruitment/services/selection.py): what is
counted, proposals recorded with their inputs, the lottery drawn by a worker in its own process, and
the decision left to the coordinator."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from recruitment import services
from recruitment.models import (
    ApplicationStatus,
    DecisionReason,
    MonitoringResponse,
    Selection,
    SelectionDecision,
    SelectionMethod,
    SelectionStatus,
)
from recruitment.selectors import selection_changes, serving
from tests.recruitment.factories import closed_round, interviewed

S = ApplicationStatus
OLDER = {"age_band": "65_74", "ethnic_group": "black"}
YOUNGER = {"age_band": "16_24", "ethnic_group": "asian"}


@pytest.fixture
def two_place_round(db, race_panel):
    """The Race Panel's round, closed, for two places."""
    return closed_round(places=2)


def target(category, value, minimum, maximum):
    return {"category": category, "value": value, "minimum": minimum, "maximum": maximum}


def test_only_area_and_consented_balance_answers_are_counted(two_place_round, coordinator):
    consented, refused, withdrawn = interviewed(
        two_place_round, coordinator, [(80, "wirral", YOUNGER), (70, "sefton", None), (60, "halton", OLDER)]
    )
    MonitoringResponse.objects.create(application=refused, age_band="16_24", ethnicity="white_british")
    services.balance_save(actor=withdrawn.applicant, application=withdrawn, answers={}, consent=False)
    counted = {a.pk: c.attributes for a, c in services.selection_pool(two_place_round)}
    assert counted[consented.pk] == {"area": "wirral", **YOUNGER}
    assert counted[refused.pk] == {"area": "sefton"}  # monitoring answers are never read
    assert counted[withdrawn.pk] == {"area": "halton"}


def test_best_by_score_is_recorded_with_its_inputs_and_meets_the_targets(two_place_round, coordinator):
    top, second, young = interviewed(
        two_place_round, coordinator, [(90, "wirral", OLDER), (85, "wirral", OLDER), (60, "knowsley", YOUNGER)]
    )
    selection = services.selection_propose(
        actor=coordinator, round_=two_place_round, method=SelectionMethod.BEST_BY_SCORE, seats=2,
        targets=[target("age_band", "16_24", 1, 2), target("area", "wirral", 0, 2)],
    )  # fmt: skip
    assert selection.status == SelectionStatus.READY
    assert selection.result["feasible"] and selection.result["selected"] == [top.pk, young.pk]
    assert {c["id"] for c in selection.inputs["candidates"]} == {top.pk, second.pk, young.pk}
    # A target that asks for nothing (0 to every seat) is not recorded as a target.
    assert selection.targets == [{"category": "age_band", "value": "16_24", "minimum": 1, "maximum": 2}]


def test_targets_that_cannot_be_met_are_named_with_the_smallest_change(two_place_round, coordinator):
    interviewed(two_place_round, coordinator, [(90, "wirral", OLDER), (85, "wirral", OLDER), (60, "sefton", YOUNGER)])
    selection = services.selection_propose(
        actor=coordinator, round_=two_place_round, method=SelectionMethod.BEST_BY_SCORE, seats=2,
        targets=[target("area", "knowsley", 1, 2)],
    )  # fmt: skip
    assert not selection.result["feasible"]
    assert selection.result["conflicts"] == [{"category": "area", "value": "knowsley", "minimum": 1, "maximum": 2}]
    assert selection.result["relaxation"][0]["kind"] == "minimum" and selection.result["relaxation"][0]["by"] == 1


def test_bad_targets_and_too_few_candidates_are_refused_clearly(two_place_round, coordinator):
    interviewed(two_place_round, coordinator, [(90, "wirral", None)])
    propose = services.selection_propose
    with pytest.raises(ValidationError, match="There are 1 candidates with an interview score, fewer than the 2"):
        propose(actor=coordinator, round_=two_place_round, method=SelectionMethod.BEST_BY_SCORE, seats=2, targets=[])
    with pytest.raises(ValidationError, match="no category 'sexual_orientation'"):
        propose(
            actor=coordinator, round_=two_place_round, method=SelectionMethod.BEST_BY_SCORE, seats=1,
            targets=[target("sexual_orientation", "gay_or_lesbian", 0, 1)],
        )  # fmt: skip


def test_only_the_panel_coordinator_proposes(two_place_round, coordinator, gender_coordinator):
    interviewed(two_place_round, coordinator, [(90, "wirral", None), (80, "sefton", None)])
    with pytest.raises(PermissionDenied):
        services.selection_propose(
            actor=gender_coordinator, round_=two_place_round, method=SelectionMethod.BEST_BY_SCORE, seats=2, targets=[]
        )


def test_accepting_appoints_the_proposal_and_keeps_the_others_in_reserve(two_place_round, coordinator):
    first, second, third = interviewed(
        two_place_round, coordinator, [(90, "wirral", None), (85, "sefton", None), (50, "halton", None)]
    )
    selection = services.selection_propose(
        actor=coordinator, round_=two_place_round, method=SelectionMethod.BEST_BY_SCORE, seats=2, targets=[]
    )
    with pytest.raises(ValidationError, match="Say why"):
        services.selection_decide(actor=coordinator, selection=selection, decision=SelectionDecision.REJECTED)
    services.selection_decide(actor=coordinator, selection=selection, decision=SelectionDecision.ACCEPTED)
    statuses = dict(two_place_round.applications.values_list("pk", "status"))
    assert [statuses[a.pk] for a in (first, second, third)] == [S.APPOINTED, S.APPOINTED, S.RESERVE]
    with pytest.raises(ValidationError, match="already been decided"):
        services.selection_decide(actor=coordinator, selection=selection, decision=SelectionDecision.REJECTED)


def test_a_replacement_from_the_reserve_keeps_the_panel_within_its_targets(two_place_round, coordinator):
    leaver, stays, high_reserve, sefton_reserve = interviewed(
        two_place_round, coordinator,
        [(90, "sefton", None), (85, "wirral", None), (80, "wirral", None), (60, "sefton", None)],
    )  # fmt: skip
    selection = services.selection_propose(
        actor=coordinator, round_=two_place_round, method=SelectionMethod.BEST_BY_SCORE, seats=2,
        targets=[target("area", "sefton", 1, 2), target("area", "wirral", 0, 1)],
    )  # fmt: skip
    assert selection.result["selected"] == [leaver.pk, stays.pk]
    services.selection_decide(actor=coordinator, selection=selection, decision=SelectionDecision.ACCEPTED)
    services.outcomes_release(actor=coordinator, round_=two_place_round)
    leaver.refresh_from_db()
    replacement = services.selection_replacement_propose(actor=coordinator, selection=selection, leaving=leaver)
    # The higher-scoring reserve is from Wirral, which would break both targets: Sefton's reserve fits.
    assert set(replacement.result["selected"]) == {stays.pk, sefton_reserve.pk}
    services.selection_decide(actor=coordinator, selection=replacement, decision=SelectionDecision.ACCEPTED)
    sefton_reserve.refresh_from_db()
    high_reserve.refresh_from_db()
    assert sefton_reserve.status == S.APPOINTED and high_reserve.status == S.RESERVE
    # The member who left is no longer serving; the one who replaces them joins at the next release.
    leaver.refresh_from_db()
    assert leaver.membership.status == "ended" and "replaced" in leaver.membership.ended_reason
    assert list(serving(two_place_round)) == [stays]
    services.outcomes_release(actor=coordinator, round_=two_place_round)
    assert {a.pk for a in serving(two_place_round)} == {stays.pk, sefton_reserve.pk}


# Without the optional library these skip, and fail in CI (REQUIRE_REAL_SERVICES=1).
needs_lottery = pytest.mark.usefixtures("lottery_installed")


@needs_lottery
def test_the_lottery_is_drawn_by_a_worker_and_the_same_seed_replays_it(
    two_place_round, coordinator, django_capture_on_commit_callbacks
):
    interviewed(
        two_place_round, coordinator,
        [(90, "wirral", OLDER), (85, "sefton", YOUNGER), (80, "halton", OLDER), (75, "wirral", YOUNGER),
         (40, "knowsley", YOUNGER)],
    )  # fmt: skip
    draws = []
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            selection = services.selection_propose(
                actor=coordinator, round_=two_place_round, method=SelectionMethod.LOTTERY, seats=2,
                merit_bar=Decimal(70), targets=[target("age_band", "16_24", 1, 1)], seed=1234,
            )  # fmt: skip
        selection.refresh_from_db()
        draws.append(selection)
    first, again = draws
    assert first.status == SelectionStatus.READY and first.seed == 1234
    assert first.result["selected"] == again.result["selected"]
    assert first.result["probabilities"] == again.result["probabilities"]
    # Below the merit bar, never in the pool; everyone above it has a chance.
    assert len(first.inputs["candidates"]) == 4
    assert all(0 < p <= 1 for p in first.result["probabilities"].values())
    assert sum(first.result["probabilities"].values()) == pytest.approx(2)


@needs_lottery
def test_a_lottery_that_cannot_meet_its_targets_fails_with_the_reason(
    two_place_round, coordinator, django_capture_on_commit_callbacks
):
    interviewed(two_place_round, coordinator, [(90, "wirral", None), (85, "sefton", None)])
    with django_capture_on_commit_callbacks(execute=True):
        selection = services.selection_propose(
            actor=coordinator, round_=two_place_round, method=SelectionMethod.LOTTERY, seats=2, merit_bar=Decimal(50),
            targets=[target("area", "halton", 1, 2)],
        )  # fmt: skip
    selection.refresh_from_db()
    # CP-SAT knows at once, so no draw is queued, and the coordinator is told what clashes.
    assert selection.status == SelectionStatus.FAILED and "meets every target" in selection.result["error"]
    assert selection.result["conflicts"][0]["value"] == "halton"
    assert selection.result["relaxation"][0]["by"] == 1


def test_a_lottery_that_cannot_be_queued_says_so_rather_than_waiting_for_ever(two_place_round, coordinator, settings):
    from config.celery import app

    interviewed(two_place_round, coordinator, [(90, "wirral", None), (85, "sefton", None)])
    selection = Selection.objects.create(
        round=two_place_round, method=SelectionMethod.LOTTERY, seats=1, created_by=coordinator, seed=7, inputs={}
    )
    # A broker nobody listens on: publishing fails at once. The app's connection pool is made from
    # the broker address when first used, so this test gets a pool of its own and puts the old back.
    app.conf.task_always_eager, broker = False, app.conf.broker_url
    pools = app._pool, app.amqp._producer_pool
    app.conf.broker_url, app._pool, app.amqp._producer_pool = "redis://127.0.0.1:1/0", None, None
    try:
        services.lottery_queue(selection_id=selection.pk)
    finally:
        if app._pool is not None:
            app._pool.force_close_all()
        app.conf.task_always_eager, app.conf.broker_url = True, broker
        app._pool, app.amqp._producer_pool = pools
    selection.refresh_from_db()
    assert selection.status == SelectionStatus.FAILED and "could not be started" in selection.result["error"]


def test_withdrawing_consent_removes_balance_answers_from_earlier_proposals(two_place_round, coordinator):
    first, second = interviewed(two_place_round, coordinator, [(90, "wirral", OLDER), (85, "sefton", YOUNGER)])
    selection = services.selection_propose(
        actor=coordinator, round_=two_place_round, method=SelectionMethod.BEST_BY_SCORE, seats=1, targets=[]
    )
    services.balance_save(actor=first.applicant, application=first, answers={}, consent=False)
    selection.refresh_from_db()
    recorded = {c["id"]: c["attributes"] for c in selection.inputs["candidates"]}
    assert recorded == {first.pk: {"area": "wirral"}, second.pk: {"area": "sefton", **YOUNGER}}


def test_someone_marked_unsuccessful_is_never_proposed(two_place_round, coordinator):
    kept, turned_down = interviewed(two_place_round, coordinator, [(50, "wirral", None), (95, "sefton", None)])
    services.application_decide(actor=coordinator, application=turned_down, status=S.UNSUCCESSFUL, reason="ineligible")
    assert [a.pk for a, _ in services.selection_pool(two_place_round)] == [kept.pk]


@needs_lottery
def test_a_drawn_lottery_can_be_drawn_again_from_its_record_and_gives_the_same_panel(
    two_place_round, coordinator, django_capture_on_commit_callbacks
):
    interviewed(
        two_place_round, coordinator,
        [(90, "wirral", OLDER), (85, "sefton", YOUNGER), (80, "halton", OLDER), (75, "wirral", YOUNGER)],
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        first = services.selection_propose(
            actor=coordinator, round_=two_place_round, method=SelectionMethod.LOTTERY, seats=2, merit_bar=Decimal(70),
            targets=[target("age_band", "16_24", 1, 1)],
        )  # fmt: skip
    first.refresh_from_db()
    # Someone else is interviewed since: the replay still draws from what the first draw recorded.
    interviewed(two_place_round, coordinator, [(99, "knowsley", YOUNGER)])
    with django_capture_on_commit_callbacks(execute=True):
        replay = services.selection_replay(actor=coordinator, selection=first)
    replay.refresh_from_db()
    assert replay.status == SelectionStatus.READY and replay.seed == first.seed
    assert replay.result["selected"] == first.result["selected"]
    assert replay.result["probabilities"] == first.result["probabilities"]


# One accepted proposal per round.


def test_accepting_a_second_proposal_withdraws_the_first_with_a_reason_and_says_whose_outcome_changes(
    two_place_round, coordinator
):
    first, second, third = interviewed(
        two_place_round, coordinator, [(90, "wirral", None), (85, "sefton", None), (50, "halton", None)]
    )
    best = services.selection_propose(
        actor=coordinator, round_=two_place_round, method=SelectionMethod.BEST_BY_SCORE, seats=2, targets=[]
    )
    services.selection_decide(actor=coordinator, selection=best, decision=SelectionDecision.ACCEPTED)
    balanced = services.selection_propose(
        actor=coordinator, round_=two_place_round, method=SelectionMethod.BEST_BY_SCORE, seats=2,
        targets=[target("area", "halton", 1, 2)],
    )  # fmt: skip
    changes = [(c.application.pk, c.now, c.then) for c in selection_changes(balanced)]
    assert changes == [(second.pk, S.APPOINTED, S.RESERVE), (third.pk, S.RESERVE, S.APPOINTED)]
    with pytest.raises(ValidationError) as refused:
        services.selection_decide(actor=coordinator, selection=balanced, decision=SelectionDecision.ACCEPTED)
    assert f"withdraws proposal {best.pk}" in refused.value.message_dict["reason"][0]
    services.selection_decide(
        actor=coordinator, selection=balanced, decision=SelectionDecision.ACCEPTED,
        reason="The panel needs a member from Halton.",
    )  # fmt: skip
    best.refresh_from_db()
    assert (best.decision, best.decision_reason) == (
        SelectionDecision.WITHDRAWN,
        "The panel needs a member from Halton.",
    )
    statuses = dict(two_place_round.applications.values_list("pk", "status"))
    assert [statuses[a.pk] for a in (first, second, third)] == [S.APPOINTED, S.RESERVE, S.APPOINTED]
    accepted = Selection.objects.filter(round=two_place_round, decision=SelectionDecision.ACCEPTED)
    assert list(accepted) == [balanced]


def test_the_database_holds_one_accepted_proposal_per_round(two_place_round, coordinator):
    interviewed(two_place_round, coordinator, [(90, "wirral", None), (85, "sefton", None)])
    proposals = [
        services.selection_propose(
            actor=coordinator, round_=two_place_round, method=SelectionMethod.BEST_BY_SCORE, seats=2, targets=[]
        )
        for _ in range(2)
    ]
    services.selection_decide(actor=coordinator, selection=proposals[0], decision=SelectionDecision.ACCEPTED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Selection.objects.filter(pk=proposals[1].pk).update(decision=SelectionDecision.ACCEPTED)


def test_a_proposal_cannot_replace_one_whose_outcomes_have_been_released(two_place_round, coordinator):
    interviewed(two_place_round, coordinator, [(90, "wirral", None), (85, "sefton", None), (50, "halton", None)])
    best = services.selection_propose(
        actor=coordinator, round_=two_place_round, method=SelectionMethod.BEST_BY_SCORE, seats=2, targets=[]
    )
    other = services.selection_propose(
        actor=coordinator, round_=two_place_round, method=SelectionMethod.BEST_BY_SCORE, seats=2,
        targets=[target("area", "halton", 1, 2)],
    )  # fmt: skip
    services.selection_decide(actor=coordinator, selection=best, decision=SelectionDecision.ACCEPTED)
    services.outcomes_release(actor=coordinator, round_=two_place_round)
    with pytest.raises(ValidationError, match="already been told"):
        services.selection_decide(
            actor=coordinator, selection=other, decision=SelectionDecision.ACCEPTED, reason="Halton."
        )
    best.refresh_from_db()
    assert best.decision == SelectionDecision.ACCEPTED


@needs_lottery
def test_a_replacement_never_comes_from_below_the_lotterys_merit_bar(
    two_place_round, coordinator, django_capture_on_commit_callbacks
):
    leaver, stays, below_bar = interviewed(
        two_place_round, coordinator, [(90, "wirral", None), (85, "sefton", None), (60, "halton", None)]
    )
    with django_capture_on_commit_callbacks(execute=True):
        lottery = services.selection_propose(
            actor=coordinator, round_=two_place_round, method=SelectionMethod.LOTTERY, seats=2,
            merit_bar=Decimal(70), targets=[], seed=7,
        )  # fmt: skip
    lottery.refresh_from_db()
    services.selection_decide(actor=coordinator, selection=lottery, decision=SelectionDecision.ACCEPTED)
    # Below the bar, the third was never in the draw; the coordinator puts them on the reserve list.
    services.application_decide(
        actor=coordinator, application=below_bar, status=S.RESERVE, reason=DecisionReason.RESERVE_LIST
    )
    services.outcomes_release(actor=coordinator, round_=two_place_round)
    leaver.refresh_from_db()
    with pytest.raises(ValidationError, match="merit bar of 70"):
        services.selection_replacement_propose(actor=coordinator, selection=lottery, leaving=leaver)


def test_a_round_appoints_no_more_people_than_its_places(two_place_round, coordinator):
    first, second, third = interviewed(
        two_place_round, coordinator, [(90, "wirral", None), (85, "sefton", None), (50, "halton", None)]
    )
    with pytest.raises(ValidationError, match="at most that many seats"):
        services.selection_propose(
            actor=coordinator, round_=two_place_round, method=SelectionMethod.BEST_BY_SCORE, seats=3, targets=[]
        )
    for application in (first, second):
        services.application_decide(
            actor=coordinator, application=application, status=S.APPOINTED, reason=DecisionReason.SELECTED
        )
    with pytest.raises(ValidationError, match="The round has 2 places, and 2 people hold them already"):
        services.application_decide(
            actor=coordinator, application=third, status=S.APPOINTED, reason=DecisionReason.SELECTED
        )
