"""Payments through the privacy app, a journey across the layers: what a person can download about
their claims; payment records kept 6 years after the end of the tax year they were paid in (or
after a claim never paid last changed), then deleted with their receipts and history, or
anonymised; and erasure, which keeps what HMRC requires and says why."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.models import RecordedMethod
from accounts.services import STAND_IN
from payments import services
from payments.models import Claim, ClaimLine, ClaimStatus, LineKind, PaymentChoice
from payments.personal_data import payments_data_of
from privacy import retention
from privacy.erasure import erasure_plan, person_erase
from privacy.models import ErasureRecord, RequestKind, RetentionAction, RetentionKind
from privacy.services import request_log, retention_rule_change

from .factories import a_choice, a_finance_person, a_receipt

LONDON = ZoneInfo("Europe/London")
pytestmark = pytest.mark.django_db


def _claim(person, panel, coordinator, at: datetime, *, status: str = ClaimStatus.PAID) -> Claim:
    """An expense claim for fares with a receipt, made at `at` and taken as far as `status` that
    same day (sent, approved, exported and paid, for a paid one)."""
    with time_machine.travel(at, tick=False):
        claim = services.expense_claim_start(actor=person, panel=panel, about="Fares to the meeting",
                                             happened_on=timezone.localdate())  # fmt: skip
        services.claim_line_add(actor=person, claim=claim, kind=LineKind.FARES, amount_pence=350,
                                description="Return ticket", receipt=a_receipt())  # fmt: skip
        if status != ClaimStatus.DRAFT:
            services.claim_submit(actor=person, claim=claim)
        if status == ClaimStatus.PAID:
            services.claim_decide(actor=coordinator, claim=claim, approve=True)
            finance = a_finance_person()
            batch = services.claims_export(actor=finance)
            services.batch_mark_paid(actor=finance, batch=batch, paid_on=timezone.localdate())
    claim.refresh_from_db()
    assert claim.status == status
    return claim


def _receipt(claim: Claim) -> tuple:
    """The claim's receipt: its storage and its name, to look for the file after the claim is gone."""
    line = claim.lines.get()
    assert line.receipt and line.receipt.storage.exists(line.receipt.name)
    return line.receipt.storage, line.receipt.name


def _gone(claim: Claim) -> bool:
    return not (
        Claim.objects.filter(pk=claim.pk).exists()
        or Claim.history.model.objects.filter(id=claim.pk).exists()
        or ClaimLine.history.model.objects.filter(claim_id=claim.pk).exists()
    )


def test_the_download_has_their_choices_claims_and_costs_with_each_receipts_name(member, coordinator, race_panel):
    a_choice(member, race_panel)
    claim = _claim(member, race_panel, coordinator, datetime(2026, 11, 2, 10, 0, tzinfo=LONDON))
    found = {section.label: section for section in payments_data_of(member)}
    assert [found[label].title for label in ("payments.PaymentChoice", "payments.Claim", "payments.ClaimLine")] == [
        "Your choices about being paid", "Your claims", "The costs on your claims"
    ]  # fmt: skip
    (line,) = found["payments.ClaimLine"].rows
    assert line["claim"] == claim.pk and line["receipt"] == claim.lines.get().receipt.name
    (row,) = found["payments.Claim"].rows
    # Who decided the claim is staff work: never in the person's download, nor how it was made once.
    assert row["about"] == "Fares to the meeting" and "decided_by" not in row and "source" not in row
    assert found["payments.HistoricalClaim"].rows


def test_a_paid_claim_is_deleted_with_its_receipt_six_years_after_its_tax_year_ends(member, coordinator, race_panel):
    # Paid in the tax year 6 April 2019 to 5 April 2020: kept to the end of 5 April 2026.
    old = _claim(member, race_panel, coordinator, datetime(2019, 5, 1, 12, 0, tzinfo=LONDON))
    # Paid in the next tax year, which ended on 5 April 2021: kept another year.
    recent = _claim(member, race_panel, coordinator, datetime(2020, 4, 6, 12, 0, tzinfo=LONDON))
    storage, old_receipt = _receipt(old)
    _, recent_receipt = _receipt(recent)

    with time_machine.travel(datetime(2026, 4, 5, 23, 59, 59, tzinfo=LONDON), tick=False):
        assert retention.retention_apply()[RetentionKind.PAYMENT_RECORDS] == 0
    assert Claim.objects.filter(pk=old.pk).exists() and storage.exists(old_receipt)

    with time_machine.travel(datetime(2026, 4, 6, 0, 0, 1, tzinfo=LONDON), tick=False):
        assert retention.retention_apply()[RetentionKind.PAYMENT_RECORDS] == 1
    assert _gone(old) and not storage.exists(old_receipt)
    assert not ClaimLine.objects.filter(claim_id=old.pk).exists()
    recent.refresh_from_db()
    assert recent.person == member and storage.exists(recent_receipt)

    with time_machine.travel(datetime(2027, 4, 6, 0, 0, 1, tzinfo=LONDON), tick=False):
        assert retention.retention_apply()[RetentionKind.PAYMENT_RECORDS] == 1
    assert _gone(recent) and not storage.exists(recent_receipt)


