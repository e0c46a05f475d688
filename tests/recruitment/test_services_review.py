"""Review (recruitment/services/review.py): sharing applications among reviewers, keeping them
anonymous, scoring and moderating."""

from collections import Counter
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from members.models import Panel
from recruitment import services
from recruitment.models import Answer, ApplicationStatus, ReviewAssignment
from recruitment.selectors import conflicts_declared, review_scores, short_of_reviewers
from tests.factories import UserFactory
from tests.recruitment.factories import closed_round, reviewers_for, scores_given, submitted_applications


def test_starting_review_gives_every_application_two_reviewers_spread_evenly(round_, coordinator, race_panel):
    reviewers = reviewers_for(race_panel, 3)
    applications = submitted_applications(round_, 10)
    assert services.review_start(actor=coordinator, round_=round_) == 10
    per_application = Counter(ReviewAssignment.objects.values_list("application_id", flat=True))
    assert set(per_application.values()) == {2}
    assert set(per_application) == {a.pk for a in applications}
    load = Counter(ReviewAssignment.objects.values_list("reviewer_id", flat=True))
    assert set(load) == {r.pk for r in reviewers}
    assert max(load.values()) - min(load.values()) <= 1
    assert set(round_.applications.values_list("status", flat=True)) == {ApplicationStatus.IN_REVIEW}
    codes = list(round_.applications.values_list("review_code", flat=True))
    assert len(set(codes)) == 10 and all(len(code) == 6 for code in codes)
    history = round_.applications.first().history.first()
    assert history.history_change_reason == "review started" and history.history_user == coordinator


def test_each_reviewer_reads_in_their_own_order(round_, coordinator, race_panel):
    first, second = reviewers_for(race_panel, 2)
    submitted_applications(round_, 12)
    services.review_start(actor=coordinator, round_=round_)
    orders = [
        list(ReviewAssignment.objects.filter(reviewer=r).order_by("position").values_list("application_id", flat=True))
        for r in (first, second)
    ]
    assert sorted(orders[0]) == sorted(orders[1])
    assert orders[0] != orders[1]  # the chance of the same order of 12 by accident is 1 in 479 million


def test_review_cannot_start_while_the_round_is_open(db, coordinator, race_panel):
    from tests.recruitment.factories import round_with_questions

    reviewers_for(race_panel, 2)
    with pytest.raises(ValidationError, match="still open"):
        services.review_start(actor=coordinator, round_=round_with_questions())


def test_review_needs_enough_reviewers(round_, coordinator, race_panel):
    reviewers_for(race_panel, 1)
    with pytest.raises(ValidationError, match="needs 2 reviewers, but the panel has 1"):
        services.review_start(actor=coordinator, round_=round_)


def test_review_starts_once(round_, coordinator, race_panel):
    reviewers_for(race_panel, 2)
    services.review_start(actor=coordinator, round_=round_)
    with pytest.raises(ValidationError, match="already started"):
        services.review_start(actor=coordinator, round_=round_)


@pytest.mark.parametrize("who", ["reviewer", "gender_coordinator", "administrator", "applicant"])
def test_only_the_panel_coordinator_starts_review(request, round_, race_panel, who):
    reviewers_for(race_panel, 2)
    with pytest.raises(PermissionDenied):
        services.review_start(actor=request.getfixturevalue(who), round_=round_)


def test_a_declared_conflict_moves_the_application_and_keeps_the_reviewer_away_later(round_, coordinator, race_panel):
    reviewers = reviewers_for(race_panel, 3)
    (application,) = submitted_applications(round_, 1)
    services.review_start(actor=coordinator, round_=round_)
    assignment = ReviewAssignment.objects.filter(application=application).first()
    (free,) = [r for r in reviewers if r.pk not in application.assignments.values_list("reviewer_id", flat=True)]
    replacement = services.review_conflict_declare(
        actor=assignment.reviewer, assignment=assignment, reason="We work together."
    )
    assert replacement is not None and replacement.reviewer == free
    assert list(conflicts_declared(round_)) == [assignment]
    assert application.assignments.filter(conflict_declared_at__isnull=True).count() == 2

    # The same person applies to a later round: the reviewer who declared a conflict is left out.
    later = closed_round(title="Second round")
    again = submitted_applications(later, 1)[0]
    again.applicant = application.applicant
    again.save(update_fields=["applicant"])
    services.review_start(actor=coordinator, round_=later)
    assert assignment.reviewer_id not in set(again.assignments.values_list("reviewer_id", flat=True))


