"""Reads of payments used by more than one page, and the two documents money leaves by: the
finance export and each person's statement for a tax year."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, QuerySet, Sum
from django.utils import timezone

from accounts.models import User
from members.models import Membership, MembershipStatus, Panel
from members.rules import member_panel_ids

from .models import Claim, ClaimKind, ClaimLine, ClaimStatus, ExportBatch, PaymentChoice, payee_reference
from .money import pounds_plain, tax_year_bounds, tax_year_of

WAITING = (ClaimStatus.SUBMITTED,)


def with_totals(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    return claims.annotate(total=Sum("lines__amount_pence"))


def claims_of(person) -> QuerySet[Claim]:
    return with_totals(Claim.objects.filter(person=person).select_related("panel"))


def claim_with_lines(claim_id: int) -> Claim:
    lines = Prefetch("lines", queryset=ClaimLine.objects.order_by("id"))
    return (
        Claim.objects.select_related("person", "panel", "decided_by", "batch").prefetch_related(lines).get(pk=claim_id)
    )


def panels_and_choices(person) -> list[tuple[Panel, PaymentChoice | None]]:
    """The panels the person is a current member of, each with their choice (None when not made)."""
    panels = Panel.objects.filter(pk__in=member_panel_ids(person))
    choices = {choice.panel_id: choice for choice in PaymentChoice.objects.filter(person=person)}
    return [(panel, choices.get(panel.pk)) for panel in panels]


def current_members(panel: Panel) -> QuerySet[User]:
    """The panel's current members, by name: whom a coordinator may act for."""
    current = Membership.objects.filter(panel=panel).exclude(status=MembershipStatus.ENDED)
    return User.objects.filter(memberships__in=current).distinct().order_by("full_name")


def panel_claims(panel: Panel, *, status: str = "") -> QuerySet[Claim]:
    claims = with_totals(Claim.objects.filter(panel=panel).exclude(status=ClaimStatus.DRAFT).select_related("person"))
    return claims.filter(status=status) if status else claims


def ready_to_export(actor) -> QuerySet[Claim]:
    """Approved claims finance can export: everyone's but their own."""
    claims = Claim.objects.filter(status=ClaimStatus.APPROVED, batch__isnull=True).exclude(person=actor)
    return with_totals(claims.select_related("panel"))


def batches() -> QuerySet[ExportBatch]:
    return ExportBatch.objects.annotate(total=Sum("claims__lines__amount_pence")).select_related(
        "created_by", "paid_by"
    )


EXPORT_COLUMNS = [
    "export", "claim", "payee_reference", "pay_to", "cost_code", "kind", "what_for", "date", "quantity",
    "amount_pence", "amount_pounds",
]  # fmt: skip


def export_rows(batch: ExportBatch) -> list[dict]:
    """One row for each line of each claim in the batch: who is paid (by reference only: bank,
    tax and National Insurance details are kept by finance), what for in the service's words (not
    the person's, nor the panel's name, which could say something about them), and how much."""
    lines = (
        ClaimLine.objects.filter(claim__batch=batch).select_related("claim__panel")
        .order_by("claim_id", "id")
    )  # fmt: skip
    rows = []
    for line in lines:
        claim = line.claim
        rows.append({
            "export": batch.reference, "claim": claim.reference, "payee_reference": payee_reference(claim.person_id),
            "pay_to": "charity donation" if claim.donate else "payee", "cost_code": claim.panel.cost_code,
            "kind": claim.get_kind_display(),
            "what_for": line.get_activity_display() if line.activity else line.get_kind_display(),
            "date": claim.happened_on.isoformat(), "quantity": line.quantity_text,
            "amount_pence": line.amount_pence, "amount_pounds": pounds_plain(line.amount_pence),
        })  # fmt: skip
    return rows


@dataclass
class Statement:
    person_id: int
    year: int
    lines: list[ClaimLine] = field(default_factory=list)
    for_time: int = 0
    expenses: int = 0
    donated: int = 0

    @property
    def paid_to_you(self) -> int:
        return self.for_time + self.expenses

    @property
    def start(self) -> date:
        return tax_year_bounds(self.year)[0]

    @property
    def end(self) -> date:
        return tax_year_bounds(self.year)[1]


def statement(person, year: int) -> Statement:
    """What was paid to the person (or given away for them) in a tax year, by the day it was paid."""
    start, end = tax_year_bounds(year)
    lines = (
        ClaimLine.objects.filter(claim__person=person, claim__status=ClaimStatus.PAID,
                                 claim__paid_on__gte=start, claim__paid_on__lte=end)
        .select_related("claim__panel").order_by("claim__paid_on", "claim_id", "id")
    )  # fmt: skip
    found = Statement(person_id=person.pk, year=year, lines=list(lines))
    for line in found.lines:
        if line.claim.donate:
            found.donated += line.amount_pence
        elif line.claim.kind == ClaimKind.INVOLVEMENT:
            found.for_time += line.amount_pence
        else:
            found.expenses += line.amount_pence
    return found


def tax_years_paid(person) -> list[int]:
    days = Claim.objects.filter(person=person, status=ClaimStatus.PAID).values_list("paid_on", flat=True)
    return sorted({tax_year_of(day) for day in days}, reverse=True)


def current_tax_year() -> int:
    return tax_year_of(timezone.localdate())
