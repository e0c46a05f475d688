"""The reference data every installation starts with (members/seed.py): the three panels, the
consent wordings and the catalogue of access needs, seeded once and left as administrators change
them."""

import pytest

from members.models import AccessNeedItem, Panel, Provision
from members.seed import PANELS, seed_reference_data
from notifications.models import ConsentWording
from tests.factories import catalogue_item

pytestmark = pytest.mark.django_db


def test_the_three_panels_are_seeded_and_seeding_again_changes_nothing():
    Panel.objects.filter(slug="race").update(summary="Edited by an administrator")
    seed_reference_data()
    seed_reference_data()
    assert list(Panel.objects.values_list("name", flat=True)) == [p["name"] for p in PANELS]
    assert Panel.objects.get(slug="race").summary == "Edited by an administrator"
    assert ConsentWording.objects.count() == 4


def test_the_catalogue_is_data_with_lead_times_and_how_each_is_provided(db):
    bsl = catalogue_item("BSL interpreter")
    assert (bsl.lead_time_days, bsl.provision, bsl.long_meeting_minutes, bsl.long_meeting_quantity) == (
        21, Provision.BY_RULE, 60, 2,
    )  # fmt: skip
    assert catalogue_item("Hearing loop").provision == Provision.ONCE
    assert catalogue_item("Large print papers").provision == Provision.PER_PERSON
    assert AccessNeedItem.objects.values("category").distinct().count() == 6
