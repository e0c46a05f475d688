"""What the database itself keeps true of members' records (members/models.py)."""

import pytest
from django.db import IntegrityError, transaction

from members.models import StaffRole, StaffRoleKind
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_database_refuses_an_administrator_role_tied_to_a_panel(race_panel):
    with pytest.raises(IntegrityError), transaction.atomic():
        StaffRole.objects.create(user=UserFactory(), role=StaffRoleKind.ADMINISTRATOR, panel=race_panel)
