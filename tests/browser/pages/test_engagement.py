"""Bringing work to the panels, in Chromium: an officer of the authority registers, writes a request
by keyboard, adds its documents and sends it; an administrator approves or refuses officers; the
panel's coordinator decides about it, by keyboard; its chair reads it. How the page scripts work:
tests/browser/pages/registry.py."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from engagement import services as engagement
from engagement.models import EngagementStatus, OfficerStatus
from tests.browser.conftest import assert_accessible
from tests.browser.pages.registry import Pages
from tests.browser.pages.steps import coordinating, shows_a_problem, shows_the_error
from tests.engagement.factories import PDF, a_chair, a_request, an_officer, request_fields
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

page = Pages()

TITLE = "Bus network redesign"  # the title of tests/engagement/factories.py's requests


def an_officer_at_work(visitor, **request):
    """Olu Officer, approved, with a request to the Race Panel (see a_request): Olu, and the request."""
    officer = an_officer(full_name="Olu Officer")
    return officer, a_request(officer, [visitor.person("race_panel")], **request)


def officer_opens_the_request(visitor, officer) -> None:
    visitor.sign_in(officer.user)
    visitor.open("/account/")
    visitor.follow("Your requests to the panels")
    visitor.follow(TITLE)


def type_into(visitor, label: str, words: str) -> None:
    visitor.page.get_by_label(label, exact=True).focus()
    visitor.page.keyboard.type(words)


def type_date(visitor, legend: str, day) -> None:
    """Type a date into GOV.UK's date input under `legend`, Tab taking the focus from box to box."""
    keyboard = visitor.page.keyboard
    visitor.page.get_by_role("group", name=legend).get_by_label("Day", exact=True).focus()
    keyboard.type(str(day.day))
    keyboard.press("Tab")
    keyboard.type(str(day.month))
    keyboard.press("Tab")
    keyboard.type(str(day.year))


def tick(visitor, label: str) -> None:
    """Choose a radio or tick a checkbox by keyboard: focus it, then Space."""
    visitor.page.get_by_label(label, exact=True).focus()
    visitor.page.keyboard.press("Space")


def press_by_keyboard(visitor, button: str) -> None:
    visitor.page.get_by_role("button", name=button, exact=True).focus()
    visitor.page.keyboard.press("Enter")
    visitor.page.wait_for_load_state()


# Officers: finding the way in and registering.


@page("engagement:officer_start")
def the_start_page_from_the_footer_signed_out(visitor):
    visitor.open("/")
    visitor.follow("For the authority's staff: bring your work to the panels")
    expect(visitor.page.get_by_role("heading", name="Bring your work to the panels")).to_be_visible()
    expect(visitor.page.get_by_text("Race Panel", exact=True)).to_be_visible()


@page("engagement:officer_register", opens_on="engagement:officer_register")
def register_then_sent_empty(visitor):
    visitor.sign_in(UserFactory(email="sam.officer@example.gov.uk", full_name="Sam Officer"))
    visitor.open("/bring-work/")
    visitor.press("Start now")
    expect(visitor.page.get_by_text("You are signed in as sam.officer@example.gov.uk.")).to_be_visible()
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Register")
    shows_the_error(visitor, "Enter your team or directorate")
    shows_the_error(visitor, "Enter your job title")


@page("engagement:officer_register", name="registered by keyboard, then waiting to be checked")
def registered_by_keyboard_then_waiting(visitor):
    visitor.sign_in(UserFactory(email="sam.officer@example.gov.uk", full_name="Sam Officer"))
    visitor.open("/bring-work/register/")
    type_into(visitor, "Your team or directorate", "Transport")
    visitor.page.keyboard.press("Tab")
    visitor.page.keyboard.type("Policy officer")
    press_by_keyboard(visitor, "Register")
    expect(visitor.page.get_by_role("heading", name="We are checking your registration")).to_be_visible()


@page("engagement:officer_register", name="signed in with an address that is not the authority's")
def register_with_an_address_outside_the_authority(visitor):
    visitor.sign_in(visitor.person("applicant"))
    visitor.open("/bring-work/register/")
    expect(visitor.page.get_by_role("heading", name="Sign in with your work email address")).to_be_visible()


