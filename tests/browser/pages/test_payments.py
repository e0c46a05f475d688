"""Paying people for taking part, in Chromium: a member reads about benefits and chooses how they
are paid, finds the claims made for their time, claims expenses by keyboard with a receipt, answers
a question and reads their statement; an administrator sets a rate; the panel's coordinator decides
on claims, adds one for training, and writes a claim or records a choice for someone who sent it by
post or phoned; finance exports approved claims and marks them paid. How the page scripts work:
tests/browser/pages/registry.py."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from payments import services
from payments.models import Claim, ClaimKind, LineKind, PaymentChoice
from payments.money import tax_year_name, tax_year_of
from tests.browser.conftest import assert_accessible
from tests.browser.pages.registry import Pages
from tests.browser.pages.steps import (
    choose,
    coordinating,
    press_by_keyboard,
    shows_the_error,
    tick,
    tick_in,
    type_date,
    type_into,
)
from tests.payments.factories import PNG, a_choice, a_finance_person, a_receipt, attended, rates

pytestmark = pytest.mark.browser

page = Pages()

RECEIPT = {"name": "ticket.png", "mimeType": "image/png", "buffer": PNG}


# What happened before the person came to the page.


def morgan_chose_to_be_paid(visitor, choice: str = "take"):
    """The rates in force (tests/payments/factories.py), and Morgan Member's `choice` about being
    paid for their time on the Race Panel: Morgan."""
    rates()
    member = visitor.person("member")
    a_choice(member, visitor.person("race_panel"), choice)
    return member


def a_meeting_morgan_came_to(visitor) -> Claim:
    """The claim for Morgan's time at a two-hour meeting of the Race Panel (£50, and £10 for
    preparing), made by the sweep that makes claims for time, waiting for approval."""
    member = visitor.person("member")
    attended(visitor.person("coordinator"), visitor.person("race_panel"), member)
    services.involvement_claims_make()
    return Claim.objects.filter(person=member, kind=ClaimKind.INVOLVEMENT).latest("id")


def paid_today(visitor, claim: Claim) -> Claim:
    """The coordinator approves the claim; Fran in finance exports it and marks it paid today."""
    services.claim_decide(actor=visitor.person("coordinator"), claim=claim, approve=True)
    finance = a_finance_person(full_name="Fran Finance")
    batch = services.claims_export(actor=finance)
    services.batch_mark_paid(actor=finance, batch=batch, paid_on=timezone.localdate())
    claim.refresh_from_db()
    return claim


def morgans_expenses(visitor, *, about: str = "Travel to the Race Panel meeting", fares: bool = True,
                     sent: bool = False, question: str = "", refused_because: str = "") -> Claim:  # fmt: skip
    """Morgan's expense claim for today: £4.20 of fares with a photo of the ticket (unless not
    `fares`), sent for approval when `sent`, and asked `question` or not approved (saying why) by
    the coordinator."""
    member = visitor.person("member")
    claim = services.expense_claim_start(actor=member, panel=visitor.person("race_panel"), about=about,
                                         happened_on=timezone.localdate())  # fmt: skip
    if fares:
        services.claim_line_add(actor=member, claim=claim, kind=LineKind.FARES, amount_pence=420,
                                receipt=a_receipt())  # fmt: skip
    if sent or question or refused_because:
        services.claim_submit(actor=member, claim=claim)
    if question or refused_because:
        services.claim_decide(actor=visitor.person("coordinator"), claim=claim, query=question or refused_because,
                              reject=bool(refused_because))  # fmt: skip
    return claim


def a_taxi_with_its_receipt_in_the_post(visitor) -> Claim:
    """Morgan's claim for a taxi, sent, its receipt coming by post."""
    member = visitor.person("member")
    claim = morgans_expenses(visitor, about="The Race Panel meeting", fares=False)
    services.claim_line_add(actor=member, claim=claim, kind=LineKind.TAXI, amount_pence=1250,
                            reason="There is no step-free bus", receipt_by_post=True)  # fmt: skip
    return services.claim_submit(actor=member, claim=claim)


def morgan_opens_their_payments(visitor) -> None:
    visitor.sign_in(visitor.person("member"))
    visitor.open("/account/")
    visitor.follow("Your payments and expenses")


# Members: how they are paid for their time.


