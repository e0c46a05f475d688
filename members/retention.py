"""Retention in `members`: former members' memberships and removed access needs, anonymised or
deleted by the privacy app's daily job as the system (see recruitment.services.retention)."""

import logging
from datetime import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from accounts.personal_data import Erasure
from accounts.services import STAND_IN, stand_ins

from .models import AccessNeed, AccessProfile, InterestDeclaration, Membership, MembershipStatus, StaffRole

logger = logging.getLogger(__name__)


def former_memberships_due(before: datetime, *, held: set[int]) -> QuerySet[Membership]:
    """Memberships whose term ended before `before`'s day, not yet anonymised."""
    return (
        Membership.objects.filter(term_end__lt=before.date(), anonymised_at__isnull=True)
        .exclude(person__in=held)
        .order_by("pk")
    )


@transaction.atomic
def memberships_anonymise(memberships: QuerySet[Membership]) -> int:
    """Each membership is left to someone who is no one, its reason for ending blanked, its history
    too: the panel's numbers over the years still add up."""
    rows = list(memberships.values_list("pk", "person_id"))
    history = Membership.history.model.objects
    for (pk, person_id), stand_in in zip(rows, stand_ins(len(rows)), strict=True):
        Membership.objects.filter(pk=pk).update(person=stand_in, ended_reason="", anonymised_at=timezone.now())
        history.filter(id=pk).update(person=stand_in, ended_reason="")
        history.filter(id=pk, history_user_id=person_id).update(history_user=None)
    logger.info("retention: %s memberships anonymised", len(rows))
    return len(rows)


@transaction.atomic
def memberships_delete(memberships: QuerySet[Membership]) -> int:
    ids = list(memberships.values_list("pk", flat=True))
    deleted = Membership.objects.filter(pk__in=ids).delete()[1].get(Membership._meta.label, 0)
    Membership.history.model.objects.filter(id__in=ids).delete()
    logger.info("retention: %s memberships deleted", deleted)
    return deleted


def removed_access_needs_due(before: datetime, *, held: set[int]) -> QuerySet[AccessNeed]:
    """Needs the person (or staff for them) removed before `before`, still linked to them."""
    return (
        AccessNeed.objects.filter(removed_at__lt=before)
        .exclude(profile__person__in=held)
        .exclude(profile__person__in=User.objects.filter(STAND_IN))
        .order_by("pk")
    )


@transaction.atomic
def access_needs_anonymise(needs: QuerySet[AccessNeed]) -> int:
    """Each need moves to the profile of someone who is no one, without the person's words: which
    need it was can still be counted, never whose it was."""
    ids = list(needs.values_list("pk", flat=True))
    profiles = AccessProfile.objects.bulk_create([AccessProfile(person=p) for p in stand_ins(len(ids))])
    history = AccessNeed.history.model.objects
    for pk, profile in zip(ids, profiles, strict=True):
        AccessNeed.objects.filter(pk=pk).update(profile=profile, details="", removed_reason="")
        history.filter(id=pk).update(profile=profile, details="", removed_reason="", history_user=None)
    logger.info("retention: %s removed access needs anonymised", len(ids))
    return len(ids)


@transaction.atomic
def access_needs_delete(needs: QuerySet[AccessNeed]) -> int:
    ids = list(needs.values_list("pk", flat=True))
    AccessNeed.objects.filter(pk__in=ids).delete()
    AccessNeed.history.model.objects.filter(id__in=ids).delete()
    logger.info("retention: %s removed access needs deleted", len(ids))
    return len(ids)


def person_erase(person, *, apply: bool) -> Erasure:
    """Erasing a person here: staff roles, access needs, the access profile and interests go;
    memberships are ended if current and left to stand-ins, so each panel's numbers still add up."""
    done = Erasure()
    roles = StaffRole.objects.filter(user=person)
    needs = AccessNeed.objects.filter(profile__person=person)
    interests = InterestDeclaration.objects.filter(person=person)
    memberships = Membership.objects.filter(person=person)
    done.remove("Staff roles", roles.count())
    done.remove(
        "Access needs, and their access profile", needs.count() + AccessProfile.objects.filter(person=person).count()
    )
    done.remove("Declarations of interests", interests.count())
    done.keep("Panel memberships, with no name", memberships.count(),
              "Kept only to count each panel's members over the years; current ones are ended.")  # fmt: skip
    if not apply:
        return done
    roles.delete()
    StaffRole.history.model.objects.filter(user_id=person.pk).delete()
    for model, rows in ((AccessNeed, needs), (AccessProfile, AccessProfile.objects.filter(person=person)),
                        (InterestDeclaration, interests)):  # fmt: skip
        ids = list(rows.values_list("pk", flat=True))
        rows.delete()
        if hasattr(model, "history"):
            model.history.model.objects.filter(id__in=ids).delete()
    memberships.exclude(status=MembershipStatus.ENDED).update(status=MembershipStatus.ENDED)
    memberships_anonymise(memberships)
    return done
