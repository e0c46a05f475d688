"""Money adds up to the penny: over random claims (time paid by the minute, half day or day at
random rates, mileage, costs with receipts; some given to charity), exported in two batches and
paid on days that fall in different tax years, every export and every person's statements add up
to exactly what the claims' lines say."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from payments import selectors, services
from payments.models import Activity, Claim, ClaimKind, ClaimLine, ClaimStatus, ExportBatch, LineKind, Rate, Unit
from payments.money import tax_year_of
from tests.factories import UserFactory

from .factories import a_finance_person

TIME = st.tuples(st.just("time"), st.sampled_from(list(Unit)), st.integers(1, 9999), st.integers(1, 600))
MILEAGE = st.tuples(st.just("mileage"), st.just(""), st.integers(45, 45), st.integers(1, 400))
COST = st.tuples(st.sampled_from(["fares", "taxi", "carer", "childcare", "subsistence"]), st.just(""),
                 st.integers(1, 50_000), st.just(1))  # fmt: skip
CLAIMS = st.lists(
    st.tuples(st.integers(0, 2), st.booleans(), st.booleans(), st.lists(st.one_of(TIME, MILEAGE, COST), min_size=1,
                                                                         max_size=4)),
    min_size=1, max_size=8,
)  # fmt: skip
# Paid on days up to two years back, so statements fall in more than one tax year.
DAYS_BACK = st.integers(0, 730)


def _line(kind: str, unit: str, pence: int, size: int) -> ClaimLine:
    if kind == "time":
        rate = Rate(activity=Activity.MEETING, unit=unit, amount_pence=pence, effective_from=date(2020, 1, 1))
        quantity, amount, words = services.time_paid(rate, size)
        return ClaimLine(kind=LineKind.TIME, activity=Activity.MEETING, quantity=quantity, quantity_text=words,
                         rate_pence=pence, amount_pence=amount)  # fmt: skip
    if kind == "mileage":
        return ClaimLine(kind=LineKind.MILEAGE, quantity=size, rate_pence=pence, amount_pence=size * pence)
    return ClaimLine(kind=kind, amount_pence=pence, receipt_by_post=True)


def _export_and_pay(finance, claims: list[Claim], days_back: int) -> ExportBatch:
    Claim.objects.filter(pk__in=[claim.pk for claim in claims]).update(status=ClaimStatus.APPROVED)
    batch = services.claims_export(actor=finance)
    paid_on = timezone.localdate() - timedelta(days=days_back)
    ExportBatch.objects.filter(pk=batch.pk).update(created_at=timezone.now() - timedelta(days=days_back + 1))
    batch.refresh_from_db()
    services.batch_mark_paid(actor=finance, batch=batch, paid_on=paid_on)
    return batch


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(claims=CLAIMS, split=st.integers(0, 8), first_paid=DAYS_BACK, second_paid=DAYS_BACK)
def test_exports_and_statements_add_up_to_the_penny(race_panel, signed_in, claims, split, first_paid, second_paid):
    with transaction.atomic():
        finance = a_finance_person()
        people = [UserFactory() for _ in range(3)]
        made = []
        for who, donate, for_time, lines in claims:
            claim = Claim.objects.create(
                person=people[who], panel=race_panel, kind=ClaimKind.INVOLVEMENT if for_time else ClaimKind.EXPENSES,
                about="Taking part", happened_on=timezone.localdate(), donate=donate, status=ClaimStatus.SUBMITTED,
            )  # fmt: skip
            for spec in lines:
                line = _line(*spec)
                if line.amount_pence:  # the service makes no line that pays nothing (a minute at 1p an hour)
                    line.claim = claim
                    line.save()
            made.append(claim)
        batches = [_export_and_pay(finance, part, days) for part, days in
                   ((made[:split], first_paid), (made[split:], second_paid)) if part]  # fmt: skip

        exported = 0
        browser = signed_in(finance)
        for batch in batches:
            expected = sum(ClaimLine.objects.filter(claim__batch=batch).values_list("amount_pence", flat=True))
            sheet = browser.get(f"/staff/finance/exports/{batch.pk}.csv").content.decode()
            rows = list(csv.DictReader(io.StringIO(sheet)))
            assert sum(int(row["amount_pence"]) for row in rows) == expected
            assert sum(Decimal(row["amount_pounds"]) for row in rows) * 100 == expected
            exported += expected

        stated = 0
        for person in people:
            for year in selectors.tax_years_paid(person):
                statement = selectors.statement(person, year)
                paid = ClaimLine.objects.filter(claim__person=person, claim__status=ClaimStatus.PAID)
                in_year = [line for line in paid.select_related("claim") if tax_year_of(line.claim.paid_on) == year]
                assert statement.paid_to_you + statement.donated == sum(line.amount_pence for line in in_year)
                assert statement.donated == sum(line.amount_pence for line in in_year if line.claim.donate)
                stated += statement.paid_to_you + statement.donated
        assert stated == exported == sum(ClaimLine.objects.values_list("amount_pence", flat=True))
        transaction.set_rollback(True)