@page("payments:choice", opens_on="payments:choice")
def how_you_are_paid_from_your_payments_then_sent_without_reading_about_benefits(visitor):
    rates()
    morgan_opens_their_payments(visitor)
    expect(visitor.page.get_by_text("£25.00 an hour")).to_be_visible()
    expect(visitor.page.get_by_text("You have no claims yet.")).to_be_visible()
    assert_accessible(visitor.page, "your payments, nothing chosen and no claims")
    visitor.follow("Choose how you are paid for the Race Panel")
    expect(visitor.page.get_by_text("Being paid for your time may change the benefits you get.")).to_be_visible()
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Save my choice")
    shows_the_error(visitor, "Choose how you would like to be paid")
    shows_the_error(visitor, "Confirm you have read about payments and benefits")


@page("payments:home", name="paid for your time, chosen by keyboard after reading about benefits")
def paid_for_your_time_chosen_by_keyboard(visitor):
    rates()
    visitor.sign_in(visitor.person("member"))
    visitor.open("/your-payments/choose/race/")
    tick(visitor, "Give my payment to the panel's chosen charity")
    tick(visitor, "I have read about payments and benefits")
    press_by_keyboard(visitor, "Save my choice")
    expect(visitor.page.get_by_text("Your choice for the Race Panel is saved.")).to_be_visible()
    expect(visitor.page.get_by_text("You chose: Give my payment to the panel's chosen charity")).to_be_visible()
    expect(visitor.page.get_by_role("link", name="Change your choice for the Race Panel")).to_be_visible()


@page("payments:claim", name="your payments with claims in every state and the yearly warning due, then a paid one")
def your_payments_with_claims_then_a_paid_claim_for_time(visitor):
    member = morgan_chose_to_be_paid(visitor)
    paid = paid_today(visitor, a_meeting_morgan_came_to(visitor))
    a_meeting_morgan_came_to(visitor)
    morgans_expenses(visitor, question="Was the ticket a return?")
    morgans_expenses(visitor, about="Parking at Mann Island", fares=False)
    morgans_expenses(visitor, about="Lunch on the way", refused_because="The meeting had lunch for everyone.")
    PaymentChoice.objects.filter(person=member).update(warning_read_at=timezone.now() - timedelta(days=400))
    morgan_opens_their_payments(visitor)
    expect(visitor.page.get_by_text("It is a year since you read about payments and benefits.")).to_be_visible()
    claims = visitor.page.get_by_role("table", name="Your claims").locator("tbody tr")
    expect(claims).to_have_count(5)
    for status in ("Not sent yet", "The coordinator has a question", "Waiting for approval", "Not approved", "Paid"):
        expect(claims.filter(has_text=status)).to_have_count(1)
    expect(visitor.page.get_by_role("link", name=tax_year_name(tax_year_of(timezone.localdate())))).to_be_visible()
    assert_accessible(visitor.page, "your payments, with claims and the warning due")
    visitor.follow(paid.reference)
    expect(visitor.page.get_by_text(f"Paid on {timezone.localdate():%-d %B %Y}")).to_be_visible()
    expect(visitor.page.get_by_role("row", name="Total £60.00")).to_be_visible()
    expect(visitor.page.get_by_role("button", name="Send the claim")).to_have_count(0)


@page("payments:statement")
def the_statement_for_the_tax_year_from_your_payments(visitor):
    morgan_chose_to_be_paid(visitor)
    paid_today(visitor, a_meeting_morgan_came_to(visitor))
    morgan_opens_their_payments(visitor)
    visitor.follow(tax_year_name(tax_year_of(timezone.localdate())))
    summary = visitor.page.locator(".govuk-summary-list")
    expect(summary.get_by_text("£60.00")).to_have_count(2)  # for their time, and in all
    expect(visitor.page.get_by_role("table", name="Each payment").locator("tbody tr")).to_have_count(2)
    expect(visitor.page.get_by_role("link", name="Download this statement as a spreadsheet (CSV)")).to_be_visible()


# Members: claiming expenses.


@page("payments:claim_start", opens_on="payments:claim_start")
def claim_expenses_from_your_payments_then_sent_empty(visitor):
    morgan_opens_their_payments(visitor)
    visitor.follow("Claim expenses")
    expect(visitor.page.get_by_label("Race Panel", exact=True)).to_be_checked()  # their only panel
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Continue")
    shows_the_error(visitor, "Say what you took part in")
    shows_the_error(visitor, "Enter the date")


