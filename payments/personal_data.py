"""What `payments` holds about people (see accounts.personal_data), and `payments_data_of`.

Bank, tax and National Insurance details are not here: the authority's finance system keeps them,
and knows each person by their payee reference, which is made from their account's number."""

from functools import partial

from accounts.personal_data import NotPersonal, Personal, Section, sections

from .models import Claim, ClaimLine, PaymentChoice

DECLARED = {
    "payments.Rate": NotPersonal(
        "What each activity pays, and from when: the same for everyone. Who added a rate is kept as a record of "
        "staff work."
    ),
    "payments.ExportBatch": NotPersonal(
        "Approved claims sent to the finance system together, and the day they were paid: each claim in it is "
        "with its person's claims. Who exported it and who marked it paid are kept as a record of staff work."
    ),
    "payments.PaymentChoice": Personal(
        of="person", fields=("panel", "choice", "chosen_at", "paid_from", "warning_read_at", "method")
    ),
    "payments.Claim": Personal(
        of="person",
        fields=(
            "panel",
            "kind",
            "about",
            "happened_on",
            "in_advance",
            "donate",
            "status",
            "submitted_at",
            "query",
            "decided_at",
            "batch",
            "paid_on",
            "created_at",
            "anonymised_at",
        ),
        # Who decided it, and the coordinator who wrote it for them (or the person themselves).
        names=("decided_by", "created_by"),
        # Which meeting, consultation or interview day the service made it from, only so that it
        # is never made twice; what it was for is in `about`.
        kept_out=("source",),
    ),  # fmt: skip
    "payments.ClaimLine": Personal(
        of="claim__person",
        fields=(
            "claim",
            "kind",
            "activity",
            "description",
            "quantity",
            "quantity_text",
            "rate_pence",
            "amount_pence",
            "reason",
            "receipt_by_post",
            "receipt_received_at",
        ),
        names=("receipt_received_by",),
        files=("receipt",),
    ),  # fmt: skip
}


def payments_data_of(person) -> list[Section]:
    """Everything `payments` holds about the person: their choice for each panel, their claims
    and each cost on them, with the receipts' names."""
    read = partial(sections, DECLARED, person)
    return [
        *read(PaymentChoice, PaymentChoice.objects.filter(person=person), "Your choices about being paid"),
        *read(Claim, Claim.objects.filter(person=person), "Your claims"),
        *read(ClaimLine, ClaimLine.objects.filter(claim__person=person), "The costs on your claims"),
    ]
