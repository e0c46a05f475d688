"""Proposing a balanced panel through the pages (recruitment/views/selection.py)."""

import re

import pytest

from recruitment.balancing import lottery
from recruitment.models import ApplicationStatus, Selection, SelectionStatus
from tests.recruitment.factories import closed_round, interviewed
from tests.responses import text

YOUNG = {"age_band": "16_24", "ethnic_group": "asian"}
OLDER = {"age_band": "65_74", "ethnic_group": "white"}


@pytest.fixture
def interviewed_round(db, race_panel, coordinator):
    """A closed round for two places, with three candidates interviewed."""
    round_ = closed_round(places=2)
    interviewed(round_, coordinator, [(90, "wirral", OLDER), (85, "wirral", OLDER), (60, "knowsley", YOUNG)])
    return round_


def test_a_coordinator_proposes_a_panel_that_meets_the_targets_and_accepts_it(
    signed_in, coordinator, interviewed_round
):
    client = signed_in(coordinator)
    page = text(client.get(f"/staff/rounds/{interviewed_round.pk}/selection/"))
    assert "3 interviewed candidates have an interview score" in page
    assert "Equality monitoring answers are never used" in page
    # Beside each group, how many interviewed candidates are in it: Wirral 2, Knowsley 1, 16 to 24 1.
    assert re.search(r"Wirral</th>\s*<td[^>]*>2</td>", page) and re.search(r"16 to 24</th>\s*<td[^>]*>1</td>", page)
    response = client.post(
        f"/staff/rounds/{interviewed_round.pk}/selection/",
        {"method": "best_by_score", "seats": "2", "min__age_band__16_24": "1"},
    )
    selection = Selection.objects.get()
    assert response["Location"] == f"/staff/selections/{selection.pk}/"
    page = text(client.get(response["Location"]))
    assert "Age: 16 to 24" in page and "age_band" not in page and "Proposed" in page
    assert "There is a problem" in text(client.post(response["Location"] + "decide/", {"decision": "rejected"}))
    client.post(response["Location"] + "decide/", {"decision": "accepted"})
    assert interviewed_round.applications.filter(status=ApplicationStatus.APPOINTED).count() == 2


def test_targets_that_cannot_be_met_are_explained(signed_in, coordinator, interviewed_round):
    client = signed_in(coordinator)
    response = client.post(
        f"/staff/rounds/{interviewed_round.pk}/selection/",
        {"method": "best_by_score", "seats": "2", "min__area__halton": "1"},
    )
    page = text(client.get(response["Location"]))
    assert "cannot all be met" in page and "Where they live: Halton" in page and "1 fewer than the minimum of 1" in page
    assert "area: halton" not in page


@pytest.mark.parametrize(
    "data,error",
    [
        ({"method": "best_by_score", "seats": ""}, "Enter the number of seats"),
        ({"method": "best_by_score", "seats": "9"}, "There are 3 candidates with an interview score, fewer than"),
        ({"method": "best_by_score", "seats": "2", "min__area__wirral": "-1"}, "Enter 0 or more"),
        ({"method": "best_by_score", "seats": "2", "min__area__wirral": "2", "max__area__wirral": "1"}, "minimum must"),
        ({"method": "", "seats": "2"}, "Choose how to propose the panel"),
    ],
)
def test_bad_input_gets_a_clear_error_and_keeps_what_was_typed(signed_in, coordinator, interviewed_round, data, error):
    page = text(signed_in(coordinator).post(f"/staff/rounds/{interviewed_round.pk}/selection/", data))
    assert "There is a problem" in page and error in page
    assert not Selection.objects.exists()


@pytest.mark.usefixtures("lottery_installed")
def test_the_lottery_needs_a_merit_bar_and_runs_in_the_background(signed_in, coordinator, interviewed_round):
    client = signed_in(coordinator)
    url = f"/staff/rounds/{interviewed_round.pk}/selection/"
    assert "Enter the interview score candidates must reach" in text(
        client.post(url, {"method": "lottery", "seats": "2"})
    )
    response = client.post(url, {"method": "lottery", "seats": "2", "merit_bar": "50"})
    selection = Selection.objects.get()
    # This test's transaction never commits, so the worker has not drawn it yet: the page says so
    # and the coordinator can leave. (The draw itself: test_selection_services.)
    assert selection.status == SelectionStatus.RUNNING and selection.seed
    assert "being drawn" in text(client.get(response["Location"]))


def test_the_page_says_how_to_enable_the_lottery_when_it_is_absent(
    signed_in, coordinator, interviewed_round, monkeypatch
):
    monkeypatch.setattr(lottery, "available", lambda: False)
    page = text(signed_in(coordinator).get(f"/staff/rounds/{interviewed_round.pk}/selection/"))
    assert "The fair lottery is not switched on here" in page and "requirements/lottery.txt" in page
    assert 'value="lottery"' not in page


def test_accepting_a_second_proposal_shows_whose_outcome_changes_and_asks_why(
    signed_in, coordinator, interviewed_round
):
    client = signed_in(coordinator)
    propose = f"/staff/rounds/{interviewed_round.pk}/selection/"
    first = client.post(propose, {"method": "best_by_score", "seats": "2"})["Location"]
    client.post(first + "decide/", {"decision": "accepted"})
    second = client.post(propose, {"method": "best_by_score", "seats": "2", "min__age_band__16_24": "1"})["Location"]
    page = text(client.get(second))
    accepted = Selection.objects.get(decision="accepted")
    assert f"Proposal {accepted.pk}</a> has already been accepted" in page
    assert "Whose outcome changes if you accept" in page
    refused = text(client.post(second + "decide/", {"decision": "accepted"}))
    assert f"Accepting this proposal withdraws proposal {accepted.pk}" in refused
    client.post(second + "decide/", {"decision": "accepted", "reason": "The panel needs a younger member."})
    accepted.refresh_from_db()
    assert accepted.decision == "withdrawn"
    assert Selection.objects.filter(decision="accepted").count() == 1
    assert "withdrawn" in text(client.get(propose))