@page("payments:claim_line_add", opens_on="payments:claim_line_add")
def expenses_started_by_keyboard_then_a_cost_sent_empty_then_a_taxi_without_a_reason(visitor):
    visitor.sign_in(visitor.person("member"))
    visitor.open("/your-payments/claims/new/")
    type_into(visitor, "What did you take part in?", "The Race Panel meeting in Liverpool")
    type_date(visitor, "When was it?", timezone.localdate())
    press_by_keyboard(visitor, "Continue")
    expect(visitor.page.get_by_role("heading", name="Add a cost")).to_be_visible()
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Add the cost")
    shows_the_error(visitor, "Choose what the cost was")
    assert_accessible(visitor.page, "with nothing chosen")
    visitor.page.get_by_label("Taxi", exact=True).check()
    visitor.page.get_by_label("How much did it cost, in pounds?").fill("12.50")
    visitor.press("Add the cost")
    shows_the_error(visitor, "Say why you needed a taxi")
    expect(visitor.page.get_by_label("How much did it cost, in pounds?")).to_have_value("12.50")


@page("payments:claim", name="a draft claim, then a cost added by keyboard with a photo of its receipt")
def a_draft_claim_then_a_cost_with_its_receipt(visitor):
    claim = morgans_expenses(visitor, fares=False)
    morgan_opens_their_payments(visitor)
    visitor.follow(claim.reference)
    expect(visitor.page.get_by_text("Nothing yet.")).to_be_visible()
    expect(visitor.page.get_by_role("button", name="Send the claim")).to_have_count(0)
    assert_accessible(visitor.page, "a draft with nothing claimed yet")
    visitor.follow("Add a cost")
    tick(visitor, "Bus, train or tram fares")
    type_into(visitor, "Details (optional)", "The train from Southport and back")
    type_into(visitor, "How much did it cost, in pounds?", "7.85")
    visitor.page.get_by_label("A photo or PDF of the receipt").set_input_files(files=[RECEIPT])
    press_by_keyboard(visitor, "Add the cost")
    expect(visitor.page.get_by_text("The cost is added. Add another, or send the claim.")).to_be_visible()
    expect(visitor.page.get_by_role("link", name="Download the receipt for bus, train or tram fares")).to_be_visible()
    expect(visitor.page.get_by_role("row", name="Total £7.85")).to_be_visible()
    expect(visitor.page.get_by_role("button", name="Send the claim")).to_be_visible()


@page("payments:claim", name="a claim the coordinator asked about, sent again")
def a_claim_the_coordinator_asked_about_sent_again(visitor):
    claim = morgans_expenses(visitor, question="Was the ticket a return?")
    morgan_opens_their_payments(visitor)
    visitor.follow(claim.reference)
    banner = visitor.page.get_by_role("region", name="Your coordinator has a question")
    expect(banner).to_contain_text("Was the ticket a return?")
    assert_accessible(visitor.page, "asked a question")
    visitor.press("Send the claim again")
    expect(visitor.page.get_by_text(f"Claim {claim.reference} is sent for approval.")).to_be_visible()
    expect(visitor.page.get_by_role("definition").filter(has_text="Waiting for approval")).to_be_visible()


# Administrators: the rates.


@page("payments:rates", name="the rates from the staff pages, then sent empty, then a new rate set by keyboard")
def the_rates_then_sent_empty_then_a_new_rate_by_keyboard(visitor):
    rates()
    visitor.sign_in(visitor.person("administrator"))
    visitor.open("/staff/")
    visitor.follow("Rates of payment for taking part")
    expect(visitor.page.get_by_role("table", name="Every rate, past and future").locator("tbody tr")).to_have_count(5)
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Save the rate")
    for problem in ("Choose the activity", "Choose how it is paid", "Enter the amount", "Enter the date"):
        shows_the_error(visitor, problem)
    assert_accessible(visitor.page, "sent empty")
    tick_in(visitor, "Activity", "A panel meeting")
    tick_in(visitor, "Paid by", "An hour")
    type_into(visitor, "Amount, in pounds", "27.50")
    type_date(visitor, "From", timezone.localdate() + timedelta(days=30))
    press_by_keyboard(visitor, "Save the rate")
    expect(visitor.page.get_by_text("The rate is saved.")).to_be_visible()
    expect(visitor.page.get_by_role("cell", name="£27.50")).to_be_visible()


# The panel's coordinator: claims to decide on.


