"""Review, in Chromium: the reviewers' pages, where they read and score applications without
seeing who applied, and the coordinator's, where review starts, answers are checked and scores
moderated. How the page scripts work: tests/browser/pages/registry.py."""

import pytest
from playwright.sync_api import expect

from members.models import Panel
from recruitment import services as recruitment
from tests.browser.conftest import assert_accessible
from tests.browser.pages.registry import Pages
from tests.browser.pages.steps import coordinating, review_under_way, shows_the_error
from tests.recruitment.factories import (
    closed_round,
    first_to_review,
    in_review,
    reviewers_for,
    scores_given,
    scores_sent,
    submitted_applications,
)

pytestmark = pytest.mark.browser

page = Pages()


def reviewing(visitor) -> None:
    visitor.sign_in(visitor.person("reviewer"))


def score_group(visitor, criterion: str):
    return visitor.page.get_by_role("group", name=f"Score for {criterion}")


@page("recruitment:review_home")
def applications_to_review_none_yet_then_a_round(visitor):
    reviewing(visitor)
    visitor.open("/staff/")
    visitor.follow("Applications to review")
    expect(visitor.page.get_by_text("You have no applications to review at the moment.")).to_be_visible()
    assert_accessible(visitor.page, "none yet")
    round_ = review_under_way(visitor)
    visitor.open("/review/")
    expect(visitor.page.get_by_role("link", name=round_.title)).to_be_visible()


@page("recruitment:review_round")
def a_round_to_review_with_scores_to_do_and_sent(visitor):
    round_ = review_under_way(visitor)
    scores_given(first_to_review(visitor.person("reviewer")), 3)
    reviewing(visitor)
    visitor.open("/review/")
    visitor.follow(round_.title)
    expect(visitor.page.locator(".govuk-tag", has_text="Sent")).to_have_count(1)
    expect(visitor.page.locator(".govuk-tag", has_text="To do")).to_have_count(2)


@page("recruitment:review_question")
def every_answer_to_a_question_one_held_back_for_checking_then_the_next_question(visitor):
    round_ = review_under_way(visitor, one_names_themselves=True)
    reviewing(visitor)
    visitor.open(f"/review/rounds/{round_.pk}/")
    visitor.follow("Question 1: Question 1?")
    expect(visitor.page.get_by_text("The coordinator is checking this answer")).to_be_visible()
    assert_accessible(visitor.page, "question 1")
    visitor.press("Next question")
    expect(visitor.page.get_by_role("heading", level=1)).to_have_text("Question 2")


@page("recruitment:review_application")
def score_an_application_then_saved_for_later_then_sent_with_a_score_missing(visitor):
    round_ = review_under_way(visitor)
    mine = first_to_review(visitor.person("reviewer"))
    reviewing(visitor)
    visitor.open(f"/review/rounds/{round_.pk}/")
    visitor.follow(f"Application {mine.application.review_code}")
    assert_accessible(visitor.page, "as it opens")
    score_group(visitor, "Criterion 1").get_by_role("radio", name="3", exact=True).check()
    visitor.page.get_by_label("Comment on Criterion 1").fill("Strong, local examples.")
    visitor.press("Save and come back later")
    visitor.page.get_by_text("Your scores have been saved.").wait_for()
    assert_accessible(visitor.page, "saved to come back to")
    visitor.press("Send scores")
    shows_the_error(visitor, "Give a score for Criterion 2")
    expect(visitor.page.get_by_label("Comment on Criterion 1")).to_have_value("Strong, local examples.")


@page("recruitment:review_application")
def an_application_after_sending_its_scores_with_the_other_reviewers_scores(visitor):
    round_ = review_under_way(visitor)
    mine = first_to_review(visitor.person("reviewer"))
    scores_given(mine.application.assignments.exclude(pk=mine.pk).get(), 1, "Few examples.")
    reviewing(visitor)
    visitor.open(f"/review/{mine.pk}/")
    for criterion in round_.criteria.all():
        score_group(visitor, criterion.name).get_by_role("radio", name="3", exact=True).check()
    visitor.press("Send scores")
    visitor.page.get_by_text("Your scores have been sent.").wait_for()
    visitor.follow(f"Application {mine.application.review_code}")
    expect(visitor.page.get_by_role("heading", name="Another reviewer")).to_be_visible()
    expect(visitor.page.get_by_text("Few examples.").first).to_be_visible()


