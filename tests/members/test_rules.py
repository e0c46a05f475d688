"""Who may do what with members' records (members/rules.py)."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_race_panel_coordinator_has_nothing_of_the_other_panels(coordinator, race_panel, gender_panel):
    assert coordinator.has_perm("members.view_panel_staff_page", race_panel)
    assert not coordinator.has_perm("members.view_panel_staff_page", gender_panel)
    assert not coordinator.has_perm("members.manage_staff_roles")
