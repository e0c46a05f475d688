"""Choosing a balanced panel, in Chromium: a proposal by score, one whose targets cannot all be
met, and a fair lottery drawn by a worker. How the page scripts work:
tests/browser/pages/registry.py."""

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from config.celery import app as celery_app
from recruitment import services as recruitment
from recruitment.balancing import lottery
from recruitment.models import Selection
from tests.browser.conftest import assert_accessible
from tests.browser.pages.registry import Pages
from tests.browser.pages.steps import coordinating, shows_a_problem, shows_the_error
from tests.recruitment.factories import (
    interviewed_candidates,
)

pytestmark = pytest.mark.browser

page = Pages()


@page("recruitment:selection_new")
def propose_a_balanced_panel_then_sent_with_errors(visitor):
    round_ = interviewed_candidates(visitor.person("coordinator"))
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/applications/")
    visitor.follow("Propose a balanced panel")
    expect(visitor.page.get_by_text("4 interviewed candidates have an interview score")).to_be_visible()
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_label("Number of seats").fill("")
    visitor.page.get_by_label("Minimum for Wirral").fill("3")
    visitor.page.get_by_label("Maximum for Wirral").fill("1")
    visitor.press("Propose a panel")
    shows_the_error(visitor, "Enter the number of seats")
    expect(visitor.page.get_by_label("Minimum for Wirral")).to_have_value("3")
    assert_accessible(visitor.page, "with errors")


@page("recruitment:selection")
def a_proposed_panel_then_accepted_then_a_replacement(visitor):
    round_ = interviewed_candidates(visitor.person("coordinator"))
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/selection/")
    visitor.page.get_by_label("Minimum for 16 to 24").fill("1")
    visitor.press("Propose a panel")
    expect(visitor.page.get_by_role("heading", name="Best by score")).to_be_visible()
    assert_accessible(visitor.page, "as proposed, meeting its targets")
    visitor.press("Save decision")
    shows_the_error(visitor, "Choose whether to accept or reject the proposal")
    assert_accessible(visitor.page, "decided without a choice")
    visitor.page.get_by_label("Accept this panel").check()
    visitor.press("Save decision")
    visitor.page.get_by_text("Your decision has been recorded.").wait_for()
    assert_accessible(visitor.page, "accepted, with the replacement form")
    recruitment.outcomes_release(actor=visitor.person("coordinator"), round_=round_)
    visitor.page.reload()  # the appointed are members now, so one can leave
    visitor.page.get_by_label("Who is leaving the panel?").select_option(index=1)
    visitor.press("Propose a replacement")
    expect(visitor.page.get_by_role("heading", name="Replacement from the reserve list")).to_be_visible()
    assert_accessible(visitor.page, "a replacement proposed from the reserve list")


@page("recruitment:selection_decide", opens_on="recruitment:selection")
def a_second_proposal_accepted_without_saying_why_the_first_is_withdrawn(visitor):
    round_ = interviewed_candidates(visitor.person("coordinator"))
    coordinating(visitor)
    for minimum in ["", "1"]:
        visitor.open(f"/staff/rounds/{round_.pk}/selection/")
        visitor.page.get_by_label("Minimum for 16 to 24").fill(minimum)
        visitor.press("Propose a panel")
        expect(visitor.page.get_by_role("heading", name="Best by score")).to_be_visible()
        visitor.page.get_by_label("Accept this panel").check()
        if minimum:
            expect(visitor.page.get_by_text("Whose outcome changes if you accept")).to_be_visible()
            assert_accessible(visitor.page, "with whose outcome changes")
        visitor.press("Save decision")
    shows_a_problem(visitor)


@page("recruitment:selection", name="a_proposal_whose_targets_cannot_all_be_met")
def a_proposal_whose_targets_cannot_all_be_met(visitor):
    round_ = interviewed_candidates(visitor.person("coordinator"))
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/selection/")
    visitor.page.get_by_label("Minimum for Halton").fill("1")
    visitor.press("Propose a panel")
    expect(visitor.page.get_by_text("The targets cannot all be met by these candidates.")).to_be_visible()
    assert_accessible(visitor.page, "with the targets that clash and the smallest change")


@page("recruitment:selection", name="a_fair_lottery_being_drawn_then_drawn")
def a_fair_lottery_being_drawn_then_drawn(visitor):
    round_ = interviewed_candidates(visitor.person("coordinator"))
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/selection/")
    if not lottery.available():
        expect(visitor.page.get_by_text("The fair lottery is not switched on here.")).to_be_visible()
        pytest.fail(f"The lottery pages cannot be checked without the optional extra. {lottery.ENABLE_HINT}")
    # Queued to a queue no worker reads, and drawn later by hand: the page first shows the draw on
    # its way, as it is while a worker draws it.
    celery_app.conf.task_always_eager = False
    try:
        with override_settings(LOTTERY_QUEUE="browser-test-not-consumed"):
            visitor.page.get_by_label("Fair lottery").check()
            visitor.page.get_by_label("Merit bar for the lottery").fill("65")
            visitor.press("Propose a panel")
            visitor.page.get_by_text("The lottery is being drawn.").wait_for()
    finally:
        celery_app.conf.task_always_eager = True
    assert_accessible(visitor.page, "while the lottery is being drawn")
    recruitment.selection_run_lottery(selection_id=Selection.objects.get().pk)
    visitor.press("Check again")
    expect(visitor.page.get_by_role("columnheader", name="Chance of selection")).to_be_visible()
    assert_accessible(visitor.page, "drawn, with each candidate's chance")
    visitor.press("Draw again with the same seed, to check it")
    expect(visitor.page.get_by_text("The same panel was drawn.")).to_be_visible()
    assert_accessible(visitor.page, "drawn again from its record, to check it")


test_every_page_is_accessible = page.test()
