"""Finance: approved claims go to the authority's finance system in batches, and are marked paid."""

import logging
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from accounts.access import require
from accounts.models import User
from notifications.services import message_queue
from payments import messages
from payments.models import Claim, ClaimStatus, ExportBatch
from payments.money import pounds

logger = logging.getLogger(__name__)


@transaction.atomic
def claims_export(*, actor: User) -> ExportBatch:
    """Every approved claim not yet exported, in one batch, except the actor's own (another member
    of finance exports those)."""
    require(actor, "payments.export_claims")
    ready = list(
        Claim.objects.select_for_update(skip_locked=True).filter(status=ClaimStatus.APPROVED, batch__isnull=True)
        .exclude(person=actor).order_by("id")
    )  # fmt: skip
    if not ready:
        raise ValidationError("There are no approved claims to export")
    batch = ExportBatch(created_by=actor)
    batch._history_user = actor
    batch.save()
    for claim in ready:
        claim.status, claim.batch = ClaimStatus.EXPORTED, batch
        claim._history_user = actor
        claim.save(update_fields=["status", "batch"])
    logger.info("export %s of %s claims by %s", batch.pk, len(ready), actor.pk)
    return batch


@transaction.atomic
def batch_mark_paid(*, actor: User, batch: ExportBatch, paid_on: date) -> int:
    """The finance system has paid the batch: each claim is paid on that day, and its person told."""
    require(actor, "payments.mark_paid")
    batch = ExportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.paid_on:
        raise ValidationError("This export has been marked paid already")
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": "The date paid must be today or in the past"})
    if paid_on < timezone.localtime(batch.created_at).date():
        raise ValidationError({"paid_on": "The date paid must be on or after the day the claims were exported"})
    claims = list(batch.claims.select_related("person", "panel").annotate(total=Sum("lines__amount_pence")))
    if any(claim.person_id == actor.pk for claim in claims):
        raise ValidationError("A claim of yours is in this export: ask another member of finance to mark it paid")
    batch.paid_on, batch.paid_by = paid_on, actor
    batch._history_user = actor
    batch.save(update_fields=["paid_on", "paid_by"])
    for claim in claims:
        claim.status, claim.paid_on = ClaimStatus.PAID, paid_on
        claim._history_user = actor
        claim.save(update_fields=["status", "paid_on"])
        context = {"name": claim.person.display_name, "about": claim.about, "reference": claim.reference,
                   "amount": pounds(claim.total or 0), "donate": claim.donate,
                   "paid_on": f"{paid_on:%-d %B %Y}"}  # fmt: skip
        message_queue(kind=messages.CLAIM_PAID.key, recipient=claim.person, context=context,
                      topic=claim.panel.topic, idempotency_key=f"payments.claim:{claim.pk}:paid")  # fmt: skip
    logger.info("export %s marked paid by %s", batch.pk, actor.pk)
    return len(claims)