def test_when_every_reviewer_has_a_conflict_the_coordinator_is_told(round_, coordinator, race_panel):
    reviewers_for(race_panel, 2)
    (application,) = submitted_applications(round_, 1)
    services.review_start(actor=coordinator, round_=round_)
    assignment = application.assignments.first()
    assert services.review_conflict_declare(actor=assignment.reviewer, assignment=assignment, reason="Family") is None
    assert list(short_of_reviewers(round_)) == [application]


def test_a_conflict_needs_a_reason_and_cannot_follow_sent_scores(round_, coordinator, race_panel):
    reviewers_for(race_panel, 2)
    submitted_applications(round_, 1)
    services.review_start(actor=coordinator, round_=round_)
    assignment = ReviewAssignment.objects.first()
    with pytest.raises(ValidationError):
        services.review_conflict_declare(actor=assignment.reviewer, assignment=assignment, reason=" ")
    scores_given(assignment, 3)
    with pytest.raises(ValidationError, match="already sent"):
        services.review_conflict_declare(actor=assignment.reviewer, assignment=assignment, reason="I know them")


@pytest.mark.parametrize(
    "answer,found",
    [
        ("My name is Dana Okafor and I care about this.", ["name"]),
        ("Email me at dana@example.org any time.", ["email"]),
        ("Ring me on 0151 496 0000.", ["phone"]),
        ("Call +44 151 4960000 or write to dana@example.org", ["email", "phone"]),
        ("I have organised a food bank for six years.", []),
        ("Come and see us at L17 8XY.", ["postcode"]),
    ],
)
def test_answers_that_name_the_applicant_are_found(answer, found, db):
    person = UserFactory.build(
        full_name="Dana Okafor", email="dana@example.org", phone="0151 496 0000", postcode="L17 8XY"
    )
    assert services.identifying_details(answer, person) == found


def test_flagged_answers_are_held_back_until_the_coordinator_redacts_them(round_, coordinator, race_panel):
    reviewers_for(race_panel, 2)
    (application,) = submitted_applications(round_, 1, answer="As Sam Bulkperson I know the area well.")
    services.review_start(actor=coordinator, round_=round_)
    answer = Answer.objects.filter(application=application).first()
    answer.refresh_from_db()
    assert answer.identifies == "name" and answer.needs_redaction
    services.answer_redact(actor=coordinator, answer=answer, redacted_text="As [name removed] I know the area well.")
    answer.refresh_from_db()
    assert answer.for_review == "As [name removed] I know the area well."
    assert answer.text.startswith("As Sam Bulkperson")  # the original is kept for coordinators
    assert not answer.needs_redaction
    reviewer = application.assignments.first().reviewer
    with pytest.raises(PermissionDenied):
        services.answer_redact(actor=reviewer, answer=answer, redacted_text="x")


def test_scores_can_be_saved_then_sent_and_are_final(round_, coordinator, race_panel):
    reviewers_for(race_panel, 2)
    submitted_applications(round_, 1)
    services.review_start(actor=coordinator, round_=round_)
    assignment = ReviewAssignment.objects.first()
    first = round_.criteria.first()
    services.review_record(actor=assignment.reviewer, assignment=assignment, scores={first.pk: (2, "")}, submit=False)
    with pytest.raises(ValidationError) as missing:
        services.review_record(
            actor=assignment.reviewer, assignment=assignment, scores={first.pk: (2, "")}, submit=True
        )
    assert "Give a score for Criterion 2" in str(missing.value)
    with pytest.raises(ValidationError, match="from 0 to 4"):
        services.review_record(
            actor=assignment.reviewer, assignment=assignment, scores={first.pk: (9, "")}, submit=False
        )
    scores_given(assignment, 3)
    with pytest.raises(ValidationError, match="already sent"):
        scores_given(assignment, 1)


