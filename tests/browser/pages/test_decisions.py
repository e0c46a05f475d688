"""Deciding about applications, in Chromium: shortlisting by a cut-off, a decision about one
application, and the outcomes released together (interviews: test_interviews.py). How the page scripts work:
tests/browser/pages/registry.py."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from recruitment import services as recruitment
from recruitment.models import ApplicationStatus, DecisionReason
from tests.browser.conftest import assert_accessible
from tests.browser.pages.registry import Pages
from tests.browser.pages.steps import coordinating, fill_date, review_under_way, shows_the_error
from tests.recruitment.factories import (
    appointed,
    in_review,
    scores_sent,
)

pytestmark = pytest.mark.browser

page = Pages()


@page("recruitment:shortlist")
def shortlist_by_a_cut_off_as_it_opens_then_its_preview_then_without_a_cut_off(visitor):
    round_ = review_under_way(visitor)
    for application, score in zip(in_review(round_), (1, 3, 4), strict=True):
        scores_sent(application, score, score)
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/review/")
    visitor.follow("Shortlist by a cut-off score")
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_label("Shortlist everyone scoring at least").fill("6")
    visitor.press("See how many")
    expect(visitor.page.locator(".govuk-inset-text")).to_have_text("2 of 3 would be shortlisted.")
    expect(visitor.page.get_by_role("button", name="Shortlist at 6")).to_be_visible()
    assert_accessible(visitor.page, "with a cut-off's preview")
    visitor.page.get_by_label("Shortlist everyone scoring at least").fill("")
    visitor.press("See how many")
    shows_the_error(visitor, "Enter the cut-off score")


@page("recruitment:application_decide")
def decide_about_an_application_then_saved_without_a_decision_or_a_reason(visitor):
    round_ = review_under_way(visitor)
    first = in_review(round_)[0]
    scores_sent(first, 3, 3)
    coordinating(visitor)
    visitor.open(f"/staff/applications/{first.pk}/scores/")
    visitor.press("Make a decision")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Save decision")
    shows_the_error(visitor, "Select a decision")
    shows_the_error(visitor, "Choose a reason")


@page("recruitment:outcomes_release")
def outcomes_to_release_with_their_messages_then_sent_without_a_date_then_none_left(visitor):
    round_ = review_under_way(visitor)
    first, second, _ = in_review(round_)
    coordinator = visitor.person("coordinator")
    appointed(first, coordinator)
    recruitment.application_decide(
        actor=coordinator, application=second, status=ApplicationStatus.NOT_SHORTLISTED,
        reason=DecisionReason.BELOW_CUTOFF, feedback="More examples from your own community would help.",
    )  # fmt: skip
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/applications/")
    visitor.follow("Release outcomes")
    previews = visitor.page.locator(".govuk-details__summary")
    expect(previews).to_have_count(2)
    for preview in previews.all():
        preview.click()
    expect(visitor.page.get_by_text("You have been appointed to the Race Panel").first).to_be_visible()
    assert_accessible(visitor.page, "with the outcomes to send, their messages' previews opened")
    fill_date(visitor.page, "Appointed members' terms start on", None)
    visitor.press("Send 2 outcome messages")
    shows_the_error(visitor, "Enter the date terms start")
    assert_accessible(visitor.page, "sent without a date")
    fill_date(visitor.page, "Appointed members' terms start on", timezone.localdate())
    visitor.press("Send 2 outcome messages")
    visitor.page.get_by_text("2 outcome messages are on their way.").wait_for()
    visitor.follow("Release outcomes")
    expect(visitor.page.get_by_text("There are no outcomes waiting to be sent.")).to_be_visible()


test_every_page_is_accessible = page.test()
