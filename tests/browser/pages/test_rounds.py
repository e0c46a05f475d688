"""A coordinator running a recruitment round, in Chromium: the panel's rounds, setting one up with
its questions and criteria, its applications, and those taken on paper, by phone or in BSL. How
the page scripts work: tests/browser/pages/registry.py."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from members.models import StaffRole
from recruitment import services as recruitment
from recruitment.models import Application, ApplicationStatus, Round, RoundStatus
from tests.browser.conftest import assert_accessible
from tests.browser.pages.registry import Pages
from tests.browser.pages.steps import coordinating, review_under_way, shows_a_problem, shows_the_error
from tests.factories import UserFactory
from tests.recruitment.factories import (
    a_draft,
    a_round,
    a_sent_application,
    closed_round,
    reviewers_for,
    submitted_applications,
)

pytestmark = pytest.mark.browser

page = Pages()


def a_round_being_set_up(visitor, *, from_the_list: bool = False) -> Round:
    """A round that opens next week, with its questions and a criterion, and its coordinator on
    the round's page (come from the panel's list of rounds, or straight from a bookmark)."""
    round_ = a_round("not yet open", title="Join the Race Panel in 2027")
    coordinating(visitor)
    if from_the_list:
        visitor.open("/staff/panels/race/rounds/")
        visitor.follow(round_.title)
    else:
        visitor.open(f"/staff/rounds/{round_.pk}/")
    return round_


@page("recruitment:staff_rounds")
def a_panels_recruitment_rounds(visitor):
    a_sent_application(visitor.person("applicant"), a_round())
    a_round("not yet open", title="Join the Race Panel in 2027")
    a_round("closed", title="Join the Race Panel in 2025")
    coordinating(visitor)
    visitor.open("/staff/panels/race/")
    visitor.follow("Recruitment rounds")
    expect(visitor.page.locator("tbody tr")).to_have_count(3)


@page("recruitment:round_create")
def create_a_round_then_sent_empty(visitor):
    coordinating(visitor)
    visitor.open("/staff/panels/race/rounds/")
    visitor.press("Create a round")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Create round")
    shows_the_error(visitor, "Enter when the round opens")


@page("recruitment:round_edit")
def a_round_with_its_questions_and_criteria(visitor):
    # Its forms with errors are checked below (adding a question or a criterion shows this page
    # again with the error) and on the page for creating a round (the same details form).
    a_round_being_set_up(visitor, from_the_list=True)
    expect(visitor.page.locator("dt", has_text="Lived experience")).to_be_visible()
    expect(visitor.page.get_by_text("Question 2?")).to_be_visible()


@page("recruitment:question_add")
def a_question_without_its_text(visitor):
    a_round_being_set_up(visitor)
    visitor.press("Add question")
    shows_the_error(visitor, "Enter the question")


@page("recruitment:criterion_add")
def a_criterion_without_its_marking_guide(visitor):
    a_round_being_set_up(visitor)
    visitor.page.get_by_label("Criterion").fill("Understanding of the region")
    visitor.press("Add criterion")
    shows_the_error(visitor, "Enter the marking guide")


@page("recruitment:question_edit")
def change_a_question_then_saved_without_its_text(visitor):
    a_round_being_set_up(visitor)
    visitor.follow("Change question 1")
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_label("Question", exact=True).fill("")
    visitor.press("Save question")
    shows_the_error(visitor, "Enter the question")


@page("recruitment:round_preview")
def preview_a_round_before_it_opens(visitor):
    a_round_being_set_up(visitor)
    visitor.follow("Preview the page applicants see")
    expect(visitor.page.get_by_text("This is a preview of the page applicants see.")).to_be_visible()


@page("recruitment:round_preview", name="preview_a_draft_with_what_is_missing_before_publishing")
def preview_a_draft_with_its_checklist(visitor):
    round_ = a_round("not yet open", title="Join the Race Panel in 2027", status=RoundStatus.DRAFT)
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/")
    expect(visitor.page.get_by_role("heading", name="Where the round is: draft")).to_be_visible()
    visitor.press("Preview and publish")
    expect(visitor.page.get_by_text("needs 2 reviewers, but the panel has 0")).to_be_visible()


@page("recruitment:round_publish", opens_on="recruitment:round_preview")
def publish_a_round_that_is_not_ready(visitor):
    round_ = a_round("not yet open", status=RoundStatus.DRAFT)
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/preview/")
    # The button is offered once the checklist is complete; the panel then loses a reviewer.
    reviewers = reviewers_for(round_.panel, 2)
    visitor.open(f"/staff/rounds/{round_.pk}/preview/")
    assert_accessible(visitor.page, "ready to publish")
    StaffRole.objects.filter(user=reviewers[0]).delete()
    visitor.press("Publish the round")
    expect(visitor.page.get_by_text("The round cannot be published yet")).to_be_visible()


@page("recruitment:criterion_edit")
def change_a_criterion_then_saved_without_its_marking_guide(visitor):
    a_round_being_set_up(visitor)
    visitor.follow("Change Lived experience")
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_label("Marking guide").fill("")
    visitor.press("Save criterion")
    shows_the_error(visitor, "Enter the marking guide")


@page("recruitment:round_edit", name="a_round_in_review_with_its_criteria_fixed")
def criteria_fixed_in_review(visitor):
    round_ = review_under_way(visitor)
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/")
    expect(visitor.page.get_by_text("the criteria are fixed")).to_be_visible()


@page("recruitment:round_edit", name="an_archived_round")
def an_archived_round(visitor):
    round_ = closed_round(status=RoundStatus.RELEASED)
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/")
    assert_accessible(visitor.page, "released")
    visitor.press("Archive the round")
    expect(visitor.page.get_by_text("This round is archived")).to_be_visible()


@page("recruitment:round_archive", opens_on="recruitment:round_edit")
def archive_a_round_before_its_outcomes_are_released(visitor):
    round_ = closed_round(status=RoundStatus.RELEASED)
    application = submitted_applications(round_, 1)[0]
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.RESERVE)
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/")
    visitor.press("Archive the round")
    shows_a_problem(visitor)


@page("recruitment:round_audit")
def a_rounds_audit_pack(visitor):
    round_ = review_under_way(visitor)
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/")
    visitor.follow("Audit pack")
    expect(visitor.page.get_by_text("For internal use only")).to_be_visible()


@page("recruitment:equality_report")
def equality_monitoring_for_a_round_of_one(visitor):
    round_ = a_round()
    applied_with_answers(round_, 1, lambda n: {"age_band": "25_34", "sex": "female"})
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/")
    visitor.follow("Equality monitoring totals")
    expect(visitor.page.get_by_role("heading", name="Too few people to report")).to_be_visible()
    expect(visitor.page.locator("main table")).to_have_count(0)
    expect(visitor.page.get_by_text("Female")).to_have_count(0)


def applied_with_answers(round_, people: int, answers) -> None:
    """`people` sent applications to the round, each giving the monitoring answers `answers(n)`;
    then the round's outcomes are released (only those rounds are counted)."""
    for number in range(people):
        application = a_sent_application(UserFactory(full_name=f"Person {round_.pk}-{number}"), round_)
        recruitment.monitoring_save(actor=application.applicant, application=application, answers=answers(number))
    Round.objects.filter(pk=round_.pk).update(status=RoundStatus.RELEASED)