# Officers: their requests.


@page("engagement:officer_home")
def your_requests_from_the_dashboard(visitor):
    officer, _ = an_officer_at_work(visitor, submit=True, document=True)
    a_request(officer, [visitor.person("race_panel")], title="Library opening hours")
    visitor.sign_in(officer.user)
    visitor.open("/account/")
    visitor.follow("Your requests to the panels")
    expect(visitor.page.locator("tbody tr")).to_have_count(2)
    expect(visitor.page.get_by_text("Race Panel: Waiting for the panel to decide")).to_be_visible()


@page("engagement:request_write", opens_on="engagement:request_write")
def ask_the_panels_then_sent_empty(visitor):
    officer = an_officer(full_name="Olu Officer")
    visitor.sign_in(officer.user)
    visitor.open("/bring-work/requests/")
    visitor.press("Ask the panels for advice")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Save and continue")
    shows_a_problem(visitor)
    for problem in ("Enter the project or policy", "Choose how far along it is", "Choose at least one panel",
                    "Enter at least one question", "Enter when you need the panel's advice by"):  # fmt: skip
        shows_the_error(visitor, problem)


@page("engagement:request", name="a request written by keyboard alone, kept as a draft")
def a_request_written_by_keyboard(visitor):
    officer = an_officer(full_name="Olu Officer")
    visitor.sign_in(officer.user)
    visitor.open("/bring-work/requests/new/")
    keyboard = visitor.page.keyboard
    type_into(visitor, "The project or policy", TITLE)
    keyboard.press("Tab")
    keyboard.type("We are changing bus routes across the region.")
    tick(visitor, "Being designed")
    type_into(visitor, "The decision it feeds", "The transport committee's decision on the new network")
    type_date(visitor, "When is the decision due?", timezone.localdate() + timedelta(days=120))
    tick(visitor, "Race Panel")
    tick(visitor, "Disabled People Panel")
    type_into(visitor, "Why these panels?", "Many members rely on buses.")
    keyboard.press("Tab")
    keyboard.type("Which changes would make journeys harder?\nWhat should stops have?")
    tick(visitor, "A workshop with the panel")
    type_date(visitor, "When do you need the panel's advice by?", timezone.localdate() + timedelta(days=60))
    press_by_keyboard(visitor, "Save and continue")
    expect(visitor.page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(visitor.page.get_by_text("then send it to Disabled People Panel and Race Panel")).to_be_visible()


@page("engagement:request", name="a draft with a document, then sent to the panels")
def a_draft_with_a_document_then_sent(visitor):
    officer, _ = an_officer_at_work(visitor, document=True)
    officer_opens_the_request(visitor, officer)
    expect(visitor.page.get_by_text("Not for sharing until the decision").first).to_be_visible()
    assert_accessible(visitor.page, "as a draft with a document")
    visitor.press("Send it to the panels")
    expect(visitor.page.get_by_text("Your request has gone to the Race Panel.")).to_be_visible()
    expect(visitor.page.get_by_role("heading", name="Where it is")).to_be_visible()


@page("engagement:request_change", opens_on="engagement:request_change")
def change_a_draft_then_with_no_title(visitor):
    officer, _ = an_officer_at_work(visitor)
    officer_opens_the_request(visitor, officer)
    visitor.press("Change the request")
    expect(visitor.page.get_by_label("The project or policy", exact=True)).to_have_value(TITLE)
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_label("The project or policy", exact=True).fill("")
    visitor.press("Save and continue")
    shows_the_error(visitor, "Enter the project or policy")


@page("engagement:request_change", name="a request the panel asked more about, changed to send back")
def change_a_request_the_panel_asked_more_about(visitor):
    officer, request = an_officer_at_work(visitor, submit=True, document=True)
    engagement.engagement_triage(
        actor=visitor.person("coordinator"), engagement=request.engagements.get(),
        decision=EngagementStatus.MORE_ASKED, reason="Which routes change first?",
    )  # fmt: skip
    officer_opens_the_request(visitor, officer)
    expect(visitor.page.get_by_text("Which routes change first?")).to_be_visible()
    expect(visitor.page.get_by_role("button", name="Send it back to the panel")).to_be_visible()
    assert_accessible(visitor.page, "the request, asked more about")
    visitor.press("Change the request")
    expect(visitor.page.get_by_text("you cannot change which panels")).to_be_visible()


@page("engagement:request_document_add", opens_on="engagement:request_document_add")
def add_a_document_of_the_wrong_kind(visitor):
    officer, _ = an_officer_at_work(visitor)
    officer_opens_the_request(visitor, officer)
    visitor.press("Add a document")
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_label("What is the document?").fill("Notes")
    visitor.page.get_by_label("The document", exact=True).set_input_files(
        files=[{"name": "notes.txt", "mimeType": "text/plain", "buffer": b"Some notes."}]
    )
    visitor.press("Add the document")
    shows_the_error(visitor, "The document must be a PDF, Word or OpenDocument file")


@page("engagement:request", name="a PDF added by keyboard, shown with its markings")
def a_pdf_added_by_keyboard(visitor):
    officer, request = an_officer_at_work(visitor)
    visitor.sign_in(officer.user)
    visitor.open(f"/bring-work/requests/{request.pk}/documents/add/")
    visitor.page.get_by_label("The document", exact=True).set_input_files(
        files=[{"name": "assessment.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    type_into(visitor, "What is the document?", "Draft Equality Impact Assessment")
    tick(visitor, "It is an Equality Impact Assessment")
    tick(visitor, "It is an accessible version")
    tick(visitor, "Not for sharing until the decision")
    press_by_keyboard(visitor, "Add the document")
    expect(visitor.page.get_by_text("“Draft Equality Impact Assessment” has been added.")).to_be_visible()
    expect(visitor.page.get_by_role("link", name="Draft Equality Impact Assessment (download")).to_be_visible()
    expect(visitor.page.locator(".govuk-warning-text")).to_be_visible()


# Administrators: approving and refusing officers.


def officers_to_decide(visitor):
    """Wren Waiting, waiting to be approved, and Olu Officer, approved already."""
    an_officer(full_name="Olu Officer")
    return an_officer(full_name="Wren Waiting", status=OfficerStatus.WAITING)


@page("engagement:officers", name="officers from the staff home, one approved")
def officers_one_approved(visitor):
    officers_to_decide(visitor)
    visitor.sign_in(visitor.person("administrator"))
    visitor.open("/staff/")
    visitor.follow("Officers who bring work to the panels")
    expect(visitor.page.get_by_role("table", name="Officers waiting for approval")).to_be_visible()
    assert_accessible(visitor.page, "with one waiting")
    visitor.press("Approve Wren Waiting")
    expect(visitor.page.get_by_text("Wren Waiting can now bring work to the panels.")).to_be_visible()
    expect(visitor.page.get_by_text("Nobody is waiting.")).to_be_visible()


@page("engagement:officer_refuse", opens_on="engagement:officer_refuse")
def refuse_an_officer_then_without_a_reason(visitor):
    officers_to_decide(visitor)
    visitor.sign_in(visitor.person("administrator"))
    visitor.open("/staff/officers/")
    visitor.follow("Refuse Wren Waiting")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Refuse and tell them")
    shows_the_error(visitor, "Say why, so the officer knows")


# The panel's coordinator: deciding about a request.


@page("engagement:panel_requests", name="requests from officers from the panel's page, those waiting first")
def requests_from_officers_from_the_panels_page(visitor):
    officer, _ = an_officer_at_work(visitor, submit=True, document=True)
    later = a_request(officer, [visitor.person("race_panel")], submit=True, title="Library opening hours")
    engagement.engagement_triage(
        actor=visitor.person("coordinator"), engagement=later.engagements.get(),
        decision=EngagementStatus.DECLINED, reason="The panel is full this quarter.",
    )  # fmt: skip
    coordinating(visitor)
    visitor.open("/staff/panels/race/")
    visitor.follow("Requests from officers")
    expect(visitor.page.locator("tbody tr").first).to_contain_text(TITLE)
    expect(visitor.page.locator("tbody tr").last).to_contain_text("Declined")


@page("engagement:engagement")
def a_request_waiting_for_the_panel(visitor):
    an_officer_at_work(visitor, submit=True, document=True)
    coordinating(visitor)
    visitor.open("/staff/panels/race/requests/")
    visitor.follow(TITLE)
    expect(visitor.page.get_by_text("Olu Officer, Policy officer, Transport")).to_be_visible()
    expect(visitor.page.get_by_role("button", name="Decide about this request")).to_be_visible()


@page("engagement:engagement_triage", opens_on="engagement:engagement_triage")
def decide_then_sent_empty_then_declined_without_a_reason(visitor):
    an_officer_at_work(visitor, submit=True)
    coordinating(visitor)
    visitor.open("/staff/panels/race/requests/")
    visitor.follow(TITLE)
    visitor.press("Decide about this request")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Record the decision")
    shows_the_error(visitor, "Choose what the panel decides")
    assert_accessible(visitor.page, "with no decision")
    visitor.page.get_by_label("Decline it").check()
    visitor.press("Record the decision")
    shows_the_error(visitor, "Say why the panel cannot take it on")


@page("engagement:engagement", name="a request sent back, changed, after the panel asked for more")
def a_request_sent_back_after_the_panel_asked_for_more(visitor):
    officer, request = an_officer_at_work(visitor, submit=True)
    asked = engagement.engagement_triage(
        actor=visitor.person("coordinator"), engagement=request.engagements.get(),
        decision=EngagementStatus.MORE_ASKED, reason="Which routes change first?",
    )  # fmt: skip
    engagement.request_change(actor=officer.user, request=request, **request_fields(questions="Which routes first?"))
    engagement.request_submit(actor=officer.user, request=request)
    coordinating(visitor)
    visitor.open(f"/staff/requests/{asked.pk}/")
    decisions = visitor.page.get_by_role("heading", name="Decisions").locator("+ ul").locator("li")
    expect(decisions.first).to_contain_text("The panel asked for more")
    expect(decisions.last).to_have_text(re.compile(r"^Sent back to the panel, changed on .* by Olu Officer$"))
    expect(visitor.page.get_by_role("button", name="Decide about this request")).to_be_visible()


@page("engagement:engagement", name="the panel asks for more, decided by keyboard alone")
def the_panel_asks_for_more_by_keyboard(visitor):
    _, request = an_officer_at_work(visitor, submit=True)
    coordinating(visitor)
    visitor.open(f"/staff/requests/{request.engagements.get().pk}/decide/")
    tick(visitor, "Ask the officer for more")
    type_into(visitor, "What to tell the officer (optional)", "Which routes change first?")
    press_by_keyboard(visitor, "Record the decision")
    expect(visitor.page.get_by_text("Your decision is recorded, and the officer has been told.")).to_be_visible()
    expect(visitor.page.get_by_role("heading", name="Decisions")).to_be_visible()
    expect(visitor.page.get_by_text("by Chris Coordinator: Which routes change first?")).to_be_visible()


# The panel's chair, as a member.


def the_race_panels_chair(visitor):
    chair = a_chair(visitor.person("coordinator"), visitor.person("race_panel"), full_name="Cleo Chair")
    an_officer_at_work(visitor, submit=True, document=True)
    visitor.sign_in(chair)
    visitor.open("/account/")
    visitor.follow("Requests to the Race Panel")


@page("engagement:chair_requests")
def requests_to_the_panel_from_the_chairs_dashboard(visitor):
    the_race_panels_chair(visitor)
    expect(visitor.page.get_by_role("link", name=TITLE)).to_be_visible()


@page("engagement:chair_engagement")
def a_request_as_the_chair_reads_it(visitor):
    the_race_panels_chair(visitor)
    visitor.follow(TITLE)
    expect(visitor.page.locator(".govuk-warning-text")).to_be_visible()
    expect(visitor.page.get_by_role("link", name="Draft Equality Impact Assessment (download")).to_be_visible()


test_every_page_is_accessible = page.test()