def test_a_claim_never_paid_is_kept_six_years_from_when_it_or_a_cost_on_it_last_changed(
    member, coordinator, race_panel
):
    claim = _claim(member, race_panel, coordinator, datetime(2019, 5, 1, 12, 0, tzinfo=LONDON), status="draft")
    with time_machine.travel(datetime(2019, 5, 20, 12, 0, tzinfo=LONDON), tick=False):
        services.claim_line_add(actor=member, claim=claim, kind=LineKind.MILEAGE, miles=12)

    with time_machine.travel(datetime(2025, 5, 19, 23, 59, 59, tzinfo=LONDON), tick=False):
        assert retention.retention_apply()[RetentionKind.PAYMENT_RECORDS] == 0
    with time_machine.travel(datetime(2025, 5, 20, 0, 0, 1, tzinfo=LONDON), tick=False):
        assert retention.retention_apply()[RetentionKind.PAYMENT_RECORDS] == 1
    assert _gone(claim)


def test_anonymising_instead_leaves_the_amounts_to_count_without_the_person_their_words_or_receipts(
    member, coordinator, race_panel, administrator
):
    retention_rule_change(
        actor=administrator, kind=RetentionKind.PAYMENT_RECORDS, months=72, action=RetentionAction.ANONYMISE
    )
    claim = _claim(member, race_panel, coordinator, datetime(2019, 5, 1, 12, 0, tzinfo=LONDON))
    storage, receipt = _receipt(claim)
    spent = list(ClaimLine.objects.values_list("claim__panel", "kind", "amount_pence"))

    assert retention.retention_apply(today=datetime(2026, 4, 6).date())[RetentionKind.PAYMENT_RECORDS] == 1

    claim.refresh_from_db()
    assert type(member).objects.filter(STAND_IN, pk=claim.person_id).exists() and claim.anonymised_at
    assert (claim.about, claim.query, claim.source, claim.status) == ("", "", "", ClaimStatus.PAID)
    assert list(ClaimLine.objects.values_list("claim__panel", "kind", "amount_pence")) == spent
    assert not storage.exists(receipt)
    assert set(ClaimLine.objects.filter(claim=claim).values_list("description", "reason", "receipt")) == {("", "", "")}
    versions, line_versions = Claim.history.model.objects.filter(id=claim.pk), ClaimLine.history.model.objects
    assert set(versions.values_list("person_id", "about")) == {(claim.person_id, "")}
    assert not versions.filter(history_user=member).exists()
    assert not line_versions.filter(claim_id=claim.pk, history_user=member).exists()
    assert not line_versions.filter(claim_id=claim.pk).exclude(receipt="").exists()
    # Nothing is left to do the next night.
    assert retention.retention_apply(today=datetime(2026, 4, 7).date())[RetentionKind.PAYMENT_RECORDS] == 0


def test_the_privacy_notice_says_how_long_payment_records_are_kept(client, db):
    page = client.get(reverse("portal:privacy")).content.decode()
    assert "Payment and expense claims: 6 years after the end of the tax year in which we pay a claim" in page
    assert "held by the authority's finance system, not here" in page


def test_erasing_keeps_sent_claims_saying_why_and_removes_drafts_and_choices(
    member, coordinator, race_panel, administrator
):
    a_choice(member, race_panel)
    paid = _claim(member, race_panel, coordinator, datetime(2026, 11, 2, 10, 0, tzinfo=LONDON))
    waiting = _claim(member, race_panel, coordinator, datetime(2026, 11, 9, 10, 0, tzinfo=LONDON), status="submitted")
    draft = _claim(member, race_panel, coordinator, datetime(2026, 11, 16, 10, 0, tzinfo=LONDON), status="draft")
    storage, paid_receipt = _receipt(paid)
    _, draft_receipt = _receipt(draft)
    request = request_log(
        actor=administrator, person=member, kind=RequestKind.ERASURE, received_on=timezone.localdate(),
        received_how=RecordedMethod.EMAIL, identity_check="Replied from the address we hold",
    )  # fmt: skip

    plan = erasure_plan(member)
    removed, kept = dict(plan.removed), {label: (count, why) for label, count, why in plan.kept}
    assert removed["Claims they never sent, with their receipts"] == 1
    assert removed["Their choices about being paid for their time"] == 1
    assert kept["Their paid claims, with the costs and receipts"][0] == 1
    assert "HMRC" in kept["Their paid claims, with the costs and receipts"][1]
    assert kept["Their claims not yet paid, with the costs and receipts"][0] == 1

    tombstone = person_erase(actor=administrator, request=request)

    kept = [row[:2] for row in ErasureRecord.objects.get(pk=tombstone.pk).kept]
    assert ["Their paid claims, with the costs and receipts", 1] in kept
    assert _gone(draft) and not storage.exists(draft_receipt)
    assert not PaymentChoice.objects.filter(person=member).exists()
    assert not PaymentChoice.history.model.objects.filter(person_id=member.pk).exists()
    # What stays is on their account's number, which the finance system pays by; their name is gone.
    for claim in (paid, waiting):
        claim.refresh_from_db()
        assert claim.person_id == member.pk and claim.payee_reference == f"EP{member.pk:06d}"
    assert storage.exists(paid_receipt)
    member.refresh_from_db()
    assert member.full_name == "" and not member.is_active
    # When their time is up they go, as anyone's do: erasure does not keep them for ever.
    done = retention.retention_apply(today=datetime(2033, 4, 6).date())
    assert done[RetentionKind.PAYMENT_RECORDS] == 2
    assert _gone(paid) and _gone(waiting) and not storage.exists(paid_receipt)
