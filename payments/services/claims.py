"""Expense claims, written by the person who had the costs, and each claim's decision."""

import logging
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.access import require
from accounts.models import User
from meetings.models import Invitation
from members.models import Membership, MembershipStatus, Panel
from notifications.services import message_queue
from payments import messages
from payments.models import NEEDS_RECEIPT, TRAVEL, Claim, ClaimKind, ClaimLine, ClaimStatus, LineKind
from payments.money import pounds
from recruitment.models import Application

from .common import claim_deadline, claim_make, earliest_claimable, pay_by

logger = logging.getLogger(__name__)


def claimable_panels(person: User) -> QuerySet[Panel]:
    """The panels a person may claim expenses for: those they are a current member of; those they
    were invited to a meeting of within the claim deadline (a member whose term has just ended
    claims for their last meeting); those they were invited to interview for (whatever came of the
    interview: the claim deadline alone limits it)."""
    member = Membership.objects.filter(person=person).exclude(status=MembershipStatus.ENDED).values("panel_id")
    lately = Invitation.objects.filter(person=person, meeting__starts_at__date__gte=earliest_claimable())
    invited = Application.objects.filter(applicant=person, interview__isnull=False).values("round__panel_id")
    return Panel.objects.filter(
        Q(pk__in=member) | Q(pk__in=lately.values("meeting__panels")) | Q(pk__in=invited)
    )  # fmt: skip


def may_claim_expenses_for(person: User, panel: Panel) -> bool:
    return claimable_panels(person).filter(pk=panel.pk).exists()


def _locked(claim: Claim) -> Claim:
    return Claim.objects.select_for_update(of=("self",)).select_related("person", "panel").get(pk=claim.pk)


@transaction.atomic
def expense_claim_start(
    *, actor: User, panel: Panel, about: str, happened_on: date, in_advance: bool = False, person: User | None = None
) -> Claim:  # fmt: skip
    """A claim for the costs of taking part in something for a panel, by the person who had them,
    or written for them by the panel's coordinator from what they sent by post or said on the
    phone (`person`). Travel can be asked for before the journey (`in_advance`)."""
    person = person or actor
    if person.pk != actor.pk:
        require(actor, "payments.add_claim_for", panel)
        if not may_claim_expenses_for(person, panel):
            raise ValidationError({"person": "Choose a member of the panel, or someone invited to interview for it"})
    elif not actor.is_authenticated or not may_claim_expenses_for(actor, panel):
        raise ValidationError({"panel": "Choose a panel you are a member of, or were invited to interview for"})
    today = timezone.localdate()
    if in_advance and happened_on < today:
        raise ValidationError({"happened_on": "To be paid before you travel, the date must be today or later"})
    if not in_advance and happened_on > today:
        raise ValidationError(
            {"happened_on": "The date must be today or in the past. To be paid before you travel, say so below"}
        )
    if today > claim_deadline(happened_on):
        raise ValidationError(
            {"happened_on": f"Claims must be made within {settings.PAYMENT_CLAIM_DEADLINE_MONTHS} months. "
                            "Ask your coordinator if you could not claim in time"}
        )  # fmt: skip
    claim = Claim(person=person, panel=panel, kind=ClaimKind.EXPENSES, about=about, happened_on=happened_on,
                  in_advance=in_advance, created_by=actor)  # fmt: skip
    claim_make(claim, [], actor=actor)
    logger.info("claim %s started for person %s by %s", claim.pk, person.pk, actor.pk)
    return claim


@transaction.atomic
def claim_line_add(
    *, actor: User, claim: Claim, kind: str, description: str = "", amount_pence: int | None = None,
    miles: int | None = None, reason: str = "", receipt=None, receipt_by_post: bool = False,
) -> ClaimLine:  # fmt: skip
    """One cost on an expense claim: mileage worked out from the miles at MILEAGE_PENCE_PER_MILE;
    anything else at what it cost, against a receipt uploaded or sent by post."""
    require(actor, "payments.change_claim", claim)
    claim = _locked(claim)
    if not claim.is_open or claim.kind != ClaimKind.EXPENSES:
        raise ValidationError("This claim can no longer be changed")
    if kind not in LineKind.values or kind == LineKind.TIME:
        raise ValidationError({"kind": "Choose what the cost was for"})
    if claim.in_advance and kind not in TRAVEL:
        raise ValidationError({"kind": "Only travel can be paid before the journey"})
    line = ClaimLine(claim=claim, kind=kind, description=description, reason=reason)
    if kind == LineKind.MILEAGE:
        if not miles:
            raise ValidationError({"miles": "Enter how many miles you travelled, there and back"})
        line.quantity, line.quantity_text = miles, f"{miles} mile{'s' if miles != 1 else ''}"
        line.rate_pence = settings.MILEAGE_PENCE_PER_MILE
        line.amount_pence = miles * settings.MILEAGE_PENCE_PER_MILE
    else:
        if not amount_pence:
            raise ValidationError({"amount": "Enter how much it cost"})
        line.amount_pence = amount_pence
    if kind == LineKind.TAXI and not reason.strip():
        raise ValidationError({"reason": "Say why you needed a taxi"})
    if kind in NEEDS_RECEIPT and not claim.in_advance:
        if receipt:
            line.receipt = receipt
        elif receipt_by_post:
            line.receipt_by_post = True
        else:
            raise ValidationError({"receipt": "Upload a photo or PDF of the receipt, or say you will post it"})
    line._history_user = actor
    line.full_clean()
    line.save()
    return line


