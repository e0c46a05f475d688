"""Bringing work to the panels, in Chromium: an officer of the authority registers, writes a request
by keyboard, adds its documents and sends it; an administrator approves or refuses officers; the
panel's coordinator decides about it and schedules it, records answers that came by letter, writes
the panel's advice and what changed, by keyboard; its chair reads it and approves the advice; its
members answer a written consultation; the officer answers the advice and agrees the words the
public read. How the page scripts work: tests/browser/pages/registry.py."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from engagement import services as engagement
from engagement.models import Engagement, EngagementStatus, OfficerStatus
from tests.browser.conftest import assert_accessible
from tests.browser.pages.registry import Pages
from tests.browser.pages.steps import (
    choose,
    coordinating,
    press_by_keyboard,
    shows_a_problem,
    shows_the_error,
    tick,
    tick_in,
    type_date,
    type_into,
)
from tests.engagement.factories import PDF, a_chair, a_request, an_engagement, an_officer, request_fields
from tests.factories import UserFactory, a_membership
from tests.meetings.factories import a_meeting

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
    expect(visitor.page.get_by_text("then send it to the Disabled People Panel and the Race Panel")).to_be_visible()


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
    type_into(visitor, "What to tell the officer", "Which routes change first?")
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


# The panel's coordinator: scheduling, the members' answers, the advice and what changed.

QUESTION_1 = "Which changes would make journeys harder?"  # the questions of a_request's requests
QUESTION_2 = "What should stops have?"


def olus_request_at(visitor, to: str, **people):
    """Olu Officer's request to the Race Panel, taken as far as `to` (see an_engagement)."""
    officer = an_officer(full_name="Olu Officer")
    return an_engagement(visitor.person("coordinator"), visitor.person("race_panel"), to=to, officer=officer,
                         **people)  # fmt: skip


def closed(written):
    """The written consultation closed yesterday: the advice can go to the chair."""
    Engagement.objects.filter(pk=written.pk).update(closes_on=timezone.localdate() - timedelta(days=1))
    written.refresh_from_db()
    return written


def cleo_chairs_the_race_panel(visitor):
    return a_chair(visitor.person("coordinator"), visitor.person("race_panel"), full_name="Cleo Chair")


def a_meeting_to_come(visitor):
    return a_meeting(visitor.person("coordinator"), visitor.person("race_panel"), title="Race Panel: buses")


def coordinator_opens(visitor, engagement_) -> None:
    coordinating(visitor)
    visitor.open("/staff/panels/race/requests/")
    visitor.follow(TITLE)
    assert visitor.path == f"/staff/requests/{engagement_.pk}/"


@page("engagement:engagement_schedule", opens_on="engagement:engagement_schedule")
def schedule_then_sent_empty_then_at_a_meeting_not_chosen(visitor):
    accepted = olus_request_at(visitor, "accepted")
    a_meeting_to_come(visitor)
    coordinator_opens(visitor, accepted)
    expect(visitor.page.get_by_role("button", name="Schedule it")).to_be_visible()
    assert_accessible(visitor.page, "the request, accepted")
    visitor.press("Schedule it")
    expect(visitor.page.get_by_role("heading", name=f"Schedule “{TITLE}”")).to_be_visible()
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Schedule it")
    shows_the_error(visitor, "Choose how the panel will give its advice")
    assert_accessible(visitor.page, "with no choice")
    visitor.page.get_by_label("An item at a panel meeting", exact=True).check()
    visitor.press("Schedule it")
    shows_the_error(visitor, "Choose the meeting")


@page("engagement:engagement", name="scheduled by keyboard as an item at a meeting")
def scheduled_by_keyboard_at_a_meeting(visitor):
    accepted = olus_request_at(visitor, "accepted")
    meeting = a_meeting_to_come(visitor)
    coordinating(visitor)
    visitor.open(f"/staff/requests/{accepted.pk}/schedule/")
    tick(visitor, "An item at a panel meeting")
    choose(visitor, "At which meeting?", "Race Panel: buses")
    press_by_keyboard(visitor, "Schedule it")
    expect(visitor.page.get_by_text("The request is scheduled. The officer has been told")).to_be_visible()
    expect(visitor.page.get_by_text("As item 1 at Race Panel: buses")).to_be_visible()
    assert meeting.agenda.get().title == TITLE