def test_equality_tables_for_a_round_hide_what_could_pick_someone_out(visitor):
    round_ = a_round()
    applied_with_answers(
        round_, 24, lambda n: {"age_band": "25_34" if n % 4 else "75_plus", "religion": "none" if n % 2 else "sikh"}
    )
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/equality/")
    age = visitor.page.get_by_role("table", name="Age", exact=True)
    expect(age.get_by_role("row", name="75 or over")).to_contain_text("6")
    expect(age.get_by_role("row", name="Everyone")).to_contain_text("24")
    expect(
        visitor.page.get_by_role("table", name="Sex", exact=True).get_by_role("row", name="Not answered")
    ).to_contain_text("24")
    expect(visitor.page.get_by_role("link", name="Download these tables as a spreadsheet (CSV)")).to_be_visible()
    assert_accessible(visitor.page)


@page("recruitment:panel_equality")
def equality_monitoring_across_a_panels_rounds(visitor):
    # Two rounds of 12: too few to show either alone, enough together.
    for _ in range(2):
        applied_with_answers(a_round(), 12, lambda n: {"age_band": "25_34" if n % 2 else "45_54"})
    coordinating(visitor)
    visitor.open("/staff/panels/race/")
    visitor.follow("Equality monitoring across all rounds")
    age = visitor.page.get_by_role("table", name="Age", exact=True)
    expect(age.get_by_role("row", name="25 to 34")).to_contain_text("12")
    expect(age.get_by_role("row", name="Everyone")).to_contain_text("24")
    expect(visitor.page.get_by_role("heading", name="Too few people to report")).to_have_count(0)


