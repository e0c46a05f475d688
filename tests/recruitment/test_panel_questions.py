"""Which equality questions each panel asks (recruitment.PanelQuestions): chosen by an
administrator from the census-worded catalogue; rounds balance only on what their panel allows, and
never on gender history."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from recruitment import categories, services
from recruitment.models import PanelQuestions
from recruitment.selectors import panel_questions
from tests.recruitment.factories import round_with_questions
from tests.recruitment.test_views_intake import draft, sent  # noqa: F401 - the fixture and its helper

pytestmark = pytest.mark.django_db


def test_a_panel_asks_everything_and_balances_on_the_usual_until_an_administrator_chooses(race_panel):
    asked = panel_questions(race_panel)
    assert asked.monitoring == list(categories.MONITORING_QUESTIONS)
    assert asked.balance == categories.DEFAULT_BALANCE and "sexual_orientation" not in asked.balance


def test_only_an_administrator_chooses_and_each_choice_is_kept(administrator, coordinator, race_panel):
    with pytest.raises(PermissionDenied):
        services.panel_questions_set(actor=coordinator, panel=race_panel, monitoring=["sex"], balance=[])
    services.panel_questions_set(
        actor=administrator, panel=race_panel, monitoring=["sex", "age_band"], balance=["sexual_orientation", "sex"]
    )
    chosen = services.panel_questions_set(
        actor=administrator, panel=race_panel, monitoring=["sex", "age_band", "religion"], balance=["sex"]
    )
    assert panel_questions(race_panel).monitoring == ["age_band", "sex", "religion"]  # the catalogue's order
    assert [row.balance for row in chosen.history.order_by("history_id")] == [["sex", "sexual_orientation"], ["sex"]]


def test_gender_history_is_never_a_balance_target(administrator, race_panel):
    with pytest.raises(ValidationError, match="never be used to choose a panel"):
        services.panel_questions_set(
            actor=administrator, panel=race_panel, monitoring=["gender_same_as_sex"], balance=["gender_same_as_sex"]
        )
    assert not PanelQuestions.objects.exists()
    assert "gender_same_as_sex" not in categories.BALANCE_QUESTIONS


def test_a_round_balances_only_on_what_its_panel_allows(administrator, coordinator, race_panel, signed_in):
    services.panel_questions_set(
        actor=administrator, panel=race_panel, monitoring=list(categories.MONITORING_QUESTIONS),
        balance=["sexual_orientation", "age_band"],
    )  # fmt: skip
    page = signed_in(coordinator).get("/staff/panels/race/rounds/new/").content.decode()
    assert "Which of the following best describes your sexual orientation?" in page
    assert "What is your ethnic group?" not in page.split("balance")[-1]
    round_ = round_with_questions()
    with pytest.raises(ValidationError, match="cannot balance on: Disability"):
        services.round_update(actor=coordinator, round_=round_, balance_questions=["disability"])
    updated = services.round_update(actor=coordinator, round_=round_, balance_questions=["sexual_orientation"])
    assert updated.balance_questions == ["sexual_orientation"]


def test_an_lgbtq_panel_can_balance_on_sexual_orientation_with_consent(administrator, race_panel, draft):  # noqa: F811
    services.panel_questions_set(
        actor=administrator, panel=race_panel, monitoring=["sex"], balance=["sexual_orientation"]
    )
    client, application = draft
    application.round.balance_questions = ["sexual_orientation"]
    application.round.save(update_fields=["balance_questions"])
    application = sent(client, application)
    equality = client.get(f"/applications/{application.pk}/equality/").content.decode()
    assert "What is your sex?" in equality and "What is your religion?" not in equality  # only what the panel asks
    balance = client.get(f"/applications/{application.pk}/balance/").content.decode()
    assert "Which of the following best describes your sexual orientation?" in balance
    client.post(f"/applications/{application.pk}/balance/", {"consent": "yes", "sexual_orientation": "bisexual"})
    application.refresh_from_db()
    assert application.balance.answers == {"sexual_orientation": "bisexual"}