@page("recruitment:review_conflict")
def declare_a_conflict_of_interest_then_sent_without_a_reason(visitor):
    review_under_way(visitor)
    mine = first_to_review(visitor.person("reviewer"))
    reviewing(visitor)
    visitor.open(f"/review/{mine.pk}/")
    visitor.follow("I have a conflict of interest with this applicant")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Declare conflict")
    shows_the_error(visitor, "Say briefly why you have a conflict of interest")


@page("recruitment:round_review")
def review_before_it_starts_then_with_too_few_reviewers_then_started(visitor):
    round_ = closed_round()
    submitted_applications(round_, 3)
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/applications/")
    visitor.follow("Review and scores")
    expect(visitor.page.get_by_role("button", name="Start review")).to_be_visible()
    assert_accessible(visitor.page, "before review starts")
    visitor.press("Start review")
    expect(visitor.page.get_by_text("Each application needs 2 reviewers, but the panel has 0.")).to_be_visible()
    assert_accessible(visitor.page, "too few reviewers to start")
    visitor.person("reviewer")
    reviewers_for(Panel.objects.get(slug="race"), 1)
    visitor.press("Start review")
    visitor.page.get_by_text("Review has started: 3 applications shared among the reviewers.").wait_for()


@page("recruitment:round_review")
def review_under_way_with_an_answer_to_check_a_conflict_and_a_disagreement_then_those_needing_moderation(visitor):
    round_ = review_under_way(visitor, one_names_themselves=True)
    first, second, _ = in_review(round_)
    reviewer = visitor.person("reviewer")
    # Nobody else is free to take it: the application is left needing a reviewer.
    recruitment.review_conflict_declare(
        actor=reviewer, assignment=first.assignments.get(reviewer=reviewer), reason="They are my neighbour."
    )
    scores_sent(second, 0, 4)
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/applications/")
    visitor.follow("Review and scores")
    expect(visitor.page.get_by_role("link", name=f"Application {first.review_code}, question 1")).to_be_visible()
    expect(visitor.page.get_by_role("cell", name="They are my neighbour.")).to_be_visible()
    expect(visitor.page.get_by_text(f"Application {first.review_code}", exact=True)).to_be_visible()
    assert_accessible(visitor.page, "with an answer to check, a conflict, one short of a reviewer and a disagreement")
    visitor.follow("Needing moderation (1)")
    scores = visitor.page.get_by_role("table", name="Applications and their scores")
    expect(scores.locator("tbody tr")).to_have_count(1)
    expect(scores.get_by_role("link", name=second.review_code)).to_be_visible()


@page("recruitment:application_moderate", opens_on="recruitment:application_scores")
def scores_with_a_disagreement_and_a_checked_answer_then_a_moderated_score_out_of_range(visitor):
    round_ = review_under_way(visitor, one_names_themselves=True)
    first = in_review(round_)[0]
    answer = first.answers.get(question__order=1)
    coordinator = visitor.person("coordinator")
    redacted = "I am [name removed] and I have lived in Liverpool all my life."
    recruitment.answer_redact(actor=coordinator, answer=answer, redacted_text=redacted)
    scores_sent(first, 0, 4)
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/review/")
    visitor.follow(first.review_code)
    expect(visitor.page.get_by_text("Needs moderation")).to_be_visible()
    visitor.page.get_by_text("What reviewers read").click()
    expect(visitor.page.get_by_text(redacted)).to_be_visible()
    assert_accessible(visitor.page, "with the moderation form, and what reviewers read opened")
    visitor.page.get_by_label("Moderated score").fill("20")
    visitor.page.get_by_label("Why this score?").fill("Answer 2 was strong; answer 1 was partial.")
    visitor.press("Save moderated score")
    shows_the_error(visitor, "The moderated score must be from 0 to 8")


@page("recruitment:answer_redact")
def check_an_answer_that_names_the_applicant_then_saved_empty(visitor):
    round_ = review_under_way(visitor, one_names_themselves=True)
    first = in_review(round_)[0]
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/review/")
    visitor.follow(f"Application {first.review_code}, question 1")
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_label("The answer as reviewers will read it").fill("")
    visitor.press("Save for reviewers")
    shows_the_error(visitor, "Enter the answer as reviewers should read it")


test_every_page_is_accessible = page.test()