@page("engagement:engagement", name="scheduled by keyboard as a written consultation")
def scheduled_by_keyboard_in_writing(visitor):
    accepted = olus_request_at(visitor, "accepted")
    coordinating(visitor)
    visitor.open(f"/staff/requests/{accepted.pk}/schedule/")
    tick(visitor, "A written consultation")
    type_date(visitor, "Members answer by", timezone.localdate() + timedelta(days=21))
    press_by_keyboard(visitor, "Schedule it")
    expect(visitor.page.get_by_text("In writing: members answer the questions by")).to_be_visible()
    expect(visitor.page.get_by_role("button", name="Record answers from a letter or call")).to_be_visible()


@page("engagement:consultation_record", opens_on="engagement:consultation_record")
def record_answers_then_sent_empty(visitor):
    written = olus_request_at(visitor, "written", answers_from=[visitor.person("member")])
    coordinator_opens(visitor, written)
    expect(visitor.page.get_by_text("Morgan Member: Night buses matter.")).to_be_visible()
    assert_accessible(visitor.page, "the request, with an answer given online")
    visitor.press("Record answers from a letter or call")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Record the answers")
    shows_the_error(visitor, "Choose whose answers they are")
    shows_the_error(visitor, "Choose how the answers reached you")


@page("engagement:engagement", name="answers from a letter recorded by keyboard, shown as on paper")
def answers_from_a_letter_recorded_by_keyboard(visitor):
    a_membership(visitor.person("coordinator"), visitor.person("race_panel"), full_name="Lou Letter")
    written = olus_request_at(visitor, "written", answers_from=[visitor.person("member")])
    coordinating(visitor)
    visitor.open(f"/staff/requests/{written.pk}/answers/record/")
    choose(visitor, "Whose answers?", "Lou Letter")
    tick(visitor, "By letter")
    type_into(visitor, f"Question 2: {QUESTION_2} (optional)", "Seats, and the times read aloud.")
    press_by_keyboard(visitor, "Record the answers")
    expect(visitor.page.get_by_text("Lou Letter's answers have been recorded.")).to_be_visible()
    expect(visitor.page.get_by_text("Lou Letter (on paper): Seats, and the times read aloud.")).to_be_visible()


@page("engagement:advice_write", opens_on="engagement:advice_write")
def write_the_advice_then_ask_the_chair_with_none_written(visitor):
    written = olus_request_at(visitor, "written", answers_from=[visitor.person("member")])
    coordinator_opens(visitor, written)
    visitor.press("Write the panel's advice")
    visitor.page.get_by_text("The members' answers", exact=True).click()
    expect(visitor.page.get_by_text("Night buses matter.")).to_be_visible()
    assert_accessible(visitor.page, "as it opens, the members' answers shown")
    visitor.press("Save and ask the chair to approve")
    shows_the_error(visitor, "Write the panel's advice on question 1")
    shows_the_error(visitor, "Write the panel's advice on question 2")


@page("engagement:engagement", name="the advice written by keyboard, and the chair asked to approve it")
def the_advice_written_by_keyboard(visitor):
    cleo_chairs_the_race_panel(visitor)
    written = closed(olus_request_at(visitor, "written"))
    coordinating(visitor)
    visitor.open(f"/staff/requests/{written.pk}/advice/")
    type_into(visitor, f"The panel's advice on question 1: {QUESTION_1} (optional)", "Keep the night buses.")
    type_into(visitor, f"The panel's advice on question 2: {QUESTION_2} (optional)", "A shelter and a seat.")
    press_by_keyboard(visitor, "Save and ask the chair to approve")
    expect(visitor.page.get_by_text("The panel's chair has been asked to approve the advice.")).to_be_visible()
    expect(visitor.page.get_by_text("The panel's chair approves it before it goes to the officer.")).to_be_visible()


@page("engagement:chair_engagement", name="advice for the chair to approve, then approved")
def advice_for_the_chair_to_approve(visitor):
    chair = cleo_chairs_the_race_panel(visitor)
    written = closed(olus_request_at(visitor, "written"))
    engagement.advice_draft(actor=visitor.person("coordinator"), engagement=written, ask_chair=True,
                            advice={1: "Keep the night buses.", 2: "A shelter and a seat."})  # fmt: skip
    visitor.sign_in(chair)
    visitor.open("/your-panels/race/requests/")
    visitor.follow(TITLE)
    expect(visitor.page.get_by_text("Keep the night buses.")).to_be_visible()
    assert_accessible(visitor.page, "the advice to approve")
    press_by_keyboard(visitor, "Approve the advice and send it")
    expect(visitor.page.get_by_text("You approved the advice. It has gone to the officer.")).to_be_visible()


