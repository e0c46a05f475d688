"""Payments' pages through the test client: from signed out, clear errors for bad input (never a
500, nothing typed lost), receipts uploaded and downloaded, the finance export, and query budgets."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.access import AFTER_SIGN_IN
from payments import services
from payments.models import Claim, ClaimStatus, LineKind, PaymentChoice
from payments.money import tax_year_of
from tests.factories import a_membership

from .factories import PNG, a_choice, a_finance_person, a_receipt, attended, rates

pytestmark = pytest.mark.django_db


def today_parts(prefix: str) -> dict:
    today = timezone.localdate()
    return {f"{prefix}_day": today.day, f"{prefix}_month": today.month, f"{prefix}_year": today.year}


def test_payments_from_signed_out_goes_through_sign_in_and_comes_back(client):
    response = client.get("/your-payments/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/?next=/your-payments/"
    assert client.session[AFTER_SIGN_IN] == "/your-payments/"


def test_a_member_sees_the_rates_and_is_asked_to_choose(signed_in, member):
    rates()
    page = signed_in(member).get("/your-payments/").content.decode()
    assert "£25.00 an hour" in page and "Choose how you are paid" in page
    assert "rounded to the nearest penny" in page and "within 30 days" in page and "within 3 months" in page


def test_choosing_without_reading_about_benefits_says_so_and_keeps_the_choice(signed_in, member, race_panel):
    browser = signed_in(member)
    page = browser.get("/your-payments/choose/race/").content.decode()
    assert "may change the benefits you get" in page and "Citizens Advice" in page
    response = browser.post("/your-payments/choose/race/", {"choice": "decline"})
    page = response.content.decode()
    assert response.status_code == 200 and 'href="#id_warning_read"' in page
    assert 'value="decline" checked' in page or 'value="decline"\n' in page
    browser.post("/your-payments/choose/race/", {"choice": "decline", "warning_read": "on"})
    assert PaymentChoice.objects.get(person=member).choice == "decline"


def test_only_a_member_of_the_panel_may_choose_for_it(signed_in, member):
    assert signed_in(member).get("/your-payments/choose/gender/").status_code == 404


def test_an_expense_claim_with_a_receipt_from_start_to_sent(signed_in, member, race_panel):
    browser = signed_in(member)
    response = browser.post("/your-payments/claims/new/", {"panel": race_panel.pk, "about": "The March meeting",
                                                           **today_parts("happened_on")})  # fmt: skip
    claim = Claim.objects.get(person=member)
    assert response["Location"] == f"/your-payments/claims/{claim.pk}/add-cost/"
    response = browser.post(f"/your-payments/claims/{claim.pk}/add-cost/",
                            {"kind": "fares", "amount": "£4.20", "receipt": a_receipt()})  # fmt: skip
    assert response.status_code == 302
    line = claim.lines.get()
    assert line.amount_pence == 420
    download = browser.get(f"/your-payments/costs/{line.pk}/receipt/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PNG
    browser.post(f"/your-payments/claims/{claim.pk}/send/")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_a_cost_with_bad_input_names_each_problem_and_keeps_what_was_typed(signed_in, member, race_panel):
    claim = services.expense_claim_start(actor=member, panel=race_panel, about="x", happened_on=timezone.localdate())
    browser = signed_in(member)
    response = browser.post(f"/your-payments/claims/{claim.pk}/add-cost/",
                            {"kind": "taxi", "amount": "12.345", "description": "To the station"})  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter an amount in pounds and pence, like 12.50" in page and "To the station" in page
    response = browser.post(f"/your-payments/claims/{claim.pk}/add-cost/", {"kind": "taxi", "amount": "12"})
    page = response.content.decode()
    assert 'href="#id_reason"' in page and "Say why you needed a taxi" in page
    fake = io.BytesIO(b"not a picture")
    fake.name = "receipt.png"
    response = browser.post(f"/your-payments/claims/{claim.pk}/add-cost/",
                            {"kind": "fares", "amount": "3", "receipt": fake})  # fmt: skip
    assert 'href="#id_receipt"' in response.content.decode()
    assert not claim.lines.exists()


def test_a_date_that_is_not_real_is_an_error_not_a_500(signed_in, member, race_panel):
    fields = {"panel": race_panel.pk, "about": "x", "happened_on_day": "31", "happened_on_month": "2",
              "happened_on_year": "2027"}  # fmt: skip
    response = signed_in(member).post("/your-payments/claims/new/", fields)
    assert response.status_code == 200 and "Enter a real date" in response.content.decode()


def test_someone_elses_claim_and_receipt_are_not_found(signed_in, member, coordinator, race_panel):
    claim = services.expense_claim_start(actor=member, panel=race_panel, about="x", happened_on=timezone.localdate())
    line = services.claim_line_add(actor=member, claim=claim, kind=LineKind.FARES, amount_pence=100,
                                   receipt=a_receipt())  # fmt: skip
    other = signed_in(a_membership(coordinator, race_panel).person)
    for url in [f"/your-payments/claims/{claim.pk}/", f"/your-payments/costs/{line.pk}/receipt/",
                f"/your-payments/claims/{claim.pk}/add-cost/"]:  # fmt: skip
        assert other.get(url).status_code == 404


def _approved_claim(member, coordinator, race_panel) -> Claim:
    rates()
    a_choice(member, race_panel)
    attended(coordinator, race_panel, member)
    services.involvement_claims_make()
    claim = Claim.objects.get(person=member)
    return claim


def test_the_coordinator_approves_from_the_claim_page_and_a_missing_choice_is_named(signed_in, member, coordinator,
                                                                                   race_panel):  # fmt: skip
    claim = _approved_claim(member, coordinator, race_panel)
    browser = signed_in(coordinator)
    assert claim.reference in browser.get("/staff/panels/race/claims/").content.decode()
    response = browser.post(f"/staff/claims/{claim.pk}/decide/", {"decision": "query"})
    assert 'href="#id_query"' in response.content.decode()
    browser.post(f"/staff/claims/{claim.pk}/decide/", {"decision": "approve"})
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED


def test_finance_exports_a_csv_without_bank_or_tax_details_and_marks_it_paid(signed_in, member, coordinator,
                                                                            race_panel):  # fmt: skip
    claim = _approved_claim(member, coordinator, race_panel)
    services.claim_decide(actor=coordinator, claim=claim, approve=True)
    finance = a_finance_person()
    browser = signed_in(finance)
    assert "1 claim approved, £60.00 in all" in browser.get("/staff/finance/").content.decode()
    response = browser.post("/staff/finance/export/")
    claim.refresh_from_db()
    batch = claim.batch
    assert response["Location"] == f"/staff/finance/exports/{batch.pk}/"
    content = browser.get(f"/staff/finance/exports/{batch.pk}.csv").content.decode()
    rows = list(csv.DictReader(io.StringIO(content)))
    assert sum(int(row["amount_pence"]) for row in rows) == 6000
    assert not {"bank", "sort_code", "account_number", "national_insurance", "tax_code"} & set(rows[0])
    assert member.full_name not in content and member.email not in content
    response = browser.post(f"/staff/finance/exports/{batch.pk}/", {"paid_on_day": "x"})
    assert response.status_code == 200 and "Error:" in response.content.decode()
    browser.post(f"/staff/finance/exports/{batch.pk}/", today_parts("paid_on"))
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PAID


def test_the_statement_adds_up_and_downloads(signed_in, member, coordinator, race_panel):
    claim = _approved_claim(member, coordinator, race_panel)
    services.claim_decide(actor=coordinator, claim=claim, approve=True)
    finance = a_finance_person()
    batch = services.claims_export(actor=finance)
    services.batch_mark_paid(actor=finance, batch=batch, paid_on=timezone.localdate())
    year = tax_year_of(timezone.localdate())
    browser = signed_in(member)
    assert f"/your-payments/statements/{year}/" in browser.get("/your-payments/").content.decode()
    page = browser.get(f"/your-payments/statements/{year}/").content.decode()
    assert "£60.00" in page
    sheet = browser.get(f"/your-payments/statements/{year}.csv").content.decode()
    assert "Total paid to you,,,,,You,60.00" in sheet.replace("\r", "")
    assert browser.get(f"/your-payments/statements/{year + 1}/").status_code == 404


def test_list_pages_keep_their_query_budget(signed_in, member, coordinator, race_panel, django_assert_max_num_queries):
    rates()
    a_choice(member, race_panel)
    for _ in range(3):
        attended(coordinator, race_panel, member)
    services.involvement_claims_make()
    staff = signed_in(coordinator)
    mine = signed_in(member)
    with django_assert_max_num_queries(25):
        assert staff.get("/staff/panels/race/claims/").status_code == 200
    with django_assert_max_num_queries(30):
        assert mine.get("/your-payments/").status_code == 200


def test_someone_invited_to_interview_is_told_they_can_claim_and_claims_their_travel(signed_in, coordinator,
                                                                                      race_panel):  # fmt: skip
    from recruitment import services as recruitment
    from tests.recruitment.factories import closed_round, interview_time, submitted_applications

    round_ = closed_round()
    invited = submitted_applications(round_, 1)[0]
    invited.status = "shortlisted"
    invited.save(update_fields=["status"])
    interview_time(round_, coordinator)
    recruitment.interviews_invite(actor=coordinator, round_=round_)
    browser = signed_in(invited.applicant)
    status = browser.get(f"/applications/{invited.pk}/").content.decode()
    assert "Claim your travel and care costs" in status
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = browser.post("/your-payments/claims/new/", {
        "panel": race_panel.pk, "about": "My interview", "in_advance": "on", "happened_on_day": tomorrow.day,
        "happened_on_month": tomorrow.month, "happened_on_year": tomorrow.year,
    })  # fmt: skip
    claim = Claim.objects.get(person=invited.applicant)
    assert response["Location"] == f"/your-payments/claims/{claim.pk}/add-cost/" and claim.in_advance
    page = browser.get(f"/your-payments/claims/{claim.pk}/add-cost/").content.decode()
    assert "Childcare" not in page and "Mileage" in page


def test_a_coordinator_writes_a_claim_sent_by_post_and_records_a_choice_told_by_phone(
    signed_in, member, coordinator, race_panel
):
    browser = signed_in(coordinator)
    response = browser.post("/staff/panels/race/claims/record-choice/", {"person": member.pk, "choice": "donate"})
    page = response.content.decode()
    assert 'href="#id_method_0"' in page or 'href="#id_method"' in page
    assert "Confirm they have had the information about payments and benefits" in page
    browser.post("/staff/panels/race/claims/record-choice/", {"person": member.pk, "choice": "donate",
                                                              "method": "paper", "warning_read": "on"})  # fmt: skip
    assert PaymentChoice.objects.get(person=member).method == "paper"
    response = browser.post("/staff/panels/race/claims/write/", {"person": member.pk, "about": "March meeting",
                                                                 **today_parts("happened_on")})  # fmt: skip
    claim = Claim.objects.get(person=member)
    assert response["Location"] == f"/your-payments/claims/{claim.pk}/add-cost/"
    response = browser.post(f"/your-payments/claims/{claim.pk}/add-cost/",
                            {"kind": "fares", "amount": "6.40", "receipt_by_post": "on"})  # fmt: skip
    assert response["Location"] == f"/staff/claims/{claim.pk}/"
    page = browser.get(f"/staff/claims/{claim.pk}/").content.decode()
    assert "Written for them by Chris Coordinator" in page and "Send the claim for approval" in page
    browser.post(f"/your-payments/claims/{claim.pk}/send/")
    page = browser.get(f"/staff/claims/{claim.pk}/").content.decode()
    assert "Another coordinator of the panel, or an administrator, decides" in page
    assert "£6.40" in signed_in(member).get(f"/your-payments/claims/{claim.pk}/").content.decode()
