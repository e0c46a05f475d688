"""Retention and erasure in `payments`. A claim is a record of a payment, which HMRC requires the
authority to keep for 6 years after the end of the tax year it was paid in; a claim never paid is
kept as long from when it last changed. Then it is deleted (or, if an administrator chooses,
anonymised), with its costs, its receipts' files and its history.

Erasing a person keeps their claims on their account's number, which the account keeps once
emptied: the finance system knows them by a payee reference made from that number, and keeps their
bank details under it, so a claim left to a stand-in could no longer show whom the authority paid.
The nightly job deletes each claim when its time is up, as for anyone else."""

import logging
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import DateTimeField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from accounts.personal_data import Erasure
from accounts.services import stand_ins

from .models import Claim, ClaimLine, ClaimStatus, PaymentChoice
from .money import tax_year_bounds, tax_year_of

logger = logging.getLogger(__name__)

# What a claim holds in the person's words, or about them, blanked when it is anonymised: what is
# left (the panel, the kind, the dates, the status and each cost's kind and amount) is what is counted.
CLAIM_WORDS = ("about", "query", "source")
LINE_WORDS = ("description", "reason", "receipt")


def _last_changed(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """Each claim with when it, or a cost on it, last changed (or when it was made)."""
    claim_versions = Claim.history.model.objects.filter(id=OuterRef("pk")).order_by("-history_date")
    line_versions = ClaimLine.history.model.objects.filter(claim_id=OuterRef("pk")).order_by("-history_date")

    def latest(versions):
        return Coalesce(Subquery(versions.values("history_date")[:1], output_field=DateTimeField()), "created_at")

    return claims.annotate(last_changed=Greatest("created_at", latest(claim_versions), latest(line_versions)))


def first_tax_year_kept(before: datetime) -> date:
    """The first day of the earliest tax year that had not ended before `before`: a claim paid
    before this day was paid in a tax year that has."""
    last_day = timezone.localtime(before - timedelta(microseconds=1)).date()
    return tax_year_bounds(tax_year_of(last_day))[0]


def payment_records_due(before: datetime, *, held: set[int]) -> QuerySet[Claim]:
    """Claims paid in a tax year that ended before `before`, and claims never paid that last
    changed before it, not yet anonymised."""
    paid = Q(status=ClaimStatus.PAID, paid_on__lt=first_tax_year_kept(before))
    never_paid = ~Q(status=ClaimStatus.PAID) & Q(last_changed__lt=before)
    return (
        _last_changed(Claim.objects.filter(anonymised_at__isnull=True)).filter(paid | never_paid)
        .exclude(person__in=held).order_by("pk")
    )  # fmt: skip


def _receipts_delete(claim_ids: list[int]) -> None:
    """The files of the receipts on these claims, as they are now and in any earlier version."""
    storage = ClaimLine._meta.get_field("receipt").storage
    names = set()
    for rows in (ClaimLine.objects, ClaimLine.history.model.objects):
        names |= set(rows.filter(claim_id__in=claim_ids).exclude(receipt="").values_list("receipt", flat=True))
    for name in sorted(names):
        storage.delete(name)


@transaction.atomic
def payment_records_anonymise(claims: QuerySet[Claim]) -> int:
    """Each claim is left to someone who is no one, to count what each panel paid: what it was for,
    the coordinator's question, each cost's description and reason, and the receipts go, from its
    history too, which also forgets who made each change."""
    rows = list(claims.values_list("pk", "person_id"))
    ids = [pk for pk, _ in rows]
    _receipts_delete(ids)
    for lines in (ClaimLine.objects, ClaimLine.history.model.objects):
        lines.filter(claim_id__in=ids).update(**dict.fromkeys(LINE_WORDS, ""))
    history, line_history = Claim.history.model.objects, ClaimLine.history.model.objects
    now = timezone.now()
    for (pk, person_id), stand_in in zip(rows, stand_ins(len(rows)), strict=True):
        Claim.objects.filter(pk=pk).update(person=stand_in, anonymised_at=now, **dict.fromkeys(CLAIM_WORDS, ""))
        history.filter(id=pk).update(person=stand_in, **dict.fromkeys(CLAIM_WORDS, ""))
        for found in (Claim.objects.filter(pk=pk), history.filter(id=pk)):
            found.filter(created_by_id=person_id).update(created_by=stand_in)
        history.filter(id=pk, history_user_id=person_id).update(history_user=None)
        line_history.filter(claim_id=pk, history_user_id=person_id).update(history_user=None)
    logger.info("retention: %s payment claims anonymised", len(rows))
    return len(rows)


@transaction.atomic
def payment_records_delete(claims: QuerySet[Claim]) -> int:
    ids = list(claims.values_list("pk", flat=True))
    deleted = _claims_delete(ids)
    logger.info("retention: %s payment claims deleted", deleted)
    return deleted


def _claims_delete(ids: list[int]) -> int:
    """The claims, their costs, their receipts' files and every earlier version of each."""
    _receipts_delete(ids)
    deleted = Claim.objects.filter(pk__in=ids).delete()[1].get(Claim._meta.label, 0)
    # After deleting: deleting writes a last history row of its own, for each cost too.
    ClaimLine.history.model.objects.filter(claim_id__in=ids).delete()
    Claim.history.model.objects.filter(id__in=ids).delete()
    return deleted


@transaction.atomic
def person_erase(person, *, apply: bool) -> Erasure:
    """Claims they never sent go, with their receipts. Every other claim stays, with its costs and
    receipts: a paid one is a payment record HMRC requires us to keep, and one not yet paid may be
    money we still owe them, which the finance system pays by their payee reference; the nightly
    job deletes each when its time is up (see the module's docstring for why they stay with the
    account's number rather than a stand-in).

    Their choices about being paid go too. Each claim keeps what the choice meant for it (whether
    the payment went to charity), so the payment records stand without it; and without it the
    service makes no new claims for time for someone who asked to be erased."""
    done = Erasure()
    drafts = Claim.objects.filter(person=person, status=ClaimStatus.DRAFT)
    done.remove("Claims they never sent, with their receipts", drafts.count())
    sent = Claim.objects.filter(person=person).exclude(status=ClaimStatus.DRAFT)
    done.keep("Their paid claims, with the costs and receipts", sent.filter(status=ClaimStatus.PAID).count(),
              "HMRC requires records of payments to be kept for 6 years after the end of the tax year they "
              "were paid in; each is deleted when its time is up.")  # fmt: skip
    done.keep("Their claims not yet paid, with the costs and receipts", sent.exclude(status=ClaimStatus.PAID).count(),
              "Money we may still owe them, paid through the finance system by their payee reference; once "
              "paid, a payment record HMRC requires us to keep.")  # fmt: skip
    choices = PaymentChoice.objects.filter(person=person)
    done.remove("Their choices about being paid for their time", choices.count())
    if not apply:
        return done
    _claims_delete(list(drafts.values_list("pk", flat=True)))
    choices.delete()
    PaymentChoice.history.model.objects.filter(person_id=person.pk).delete()
    return done
