"""A round's life (recruitment/services/rounds.py): draft, published (not yet open, open, closed by
the clock), in review, deciding, released, archived. Each move is a service with its checks, and a
round can never be broken by accident: nothing reaches the public before it is published, a closed
round never opens again, and questions and criteria freeze once people rely on them."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from recruitment import services
from recruitment.models import Application, ApplicationStatus, DecisionReason, Round, RoundStatus
from recruitment.selectors import open_rounds
from tests.recruitment.factories import (
    RoundFactory,
    closed_round,
    interviewed,
    reviewers_for,
    round_with_questions,
    submitted_applications,
)

pytestmark = pytest.mark.django_db

S = ApplicationStatus

FIELDS = {
    "title": "Join us",
    "places": 3,
    "role_description": "Plain words.",
    "role_description_easy_read": "Easy words.",
}


def a_draft(coordinator, race_panel, **fields) -> Round:
    now = timezone.now()
    dates = {"opens_at": now - timedelta(hours=1), "closes_at": now + timedelta(days=28)}
    return services.round_create(actor=coordinator, panel=race_panel, **{**FIELDS, **dates, **fields})


def ready_to_publish(round_: Round, coordinator) -> Round:
    services.question_add(actor=coordinator, round_=round_, text="Why do you want to join?")
    services.criterion_add(actor=coordinator, round_=round_, name="Lived experience", marking_guide="0 to 4.")
    reviewers_for(round_.panel, 2)
    return round_


def test_a_new_round_is_a_draft_nobody_can_see_or_apply_to(coordinator, race_panel, applicant):
    round_ = a_draft(coordinator, race_panel)
    assert round_.status == RoundStatus.DRAFT and round_.stage == "draft"
    assert not round_.is_open()
    assert round_ not in open_rounds(race_panel)
    with pytest.raises(ValidationError, match="not open"):
        services.application_start(actor=applicant, round_=round_)


def test_publishing_a_round_without_questions_lists_everything_missing(coordinator, race_panel):
    round_ = a_draft(coordinator, race_panel, closes_at=timezone.now() - timedelta(minutes=1),
                     opens_at=timezone.now() - timedelta(days=2))  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.round_publish(actor=coordinator, round_=round_)
    problems = " ".join(refused.value.messages)
    assert "Add at least one question" in problems
    assert "Add at least one criterion" in problems
    assert "closing date has passed" in problems
    assert "needs 2 reviewers" in problems and "has 0" in problems
    round_.refresh_from_db()
    assert round_.status == RoundStatus.DRAFT


def test_a_published_round_takes_applications_and_its_history_says_who_published_it(coordinator, race_panel, applicant):
    round_ = ready_to_publish(a_draft(coordinator, race_panel), coordinator)
    services.round_publish(actor=coordinator, round_=round_)
    round_.refresh_from_db()
    assert (round_.status, round_.stage) == (RoundStatus.PUBLISHED, "open")
    assert round_ in open_rounds(race_panel)
    assert services.application_start(actor=applicant, round_=round_).round == round_
    published = round_.history.first()
    assert (published.history_user, published.history_change_reason) == (coordinator, "published")
    with pytest.raises(ValidationError, match="already been published"):
        services.round_publish(actor=coordinator, round_=round_)


def test_only_the_panels_coordinator_publishes(coordinator, gender_coordinator, race_panel):
    round_ = ready_to_publish(a_draft(coordinator, race_panel), coordinator)
    with pytest.raises(PermissionDenied):
        services.round_publish(actor=gender_coordinator, round_=round_)


@pytest.mark.parametrize(
    "move",
    [{"closes_at": timedelta(days=10)}, {"opens_at": timedelta(days=-60), "closes_at": timedelta(days=10)}],
    ids=["closing date", "both dates"],
)
def test_a_closed_round_is_never_reopened_by_its_dates(coordinator, race_panel, move):
    round_ = closed_round()
    now = timezone.now()
    with pytest.raises(ValidationError) as refused:
        services.round_update(actor=coordinator, round_=round_, **{k: now + v for k, v in move.items()})
    assert "closes_at" in refused.value.message_dict
    assert "personal deadline" in " ".join(refused.value.message_dict["closes_at"])
    round_.refresh_from_db()
    assert not round_.is_open()


def test_a_released_round_is_never_reopened(coordinator, race_panel):
    round_ = closed_round()
    reviewers_for(race_panel, 2)
    services.review_start(actor=coordinator, round_=round_)
    services.outcomes_release(actor=coordinator, round_=round_)
    with pytest.raises(ValidationError):
        services.round_update(actor=coordinator, round_=round_, closes_at=timezone.now() + timedelta(days=7))


def test_an_open_round_can_run_longer_but_not_open_later(coordinator):
    round_ = round_with_questions()
    later = timezone.now() + timedelta(days=40)
    services.round_update(actor=coordinator, round_=round_, closes_at=later)
    with pytest.raises(ValidationError) as refused:
        services.round_update(actor=coordinator, round_=round_, opens_at=timezone.now() + timedelta(days=1))
    assert "opens_at" in refused.value.message_dict


def test_criteria_are_added_changed_reordered_and_removed_until_review_starts(coordinator, race_panel):
    round_ = a_draft(coordinator, race_panel)
    first = services.criterion_add(actor=coordinator, round_=round_, name="First", marking_guide="Guide.")
    second = services.criterion_add(actor=coordinator, round_=round_, name="Second", marking_guide="Guide.")
    services.criterion_update(actor=coordinator, criterion=first, name="Lived experience", marking_guide="0 to 4.")
    services.criterion_move(actor=coordinator, criterion=second, up=True)
    assert list(round_.criteria.values_list("name", flat=True)) == ["Second", "Lived experience"]
    services.criterion_remove(actor=coordinator, criterion=second)
    assert list(round_.criteria.values_list("name", flat=True)) == ["Lived experience"]


def test_criteria_freeze_once_review_starts(coordinator, race_panel):
    round_ = closed_round()
    reviewers_for(race_panel, 2)
    services.review_start(actor=coordinator, round_=round_)
    criterion = round_.criteria.first()
    frozen = "Review has started"
    with pytest.raises(ValidationError, match=frozen):
        services.criterion_add(actor=coordinator, round_=round_, name="Late", marking_guide="Guide.")
    with pytest.raises(ValidationError, match=frozen):
        services.criterion_update(actor=coordinator, criterion=criterion, name="Changed", marking_guide="Guide.")
    with pytest.raises(ValidationError, match=frozen):
        services.criterion_move(actor=coordinator, criterion=criterion, up=False)
    with pytest.raises(ValidationError, match=frozen):
        services.criterion_remove(actor=coordinator, criterion=criterion)


def test_questions_are_reordered_until_anyone_starts_applying(coordinator, applicant):
    round_ = round_with_questions(3)
    third = round_.questions.get(order=3)
    services.question_move(actor=coordinator, question=third, up=True)
    assert list(round_.questions.values_list("text", flat=True)) == ["Question 1?", "Question 3?", "Question 2?"]
    services.application_start(actor=applicant, round_=round_)
    with pytest.raises(ValidationError, match="started applying"):
        services.question_move(actor=coordinator, question=third, up=True)


def test_the_round_moves_through_its_stages_in_order(coordinator, race_panel):
    round_ = ready_to_publish(a_draft(coordinator, race_panel), coordinator)
    services.round_publish(actor=coordinator, round_=round_)
    Round.objects.filter(pk=round_.pk).update(
        opens_at=timezone.now() - timedelta(days=30), closes_at=timezone.now() - timedelta(days=1)
    )
    round_.refresh_from_db()
    assert round_.stage == "closed"
    submitted_applications(round_, 2)
    services.review_start(actor=coordinator, round_=round_)
    round_.refresh_from_db()
    assert (round_.status, round_.stage) == (RoundStatus.IN_REVIEW, "in review")
    for application in round_.applications.order_by("id"):
        services.application_decide(
            actor=coordinator, application=application, status=ApplicationStatus.NOT_SHORTLISTED,
            reason=DecisionReason.BELOW_CUTOFF,
        )  # fmt: skip
    round_.refresh_from_db()
    assert round_.status == RoundStatus.DECIDING
    services.outcomes_release(actor=coordinator, round_=round_)
    round_.refresh_from_db()
    assert round_.status == RoundStatus.RELEASED
    services.round_archive(actor=coordinator, round_=round_)
    round_.refresh_from_db()
    assert round_.status == RoundStatus.ARCHIVED
    reasons = [entry.history_change_reason for entry in round_.history.order_by("history_id")]
    assert reasons[-5:] == ["published", "review started", "deciding", "outcomes released", "archived"]


def test_only_a_released_round_is_archived_and_then_nothing_changes(coordinator, race_panel):
    round_ = closed_round()
    with pytest.raises(ValidationError, match="released"):
        services.round_archive(actor=coordinator, round_=round_)
    [candidate] = interviewed(round_, coordinator, [(70, "halton", None)])
    Round.objects.filter(pk=round_.pk).update(status=RoundStatus.RELEASED)
    round_.refresh_from_db()
    with pytest.raises(ValidationError, match="1 application has no outcome yet"):
        services.round_archive(actor=coordinator, round_=round_)
    # Told they are on the reserve list: nothing is left to decide or release.
    Application.objects.filter(pk=candidate.pk).update(status=S.RESERVE, released_status=S.RESERVE)
    services.round_archive(actor=coordinator, round_=round_)
    with pytest.raises(ValidationError, match="archived"):
        services.round_update(actor=coordinator, round_=round_, title="A new title")
    candidate.refresh_from_db()
    with pytest.raises(ValidationError, match="archived"):
        services.application_decide(
            actor=coordinator, application=candidate, status=ApplicationStatus.APPOINTED,
            reason=DecisionReason.SELECTED,
        )  # fmt: skip


def test_the_system_starts_review_only_for_published_rounds(coordinator, race_panel):
    reviewers_for(race_panel, 2)
    published = closed_round()
    draft = closed_round(status=RoundStatus.DRAFT)
    assert services.review_start_due() == [published.pk]
    draft.refresh_from_db()
    assert draft.status == RoundStatus.DRAFT


def test_a_draft_round_takes_no_application_recorded_for_someone(coordinator, race_panel):
    round_ = a_draft(coordinator, race_panel)
    with pytest.raises(ValidationError, match="not been published"):
        services.application_record_assisted(actor=coordinator, round_=round_, method="post", full_name="Pat Post")


def test_the_factory_round_is_published(db):
    assert RoundFactory().status == RoundStatus.PUBLISHED
