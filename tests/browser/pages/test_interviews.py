"""Interviews, in Chromium: the coordinator's times, interviewers and invitations and one person's
interview; the applicant's page to choose, accept, decline or rearrange their time; each
interviewer's list, scorecard and conflict of interest. How the page scripts work:
tests/browser/pages/registry.py."""

import pytest
from playwright.sync_api import expect

from recruitment import services as recruitment
from recruitment.models import ApplicationStatus, DecisionReason, Interview
from tests.browser.conftest import assert_accessible
from tests.browser.pages.registry import Pages
from tests.browser.pages.steps import coordinating, review_under_way, shows_the_error
from tests.recruitment.factories import in_review, interview_time

pytestmark = pytest.mark.browser

page = Pages()


def shortlisted(visitor):
    """A round in review whose first two applications are shortlisted; the third is not."""
    round_ = review_under_way(visitor)
    coordinator = visitor.person("coordinator")
    visitor.person("member")
    first, second, _ = in_review(round_)
    first.interview_adjustments = "I use a wheelchair and need a step-free room."
    first.save(update_fields=["interview_adjustments"])
    for application in (first, second):
        recruitment.application_decide(
            actor=coordinator, application=application, status=ApplicationStatus.SHORTLISTED,
            reason=DecisionReason.MET_CRITERIA,
        )  # fmt: skip
    return round_, first


def invited(visitor):
    """Both shortlisted people invited; the coordinator and Morgan Member (a member of the panel)
    interview at each of three times."""
    round_, first = shortlisted(visitor)
    coordinator, member = visitor.person("coordinator"), visitor.person("member")
    slots = [interview_time(round_, coordinator, interviewers=[coordinator, member]) for _ in range(3)]
    recruitment.interviews_invite(actor=coordinator, round_=round_)
    return Interview.objects.get(application=first), slots


def booked(visitor):
    interview, slots = invited(visitor)
    recruitment.interview_book(
        actor=visitor.person("coordinator"), interview=interview, slot=slots[0],
        adjustments_confirmed="A step-free room on the ground floor.",
    )  # fmt: skip
    return interview


# The coordinator


@page("recruitment:interviewer_add", opens_on="recruitment:round_interviews")
def the_rounds_interviews_as_they_open_then_an_interviewer_added_without_a_name(visitor):
    round_, _ = shortlisted(visitor)
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/applications/")
    visitor.follow("Interviews: times, interviewers and invitations")
    assert_accessible(visitor.page, "as it opens, before anyone interviews")
    visitor.press("Add interviewer")
    shows_the_error(visitor, "Choose who will interview")


@page("recruitment:slot_add")
def an_interview_time_added_without_a_place(visitor):
    round_, _ = shortlisted(visitor)
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/interviews/")
    visitor.page.get_by_label("Who will interview?").select_option(label="Morgan Member")
    visitor.press("Add interviewer")
    visitor.page.get_by_text("Morgan Member can now interview in this round.").wait_for()
    visitor.page.get_by_label("Date and time").fill("2030-03-04T10:00")
    visitor.page.get_by_label("Morgan Member").check()
    visitor.press("Add time")
    shows_the_error(visitor, "Enter the place or an online joining link")


@page("recruitment:round_interviews")
def the_rounds_interviews_once_everyone_is_invited(visitor):
    round_, _ = shortlisted(visitor)
    coordinator = visitor.person("coordinator")
    for _ in range(2):
        interview_time(round_, coordinator)
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/interviews/")
    assert_accessible(visitor.page, "two times, and two people to invite")
    visitor.press("Invite 2 shortlisted people to choose a time")
    visitor.page.get_by_text("2 people have been invited to choose an interview time.").wait_for()


@page("recruitment:interview_book_for", opens_on="recruitment:application_interview")
def one_persons_interview_then_booked_without_a_time(visitor):
    interview, _ = invited(visitor)
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{interview.application.round_id}/interviews/")
    visitor.follow(f"{interview.application.reference} interview")
    expect(visitor.page.get_by_text("I use a wheelchair and need a step-free room.")).to_be_visible()
    assert_accessible(visitor.page, "invited, choosing a time")
    visitor.press("Book and send")
    shows_the_error(visitor, "Choose a time")


