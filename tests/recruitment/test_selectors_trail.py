"""The decision trail (recruitment/selectors/trail.py): who moved an application, when and why,
from the history tables and the outbox; never an equality monitoring answer or the adjustments
asked for at interview; the same number of queries for one application as for a whole round."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from recruitment import services
from recruitment.models import Application, ApplicationStatus, DecisionReason
from recruitment.selectors.trail import application_trail, audit_pack, round_trail, trails
from tests.recruitment.factories import interview_held, scores_given

S = ApplicationStatus


def taken_through_to_appointment(application: Application, coordinator) -> Application:
    """Scored by both reviewers, moderated, shortlisted, interviewed, appointed and told."""
    for assignment in application.assignments.all():
        scores_given(assignment, 3)
    services.application_moderate(actor=coordinator, application=application, score=Decimal(6), reason="Agreed.")
    services.application_decide(
        actor=coordinator, application=application, status=S.SHORTLISTED, reason=DecisionReason.MET_CRITERIA
    )
    interview_held(application, coordinator, marks=3)
    services.application_decide(
        actor=coordinator, application=application, status=S.APPOINTED, reason=DecisionReason.SELECTED,
        note="Strongest on lived experience.",
    )  # fmt: skip
    services.outcomes_release(actor=coordinator, round_=application.round)
    application.refresh_from_db()
    return application


@pytest.mark.django_db(transaction=True)
def test_the_trail_says_who_moved_an_application_when_and_why(started, coordinator):
    application = taken_through_to_appointment(started[0], coordinator)
    trail = application_trail(application)
    said = [(entry.what, entry.who, entry.why) for entry in trail]
    whats = [what for what, _, _ in said]
    # Sent in bulk here, the first the history knows is review starting; see the last test for a start.
    assert ("Application in review", coordinator.display_name, "review started") in said
    shared = [(what, who) for what, who, _ in said if what.startswith("Shared with")]
    assert len(shared) == 2 and {who for _, who in shared} == {coordinator.display_name}
    assert sum(what.endswith("sent their scores") for what in whats) == 2
    assert ("Score moderated to 6.00", coordinator.display_name, "Agreed.") in said
    assert "Invited to choose an interview time" in whats
    booked = next(entry for entry in trail if entry.what.startswith("Interview time booked: "))
    assert booked.who == application.applicant.display_name and booked.why == "time chosen by the applicant"
    assert f"{coordinator.display_name} sent their interview scorecard" in whats
    scored = next(entry for entry in trail if entry.what == "Interview score 75.0 out of 100")
    assert scored.why == "interview score worked out from 1 scorecard"
    appointed = next(entry for entry in trail if entry.what == "Interviewed → appointed")
    assert appointed.who == coordinator.display_name
    assert "Selected for the panel" in appointed.why and "Strongest on lived experience." in appointed.why
    assert "Outcome released: appointed" in whats
    assert any("An invitation to choose an interview time" in what for what in whats)
    assert any("An interview time, with a calendar file" in what for what in whats)
    assert any("The outcome of an application" in what for what in whats)
    assert [entry.at for entry in trail] == sorted(entry.at for entry in trail)


@pytest.mark.django_db(transaction=True)
def test_the_trail_never_holds_monitoring_answers_or_interview_adjustments(started, coordinator):
    application = started[0]
    Application.objects.filter(pk=application.pk).update(interview_adjustments="A BSL interpreter, please.")
    services.monitoring_save(
        actor=application.applicant,
        application=application,
        answers={"religion": "sikh", "sexual_orientation": "gay_lesbian"},
    )
    application = taken_through_to_appointment(application, coordinator)
    everything = " ".join(f"{e.what} {e.who} {e.why}" for _, entries in audit_pack(application.round) for e in entries)
    for secret in ["sikh", "Sikh", "gay", "Gay", "lesbian", "BSL interpreter"]:
        assert secret not in everything


def test_a_trail_costs_the_same_queries_for_one_application_as_for_a_whole_round(started, coordinator):
    for application in started:
        for assignment in application.assignments.all():
            scores_given(assignment, 2)
    with CaptureQueriesContext(connection) as one:
        trails(started[:1])
    with CaptureQueriesContext(connection) as all_of_them:
        trails(started)
    assert len(one) == len(all_of_them) == 6


def test_the_rounds_own_moves_are_in_its_trail(started, round_):
    whats = [entry.what for entry in round_trail(round_)]
    assert whats[-1] == "Round in review"


@pytest.mark.django_db(transaction=True)
def test_an_application_started_online_or_recorded_for_someone_says_so(applicant, coordinator):
    from tests.recruitment.factories import round_with_questions

    round_ = round_with_questions()
    online = services.application_start(actor=applicant, round_=round_)
    on_paper = services.application_record_assisted(
        actor=coordinator, round_=round_, method="paper", full_name="Pat Post"
    )
    found = trails([online, on_paper])
    assert [(e.what, e.who) for e in found[online.pk]] == [("Application started (draft)", "The applicant")]
    assert [(e.what, e.who) for e in found[on_paper.pk]] == [
        ("Application recorded on paper (draft)", coordinator.display_name)
    ]
