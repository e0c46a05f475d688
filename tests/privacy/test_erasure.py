"""Erasure: a person who asked is erased from every app, what must stay no longer says who it was
about, and a tombstone records the erasure without any personal data."""

import json

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import CharField, JSONField, Q, TextField
from django.urls import reverse
from django.utils import timezone

from accounts.models import RecordedMethod
from notifications.models import ConsentRecord
from privacy.erasure import erasure_plan, person_erase
from privacy.models import ErasureRecord, RequestKind, RequestStatus
from privacy.services import legal_hold_lift, legal_hold_place, request_log
from recruitment.models import Application
from recruitment.selectors import status_counts
from tests.privacy.factories import someone_everywhere

pytestmark = pytest.mark.django_db


@pytest.fixture
def everywhere(coordinator, administrator, race_panel, gender_panel):
    return someone_everywhere(coordinator, administrator, race_panel, gender_panel)


def _erasure_request(administrator, person):
    return request_log(
        actor=administrator, person=person, kind=RequestKind.ERASURE, received_on=timezone.localdate(),
        received_how=RecordedMethod.EMAIL, identity_check="Replied from the address we hold, postcode L9 9ZZ",
        details="Please delete everything about Ada Everywhere",
    )  # fmt: skip


def _what_they_told_us(person) -> list[str]:
    # Answers and phone numbers come from shared factories (everyone's are alike): not checked here.
    return [person.full_name, person.email, "9 Every Street", "L9 9ZZ", "Trustee of a housing charity",
            "Two, please", "A complaint to the ICO is open", "Please delete everything"]  # fmt: skip


def _anywhere(value: str) -> list[str]:
    """Every table and text column of the database still holding `value`."""
    found = []
    for model in apps.get_models():
        columns = [f.name for f in model._meta.concrete_fields if isinstance(f, CharField | TextField | JSONField)]
        texts = [f for f in columns if not isinstance(model._meta.get_field(f), JSONField)]
        query = Q()
        for name in texts:
            query |= Q(**{f"{name}__icontains": value})
        if texts and model._base_manager.filter(query).exists():
            found.append(model._meta.label)
        for name in set(columns) - set(texts):
            if any(value in json.dumps(v) for v in model._base_manager.values_list(name, flat=True)):
                found.append(f"{model._meta.label}.{name}")
    return found


def test_erasing_leaves_nothing_that_says_who_they_were_and_a_tombstone_without_personal_data(
    everywhere, administrator
):
    request = _erasure_request(administrator, everywhere)
    told = _what_they_told_us(everywhere)
    assert all(_anywhere(value) for value in told)  # each is held somewhere before
    application = Application.objects.get(applicant=everywhere)
    counts = status_counts(application.round)
    consents = ConsentRecord.objects.filter(person=everywhere).count()

    plan = erasure_plan(everywhere)
    removed, kept = dict(plan.removed), {label: (count, why) for label, count, why in plan.kept}
    assert removed["Applications, with their answers and anything written about them"] == 1
    assert kept["Their consents and contact choices"][0] >= consents and "proof" in kept[
        "Their consents and contact choices"][1]  # fmt: skip

    tombstone = person_erase(actor=administrator, request=request)

    leftovers = {value: _anywhere(value) for value in told}
    assert leftovers == dict.fromkeys(told, [])
    everywhere.refresh_from_db()
    assert not everywhere.is_active and everywhere.display_name == f"Person {everywhere.pk}"
    assert ConsentRecord.objects.filter(person=everywhere).count() == consents  # the ledger stays
    # Their application was still going: erasing withdrew it. Nothing else in the round's counts moved.
    assert status_counts(application.round) == counts | {
        "interviewed": counts["interviewed"] - 1, "withdrawn": counts["withdrawn"] + 1
    }  # fmt: skip
    # The tombstone: which request, when, by whom, how many of each kind, and nothing about them.
    assert tombstone.request == request and tombstone.erased_by == administrator
    assert tombstone.removed and tombstone.kept
    assert ErasureRecord._meta.get_field("request").related_model is type(request)
    request.refresh_from_db()
    assert request.status == RequestStatus.DONE and request.details == ""


def test_erasure_is_refused_under_a_legal_hold_and_for_other_kinds_of_request(everywhere, administrator):
    request = _erasure_request(administrator, everywhere)
    hold = legal_hold_place(actor=administrator, person=everywhere, reason="Tribunal claim")
    with pytest.raises(ValidationError, match="legal hold"):
        person_erase(actor=administrator, request=request)
    legal_hold_lift(actor=administrator, hold=hold)
    access = request_log(
        actor=administrator, person=everywhere, kind=RequestKind.ACCESS, received_on=timezone.localdate(),
        received_how=RecordedMethod.EMAIL, identity_check="Own email",
    )  # fmt: skip
    with pytest.raises(ValidationError, match="Only a request for erasure"):
        person_erase(actor=administrator, request=access)
    person_erase(actor=administrator, request=request)
    with pytest.raises(ValidationError, match="closed"):
        person_erase(actor=administrator, request=request)


def test_the_administrator_sees_what_goes_and_what_stays_then_confirms(signed_in, administrator, member):
    request = _erasure_request(administrator, member)
    client = signed_in(administrator)
    url = reverse("privacy:request_erase", args=[request.pk])
    page = client.get(url).content.decode()
    assert "What goes" in page and "Panel memberships, with no name: 1" in page
    page = client.post(url, {}).content.decode()
    assert "Confirm you have checked what erasing does" in page
    response = client.post(url, {"confirm": "on"})
    assert response["Location"] == reverse("privacy:request", args=[request.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Erased on" in page and "Panel memberships, with no name: 1" in page and member.full_name not in page