@page("recruitment:application_interview")
def one_persons_interview_booked_and_half_scored(visitor):
    interview = booked(visitor)
    marks = {c.pk: (3, "Clear examples.") for c in interview.application.round.criteria.all()}
    recruitment.scorecard_record(actor=visitor.person("member"), interview=interview, scores=marks, submit=True)
    coordinating(visitor)
    visitor.open(f"/staff/applications/{interview.application_id}/interview/")
    expect(visitor.page.get_by_text("Waiting for: ")).to_be_visible()


# The applicant


@page("recruitment:interview_book", opens_on="recruitment:interview_reply")
def the_applicants_interview_to_choose_then_booked_without_a_time(visitor):
    interview, _ = invited(visitor)
    application = interview.application
    visitor.sign_in(application.applicant, two_factor=False)
    visitor.open(f"/applications/{application.pk}/")
    visitor.follow("Choose your interview time")
    assert_accessible(visitor.page, "times to choose from")
    visitor.press("Book this time")
    shows_the_error(visitor, "Choose a time")


@page("recruitment:interview_reply")
def the_applicants_interview_booked_for_them_to_accept(visitor):
    interview = booked(visitor)
    visitor.sign_in(interview.application.applicant, two_factor=False)
    visitor.open(f"/applications/{interview.application_id}/interview/")
    expect(visitor.page.get_by_text("A step-free room on the ground floor.")).to_be_visible()
    visitor.press("I can come at this time")
    visitor.page.get_by_text("Thank you. Your interview time is confirmed.").wait_for()


@page("recruitment:interview_rearrange")
def asking_for_another_time_without_saying_what_suits(visitor):
    interview = booked(visitor)
    visitor.sign_in(interview.application.applicant, two_factor=False)
    visitor.open(f"/applications/{interview.application_id}/interview/")
    visitor.follow("Ask for another time")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Send")
    shows_the_error(visitor, "Tell us which days or times would suit you")


@page("recruitment:interview_decline")
def declining_the_interview(visitor):
    interview = booked(visitor)
    visitor.sign_in(interview.application.applicant, two_factor=False)
    visitor.open(f"/applications/{interview.application_id}/interview/")
    visitor.follow("Decline the interview")


# Interviewers


@page("recruitment:interviewers_home")
def an_interviewers_list(visitor):
    booked(visitor)
    visitor.sign_in(visitor.person("member"), two_factor=False)
    visitor.open("/account/")
    visitor.follow("Interviews you are on")


@page("recruitment:interview_scorecard")
def a_scorecard_sent_without_every_score_then_sent(visitor):
    interview = booked(visitor)
    visitor.sign_in(visitor.person("member"), two_factor=False)
    visitor.open("/interviews/")
    visitor.follow(f"Scorecard for {interview.application.applicant.display_name}")
    expect(visitor.page.get_by_text("A step-free room on the ground floor.")).to_be_visible()
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Send scorecard")
    shows_the_error(visitor, "Give a score for Criterion 1")
    assert_accessible(visitor.page, "with errors")
    for criterion in interview.application.round.criteria.all():
        visitor.page.get_by_role("group", name=f"Score for {criterion.name}").get_by_label("3").check()
    visitor.press("Send scorecard")
    visitor.page.get_by_text("Your scorecard has been sent.").wait_for()
    expect(visitor.page.get_by_role("heading", name="Other interviewers' scores")).to_be_visible()


@page("recruitment:scorecard_conflict")
def a_conflict_declared_without_a_reason(visitor):
    interview = booked(visitor)
    visitor.sign_in(visitor.person("member"), two_factor=False)
    visitor.open(f"/interviews/{interview.pk}/")
    visitor.follow("I have a conflict of interest with this applicant")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Declare conflict")
    shows_the_error(visitor, "Say briefly why you have a conflict of interest")


test_every_page_is_accessible = page.test()
