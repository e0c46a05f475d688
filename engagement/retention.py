"""Retention and erasure in `engagement`. A refused registration is kept a while, in case the
officer asks why, then deleted. An officer's requests are the authority's record of what it asked
the panels and what changed, so erasing the officer leaves each request to a stand-in, without
their name, and deletes their registration."""

import logging
from datetime import datetime

from django.db import transaction
from django.db.models import QuerySet

from accounts.personal_data import Erasure
from accounts.services import stand_ins

from .models import Officer, OfficerStatus, Request, WrittenAnswer

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


@transaction.atomic
def person_erase(person, *, apply: bool) -> Erasure:
    done = Erasure()
    officer = Officer.objects.filter(user=person)
    done.remove("Their registration as an officer", officer.count())
    requests = list(Request.objects.filter(officer=person).values_list("pk", flat=True))
    done.keep("Their requests to the panels, with no name", len(requests),
              "The authority's record of what it asked the panels, and what their advice changed.")  # fmt: skip
    answers = WrittenAnswer.objects.filter(person=person)
    done.remove("Their written answers to the panels", answers.count())
    if not apply:
        return done
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
