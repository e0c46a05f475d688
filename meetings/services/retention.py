"""Erasure in `meetings`: a person's invitations are left to stand-ins, so attendance can still be
counted, without their apologies (see recruitment.services.retention)."""

from django.db import transaction

from accounts.personal_data import Erasure
from accounts.services import stand_ins
from meetings.models import Invitation, ItemInterest


@transaction.atomic
def person_erase(person, *, apply: bool) -> Erasure:
    done = Erasure()
    invitations = list(Invitation.objects.filter(person=person).values_list("pk", flat=True))
    done.keep("Meeting invitations and attendance, with no name", len(invitations),
              "Kept only to count who came to each meeting.")  # fmt: skip
    interests = ItemInterest.objects.filter(person=person)
    done.keep("Interests they declared at meetings, with no name", interests.count(),
              "The minutes record that an interest was declared.")  # fmt: skip
    if not apply:
        return done
    for pk, stand_in in zip(list(interests.values_list("pk", flat=True)), stand_ins(interests.count()), strict=True):
        ItemInterest.objects.filter(pk=pk).update(person=stand_in, interest="")
        history = ItemInterest.history.model.objects.filter(id=pk)
        history.update(person=stand_in, interest="")
        history.filter(history_user_id=person.pk).update(history_user=None)
    history = Invitation.history.model.objects
    for pk, stand_in in zip(invitations, stand_ins(len(invitations)), strict=True):
        Invitation.objects.filter(pk=pk).update(person=stand_in, apologies="")
        history.filter(id=pk).update(person=stand_in, apologies="", history_user=None)
    return done
