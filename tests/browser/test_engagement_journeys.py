"""An officer's request to a panel, from the way in to what the public read, in Chromium, as the
people do it: the officer, an administrator, the panel's coordinator, its chair and its members,
each in a browser of their own (their own cookies, so each is signed in as themselves at once)."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from engagement.models import Engagement, EngagementStatus, Officer, OfficerStatus, Outcome
from tests.browser.conftest import ACCOUNT_LINK, assert_accessible
from tests.browser.pages.steps import fill_date
from tests.engagement.factories import PDF, a_chair, an_engagement, an_officer
from tests.factories import PASSWORD, a_membership
from tests.meetings.factories import a_meeting, in_the_past
from tests.sign_in import authenticator_code

pytestmark = pytest.mark.browser

OFFICER_EMAIL = "olu.officer@example.gov.uk"
TITLE = "Bus network redesign"
QUESTIONS = ["Which changes would make journeys harder?", "What should stops have?"]
ADVICE = ["Keep the night buses: members work late shifts.", "A shelter, a seat and the times read aloud."]
DONE = ["The night buses stay on every route.", "Shelters and seats at the busiest stops first."]
WHAT_CHANGED = "The night buses stay, and the busiest stops get shelters and seats first."


def account_link_sent_to(address: str) -> str:
    """The path of the link in the last email allauth sent to `address`."""
    sent = [message for message in mail.outbox if address in message.to and ACCOUNT_LINK.search(message.body)]
    assert sent, f"no email with a link reached {address}"
    return ACCOUNT_LINK.search(sent[-1].body).group(1)


def officer_signs_up_from_the_footer(visitor) -> None:
    """Signed out, from the footer to the officers' registration page, creating an account with a
    work address and confirming it from the email."""
    page = visitor.page
    visitor.open("/")
    visitor.follow("For the authority's staff: bring your work to the panels")
    assert visitor.route == "engagement:officer_start"
    assert_accessible(page, "the way in for officers, signed out")
    visitor.press("Start now")
    assert visitor.route == "account_login"
    visitor.follow("create an account")
    assert visitor.route == "account_signup"
    page.get_by_label("Email address").fill(OFFICER_EMAIL)
    page.get_by_label("Create a password").fill(PASSWORD)
    page.get_by_label("Type the password again").fill(PASSWORD)
    visitor.press("Create account")
    assert visitor.route == "account_email_verification_sent"
    visitor.open(account_link_sent_to(OFFICER_EMAIL))  # from their mail program
    visitor.press("Confirm my email address")
    assert visitor.route == "engagement:officer_register"  # where they were going
    expect(page.get_by_text(f"You are signed in as {OFFICER_EMAIL}.")).to_be_visible()


def officer_sets_up_two_step_verification(visitor) -> None:
    """Approved, the officer's pages first ask for two-step verification: they set up an
    authenticator app, confirming their password, and are let through."""
    page = visitor.page
    visitor.open("/account/")
    visitor.follow("Your requests to the panels")
    assert visitor.route == "mfa_index"
    expect(page.get_by_text("Set up two-step verification before you use these pages.")).to_be_visible()
    assert_accessible(page, "asked to set up two-step verification")
    visitor.follow("Set up an authenticator app")
    # Changing security settings asks for the password: they signed in from the email's link.
    assert visitor.route == "account_reauthenticate"
    assert_accessible(page, "confirm your password")
    page.get_by_label("Password").fill(PASSWORD)
    visitor.press("Continue")
    assert visitor.route == "mfa_activate_totp"
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Code from the app").fill(authenticator_code(secret))
    visitor.press("Turn on two-step verification")
    assert visitor.route == "mfa_view_recovery_codes"
    visitor.open("/account/")
    visitor.follow("Your requests to the panels")
    assert (visitor.route, visitor.status) == ("engagement:officer_home", 200)


def officer_writes_a_request_with_a_document_and_sends_it(visitor) -> None:
    page = visitor.page
    visitor.press("Ask the panels for advice")
    assert visitor.route == "engagement:request_write"
    page.get_by_label("The project or policy", exact=True).fill(TITLE)
    page.get_by_label("What it is and who it affects").fill("We are changing bus routes across the region.")
    page.get_by_label("Being designed", exact=True).check()
    page.get_by_label("The decision it feeds").fill("The transport committee's decision on the new network")
    page.get_by_label("Race Panel", exact=True).check()
    page.get_by_label("Why these panels?").fill("Many people the panel speaks for rely on buses.")
    page.get_by_label("Your questions for the panel").fill("\n".join(QUESTIONS))
    page.get_by_label("An item at a panel meeting", exact=True).check()
    fill_date(page, "When do you need the panel's advice by?", timezone.localdate() + timedelta(days=60))
    assert_accessible(page, "a request written")
    visitor.press("Save and continue")
    assert visitor.route == "engagement:request"
    expect(page.get_by_text("then send it to the Race Panel.")).to_be_visible()

    visitor.press("Add a document")
    assert visitor.route == "engagement:request_document_add"
    page.get_by_label("What is the document?").fill("Draft Equality Impact Assessment")
    page.get_by_label("The document", exact=True).set_input_files(
        files=[{"name": "assessment.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_label("It is an Equality Impact Assessment").check()
    page.get_by_label("It is an accessible version").check()
    visitor.press("Add the document")
    assert visitor.route == "engagement:request"
    expect(page.get_by_text("“Draft Equality Impact Assessment” has been added.")).to_be_visible()
    expect(page.locator(".govuk-tag", has_text="Accessible version")).to_be_visible()
    assert_accessible(page, "a draft with its document")
    visitor.press("Send it to the panels")
    expect(page.get_by_text("Your request has gone to the Race Panel.")).to_be_visible()
    expect(page.get_by_role("definition").filter(has_text="Waiting for the panel to decide")).to_be_visible()


def test_an_officer_brings_a_request_and_the_public_reads_what_changed(
    visitor, browser_of_their_own, administrator, coordinator, race_panel
):
    chair = a_chair(coordinator, race_panel, full_name="Cleo Chair")
    meeting = a_meeting(coordinator, race_panel, title="Race Panel: buses")
    page = visitor.page  # the officer's browser

    # The officer finds the way in, signed out, creates an account with their work address, and
    # registers.
    officer_signs_up_from_the_footer(visitor)
    assert_accessible(page, "registering")
    page.get_by_label("Your full name").fill("Olu Officer")
    page.get_by_label("Your team or directorate").fill("Transport")
    page.get_by_label("Your job title").fill("Policy officer")
    visitor.press("Register")
    expect(page.get_by_role("heading", name="We are checking your registration")).to_be_visible()
    assert Officer.objects.get(user__email=OFFICER_EMAIL).status == OfficerStatus.WAITING

    # An administrator approves them, from Staff, then Officers.
    admin = browser_of_their_own(administrator)
    admin.open("/staff/")
    admin.follow("Officers who bring work to the panels")
    assert admin.route == "engagement:officers"
    expect(admin.page.get_by_role("table", name="Officers waiting for approval")).to_contain_text("Policy officer")
    admin.press("Approve Olu Officer")
    expect(admin.page.get_by_text("Olu Officer can now bring work to the panels.")).to_be_visible()
    assert_accessible(admin.page, "the officer approved")

    # The officer, with two-step verification, writes the request, adds its document and sends it.
    officer_sets_up_two_step_verification(visitor)
    assert_accessible(page, "the officer's requests, none yet")
    officer_writes_a_request_with_a_document_and_sends_it(visitor)
    request_page = visitor.path
    engagement = Engagement.objects.get(request__title=TITLE, panel=race_panel)

    # The Race Panel's coordinator accepts it and schedules it as an item at the panel's meeting.
    staff = browser_of_their_own(coordinator)
    staff.open("/staff/")
    staff.follow("Race Panel")
    staff.follow("Requests from officers")
    staff.follow(TITLE)
    assert staff.route == "engagement:engagement"
    expect(staff.page.get_by_text("Olu Officer, Policy officer, Transport")).to_be_visible()
    staff.press("Decide about this request")
    staff.page.get_by_label("Accept it", exact=True).check()
    staff.press("Record the decision")
    expect(staff.page.get_by_text("Your decision is recorded, and the officer has been told.")).to_be_visible()
    staff.press("Schedule it")
    assert staff.route == "engagement:engagement_schedule"
    staff.page.get_by_label("An item at a panel meeting", exact=True).check()
    meeting_day = timezone.localtime(meeting.starts_at)
    staff.page.get_by_label("At which meeting?").select_option(label=f"Race Panel: buses, {meeting_day:%-d %B %Y}")
    assert_accessible(staff.page, "scheduling at the meeting")
    staff.press("Schedule it")
    expect(staff.page.get_by_text("As item 1 at Race Panel: buses")).to_be_visible()
    assert list(meeting.agenda.values_list("title", flat=True)) == [TITLE]
    assert list(meeting.papers.values_list("title", flat=True)) == [f"{TITLE}: Draft Equality Impact Assessment"]

    # After the meeting, the coordinator writes the panel's advice and asks the chair to approve it.
    in_the_past(meeting)
    staff.press("Write the panel's advice")
    assert staff.route == "engagement:advice_write"
    for number, (question, advice) in enumerate(zip(QUESTIONS, ADVICE, strict=True), start=1):
        staff.page.get_by_label(f"The panel's advice on question {number}: {question}").fill(advice)
    staff.press("Save and ask the chair to approve")
    expect(staff.page.get_by_text("The panel's chair has been asked to approve the advice.")).to_be_visible()
    assert_accessible(staff.page, "the advice with the chair")

    # The chair approves it on their own page, and it goes to the officer.
    chairing = browser_of_their_own(chair)
    chairing.open("/account/")
    chairing.follow("Requests to the Race Panel")
    chairing.follow(TITLE)
    assert chairing.route == "engagement:chair_engagement"
    expect(chairing.page.get_by_text(ADVICE[0])).to_be_visible()
    assert_accessible(chairing.page, "the advice to approve")
    chairing.press("Approve the advice and send it")
    expect(chairing.page.get_by_text("You approved the advice. It has gone to the officer.")).to_be_visible()

    # The officer answers each point of the advice.
    visitor.open(request_page)
    expect(page.get_by_role("heading", name="The Race Panel's advice")).to_be_visible()
    assert_accessible(page, "the advice arrived")
    visitor.press("Answer the Race Panel's advice")
    assert visitor.route == "engagement:respond"
    for number, (outcome, done) in enumerate(zip(("Accepted", "Partly accepted"), DONE, strict=True), start=1):
        page.get_by_role("group", name=f"Advice {number}: did you accept it?").get_by_label(outcome, exact=True).check()
        page.get_by_label(f"Advice {number}: what did you do, and why?").fill(done)
    assert_accessible(page, "the advice answered")
    visitor.press("Send your answer")
    assert visitor.path == request_page
    expect(page.get_by_text("Thank you. The panel's members have been told")).to_be_visible()
    expect(page.get_by_text(f"You: partly accepted. {DONE[1]}")).to_be_visible()

    # The coordinator writes what changed, for the public.
    staff.page.reload()
    expect(staff.page.get_by_text(f"The officer: accepted. {DONE[0]}")).to_be_visible()
    staff.press("Write what changed, for the public")
    assert staff.route == "engagement:publication_write"
    staff.page.get_by_label("What changed because of the panel's advice").fill(WHAT_CHANGED)
    assert_accessible(staff.page, "what changed")
    staff.press("Save and ask them to agree")
    expect(staff.page.get_by_text("The chair and the officer have been asked to agree the words.")).to_be_visible()

    # The officer agrees the words, and then the chair: they are published.
    visitor.open(request_page)
    expect(page.get_by_text(WHAT_CHANGED)).to_be_visible()
    visitor.press("Agree the words for the Race Panel")
    expect(page.get_by_text("It is published once the panel's chair agrees too.")).to_be_visible()
    chairing.page.reload()
    expect(chairing.page.get_by_text(WHAT_CHANGED)).to_be_visible()
    chairing.press("Agree the words for “You said, we did”")
    expect(chairing.page.get_by_text("You agreed the words for “You said, we did”.")).to_be_visible()
    expect(chairing.page.get_by_text(re.compile(r"^Published on "))).to_be_visible()
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.ANSWERED and engagement.published_at is not None
    assert list(engagement.advice.values_list("outcome", flat=True)) == [Outcome.ACCEPTED, Outcome.PARTLY]

    # Anyone, signed out, reads it on the panel's "You said, we did" page.
    public = browser_of_their_own(None)
    public.open("/panels/race/")
    public.follow("You said, we did: what the authority changed because of the Race Panel's advice")
    assert (public.route, public.status) == ("engagement:you_said_we_did", 200)
    expect(public.page.get_by_role("heading", name=TITLE)).to_be_visible()
    for advice in ADVICE:
        expect(public.page.get_by_role("listitem").filter(has_text=advice)).to_be_visible()
    expect(public.page.get_by_text(WHAT_CHANGED)).to_be_visible()
    expect(public.page.get_by_text(OFFICER_EMAIL)).to_have_count(0)
    assert_accessible(public.page, "published")


def members_answer_online(visitor, answers: list[str]) -> None:
    """A member of the Race Panel answers the written consultation from their dashboard."""
    page = visitor.page
    visitor.open("/account/")
    visitor.follow("Advice the Race Panel is giving")
    expect(page.get_by_text("Your answers, please, by")).to_be_visible()
    visitor.follow(TITLE)
    assert visitor.route == "engagement:member_engagement"
    visitor.press("Answer the questions")
    assert visitor.route == "engagement:member_answer"
    for number, (question, answer) in enumerate(zip(QUESTIONS, answers, strict=True), start=1):
        page.get_by_label(f"Question {number}: {question}").fill(answer)
    visitor.press("Send your answers")
    assert visitor.route == "engagement:member_engagement"
    expect(page.get_by_text("Thank you. Your answers have been sent to the coordinator.")).to_be_visible()
    expect(page.get_by_text(f"You have answered {len(answers)} of {len(QUESTIONS)}.")).to_be_visible()


def test_a_written_consultation_answered_online_and_by_letter(
    visitor, browser_of_their_own, coordinator, member, race_panel
):
    second = a_membership(coordinator, race_panel, full_name="Sam Second").person
    a_membership(coordinator, race_panel, full_name="Lou Letter")
    accepted = an_engagement(coordinator, race_panel, to="accepted", officer=an_officer(full_name="Olu Officer"))
    page = visitor.page  # the coordinator's browser
    visitor.sign_in(coordinator)

    # The coordinator schedules it in writing, on the staff page.
    visitor.open("/staff/panels/race/requests/")
    visitor.follow(TITLE)
    visitor.press("Schedule it")
    page.get_by_label("A written consultation", exact=True).check()
    closes_on = timezone.localdate() + timedelta(days=14)
    fill_date(page, "Members answer by", closes_on)
    visitor.press("Schedule it")
    assert (visitor.route, visitor.path) == ("engagement:engagement", f"/staff/requests/{accepted.pk}/")
    expect(
        page.get_by_text(f"In writing: members answer the questions by {closes_on.day} {closes_on:%B %Y}.")
    ).to_be_visible()
    expect(page.get_by_text("No answers yet.")).to_have_count(2)
    assert_accessible(page, "a written consultation, no answers yet")

    # Two members answer online, from their own pages.
    morgan = browser_of_their_own(member)
    members_answer_online(morgan, ["Cutting the night buses.", "A seat and a shelter."])
    assert_accessible(morgan.page, "the member's answers sent")
    members_answer_online(browser_of_their_own(second), ["Routes that skip the hospital.", "Step-free kerbs."])

    # A third answered by letter; the coordinator records it.
    page.reload()
    visitor.press("Record answers from a letter or call")
    assert visitor.route == "engagement:consultation_record"
    page.get_by_label("Whose answers?").select_option(label="Lou Letter")
    page.get_by_label("By letter", exact=True).check()
    page.get_by_label(f"Question 2: {QUESTIONS[1]}").fill("Times read aloud at every stop.")
    assert_accessible(page, "answers from a letter")
    visitor.press("Record the answers")
    expect(page.get_by_text("Lou Letter's answers have been recorded.")).to_be_visible()

    # The request lists every member's answers, the letter's marked as on paper.
    answers = page.locator("h3", has_text=QUESTIONS[0]).locator("+ ul").locator("li")
    expect(answers).to_have_text(
        ["Morgan Member: Cutting the night buses.", "Sam Second: Routes that skip the hospital."]
    )
    answers = page.locator("h3", has_text=QUESTIONS[1]).locator("+ ul").locator("li")
    expect(answers).to_have_text(
        ["Lou Letter (on paper): Times read aloud at every stop.", "Morgan Member: A seat and a shelter.",
         "Sam Second: Step-free kerbs."]
    )  # fmt: skip
    assert_accessible(page, "every member's answers")
