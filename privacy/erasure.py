"""Erasing a person, at their request: each app removes what it holds about them, or keeps what it
must (saying why), through its own `person_erase`; the administrator sees both lists before
confirming, and a tombstone keeps which request, when, by whom and how many of each kind went."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.access import require
from accounts.models import User
from accounts.personal_data import Erasure
from accounts.services import person_erase as accounts_erase
from engagement.retention import person_erase as engagement_erase
from meetings.services.retention import person_erase as meetings_erase
from members.retention import person_erase as members_erase
from notifications.retention import person_erase as notifications_erase
from payments.retention import person_erase as payments_erase
from recruitment.services.retention import person_erase as recruitment_erase

from .models import DataRequest, ErasureRecord, LegalHold, RequestKind, RequestStatus

logger = logging.getLogger(__name__)

# Highest layer first: applications and memberships are left to stand-ins before the account
# itself is emptied, and messages are cancelled before anything else could queue one.
APPS = [payments_erase, engagement_erase, recruitment_erase, meetings_erase, members_erase, notifications_erase]


def _privacy_erase(person: User, *, apply: bool) -> Erasure:
    done = Erasure()
    requests = DataRequest.objects.filter(person=person)
    done.keep("Their data protection requests, without their words", requests.count(),
              "The record that we answered them, and of this erasure.")  # fmt: skip
    holds = LegalHold.objects.filter(person=person).count()
    done.keep("Legal holds on their information, without the reason", holds,
              "The record that we kept their information, and when.")  # fmt: skip
    if apply:
        requests.update(details="", identity_check="Checked (removed on erasure)")
        DataRequest.history.model.objects.filter(person_id=person.pk).update(
            details="", identity_check="Checked (removed on erasure)"
        )
        for holds in (LegalHold.objects, LegalHold.history.model.objects):
            holds.filter(person_id=person.pk).update(reason="")
    return done


def erasure_plan(person: User, *, apply: bool = False) -> Erasure:
    """Everything erasing the person removes, and what must stay and why, across every app."""
    plan = Erasure()
    for erase in [*APPS, _privacy_erase, accounts_erase]:
        part = erase(person, apply=apply)
        plan.removed += part.removed
        plan.kept += part.kept
    return plan


def erasure_problem(request: DataRequest) -> str:
    """Why this request cannot erase anyone now, or "" when it can."""
    if request.kind != RequestKind.ERASURE:
        return "Only a request for erasure can erase someone."
    if not request.is_open:
        return "This request is closed."
    if LegalHold.objects.filter(person=request.person_id, lifted_at__isnull=True).exists():
        return "Their information is under a legal hold: lift the hold first, if it may end."
    if not request.person.is_active and not request.person.email and not request.person.full_name:
        return "They have already been erased."
    return ""


@transaction.atomic
def person_erase(*, actor: User, request: DataRequest) -> ErasureRecord:
    """Erase the person who made the request, close it, and keep the tombstone."""
    require(actor, "privacy.manage_requests")
    request = DataRequest.objects.select_for_update().select_related("person").get(pk=request.pk)
    if problem := erasure_problem(request):
        raise ValidationError(problem)
    plan = erasure_plan(request.person, apply=True)
    request.refresh_from_db()  # its words went with the rest: the history row saved below must not bring them back
    tombstone = ErasureRecord.objects.create(
        request=request, removed=[list(row) for row in plan.removed], kept=[list(row) for row in plan.kept],
        erased_by=actor,
    )  # fmt: skip
    request.status, request.outcome = RequestStatus.DONE, "Erased. What went and what was kept are on this page."
    request.closed_at = tombstone.erased_at
    request._history_user = actor
    request.save(update_fields=["status", "outcome", "closed_at"])
    logger.info("person %s erased for request %s by person %s", request.person_id, request.pk, actor.pk)
    return tombstone
