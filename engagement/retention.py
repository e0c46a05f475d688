"""Retention and erasure in `engagement`. A refused registration is kept a while, in case the
officer asks why, then deleted. An officer's requests are the authority's record of what it asked
the panels and what changed, so erasing the officer leaves each request to a stand-in, without
their name, and deletes their registration."""

import logging
from datetime import datetime

from django.db import transaction
from django.db.models import QuerySet

from accounts.models import User
from accounts.personal_data import Erasure
from accounts.services import STAND_IN, stand_ins

from .models import Officer, OfficerStatus, Request, RequestDocument, RequestStatus, WrittenAnswer

logger = logging.getLogger(__name__)


def refused_officers_due(before: datetime, *, held: set[int]) -> QuerySet[Officer]:
    """Registrations refused before `before`."""
    return Officer.objects.filter(status=OfficerStatus.REFUSED, decided_at__lt=before).exclude(user__in=held)


@transaction.atomic
def officers_anonymise(officers: QuerySet[Officer]) -> int:
    """What the person told us (team, job) and why we refused them go; that someone was refused
    stays, to be counted."""
    ids = list(officers.values_list("pk", flat=True))
    for rows in (Officer.objects, Officer.history.model.objects):
        rows.filter(id__in=ids).update(team="", job_title="", reason="")
    logger.info("retention: %s officer registrations anonymised", len(ids))
    return len(ids)


@transaction.atomic
def officers_delete(officers: QuerySet[Officer]) -> int:
    ids = list(officers.values_list("pk", flat=True))
    deleted = Officer.objects.filter(pk__in=ids).delete()[1].get(Officer._meta.label, 0)
    Officer.history.model.objects.filter(id__in=ids).delete()
    logger.info("retention: %s officer registrations deleted", deleted)
    return deleted


def written_answers_due(before: datetime, *, held: set[int]) -> QuerySet[WrittenAnswer]:
    """Answers given before `before`, still linked to the member (the panel's advice, written from
    them, stays)."""
    return (
        WrittenAnswer.objects.filter(created_at__lt=before).exclude(person__in=held)
        .exclude(person__in=User.objects.filter(STAND_IN)).order_by("pk")
    )  # fmt: skip


@transaction.atomic
def written_answers_anonymise(answers: QuerySet[WrittenAnswer]) -> int:
    rows = list(answers.values_list("pk", "person_id"))
    history = WrittenAnswer.history.model.objects
    for (pk, person_id), stand_in in zip(rows, stand_ins(len(rows)), strict=True):
        WrittenAnswer.objects.filter(pk=pk).update(person=stand_in)
        history.filter(id=pk).update(person=stand_in)
        history.filter(id=pk, history_user_id=person_id).update(history_user=None)
    logger.info("retention: %s written answers anonymised", len(rows))
    return len(rows)


@transaction.atomic
def written_answers_delete(answers: QuerySet[WrittenAnswer]) -> int:
    ids = list(answers.values_list("pk", flat=True))
    deleted = WrittenAnswer.objects.filter(pk__in=ids).delete()[1].get(WrittenAnswer._meta.label, 0)
    WrittenAnswer.history.model.objects.filter(id__in=ids).delete()
    logger.info("retention: %s written answers deleted", deleted)
    return deleted


@transaction.atomic
def person_erase(person, *, apply: bool) -> Erasure:
    done = Erasure()
    officer = Officer.objects.filter(user=person)
    done.remove("Their registration as an officer", officer.count())
    drafts = Request.objects.filter(officer=person, status=RequestStatus.DRAFT)
    done.remove("Requests to the panels they never sent", drafts.count())
    requests = list(Request.objects.filter(officer=person).exclude(status=RequestStatus.DRAFT)
                    .values_list("pk", flat=True))  # fmt: skip
    done.keep("Their requests to the panels, with no name", len(requests),
              "The authority's record of what it asked the panels, and what their advice changed.")  # fmt: skip
    answers = WrittenAnswer.objects.filter(person=person)
    done.remove("Their written answers to the panels", answers.count())
    if not apply:
        return done
    draft_ids = list(drafts.values_list("pk", flat=True))
    for document in RequestDocument.objects.filter(request_id__in=draft_ids):
        document.file.delete(save=False)
    drafts.delete()
    # After deleting: deleting writes a last history row of its own.
    RequestDocument.history.model.objects.filter(request_id__in=draft_ids).delete()
    Request.history.model.objects.filter(id__in=draft_ids).delete()
    WrittenAnswer.history.model.objects.filter(person_id=person.pk).delete()
    answers.delete()
    Officer.history.model.objects.filter(user_id=person.pk).delete()
    officer.delete()
    history = Request.history.model.objects
    for pk, stand_in in zip(requests, stand_ins(len(requests)), strict=True):
        Request.objects.filter(pk=pk).update(officer=stand_in)
        history.filter(id=pk).update(officer=stand_in)
        history.filter(id=pk, history_user_id=person.pk).update(history_user=None)
    return done
