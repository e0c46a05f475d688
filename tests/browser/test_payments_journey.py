"""Paying people for taking part, in Chromium, as the people do it, each in a browser of their own:
a member chooses to be paid after reading about benefits, finds the claim made for their time at a
meeting, and claims their fares with a photo of the ticket; the panel's coordinator approves both;
finance exports them, checks the export adds up to the penny and marks it paid; the member reads
their statement for the tax year. A member who chose not to be paid still claims their expenses."""

import csv
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from payments import services
from payments.models import Claim, ClaimKind, ClaimStatus
from payments.money import tax_year_name, tax_year_of
from tests.browser.conftest import assert_accessible
from tests.browser.pages.steps import fill_date
from tests.factories import PASSWORD
from tests.payments.factories import PNG, a_finance_person, attended, rates

pytestmark = pytest.mark.browser

FOR_THE_MEETING = 6000  # two hours at £25 an hour, and £10 for reading and preparing (tests/payments/factories.py)
FARES = 785  # typed as 7.85


def expense_claim_started(visitor, about: str) -> None:
    """From their payments page, a claim for today's costs, up to the page that adds the first."""
    page = visitor.page
    visitor.follow("Claim expenses")
    assert visitor.route == "payments:claim_start"
    page.get_by_label("What did you take part in?").fill(about)
    fill_date(page, "When was it?", timezone.localdate())
    visitor.press("Continue")
    assert visitor.route == "payments:claim_line_add"


def total_of(claim: Claim) -> int:
    return sum(line.amount_pence for line in claim.lines.all())


