"""Every action that changes payments, one function each (see docs/architecture.md)."""

from .choices import benefits_reminders_send, payment_choice_set, warning_due
from .claims import (
    claim_decide,
    claim_line_add,
    claim_line_remove,
    claim_submit,
    claimable_panels,
    expense_claim_start,
    may_claim_expenses_for,
    receipt_record,
)
from .common import add_months, claim_deadline, earliest_claimable, pay_by
from .finance import batch_mark_paid, claims_export
from .involvement import involvement_claim_add, involvement_claims_make
from .rates import rate_add, rate_in_force, rates_in_force, time_paid

__all__ = [
    "add_months",
    "batch_mark_paid",
    "benefits_reminders_send",
    "claim_deadline",
    "claim_decide",
    "claim_line_add",
    "claim_line_remove",
    "claim_submit",
    "claimable_panels",
    "claims_export",
    "earliest_claimable",
    "expense_claim_start",
    "involvement_claim_add",
    "involvement_claims_make",
    "may_claim_expenses_for",
    "pay_by",
    "payment_choice_set",
    "rate_add",
    "rate_in_force",
    "rates_in_force",
    "receipt_record",
    "time_paid",
    "warning_due",
]
