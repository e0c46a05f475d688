"""A round's life in Chromium, as its coordinator lives it: drafted, refused publication until it is
ready, published, closed by the clock, reviewed, decided, interviewed (times, bookings and
scorecards), a balanced panel chosen, released and archived; and every move the round no longer
allows, tried on the way, answered with a clear message and never an error page. (Reviewers,
applicants booking on their own pages and the balance targets are walked in
test_recruitment_journey.py.)"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from recruitment import services
from recruitment.models import (
    Application,
    ApplicationStatus,
    DecisionReason,
    InterviewSlot,
    Round,
    RoundStatus,
    Selection,
    SelectionDecision,
    SelectionMethod,
)
from tests.browser.conftest import assert_accessible
from tests.browser.pages.steps import fill_date
from tests.recruitment.factories import reviewers_for, submitted_applications

pytestmark = pytest.mark.browser


def shows_the_problem(visitor, words: str) -> None:
    expect(visitor.page.locator(".govuk-error-summary")).to_contain_text(words)


def test_a_round_from_draft_to_archive_refusing_each_move_it_no_longer_allows(visitor, race_panel):
    coordinator = visitor.person("coordinator")
    visitor.sign_in(coordinator)
    page = visitor.page

    # Drafted: nobody outside sees it, and it cannot be published without questions and criteria.
    visitor.open("/staff/panels/race/rounds/")
    visitor.press("Create a round")
    opens = timezone.localtime() - timedelta(minutes=5)
    page.get_by_label("Title").fill("Join the Race Panel")
    page.get_by_label("Opens").fill(opens.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Closes").fill((opens + timedelta(days=28)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Number of places").fill("2")
    page.get_by_label("Role description", exact=True).fill("Plain words.")
    page.get_by_label("Role description in easy read").fill("Easy words.")
    visitor.press("Create round")
    expect(page.get_by_role("heading", name="Where the round is: draft")).to_be_visible()
    round_ = Round.objects.get()
    visitor.press("Preview and publish")
    expect(page.get_by_text("Add at least one question for applicants to answer.")).to_be_visible()
    assert_accessible(page, "a draft's checklist")

    # Made ready and published.
    visitor.open(f"/staff/rounds/{round_.pk}/")
    page.get_by_label("Question", exact=True).fill("Why do you want to join?")
    visitor.press("Add question")
    page.get_by_label("Criterion").fill("Lived experience")
    page.get_by_label("Marking guide").fill("0: none shown. 4: clear and relevant.")
    visitor.press("Add criterion")
    reviewers_for(race_panel, 2)
    visitor.press("Preview and publish")
    visitor.press("Publish the round")
    expect(page.get_by_text("The round has been published.")).to_be_visible()

    # Closed by the clock, with applications; the closing date cannot open it again.
    Round.objects.filter(pk=round_.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    submitted_applications(round_, 3)
    visitor.open(f"/staff/rounds/{round_.pk}/")
    later = timezone.localtime() + timedelta(days=14)
    page.get_by_label("Closes").fill(later.strftime("%Y-%m-%dT%H:%M"))
    visitor.press("Save details")
    shows_the_problem(visitor, "This round has closed, so its dates cannot change")
    assert_accessible(page, "a closed round's dates refused")

    # In review: the criteria are fixed, and no form offers to change them.
    visitor.open(f"/staff/rounds/{round_.pk}/review/")
    visitor.press("Start review")
    visitor.open(f"/staff/rounds/{round_.pk}/")
    expect(page.get_by_text("the criteria are fixed")).to_be_visible()
    expect(page.get_by_role("button", name="Add criterion")).to_have_count(0)

    # Deciding: a reason that does not fit the decision is refused beside the field.
    first = Application.objects.filter(round=round_).order_by("id").first()
    visitor.open(f"/staff/applications/{first.pk}/decide/")
    page.get_by_label("Not shortlisted").check()
    page.get_by_label("Reason").select_option(label="Met the criteria")
    visitor.press("Save decision")
    shows_the_problem(visitor, "“Met the criteria” is not a reason for marking someone not shortlisted")
    page.get_by_label("Reason").select_option(label="Did not show enough of the criteria")
    visitor.press("Save decision")
    expect(page.get_by_text("The decision has been saved.")).to_be_visible()

    # The outcome decided so far is released; archiving waits until everyone has one.
    visitor.open(f"/staff/rounds/{round_.pk}/outcomes/")
    visitor.press("Send 1 outcome message")
    visitor.open(f"/staff/rounds/{round_.pk}/")
    visitor.press("Archive the round")
    shows_the_problem(visitor, "2 applications have no outcome yet")

    # Interviews for the other two: inviting waits until there is a time for each of them.
    others = list(Application.objects.filter(round=round_).exclude(pk=first.pk).order_by("id"))
    for application in others:
        services.application_decide(
            actor=coordinator, application=application, status=ApplicationStatus.SHORTLISTED,
            reason=DecisionReason.MET_CRITERIA,
        )  # fmt: skip
    visitor.open(f"/staff/applications/{others[0].pk}/interview/")
    expect(page.get_by_text("They have not been invited to interview.")).to_be_visible()
    expect(page.get_by_role("heading", name="Scorecards")).to_have_count(0)
    visitor.open(f"/staff/rounds/{round_.pk}/interviews/")
    page.get_by_label("Who will interview?").select_option(label=coordinator.display_name)
    visitor.press("Add interviewer")
    day = timezone.localdate() + timedelta(days=7)
    add_a_time(visitor, day, 10, coordinator)
    visitor.press("Invite 2 shortlisted people to choose a time")
    shows_the_problem(visitor, "There is 1 free interview time for 2 people to choose from. Add at least 1 more")
    assert_accessible(page, "invitations refused: not enough times")
    add_a_time(visitor, day, 11, coordinator)
    visitor.press("Invite 2 shortlisted people to choose a time")
    expect(page.get_by_text("2 people have been invited to choose an interview time.")).to_be_visible()

    # Nobody is scored before a time is booked: invited people are not on the interviewer's list
    # until they have one. Once booked, a scorecard needs every criterion.
    visitor.open("/interviews/")
    expect(page.get_by_text("You are not on any interview times yet.")).to_be_visible()
    for application, slot in zip(others, InterviewSlot.objects.filter(round=round_).order_by("starts_at"), strict=True):
        services.interview_book(actor=application.applicant, interview=application.interview, slot=slot)
    visitor.open("/interviews/")
    for application, mark in zip(others, ("4", "2"), strict=True):
        visitor.follow(f"Scorecard for {application.applicant.display_name}")
        if mark == "4":
            visitor.press("Send scorecard")
            shows_the_problem(visitor, "Give a score for Lived experience")
        page.get_by_role("group", name="Score for Lived experience").get_by_label(mark, exact=True).check()
        visitor.press("Send scorecard")
        expect(page.get_by_text("Your scorecard has been sent.")).to_be_visible()
        visitor.follow("Back to your interviews")

    # Two proposals: accepting the second withdraws the first, only with a reason, and shows whose
    # outcome changes.
    one, both = (
        services.selection_propose(
            actor=coordinator,
            round_=Round.objects.get(pk=round_.pk),
            method=SelectionMethod.BEST_BY_SCORE,
            seats=seats,
            targets=[],
        )  # fmt: skip
        for seats in (1, 2)
    )
    for proposal in (one, both):
        visitor.open(f"/staff/selections/{proposal.pk}/")
        if proposal == both:
            expect(page.get_by_text("Whose outcome changes if you accept")).to_be_visible()
        page.get_by_role("radio", name="Accept this panel").check()
        visitor.press("Save decision")
    shows_the_problem(visitor, f"Accepting this proposal withdraws proposal {one.pk}")
    page.get_by_label("Reason").fill("Both candidates met the bar; the panel needs both places filled.")
    visitor.press("Save decision")
    expect(page.get_by_text("Your decision has been recorded.")).to_be_visible()
    assert Selection.objects.get(pk=one.pk).decision == SelectionDecision.WITHDRAWN

    # Released: terms start on a date typed in GOV.UK's date input, which is asked for only because
    # someone is appointed; then the round is archived, after which it can be read, never changed.
    visitor.open(f"/staff/rounds/{round_.pk}/outcomes/")
    fill_date(page, "Appointed members' terms start on", None)
    visitor.press("Send 2 outcome messages")
    shows_the_problem(visitor, "Enter the date terms start")
    fill_date(page, "Appointed members' terms start on", timezone.localdate() + timedelta(days=14))
    visitor.press("Send 2 outcome messages")
    expect(page.get_by_text("2 outcome messages are on their way.")).to_be_visible()
    visitor.open(f"/staff/rounds/{round_.pk}/")
    visitor.press("Archive the round")
    expect(page.get_by_text("This round is archived")).to_be_visible()
    assert Round.objects.get(pk=round_.pk).status == RoundStatus.ARCHIVED
    expect(page.get_by_role("button", name="Save details")).to_have_count(0)
    assert_accessible(page, "archived")
    trail = [entry.history_change_reason for entry in Round.objects.get(pk=round_.pk).history.order_by("history_id")]
    assert trail[-5:] == ["published", "review started", "deciding", "outcomes released", "archived"]
    assert {a.status for a in Application.objects.filter(round=round_)} == {
        ApplicationStatus.NOT_SHORTLISTED,
        ApplicationStatus.APPOINTED,
    }


def add_a_time(visitor, day, hour: int, interviewer) -> None:
    page = visitor.page
    page.get_by_label("Date and time").fill(f"{day:%Y-%m-%d}T{hour}:00")
    page.get_by_label("Place").fill("Room 2, Mann Island, Liverpool")
    page.get_by_role("group", name="Interviewers").get_by_label(interviewer.display_name).check()
    visitor.press("Add time")
    expect(page.get_by_text("The interview time has been added.")).to_be_visible()
