from .finance import batch_csv, batch_detail, claims_export, finance_home
from .members import (
    claim_detail,
    claim_line_add,
    claim_line_remove,
    claim_submit,
    expense_claim_start,
    own_receipt,
    payment_choice,
    payments_home,
    statement,
    statement_csv,
)
from .staff import claim_decide, panel_claims, rates, receipt, receipt_arrived, time_claim_add
from .staff import claim_detail as staff_claim_detail

__all__ = [
    "batch_csv", "batch_detail", "claim_decide", "claim_detail", "claim_line_add", "claim_line_remove", "claim_submit",
    "claims_export", "expense_claim_start", "finance_home", "own_receipt", "panel_claims", "payment_choice",
    "payments_home", "rates", "receipt", "receipt_arrived", "staff_claim_detail", "statement", "statement_csv",
    "time_claim_add",
]  # fmt: skip