@page("payments:panel_claims", name="claims from the panel's page, then one for training added by keyboard")
def claims_from_the_panels_page_then_one_for_training_by_keyboard(visitor):
    morgan_chose_to_be_paid(visitor)
    a_meeting_morgan_came_to(visitor)
    morgans_expenses(visitor, question="Was the ticket a return?")
    paid_today(visitor, morgans_expenses(visitor, about="Parking at Mann Island", sent=True))
    coordinating(visitor)
    visitor.open("/staff/panels/race/")
    visitor.follow("Payment and expense claims")
    for table in ("Waiting for a decision", "Asked a question", "Decided"):
        expect(visitor.page.get_by_role("table", name=table).locator("tbody tr")).to_have_count(1)
    assert_accessible(visitor.page, "with claims waiting, asked about and decided")
    visitor.follow("Add a claim for time we could not see, like training")
    choose(visitor, "Who is it for?", "Morgan Member")
    tick(visitor, "Training")
    type_into(visitor, "What was it?", "Chairing skills training")
    type_date(visitor, "When was it?", timezone.localdate())
    type_into(visitor, "How long was it, in minutes?", "180")  # started, a half day counts in full
    press_by_keyboard(visitor, "Add the claim")
    expect(visitor.page.get_by_text("Another coordinator can approve it.")).to_be_visible()
    waiting = visitor.page.get_by_role("table", name="Waiting for a decision").locator("tbody tr")
    expect(waiting.filter(has_text="Chairing skills training")).to_contain_text("£50.00")


@page("payments:time_claim_add", opens_on="payments:time_claim_add")
def add_a_claim_for_time_then_sent_empty(visitor):
    rates()
    visitor.person("member")
    coordinating(visitor)
    visitor.open("/staff/panels/race/claims/")
    visitor.follow("Add a claim for time we could not see, like training")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Add the claim")
    for problem in ("Choose the member", "Choose the activity", "Say what it was", "Enter the date",
                    "Enter how long it was, in minutes"):  # fmt: skip
        shows_the_error(visitor, problem)


@page("payments:claim_record", opens_on="payments:claim_record")
def write_a_claim_for_someone_then_sent_empty(visitor):
    visitor.person("member")
    coordinating(visitor)
    visitor.open("/staff/panels/race/claims/")
    visitor.follow("Write an expenses claim for someone who sent it by post or phoned")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Continue")
    for problem in ("Choose who the claim is for", "Say what they took part in", "Enter the date"):
        shows_the_error(visitor, problem)


@page("payments:staff_claim", name="a claim written by keyboard from a letter, its receipt posted, then sent")
def a_claim_written_by_keyboard_from_a_letter(visitor):
    visitor.person("member")
    coordinating(visitor)
    visitor.open("/staff/panels/race/claims/write/")
    choose(visitor, "Who is it for?", "Morgan Member")
    type_into(visitor, "What did they take part in?", "The Race Panel meeting in Liverpool")
    type_date(visitor, "When was it?", timezone.localdate())
    press_by_keyboard(visitor, "Continue")
    expect(visitor.page.get_by_role("heading", name="Add a cost")).to_be_visible()
    tick(visitor, "Childcare")
    type_into(visitor, "How much did it cost, in pounds?", "30")
    tick(visitor, "I will post the receipt instead")
    press_by_keyboard(visitor, "Add the cost")
    expect(visitor.page.get_by_text("Written for them by Chris Coordinator.")).to_be_visible()
    expect(visitor.page.get_by_text("Coming by post")).to_be_visible()
    assert_accessible(visitor.page, "written, not yet sent")
    press_by_keyboard(visitor, "Send the claim for approval")
    expect(visitor.page.get_by_text("is sent for approval.")).to_be_visible()
    expect(visitor.page.get_by_text("Another coordinator of the panel, or an administrator, decides")).to_be_visible()


@page("payments:choice_record", opens_on="payments:choice_record")
def record_a_members_choice_then_sent_empty(visitor):
    visitor.person("member")
    coordinating(visitor)
    visitor.open("/staff/panels/race/claims/")
    visitor.follow("Record a member's choice about payment, told by phone or post")
    expect(visitor.page.get_by_text("Being paid for your time may change the benefits you get.")).to_be_visible()
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Record their choice")
    for problem in ("Choose the member", "Choose how they would like to be paid", "Say how they told you",
                    "Confirm they have had the information about payments and benefits"):  # fmt: skip
        shows_the_error(visitor, problem)


@page("payments:panel_claims", name="a member's choice told by phone, recorded by keyboard")
def a_members_choice_told_by_phone_recorded_by_keyboard(visitor):
    visitor.person("member")
    coordinating(visitor)
    visitor.open("/staff/panels/race/claims/record-choice/")
    choose(visitor, "Whose choice is it?", "Morgan Member")
    tick(visitor, "Pay me for my time")
    tick(visitor, "By phone")
    tick(visitor, "They have had the information about payments and benefits, read to them or in a letter")
    press_by_keyboard(visitor, "Record their choice")
    expect(visitor.page.get_by_text("Morgan Member's choice is recorded.")).to_be_visible()