@page("engagement:respond", opens_on="engagement:respond")
def answer_the_advice_then_sent_empty(visitor):
    advised = olus_request_at(visitor, "advised", chair=cleo_chairs_the_race_panel(visitor))
    officer_opens_the_request(visitor, advised.request.officer.officer)
    expect(visitor.page.get_by_text("Advice on question 1.")).to_be_visible()
    assert_accessible(visitor.page, "the request, advised")
    visitor.press("Answer the Race Panel's advice")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Send your answer")
    for number in (1, 2):
        shows_the_error(visitor, f"Say whether you accepted advice {number}")
        shows_the_error(visitor, f"Say what you did about advice {number}, and why")


@page("engagement:request", name="the advice answered point by point by keyboard")
def the_advice_answered_by_keyboard(visitor):
    advised = olus_request_at(visitor, "advised", chair=cleo_chairs_the_race_panel(visitor))
    visitor.sign_in(advised.request.officer)
    visitor.open(f"/bring-work/advice/{advised.pk}/answer/")
    tick_in(visitor, "Advice 1: did you accept it?", "Accepted")
    type_into(visitor, "Advice 1: what did you do, and why?", "The night buses stay.")
    tick_in(visitor, "Advice 2: did you accept it?", "Partly accepted")
    type_into(visitor, "Advice 2: what did you do, and why?", "Shelters at the busiest stops first.")
    press_by_keyboard(visitor, "Send your answer")
    expect(visitor.page.get_by_text("Thank you. The panel's members have been told")).to_be_visible()
    expect(visitor.page.get_by_text("You: partly accepted.")).to_be_visible()


@page("engagement:publication_write", opens_on="engagement:publication_write")
def write_what_changed_then_sent_empty(visitor):
    answered = olus_request_at(visitor, "answered", chair=cleo_chairs_the_race_panel(visitor))
    coordinator_opens(visitor, answered)
    expect(visitor.page.get_by_text("The officer: accepted.").first).to_be_visible()
    assert_accessible(visitor.page, "the request, answered")
    visitor.press("Write what changed, for the public")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Save and ask them to agree")
    shows_the_error(visitor, "Say what changed because of the panel's advice")


@page("engagement:engagement", name="what changed written by keyboard, for the chair and officer to agree")
def what_changed_written_by_keyboard(visitor):
    answered = olus_request_at(visitor, "answered", chair=cleo_chairs_the_race_panel(visitor))
    coordinating(visitor)
    visitor.open(f"/staff/requests/{answered.pk}/what-changed/")
    type_into(visitor, "What changed because of the panel's advice", "Every new stop has a shelter.")
    press_by_keyboard(visitor, "Save and ask them to agree")
    expect(visitor.page.get_by_text("The chair and the officer have been asked to agree the words.")).to_be_visible()
    expect(visitor.page.get_by_text("waiting for the chair to agree, waiting for the officer to agree")).to_be_visible()


@page("engagement:request", name="the words for the public page agreed by the officer")
def the_words_agreed_by_the_officer(visitor):
    answered = olus_request_at(visitor, "answered", chair=cleo_chairs_the_race_panel(visitor))
    engagement.publication_draft(actor=visitor.person("coordinator"), engagement=answered,
                                 summary="Every new stop has a shelter.")  # fmt: skip
    officer_opens_the_request(visitor, answered.request.officer.officer)
    expect(visitor.page.get_by_text("Every new stop has a shelter.")).to_be_visible()
    assert_accessible(visitor.page, "the words to agree")
    press_by_keyboard(visitor, "Agree the words for the Race Panel")
    expect(visitor.page.get_by_text("You agreed the words for “You said, we did”.")).to_be_visible()
    expect(visitor.page.get_by_text("It is published once the panel's chair agrees too.")).to_be_visible()


@page("engagement:panel_stats")
def requests_by_year_from_the_panels_requests(visitor):
    olus_request_at(visitor, "published", chair=cleo_chairs_the_race_panel(visitor))
    coordinating(visitor)
    visitor.open("/staff/panels/race/requests/")
    visitor.follow("Requests by year")
    table = visitor.page.get_by_role("table", name="Requests to the Race Panel by year")
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table.locator("tbody tr td").nth(5)).to_have_text("100%")  # both points accepted
    expect(visitor.page.get_by_role("link", name="Download these figures (CSV)")).to_be_visible()