@page("recruitment:equality_by_year")
def equality_monitoring_across_panels_by_year(visitor):
    round_ = a_round()
    applied_with_answers(round_, 21, lambda n: {"disability": "no" if n % 3 else "yes_a_little"})
    visitor.sign_in(visitor.person("administrator"))
    visitor.open("/staff/")
    visitor.follow("Equality monitoring across all panels, by year")
    expect(visitor.page.get_by_role("heading", level=1)).to_have_text(f"Equality monitoring: {round_.closes_at.year}")
    disability = visitor.page.get_by_role("table", name="Disability", exact=True)
    expect(disability.get_by_role("row", name="Yes, a little")).to_contain_text("7")


@page("recruitment:round_applications")
def a_rounds_applications_counted_by_status(visitor):
    round_ = a_round()
    a_sent_application(visitor.person("applicant"), round_)
    a_draft(UserFactory(full_name="Dee Draft"), round_, answers=False)
    coordinator = visitor.person("coordinator")
    recruitment.application_record_assisted(actor=coordinator, round_=round_, method="paper", full_name="Pat Post")
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/")
    visitor.follow("Applications")
    expect(visitor.page.get_by_role("link", name="Draft (2)")).to_be_visible()
    expect(visitor.page.locator("tbody tr")).to_have_count(3)


@page("recruitment:staff_application")
def an_application_taken_on_paper_then_more_time_given_without_a_reason(visitor):
    round_ = a_round()
    coordinator = visitor.person("coordinator")
    application = recruitment.application_record_assisted(
        actor=coordinator, round_=round_, method="paper", full_name="Pat Post"
    )
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/applications/")
    visitor.follow(f"Draft application {application.pk}")
    assert_accessible(visitor.page, "as it opens")
    later = timezone.localtime(round_.closes_at + timedelta(days=14))
    visitor.page.get_by_label("New deadline for this person").fill(later.strftime("%Y-%m-%dT%H:%M"))
    visitor.press("Save new deadline")
    shows_the_error(visitor, "Say why this person needs more time")


@page("recruitment:assisted")
def record_an_application_for_someone_then_sent_empty(visitor):
    a_round_being_set_up(visitor)
    visitor.follow("Record an application made by phone, post, email or BSL")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Continue")
    shows_the_error(visitor, "Select how you received the application")


@page("recruitment:about_you")
def about_them_for_an_application_taken_on_paper(visitor):
    round_ = a_round()
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/assisted/")
    visitor.page.get_by_label("On paper").check()
    visitor.page.get_by_label("Their full name").fill("Pat Post")
    visitor.press("Continue")
    visitor.page.get_by_text("Now fill in the application with the details you received.").wait_for()
    expect(visitor.page.get_by_text("Application for Pat Post")).to_be_visible()


test_every_page_is_accessible = page.test()