def test_only_the_assigned_reviewer_scores(round_, coordinator, race_panel):
    reviewers_for(race_panel, 3)
    submitted_applications(round_, 1)
    services.review_start(actor=coordinator, round_=round_)
    assignment = ReviewAssignment.objects.first()
    for someone in [coordinator, UserFactory()]:
        with pytest.raises(PermissionDenied):
            services.review_record(actor=someone, assignment=assignment, scores={}, submit=False)


def test_scores_give_a_mean_and_spread_and_flag_disagreement_for_moderation(round_, coordinator, race_panel):
    reviewers_for(race_panel, 2)
    agreed, disputed = submitted_applications(round_, 2)
    services.review_start(actor=coordinator, round_=round_)
    for application, values in [(agreed, (3, 4)), (disputed, (0, 4))]:
        for assignment, value in zip(application.assignments.all(), values, strict=True):
            scores_given(assignment, value)
    scores = review_scores(round_)
    assert scores[agreed.pk].totals == [6, 8] or scores[agreed.pk].totals == [8, 6]
    assert scores[agreed.pk].mean == Decimal("7.00") and scores[agreed.pk].spread == 2
    assert scores[agreed.pk].score == Decimal("7.00") and not scores[agreed.pk].needs_moderation
    assert scores[disputed.pk].spread == 8 and scores[disputed.pk].needs_moderation
    assert scores[disputed.pk].score is None

    with pytest.raises(ValidationError):
        services.application_moderate(actor=coordinator, application=disputed, score=Decimal(5), reason="")
    with pytest.raises(ValidationError):
        services.application_moderate(actor=coordinator, application=disputed, score=Decimal(9), reason="Too high")
    services.application_moderate(
        actor=coordinator, application=disputed, score=Decimal(5), reason="Evidence in answer 2 is partial."
    )
    moderated = review_scores(round_)[disputed.pk]
    assert moderated.score == Decimal(5) and not moderated.needs_moderation


def test_an_application_sent_late_with_a_personal_deadline_joins_review(round_, coordinator, race_panel, applicant):
    from datetime import timedelta

    from django.utils import timezone

    reviewers_for(race_panel, 2)
    services.review_start(actor=coordinator, round_=round_)
    application = round_.applications.create(applicant=applicant, local_authority_area="wirral")
    applicant.full_name = "Alex Applicant"
    applicant.save()
    services.application_extend_deadline(
        actor=coordinator, application=application, deadline=timezone.now() + timedelta(days=2), reason="Hospital"
    )
    for question in round_.questions.all():
        services.answer_save(actor=applicant, application=application, question=question, text="Answer.")
    services.application_submit(actor=applicant, application_id=application.pk, declaration=True)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_REVIEW
    assert application.assignments.count() == 2 and application.review_code


def test_review_starts_by_itself_once_a_round_closes(round_, race_panel, coordinator):
    from recruitment.tasks import start_due_reviews
    from tests.recruitment.factories import round_with_questions

    reviewers_for(race_panel, 2)
    submitted_applications(round_, 2)
    still_open = round_with_questions()
    no_reviewers = closed_round(panel=Panel.objects.get(slug="gender"))
    assert start_due_reviews.delay().get() == [round_.pk]
    round_.refresh_from_db()
    assert round_.review_started_at and ReviewAssignment.objects.count() == 4
    record = round_.applications.first().history.first()
    assert record.history_user is None and record.history_change_reason == "review started when the round closed"
    still_open.refresh_from_db()
    no_reviewers.refresh_from_db()
    assert still_open.review_started_at is None and no_reviewers.review_started_at is None
    assert start_due_reviews.delay().get() == []  # once only


