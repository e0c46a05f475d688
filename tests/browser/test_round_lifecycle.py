"""A round's life in Chromium, as its coordinator lives it: drafted, refused publication until it is
ready, published, closed by the clock, reviewed, decided, released and archived; and every move
the round no longer allows, tried on the way, answered with a clear message and never an error
page. (Review, interviews and the balanced panel themselves are walked in
test_recruitment_journey.py.)"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from recruitment import services
from recruitment.models import Application, ApplicationStatus, DecisionReason, Round, RoundStatus
from tests.browser.conftest import assert_accessible
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

    # Archiving waits until everyone has an outcome; then the outcomes are released, and the round
    # archived, after which it can be read, never changed.
    visitor.open(f"/staff/rounds/{round_.pk}/outcomes/")
    visitor.press("Send 1 outcome message")
    visitor.open(f"/staff/rounds/{round_.pk}/")
    visitor.press("Archive the round")
    shows_the_problem(visitor, "2 applications have no outcome yet")
    for application in Application.objects.filter(round=round_).exclude(pk=first.pk):
        services.application_decide(
            actor=coordinator, application=application, status=ApplicationStatus.NOT_SHORTLISTED,
            reason=DecisionReason.PLACES,
        )  # fmt: skip
    visitor.open(f"/staff/rounds/{round_.pk}/outcomes/")
    visitor.press("Send 2 outcome messages")
    visitor.open(f"/staff/rounds/{round_.pk}/")
    visitor.press("Archive the round")
    expect(page.get_by_text("This round is archived")).to_be_visible()
    assert Round.objects.get(pk=round_.pk).status == RoundStatus.ARCHIVED
    expect(page.get_by_role("button", name="Save details")).to_have_count(0)
    assert_accessible(page, "archived")
    trail = [entry.history_change_reason for entry in Round.objects.get(pk=round_.pk).history.order_by("history_id")]
    assert trail[-5:] == ["published", "review started", "deciding", "outcomes released", "archived"]