@transaction.atomic
def claim_line_remove(*, actor: User, line: ClaimLine) -> None:
    require(actor, "payments.change_claim", line.claim)
    claim = _locked(line.claim)
    if not claim.is_open:
        raise ValidationError("This claim can no longer be changed")
    receipt = line.receipt.name
    line._history_user = actor
    line.delete()
    if receipt:  # once the row is surely gone: a rollback must not leave a row without its file
        storage = line.receipt.storage
        transaction.on_commit(lambda: storage.delete(receipt))


@transaction.atomic
def claim_submit(*, actor: User, claim: Claim) -> Claim:
    """Send a claim for approval (again, after a question)."""
    require(actor, "payments.change_claim", claim)
    claim = _locked(claim)
    if not claim.is_open:
        raise ValidationError("This claim has been sent already")
    if not claim.lines.exists():
        raise ValidationError("Add at least one cost before you send the claim")
    today = timezone.localdate()
    if claim.in_advance and today > claim.happened_on:
        raise ValidationError(
            "This claim was for travel before the journey, which has now happened. Start a new claim for it, "
            "with the receipts"
        )
    if claim.status == ClaimStatus.DRAFT and today > claim_deadline(claim.happened_on):
        raise ValidationError(
            f"The last day to send this claim was {claim_deadline(claim.happened_on):%-d %B %Y}. "
            "Ask your coordinator if you could not claim in time"
        )
    claim.status, claim.submitted_at = ClaimStatus.SUBMITTED, timezone.now()
    claim._history_user = actor
    claim.save(update_fields=["status", "submitted_at"])
    logger.info("claim %s sent by %s", claim.pk, actor.pk)
    return claim


@transaction.atomic
def claim_decide(*, actor: User, claim: Claim, approve: bool = False, query: str = "", reject: bool = False) -> Claim:
    """A coordinator approves a claim; asks its person a question about it (the claim goes back to
    them to answer and send again); or does not approve it, saying why (a meeting recorded by
    mistake, say). They are told each time."""
    require(actor, "payments.decide_claim", claim)
    claim = _locked(claim)
    if claim.status != ClaimStatus.SUBMITTED:
        raise ValidationError("This claim is not waiting for a decision")
    now = timezone.now()
    if approve:
        if not claim.in_advance:
            missing = [line for line in claim.lines.all() if line.needs_receipt and not line.has_receipt]
            if missing:
                raise ValidationError(
                    {"decision": f"A receipt is missing for {missing[0].get_kind_display().lower()}. "
                                 "Record it when it arrives by post, or ask the person for it"}
                )  # fmt: skip
        claim.status, claim.query = ClaimStatus.APPROVED, ""
    elif reject:
        if not query.strip():
            raise ValidationError({"query": "Say why you are not approving it"})
        claim.status, claim.query = ClaimStatus.REJECTED, query.strip()
    else:
        if not query.strip():
            raise ValidationError({"query": "Write your question, so they know what to change"})
        claim.status, claim.query = ClaimStatus.QUERIED, query.strip()
    claim.decided_by, claim.decided_at = actor, now
    claim._history_user = actor
    claim.save(update_fields=["status", "query", "decided_by", "decided_at"])
    total = sum(line.amount_pence for line in claim.lines.all())
    due = pay_by(timezone.localdate(now), journey=claim.happened_on if claim.in_advance else None)
    context = {"name": claim.person.display_name, "about": claim.about, "reference": claim.reference,
               "amount": pounds(total), "query": claim.query, "donate": claim.donate,
               "pay_by": f"{due:%-d %B %Y}", "panel": claim.panel.name}  # fmt: skip
    kind = messages.CLAIM_APPROVED if approve else messages.CLAIM_REJECTED if reject else messages.CLAIM_QUERIED
    message_queue(kind=kind.key, recipient=claim.person, context=context, topic=claim.panel.topic,
                  idempotency_key=f"payments.claim:{claim.pk}:{claim.status}:{now.timestamp()}")  # fmt: skip
    logger.info("claim %s %s by %s", claim.pk, claim.status, actor.pk)
    return claim


@transaction.atomic
def receipt_record(*, actor: User, line: ClaimLine) -> ClaimLine:
    """A coordinator records that a receipt sent by post has arrived."""
    require(actor, "payments.record_receipt", line)
    if line.claim.status not in (ClaimStatus.SUBMITTED, ClaimStatus.QUERIED, ClaimStatus.DRAFT):
        raise ValidationError("This claim has been decided already")
    if line.has_receipt or not line.needs_receipt:
        raise ValidationError("This cost does not wait for a receipt")
    line.receipt_received_at, line.receipt_received_by = timezone.now(), actor
    line._history_user = actor
    line.save(update_fields=["receipt_received_at", "receipt_received_by"])
    return line