@page("payments:staff_claim", name="a claim waiting, its receipt coming by post, then recorded as arrived")
def a_claim_whose_receipt_came_by_post(visitor):
    claim = a_taxi_with_its_receipt_in_the_post(visitor)
    coordinating(visitor)
    visitor.open("/staff/panels/race/claims/")
    visitor.follow(claim.reference)
    expect(visitor.page.get_by_text("Why a taxi: There is no step-free bus")).to_be_visible()
    assert_accessible(visitor.page, "its receipt coming by post")
    visitor.page.get_by_role("button", name=re.compile(r"^It has arrived\W+the receipt for taxi$")).click()
    visitor.page.wait_for_load_state()
    expect(visitor.page.get_by_text("The receipt is recorded as arrived.")).to_be_visible()
    expect(visitor.page.get_by_text(f"Arrived by post on {timezone.localdate():%-d %B %Y}")).to_be_visible()


@page("payments:claim_decide", opens_on="payments:staff_claim")
def a_claim_for_time_then_decided_without_a_choice_then_asked_about_without_a_question(visitor):
    morgan_chose_to_be_paid(visitor)
    claim = a_meeting_morgan_came_to(visitor)
    coordinating(visitor)
    visitor.open(f"/staff/claims/{claim.pk}/")
    expect(visitor.page.get_by_text("Payment for your time for Morgan Member")).to_be_visible()
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Save and tell them")
    shows_the_error(visitor, "Choose whether to approve the claim")
    assert_accessible(visitor.page, "with no decision")
    visitor.page.get_by_label("Ask a question about it").check()
    visitor.press("Save and tell them")
    shows_the_error(visitor, "Write your question, so they know what to change")


@page("payments:panel_claims", name="a claim approved by keyboard")
def a_claim_approved_by_keyboard(visitor):
    claim = morgans_expenses(visitor, sent=True)
    coordinating(visitor)
    visitor.open(f"/staff/claims/{claim.pk}/")
    tick(visitor, "Approve the claim")
    press_by_keyboard(visitor, "Save and tell them")
    expect(visitor.page.get_by_text(f"Your decision on {claim.reference} is saved")).to_be_visible()
    expect(visitor.page.get_by_role("table", name="Decided")).to_contain_text("Approved")


# Finance: exporting approved claims and marking them paid.


def approved_for_finance(visitor) -> None:
    """Two claims of Morgan's approved: £60.00 for their time at a meeting, and £4.20 of fares."""
    morgan_chose_to_be_paid(visitor)
    for claim in (a_meeting_morgan_came_to(visitor), morgans_expenses(visitor, sent=True)):
        services.claim_decide(actor=visitor.person("coordinator"), claim=claim, approve=True)


@page("payments:finance", name="approved claims exported from the staff pages, then marked paid by keyboard")
def approved_claims_exported_then_marked_paid_by_keyboard(visitor):
    approved_for_finance(visitor)
    visitor.sign_in(a_finance_person(full_name="Fran Finance"))
    visitor.open("/staff/")
    visitor.follow("Approved claims to export and pay")
    expect(visitor.page.get_by_text("2 claims approved, £64.20 in all.")).to_be_visible()
    expect(visitor.page.get_by_text("Nothing has been exported yet.")).to_be_visible()
    assert_accessible(visitor.page, "with claims to export")
    visitor.press("Export them for payment")
    expect(visitor.page.get_by_text("is ready to download.")).to_be_visible()
    expect(visitor.page.get_by_role("table", name="Claims in this export").locator("tbody tr")).to_have_count(2)
    assert_accessible(visitor.page, "the export, to mark paid")
    type_date(visitor, "When was it paid?", timezone.localdate())
    press_by_keyboard(visitor, "Mark paid")
    expect(visitor.page.get_by_text("2 claims are marked paid, and each person has been told.")).to_be_visible()
    visitor.follow("Back to finance")
    expect(visitor.page.get_by_text("No approved claims are waiting to be exported.")).to_be_visible()
    expect(visitor.page.get_by_role("table", name="Exports")).to_contain_text("£64.20")


@page("payments:batch", name="an export marked paid without a date")
def an_export_marked_paid_without_a_date(visitor):
    approved_for_finance(visitor)
    finance = a_finance_person(full_name="Fran Finance")
    batch = services.claims_export(actor=finance)
    visitor.sign_in(finance)
    visitor.open(f"/staff/finance/exports/{batch.pk}/")
    expect(visitor.page.get_by_text("2 claims, £64.20 in all.")).to_be_visible()
    visitor.press("Mark paid")
    shows_the_error(visitor, "Enter the date")


test_every_page_is_accessible = page.test()
