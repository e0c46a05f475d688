"""A recruitment round from its close to an appointment, in Chromium, as the people do it.

The coordinator and two reviewers each use a browser of their own (their own cookies, so each is
signed in as themselves at once). What the applicants are sent goes through Django's SMTP backend
to a real SMTP server, so the test reads the messages they actually received.
"""

import re
import time
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from members.models import AccessNeed, Membership, MembershipStatus
from recruitment.models import ApplicationStatus, ReviewAssignment
from tests.browser.conftest import assert_accessible
from tests.browser.pages.steps import fill_date
from tests.recruitment.factories import closed_round, reviewers_for, submitted_applications

pytestmark = pytest.mark.browser

# Each reviewer's score for every criterion of each application. They agree on the strongest and
# the weakest, and are as far apart as the scale allows on the middle one, which the coordinator
# then moderates.
SCORES = {
    "strongest": (4, 4),
    "disputed": (0, 4),
    "weakest": (1, 1),
}
MODERATED = "6"
CUT_OFF = "5"  # totals: strongest 8, disputed 6 once moderated, weakest 2
# Each interview's marks on the two criteria, out of 4: 87.5 and 75 out of 100.
INTERVIEW_MARKS = {"strongest": ("4", "3"), "disputed": ("3", "3")}
ADJUSTMENTS = "I use a wheelchair and need a step-free room."
ARRANGED = "The interview is in a step-free room on the ground floor."


@pytest.fixture
def closed(race_panel):
    """The Race Panel's round, closed, with three sent applications from three areas."""
    round_ = closed_round()
    people = {
        "strongest": ("Amara Okafor", "wirral"),
        "disputed": ("Bilal Hussain", "knowsley"),
        "weakest": ("Chen Wei", "liverpool"),
    }
    applications = dict(zip(people, submitted_applications(round_, 3), strict=True))
    for key, application in applications.items():
        name, area = people[key]
        application.applicant.full_name = name
        application.applicant.save(update_fields=["full_name"])
        application.local_authority_area = area
        application.save(update_fields=["local_authority_area"])
    applications["disputed"].interview_adjustments = ADJUSTMENTS
    applications["disputed"].save(update_fields=["interview_adjustments"])
    return round_, applications


def messages_to(inbox, address: str, count: int, timeout: float = 60.0) -> list:
    """The messages this address received, once there are `count` of them. Delivery happens after
    the request's transaction commits, so it has normally finished by the time the page loads."""
    deadline = time.monotonic() + timeout
    while len(inbox.to(address)) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    received = inbox.to(address)
    assert len(received) == count, f"{address} received {[str(m['Subject']) for m in received]}"
    return received


