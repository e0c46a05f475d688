"""Decisions (recruitment/services/decisions.py): legal moves only, shortlisting, and outcomes
released together."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import RecordedMethod
from members.models import Membership
from notifications.models import Message
from recruitment import services
from recruitment.models import REASONS_FOR, ApplicationStatus, DecisionReason
from recruitment.services.decisions import MOVES
from tests.factories import a_membership
from tests.recruitment.factories import interview_held, reviewers_for, scores_given, submitted_applications

S = ApplicationStatus


@pytest.fixture
def in_review(round_, coordinator, race_panel):
    reviewers_for(race_panel, 2)
    applications = submitted_applications(round_, 4)
    services.review_start(actor=coordinator, round_=round_)
    return applications


def scored(applications, values):
    """Every reviewer of each application gives it the same score for every criterion."""
    for application, value in zip(applications, values, strict=True):
        for assignment in application.assignments.all():
            scores_given(assignment, value)


def decide(coordinator, application, status, reason=None, **extra):
    """Move the application on, with `reason` or the first reason that fits the outcome."""
    application.refresh_from_db()
    return services.application_decide(
        actor=coordinator, application=application, status=status, reason=reason or REASONS_FOR[status][0], **extra
    )


def interviewed(coordinator, application):
    decide(coordinator, application, S.SHORTLISTED)
    interview_held(application, coordinator)
    return application


def test_an_illegal_move_is_refused_with_a_clear_message(in_review, coordinator):
    with pytest.raises(ValidationError, match="An application that is in review cannot be marked appointed"):
        decide(coordinator, in_review[0], S.APPOINTED)


def test_every_move_needs_a_reason_from_the_list(in_review, coordinator):
    with pytest.raises(ValidationError):
        decide(coordinator, in_review[0], S.SHORTLISTED, reason="because")


@pytest.mark.parametrize(
    "status,reason",
    [
        (S.NOT_SHORTLISTED, DecisionReason.MET_CRITERIA),
        (S.SHORTLISTED, DecisionReason.BELOW_CUTOFF),
        (S.SHORTLISTED, DecisionReason.INELIGIBLE),
    ],
)
def test_a_reason_must_fit_the_outcome(in_review, coordinator, status, reason):
    with pytest.raises(ValidationError) as refused:
        decide(coordinator, in_review[0], status, reason)
    error = refused.value.message_dict["reason"][0]
    assert f"“{DecisionReason(reason).label}” is not a reason for" in error
    in_review[0].refresh_from_db()
    assert in_review[0].status == S.IN_REVIEW


def test_every_outcome_has_reasons_that_fit_it_and_a_note_in_its_own_words(in_review, coordinator):
    assert set(REASONS_FOR) == {status for reachable in MOVES.values() for status in reachable}
    decide(coordinator, in_review[0], S.NOT_SHORTLISTED, DecisionReason.CRITERIA_NOT_MET, note="Few examples given.")
    in_review[0].refresh_from_db()
    assert (in_review[0].decision_reason, in_review[0].decision_note) == ("criteria_not_met", "Few examples given.")


@pytest.mark.parametrize("who", ["reviewer", "gender_coordinator", "administrator"])
def test_only_the_panel_coordinator_decides(request, in_review, who):
    with pytest.raises(PermissionDenied):
        decide(request.getfixturevalue(who), in_review[0], S.SHORTLISTED)


def test_a_move_is_kept_in_history_with_who_and_why(in_review, coordinator):
    decide(coordinator, in_review[0], S.NOT_SHORTLISTED, DecisionReason.PLACES, note="Strong field")
    record = in_review[0].history.first()
    assert record.history_user == coordinator
    assert record.history_change_reason == "not_shortlisted: More strong candidates than places"
    assert record.decision_note == "Strong field"


def test_the_cut_off_waits_for_every_score(in_review, coordinator, round_):
    with pytest.raises(ValidationError, match="4 applications do not have all their scores"):
        services.shortlist_by_cutoff(actor=coordinator, round_=round_, cutoff=Decimal(4))


def test_the_cut_off_shortlists_those_at_or_above_it(in_review, coordinator, round_):
    scored(in_review, [1, 2, 3, 4])  # totals over two criteria: 2, 4, 6, 8
    assert services.shortlist_by_cutoff(actor=coordinator, round_=round_, cutoff=Decimal(6)) == (2, 2)
    statuses = dict(round_.applications.values_list("pk", "status"))
    assert [statuses[a.pk] for a in in_review] == [S.NOT_SHORTLISTED, S.NOT_SHORTLISTED, S.SHORTLISTED, S.SHORTLISTED]
    assert not Message.objects.filter(kind__startswith="recruitment.outcome").exists()


def test_outcomes_wait_for_release_then_go_together(in_review, coordinator, round_):
    appointed, reserve, unsuccessful, not_shortlisted = in_review
    for application in (appointed, reserve, unsuccessful):
        interviewed(coordinator, application)
    decide(coordinator, appointed, S.APPOINTED, DecisionReason.SELECTED)
    decide(coordinator, reserve, S.RESERVE, DecisionReason.RESERVE_LIST)
    decide(coordinator, unsuccessful, S.UNSUCCESSFUL, DecisionReason.INTERVIEW_SCORE, feedback="Give more examples.")
    decide(coordinator, not_shortlisted, S.NOT_SHORTLISTED, DecisionReason.PLACES)
    # Changing one's mind before release is allowed, and sends nothing.
    decide(coordinator, reserve, S.UNSUCCESSFUL, DecisionReason.PLACES)
    decide(coordinator, reserve, S.RESERVE, DecisionReason.RESERVE_LIST)
    assert not Message.objects.filter(kind__startswith="recruitment.outcome").exists()

    assert services.outcomes_release(actor=coordinator, round_=round_, term_start=date(2027, 1, 1)) == 4
    sent = dict(Message.objects.filter(kind__startswith="recruitment.outcome").values_list("recipient_id", "kind"))
    assert sent == {
        appointed.applicant_id: "recruitment.outcome_appointed",
        reserve.applicant_id: "recruitment.outcome_reserve",
        unsuccessful.applicant_id: "recruitment.outcome_unsuccessful",
        not_shortlisted.applicant_id: "recruitment.outcome_not_shortlisted",
    }
    assert Message.objects.get(kind="recruitment.outcome_unsuccessful").context["feedback"] == "Give more examples."
    membership = Membership.objects.get()
    assert (membership.person_id, membership.panel_id) == (appointed.applicant_id, round_.panel_id)
    assert (membership.term_start, membership.term_end) == (date(2027, 1, 1), date(2029, 12, 31))

    # Releasing again sends nothing more; a released outcome is settled.
    assert services.outcomes_release(actor=coordinator, round_=round_) == 0
    with pytest.raises(ValidationError, match="already been told"):
        decide(coordinator, unsuccessful, S.RESERVE, DecisionReason.RESERVE_LIST)


def test_a_reserve_can_be_appointed_later_and_joins_at_the_next_release(in_review, coordinator, round_):
    reserve = interviewed(coordinator, in_review[0])
    decide(coordinator, reserve, S.RESERVE, DecisionReason.RESERVE_LIST)
    services.outcomes_release(actor=coordinator, round_=round_)
    decide(coordinator, reserve, S.APPOINTED, DecisionReason.SELECTED, note="A member stood down")
    assert not Membership.objects.exists()
    assert services.outcomes_release(actor=coordinator, round_=round_) == 1
    assert Membership.objects.get().person_id == reserve.applicant_id
    assert Message.objects.filter(recipient=reserve.applicant, kind="recruitment.outcome_appointed").count() == 1


def test_a_reserve_appointed_later_can_go_back_to_reserve_but_not_be_turned_down(in_review, coordinator, round_):
    reserve = interviewed(coordinator, in_review[0])
    decide(coordinator, reserve, S.RESERVE, DecisionReason.RESERVE_LIST)
    services.outcomes_release(actor=coordinator, round_=round_)
    decide(coordinator, reserve, S.APPOINTED, DecisionReason.SELECTED)
    reserve.refresh_from_db()
    assert reserve.status_for_applicant == "Reserve"  # what they were told, until the next release
    with pytest.raises(ValidationError, match="already been told"):
        decide(coordinator, reserve, S.UNSUCCESSFUL, DecisionReason.PLACES)
    decide(coordinator, reserve, S.RESERVE, DecisionReason.RESERVE_LIST)  # back to what they were told
    assert services.outcomes_release(actor=coordinator, round_=round_) == 0


def test_someone_already_on_the_panel_cannot_be_appointed_again(in_review, coordinator):
    candidate = interviewed(coordinator, in_review[0])
    a_membership(coordinator, candidate.round.panel, candidate.applicant)
    with pytest.raises(ValidationError, match="is already a member of this panel"):
        decide(coordinator, candidate, S.APPOINTED, DecisionReason.SELECTED)


def test_an_applicant_may_withdraw_until_told_whatever_was_decided(in_review, coordinator, round_):
    appointed = interviewed(coordinator, in_review[0])
    decide(coordinator, appointed, S.APPOINTED, DecisionReason.SELECTED)
    other = interviewed(coordinator, in_review[1])
    decide(coordinator, other, S.APPOINTED, DecisionReason.SELECTED)
    appointed.refresh_from_db()
    services.application_withdraw(actor=appointed.applicant, application=appointed, reason="New job")
    services.outcomes_release(actor=coordinator, round_=round_)
    other.refresh_from_db()
    with pytest.raises(ValidationError, match="can no longer be withdrawn"):
        services.application_withdraw(actor=other.applicant, application=other)


def test_what_an_appointed_applicant_needed_at_interview_comes_with_them_onto_the_panel(in_review, coordinator, round_):
    from members.models import AccessNeed

    appointed = in_review[0]
    appointed.interview_adjustments = "A BSL interpreter and a room on the ground floor."
    appointed.save(update_fields=["interview_adjustments"])
    interviewed(coordinator, appointed)
    decide(coordinator, appointed, S.APPOINTED, DecisionReason.SELECTED)
    services.outcomes_release(actor=coordinator, round_=round_)
    need = AccessNeed.objects.get(profile__person=appointed.applicant)
    assert (need.item.name, need.details, need.recorded_method, need.recorded_by) == (
        "Something else", "A BSL interpreter and a room on the ground floor.", RecordedMethod.APPLICATION, coordinator,
    )  # fmt: skip
    # Nobody else's needs were invented.
    assert AccessNeed.objects.count() == 1
