"""The members' lists administrators keep in the Django admin (members/admin.py)."""

import pytest

from tests.factories import catalogue_item
from tests.responses import text

pytestmark = pytest.mark.django_db


def test_administrators_keep_the_catalogue_in_the_admin_and_coordinators_cannot(signed_in, administrator, coordinator):
    bsl = catalogue_item("BSL interpreter")
    admin_client = signed_in(administrator)
    assert "BSL interpreter" in text(admin_client.get("/admin/members/accessneeditem/"))
    page = admin_client.get(f"/admin/members/accessneeditem/{bsl.pk}/change/")
    assert page.status_code == 200
    assert signed_in(coordinator).get("/admin/members/accessneeditem/").status_code == 302