def body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_a_closed_round_is_reviewed_moderated_shortlisted_interviewed_and_a_balanced_panel_appointed(
    visitor, browser_of_their_own, coordinator, race_panel, closed, smtp
):
    round_, applications = closed
    first_reviewer, second_reviewer = reviewers_for(race_panel, 2)
    page = visitor.page
    visitor.sign_in(coordinator)
    applications_page = f"/staff/rounds/{round_.pk}/applications/"

    # The coordinator starts review from the round's applications.
    visitor.open(applications_page)
    visitor.follow("Review and scores")
    assert visitor.route == "recruitment:round_review"
    expect(page.get_by_text("3 applications have been sent.")).to_be_visible()
    assert_accessible(page, "before review starts")
    visitor.press("Start review")
    expect(page.get_by_text("Review has started: 3 applications shared among the reviewers.")).to_be_visible()
    assert_accessible(page, "review started")
    for application in applications.values():
        application.refresh_from_db()
    codes = {key: application.review_code for key, application in applications.items()}
    assert all(codes.values())

    # Each reviewer scores every application they were given, without seeing who applied.
    for index, person in enumerate((first_reviewer, second_reviewer)):
        reviewer = browser_of_their_own(person)
        mine = ReviewAssignment.objects.filter(reviewer=person)
        assert {a.application_id for a in mine} == {a.pk for a in applications.values()}
        reviewer.open("/review/")
        if index == 0:
            assert_accessible(reviewer.page, "reviewer's rounds")
        reviewer.follow(round_.title)
        assert reviewer.route == "recruitment:review_round"
        if index == 0:
            assert_accessible(reviewer.page, "reviewer's applications")
        for key, application in applications.items():
            reviewer.follow(f"Application {codes[key]}")
            assert reviewer.route == "recruitment:review_application"
            expect(reviewer.page.get_by_text(application.applicant.full_name)).to_have_count(0)
            if index == 0 and key == "strongest":
                assert_accessible(reviewer.page, "scoring an application")
            score = str(SCORES[key][index])
            for criterion in round_.criteria.all():
                group = reviewer.page.get_by_role("group", name=f"Score for {criterion.name}")
                group.get_by_role("radio", name=score, exact=True).check()
                reviewer.page.get_by_label(f"Comment on {criterion.name}").fill(f"Scored {score} from the answers.")
            reviewer.press("Send scores")
            assert reviewer.route == "recruitment:review_round"
            expect(reviewer.page.get_by_text("Your scores have been sent.")).to_be_visible()
        expect(reviewer.page.get_by_text("Sent", exact=True)).to_have_count(3)

    # The reviewers disagree on one application, which the coordinator moderates.
    page.reload()
    visitor.follow("Needing moderation (1)")
    expect(page.get_by_role("link", name=codes["disputed"], exact=True)).to_be_visible()
    expect(page.get_by_role("link", name=codes["strongest"], exact=True)).to_have_count(0)
    visitor.follow(codes["disputed"])
    assert visitor.route == "recruitment:application_scores"
    expect(page.get_by_text("(spread 8)")).to_be_visible()
    assert_accessible(page, "needing moderation")
    page.get_by_label("Moderated score").fill(MODERATED)
    page.get_by_label("Why this score?").fill("The answers were strong on experience but thin on the role.")
    visitor.press("Save moderated score")
    expect(page.get_by_text("The moderated score has been saved.")).to_be_visible()
    expect(page.get_by_text("thin on the role")).to_be_visible()
    assert_accessible(page, "moderated")

    # The coordinator shortlists by a cut-off, seeing first how many it takes.
    visitor.follow("Back to review")
    expect(page.get_by_text("Needing moderation (0)")).to_be_visible()
    visitor.follow("Shortlist by a cut-off score")
    assert visitor.route == "recruitment:shortlist"
    assert_accessible(page, "before choosing a cut-off")
    page.get_by_label("Shortlist everyone scoring at least").fill(CUT_OFF)
    visitor.press("See how many")
    expect(page.locator(".govuk-inset-text")).to_have_text("2 of 3 would be shortlisted.")
    assert_accessible(page, "with the count for the cut-off")
    visitor.press(f"Shortlist at {CUT_OFF}")
    assert visitor.path == applications_page
    expect(page.get_by_text("2 shortlisted and 1 not shortlisted.")).to_be_visible()

    # The coordinator interviews, at two times; both shortlisted applicants are invited at once.
    interview_day = timezone.localdate() + timedelta(days=7)
    visitor.open(applications_page)
    visitor.follow("Interviews: times, interviewers and invitations")
    assert visitor.route == "recruitment:round_interviews"
    expect(page.get_by_text("2 shortlisted people are waiting for an invitation.")).to_be_visible()
    page.get_by_label("Who will interview?").select_option(label=coordinator.display_name)
    visitor.press("Add interviewer")
    for hour in (10, 11):
        page.get_by_label("Date and time").fill(f"{interview_day:%Y-%m-%d}T{hour}:00")
        page.get_by_label("Place").fill("Room 2, Mann Island, Liverpool")
        page.get_by_role("group", name="Interviewers").get_by_label(coordinator.display_name).check()
        visitor.press("Add time")
        expect(page.get_by_text("The interview time has been added.")).to_be_visible()
    assert_accessible(page, "two interview times")
    visitor.press("Invite 2 shortlisted people to choose a time")
    expect(page.get_by_text("2 people have been invited to choose an interview time.")).to_be_visible()
    for key in ("strongest", "disputed"):
        (invitation,) = messages_to(smtp, applications[key].applicant.email, 1)
        assert str(invitation["Subject"]) == "Choose a time for your interview for the Race Panel"
        assert f"/applications/{applications[key].pk}/interview/" in body(invitation)

    # The strongest chooses the first time online; the coordinator books the second for the other
    # (who phoned), with what will be arranged, and they accept it online.
    strongest = browser_of_their_own(applications["strongest"].applicant)
    strongest.open(f"/applications/{applications['strongest'].pk}/interview/")
    strongest.page.get_by_label(re.compile("^10am on")).check()
    strongest.press("Book this time")
    expect(strongest.page.get_by_text("Your interview is booked.")).to_be_visible()
    visitor.open(f"/staff/rounds/{round_.pk}/interviews/")
    visitor.follow(f"{applications['disputed'].reference} interview")
    expect(page.get_by_text(ADJUSTMENTS)).to_be_visible()
    page.get_by_label(re.compile("^11am on")).check()
    page.get_by_label("What we will arrange for them").fill(ARRANGED)
    visitor.press("Book and send")
    expect(page.get_by_text("The time is booked and the applicant has been sent it")).to_be_visible()
    assert_accessible(page, "booked for them")
    disputed = browser_of_their_own(applications["disputed"].applicant)
    disputed.open(f"/applications/{applications['disputed'].pk}/interview/")
    disputed.press("I can come at this time")
    expect(disputed.page.get_by_text("You have accepted this time.")).to_be_visible()
    for key, hour in (("strongest", "10am"), ("disputed", "11am")):
        _, booking = messages_to(smtp, applications[key].applicant.email, 2)
        text = body(booking)
        when = f"When: {hour} on {interview_day:%A} {interview_day.day} {interview_day:%B %Y}"
        assert when in text and "Where: Room 2, Mann Island, Liverpool" in text
        assert (ARRANGED in text) == (key == "disputed")
        (calendar,) = [part for part in booking.iter_attachments() if part.get_content_type() == "text/calendar"]
        assert "METHOD:REQUEST" in calendar.get_content()
    assert messages_to(smtp, applications["weakest"].applicant.email, 0) == []

    # The coordinator sends a scorecard for each interview from their own list.
    visitor.open("/staff/")
    visitor.follow("Your interviews and scorecards")
    assert visitor.route == "recruitment:interviewers_home"
    for key in ("strongest", "disputed"):
        visitor.follow(f"Scorecard for {applications[key].applicant.full_name}")
        if key == "disputed":
            expect(page.get_by_text(ARRANGED)).to_be_visible()
            assert_accessible(page, "a scorecard")
        for criterion, mark in zip(round_.criteria.all(), INTERVIEW_MARKS[key], strict=True):
            page.get_by_role("group", name=f"Score for {criterion.name}").get_by_label(mark, exact=True).check()
        visitor.press("Send scorecard")
        expect(page.get_by_text("Your scorecard has been sent.")).to_be_visible()
        visitor.follow("Back to your interviews")

    # With one seat and at least one member from Knowsley, the panel is the lower interview score.
    visitor.open(applications_page)
    visitor.follow("Propose a balanced panel")
    assert visitor.route == "recruitment:selection_new"
    expect(page.get_by_text("2 interviewed candidates have an interview score.")).to_be_visible()
    assert_accessible(page, "proposing a panel")
    page.get_by_role("radio", name=re.compile("^Best by score")).check()
    page.get_by_label("Number of seats").fill("1")
    page.get_by_label("Minimum for Knowsley", exact=True).fill("1")
    visitor.press("Propose a panel")
    assert visitor.route == "recruitment:selection"
    assert_accessible(page, "a proposed panel")
    for key, proposed in (("disputed", "Proposed"), ("strongest", "Not proposed")):
        row = page.get_by_role("row").filter(has=page.get_by_role("link", name=applications[key].applicant.full_name))
        expect(row.get_by_role("cell").nth(2)).to_have_text(proposed)
    target = page.get_by_role("row").filter(has_text="Where they live: Knowsley")
    expect(target.get_by_role("cell")).to_have_text(["Where they live: Knowsley", "1", "1", "1", "Yes"])
    page.get_by_role("radio", name="Accept this panel").check()
    visitor.press("Save decision")
    expect(page.get_by_text("Your decision has been recorded.")).to_be_visible()
    assert_accessible(page, "accepted")

    # The coordinator checks the messages and releases every outcome at once.
    visitor.open(applications_page)
    visitor.follow("Release outcomes")
    assert visitor.route == "recruitment:outcomes_release"
    assert_accessible(page, "outcomes to release")
    page.get_by_text("Preview the message: You have been appointed to the Race Panel").click()
    expect(page.get_by_text("We are pleased to offer you a place on the Race Panel")).to_be_visible()
    assert_accessible(page, "a message previewed")
    term_start = timezone.localdate() + timedelta(days=30)
    fill_date(page, "Appointed members' terms start on", term_start)
    visitor.press("Send 3 outcome messages")
    assert visitor.path == applications_page
    expect(page.get_by_text("3 outcome messages are on their way.")).to_be_visible()

    outcomes = {
        "disputed": ("You have been appointed to the Race Panel", "We are pleased to offer you a place"),
        "strongest": ("You are on the reserve list for the Race Panel", "keep you on our reserve list"),
        "weakest": ("Your application to the Race Panel", "we will not be inviting you to interview"),
    }
    # Interviewed people also had their invitation and their time; the new member is asked for
    # their interests.
    expected_count = {"disputed": 4, "strongest": 3, "weakest": 1}
    for key, (subject, wording) in outcomes.items():
        application = applications[key]
        received = messages_to(smtp, application.applicant.email, expected_count[key])
        subjects = {str(m["Subject"]) for m in received}
        assert subject in subjects
        (outcome,) = [m for m in received if str(m["Subject"]) == subject]
        assert wording in body(outcome) and application.reference in body(outcome)
    welcomed = smtp.to(applications["disputed"].applicant.email)
    assert "Please tell us your interests" in {str(m["Subject"]) for m in welcomed}

    for application in applications.values():
        application.refresh_from_db()
    statuses = {key: application.status for key, application in applications.items()}
    assert statuses == {
        "disputed": ApplicationStatus.APPOINTED,
        "strongest": ApplicationStatus.RESERVE,
        "weakest": ApplicationStatus.NOT_SHORTLISTED,
    }
    membership = Membership.objects.get(panel=race_panel, person=applications["disputed"].applicant)
    assert (membership.status, membership.term_start) == (MembershipStatus.ACTIVE, term_start)
    assert applications["disputed"].membership == membership
    # What they needed at interview came with them: nobody asks them again.
    carried = AccessNeed.objects.get(profile__person=applications["disputed"].applicant, removed_at=None)
    assert carried.details == ADJUSTMENTS
    assert not Membership.objects.filter(person__in=[applications[k].applicant for k in ("strongest", "weakest")])