def test_a_reviewer_taken_off_the_panel_can_no_longer_read_or_score(round_, coordinator, race_panel, administrator):
    from members.models import StaffRole
    from members.services import staff_role_revoke
    from recruitment.selectors import assignments_for_reviewer

    reviewers = reviewers_for(race_panel, 2)
    submitted_applications(round_, 1)
    services.review_start(actor=coordinator, round_=round_)
    leaving = reviewers[0]
    assert assignments_for_reviewer(leaving).count() == 1
    staff_role_revoke(actor=administrator, staff_role=StaffRole.objects.get(user=leaving))
    leaving = type(leaving).objects.get(pk=leaving.pk)  # a new request: roles read afresh
    assert assignments_for_reviewer(leaving).count() == 0
    with pytest.raises(PermissionDenied):
        scores_given(ReviewAssignment.objects.get(reviewer=leaving), 2)


def test_a_withdrawn_application_leaves_review(round_, coordinator, race_panel):
    from recruitment.selectors import assignments_for_reviewer

    reviewers_for(race_panel, 2)
    (application,) = submitted_applications(round_, 1)
    services.review_start(actor=coordinator, round_=round_)
    application.refresh_from_db()
    services.application_withdraw(actor=application.applicant, application=application, reason="Moving away")
    assignment = ReviewAssignment.objects.first()
    assert assignments_for_reviewer(assignment.reviewer).count() == 0
    with pytest.raises(PermissionDenied):
        scores_given(assignment, 2)


def test_an_application_short_of_reviewers_waits_until_the_gap_is_filled(round_, coordinator, race_panel):
    reviewers_for(race_panel, 2)
    (application,) = submitted_applications(round_, 1)
    services.review_start(actor=coordinator, round_=round_)
    conflicted, other = application.assignments.all()
    services.review_conflict_declare(actor=conflicted.reviewer, assignment=conflicted, reason="Neighbour")
    scores_given(other, 3)
    summary = review_scores(round_)[application.pk]
    assert not summary.complete and summary.score is None  # one review of the two the round asks for
    newcomer = reviewers_for(race_panel, 1)[0]
    assert services.review_fill_gaps(actor=coordinator, round_=round_) == 1
    scores_given(application.assignments.get(reviewer=newcomer), 3)
    assert review_scores(round_)[application.pk].score == Decimal("6.00")
    assert services.review_fill_gaps(actor=coordinator, round_=round_) == 0


def test_how_applications_are_scored_is_fixed_once_review_starts(round_, coordinator, race_panel):
    reviewers_for(race_panel, 2)
    services.review_start(actor=coordinator, round_=round_)
    round_.refresh_from_db()
    with pytest.raises(ValidationError, match="criteria cannot change"):
        services.criterion_add(actor=coordinator, round_=round_, name="New", marking_guide="0-4")
    with pytest.raises(ValidationError, match="cannot change"):
        services.round_update(actor=coordinator, round_=round_, score_max=10)
    services.round_update(actor=coordinator, round_=round_, title="Renamed")  # other details still can


def test_review_needs_criteria_to_score_against(db, coordinator, race_panel):
    reviewers_for(race_panel, 2)
    with pytest.raises(ValidationError, match="at least one criterion"):
        services.review_start(actor=coordinator, round_=closed_round(criteria=0))


def test_a_late_application_goes_to_the_reviewer_with_least_to_do(round_, coordinator, race_panel, applicant):
    from datetime import timedelta

    from django.utils import timezone

    round_.reviewers_per_application = 1
    round_.save()
    busy, free = reviewers_for(race_panel, 2)
    submitted_applications(round_, 2)
    services.review_start(actor=coordinator, round_=round_)
    # Make one reviewer busier: move the other's application to them.
    ReviewAssignment.objects.update(reviewer=busy)
    late = round_.applications.create(applicant=applicant, local_authority_area="wirral")
    services.application_extend_deadline(
        actor=coordinator, application=late, deadline=timezone.now() + timedelta(days=1), reason="In hospital"
    )
    for question in round_.questions.all():
        services.answer_save(actor=applicant, application=late, question=question, text="An answer.")
    services.application_submit(actor=applicant, application_id=late.pk, declaration=True)
    assert late.assignments.get().reviewer == free