# Members: the advice their panel is giving, and their answers to a written consultation.


def morgan_reads_the_panels_work(visitor, to: str = "written", **people):
    """Morgan Member (of the Race Panel) opens the advice the panel is giving, from the dashboard."""
    at = olus_request_at(visitor, to, **people)
    visitor.sign_in(visitor.person("member"))
    visitor.open("/account/")
    visitor.follow("Advice the Race Panel is giving")
    return at


@page("engagement:member_work")
def advice_the_panel_is_giving_from_the_dashboard(visitor):
    morgan_reads_the_panels_work(visitor)
    expect(visitor.page.get_by_role("link", name=TITLE)).to_be_visible()
    expect(visitor.page.get_by_text("Your answers, please, by")).to_be_visible()


@page("engagement:member_engagement", name="a written consultation, open for the member's answers")
def a_written_consultation_for_the_member(visitor):
    morgan_reads_the_panels_work(visitor)
    visitor.follow(TITLE)
    expect(visitor.page.get_by_role("button", name="Answer the questions")).to_be_visible()
    expect(visitor.page.locator(".govuk-warning-text")).to_be_visible()
    expect(visitor.page.get_by_role("link", name="Draft Equality Impact Assessment (download")).to_be_visible()


@page("engagement:member_engagement", name="the panel's advice and what the officer did, for the member")
def the_panels_advice_and_the_answer_for_the_member(visitor):
    morgan_reads_the_panels_work(visitor, "published", chair=cleo_chairs_the_race_panel(visitor))
    visitor.follow(TITLE)
    expect(visitor.page.get_by_text("The officer: accepted.").first).to_be_visible()
    expect(visitor.page.get_by_text("Every new stop has a shelter.")).to_be_visible()


@page("engagement:member_answer", opens_on="engagement:member_answer")
def answer_the_questions_then_sent_empty(visitor):
    morgan_reads_the_panels_work(visitor)
    visitor.follow(TITLE)
    visitor.press("Answer the questions")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Send your answers")
    shows_the_error(visitor, "Answer at least one question")


@page("engagement:member_engagement", name="the member's answers sent by keyboard")
def the_members_answers_sent_by_keyboard(visitor):
    written = olus_request_at(visitor, "written")
    visitor.sign_in(visitor.person("member"))
    visitor.open(f"/your-panels/work/{written.pk}/answer/")
    type_into(visitor, f"Question 1: {QUESTION_1} (optional)", "Cutting the night buses.")
    type_into(visitor, f"Question 2: {QUESTION_2} (optional)", "A seat and a shelter.")
    press_by_keyboard(visitor, "Send your answers")
    expect(visitor.page.get_by_text("Thank you. Your answers have been sent to the coordinator.")).to_be_visible()
    expect(visitor.page.get_by_text("You have answered 2 of 2.")).to_be_visible()
    expect(visitor.page.get_by_role("button", name="Change your answers")).to_be_visible()


# The public: what changed, and the register of Equality Impact Assessments.


@page("engagement:you_said_we_did")
def you_said_we_did_from_the_panels_page_signed_out(visitor):
    olus_request_at(visitor, "published", chair=cleo_chairs_the_race_panel(visitor))
    visitor.open("/panels/race/")
    visitor.follow("You said, we did: what the authority changed because of the Race Panel's advice")
    expect(visitor.page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(visitor.page.get_by_text("Advice on question 1.")).to_be_visible()
    expect(visitor.page.get_by_text("Every new stop has a shelter.")).to_be_visible()


@page("engagement:you_said_we_did", name="you said, we did with nothing published yet")
def you_said_we_did_with_nothing_yet(visitor):
    visitor.open("/panels/race/you-said-we-did/")
    expect(visitor.page.get_by_text("Nothing has been published yet.")).to_be_visible()


@page("engagement:assessments")
def the_register_of_assessments_from_you_said_we_did(visitor):
    olus_request_at(visitor, "published", chair=cleo_chairs_the_race_panel(visitor))
    visitor.open("/panels/race/you-said-we-did/")
    visitor.follow("Equality Impact Assessments the panels were consulted on")
    register = visitor.page.get_by_role("table", name="The register")
    expect(register.get_by_role("cell", name="Draft Equality Impact Assessment (not public")).to_be_visible()
    expect(register.get_by_role("link", name="Race Panel")).to_be_visible()


test_every_page_is_accessible = page.test()