def test_a_member_is_paid_for_a_meeting_and_their_fares_and_reads_their_statement(
    visitor, browser_of_their_own, coordinator, member, race_panel
):
    rates()
    page = visitor.page  # the member's browser
    today = timezone.localdate()

    # Signed out, Morgan goes to their payments, signs in, and is brought back.
    visitor.open("/your-payments/")
    assert visitor.route == "account_login"
    page.get_by_label("Email address").fill(member.email)
    page.get_by_label("Password").fill(PASSWORD)
    visitor.press("Sign in")
    assert (visitor.route, visitor.status) == ("payments:home", 200)

    # They read what being paid may do to their benefits, then choose to be paid for their time.
    visitor.follow("Choose how you are paid for the Race Panel")
    assert visitor.route == "payments:choice"
    expect(page.get_by_text("Being paid for your time may change the benefits you get.")).to_be_visible()
    expect(page.get_by_role("link", name="citizensadvice.org.uk/benefits")).to_be_visible()
    page.get_by_label("Pay me for my time", exact=True).check()
    page.get_by_label("I have read about payments and benefits").check()
    visitor.press("Save my choice")
    expect(page.get_by_text("Your choice for the Race Panel is saved.")).to_be_visible()

    # They come to a meeting. The sweep run by Celery beat makes the claim for their time.
    attended(coordinator, race_panel, member)
    assert services.involvement_claims_make() == 1
    for_time = Claim.objects.get(person=member, kind=ClaimKind.INVOLVEMENT)
    page.reload()
    mine = page.get_by_role("table", name="Your claims").locator("tbody tr")
    expect(mine.filter(has_text=for_time.reference)).to_contain_text("£60.00")
    expect(mine.filter(has_text=for_time.reference)).to_contain_text("Waiting for approval")
    assert_accessible(page, "a claim made for their time")

    # They claim their fares, with a photo of the ticket, and send the claim.
    expense_claim_started(visitor, "The Race Panel meeting in Liverpool")
    page.get_by_label("Bus, train or tram fares", exact=True).check()
    page.get_by_label("How much did it cost, in pounds?").fill("7.85")
    page.get_by_label("A photo or PDF of the receipt").set_input_files(
        files=[{"name": "ticket.png", "mimeType": "image/png", "buffer": PNG}]
    )
    visitor.press("Add the cost")
    assert visitor.route == "payments:claim"
    expect(page.get_by_role("row", name="Total £7.85")).to_be_visible()
    visitor.press("Send the claim")
    fares = Claim.objects.get(person=member, kind=ClaimKind.EXPENSES)
    expect(page.get_by_text(f"Claim {fares.reference} is sent for approval.")).to_be_visible()
    assert (fares.status, total_of(fares)) == (ClaimStatus.SUBMITTED, FARES)

    # The Race Panel's coordinator looks at the ticket and approves both claims.
    staff = browser_of_their_own(coordinator)
    staff.open("/staff/")
    staff.follow("Race Panel")
    staff.follow("Payment and expense claims")
    assert staff.route == "payments:panel_claims"
    expect(staff.page.get_by_role("table", name="Waiting for a decision").locator("tbody tr")).to_have_count(2)
    for claim in (for_time, fares):
        staff.follow(claim.reference)
        assert staff.route == "payments:staff_claim"
        if claim == fares:
            with staff.page.expect_download() as started:
                staff.page.get_by_role("link", name="Download the receipt for bus, train or tram fares").click()
            assert started.value.path().read_bytes() == PNG
        staff.page.get_by_label("Approve the claim").check()
        staff.press("Save and tell them")
        expect(staff.page.get_by_text(f"Your decision on {claim.reference} is saved")).to_be_visible()
    expect(staff.page.get_by_role("table", name="Decided").locator("tbody tr")).to_have_count(2)
    assert_accessible(staff.page, "both claims approved")

    # Fran in finance exports them, and the export adds up, to the penny, to the two claims.
    finance = browser_of_their_own(a_finance_person(full_name="Fran Finance"))
    finance.open("/staff/")
    finance.follow("Approved claims to export and pay")
    assert finance.route == "payments:finance"
    expect(finance.page.get_by_text("2 claims approved, £67.85 in all.")).to_be_visible()
    finance.press("Export them for payment")
    assert finance.route == "payments:batch"
    with finance.page.expect_download() as started:
        finance.page.get_by_role("link", name="Download the export for the finance system (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(started.value.path().read_text(encoding="utf-8"))))
    by_claim = {claim.reference: 0 for claim in (for_time, fares)}
    for row in rows:
        by_claim[row["claim"]] += int(row["amount_pence"])
        assert Decimal(row["amount_pounds"]) * 100 == int(row["amount_pence"])
    assert by_claim == {for_time.reference: total_of(for_time), fares.reference: total_of(fares)}
    assert by_claim == {for_time.reference: FOR_THE_MEETING, fares.reference: FARES}
    assert sum(Decimal(row["amount_pounds"]) for row in rows) == Decimal("67.85")
    assert {row["payee_reference"] for row in rows} == {for_time.payee_reference}

    # Once the finance system has paid them, Fran marks the export paid.
    fill_date(finance.page, "When was it paid?", today)
    finance.press("Mark paid")
    expect(finance.page.get_by_text("2 claims are marked paid, and each person has been told.")).to_be_visible()
    assert_accessible(finance.page, "the export, paid")

    # Morgan sees both paid, and the statement for the tax year adds up to what was paid.
    visitor.follow("Back to your payments")
    for claim in (for_time, fares):
        expect(mine.filter(has_text=claim.reference)).to_contain_text(f"Paid on {today:%-d %B %Y}")
    visitor.follow(tax_year_name(tax_year_of(today)))
    assert visitor.route == "payments:statement"
    summary = page.locator(".govuk-summary-list__row")
    expect(summary.filter(has_text="Paid to you for your time")).to_contain_text("£60.00")
    expect(summary.filter(has_text="Expenses paid back to you")).to_contain_text("£7.85")
    expect(summary.filter(has_text="Total paid to you")).to_contain_text("£67.85")
    expect(page.get_by_role("table", name="Each payment").locator("tbody tr")).to_have_count(len(rows))
    assert_accessible(page, "the statement")


def test_a_member_who_chose_not_to_be_paid_gets_no_claim_for_their_time_but_claims_expenses(
    visitor, coordinator, member, race_panel
):
    rates()
    page = visitor.page
    visitor.sign_in(member)
    visitor.open("/account/")
    visitor.follow("Your payments and expenses")
    visitor.follow("Choose how you are paid for the Race Panel")
    page.get_by_label("Do not pay me for my time", exact=True).check()
    page.get_by_label("I have read about payments and benefits").check()
    visitor.press("Save my choice")
    expect(page.get_by_text("You chose: Do not pay me for my time")).to_be_visible()

    # They come to a meeting; the sweep makes nothing for them.
    attended(coordinator, race_panel, member)
    assert services.involvement_claims_make() == 0
    assert not Claim.objects.filter(person=member).exists()

    # They claim their mileage, which needs no receipt.
    expense_claim_started(visitor, "The Race Panel meeting in Liverpool")
    page.get_by_label("Mileage in your own vehicle", exact=True).check()
    page.get_by_label("Miles travelled, there and back").fill("24")
    visitor.press("Add the cost")
    expect(page.get_by_role("row", name="Total £10.80")).to_be_visible()  # 24 miles at 45p
    visitor.press("Send the claim")
    expect(page.get_by_role("definition").filter(has_text="Waiting for approval")).to_be_visible()
    claim = Claim.objects.get(person=member)
    assert (claim.kind, claim.status, total_of(claim)) == (ClaimKind.EXPENSES, ClaimStatus.SUBMITTED, 1080)
