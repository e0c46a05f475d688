"""Memberships: a term with a role and a status, kept as history, with reminders before it ends."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from members import services
from members.models import Membership, MembershipRole, MembershipStatus
from notifications.models import Message, MessageStatus
from notifications.services import outbox_sweep
from tests.factories import UserFactory, a_membership
from tests.titles import title_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(db):
    """Someone on no panel yet, for the tests to add."""
    return UserFactory(full_name="Nia Newcomer")


def reminders(membership) -> list[Message]:
    return list(Message.objects.filter(idempotency_key__startswith=f"membership-term:{membership.pk}:").order_by("id"))


def test_joining_sets_reminders_for_the_member_and_coordinator_90_days_before_the_end(
    coordinator, race_panel, newcomer
):
    membership = a_membership(coordinator, race_panel, newcomer)
    member_reminder, coordinator_reminder = reminders(membership)
    assert member_reminder.recipient == newcomer and coordinator_reminder.recipient == coordinator
    due = timezone.localtime(member_reminder.due_at)
    assert due.date() == membership.term_end - timedelta(days=90) and due.hour == 9
    assert member_reminder.status == MessageStatus.QUEUED and member_reminder.enqueued_at is None
    record = membership.history.first()
    assert record.history_user == coordinator and record.history_change_reason.startswith("co-opted")


def test_a_reminder_waits_for_its_day_and_the_sweep_sends_it(coordinator, race_panel, newcomer, mailoutbox):
    membership = a_membership(coordinator, race_panel, newcomer)
    assert outbox_sweep()["published"] == 0  # not due for years
    Message.objects.filter(pk__in=[m.pk for m in reminders(membership)]).update(due_at=timezone.now())
    assert outbox_sweep()["published"] == 2
    subjects = sorted(m.subject for m in mailoutbox)
    assert subjects[1].startswith("Your term on the Race Panel ends on")
    assert subjects[0].startswith("A term on the Race Panel ends on")


def test_renewing_cancels_the_old_reminders_and_sets_new_ones(coordinator, race_panel, newcomer):
    membership = a_membership(coordinator, race_panel, newcomer)
    old = reminders(membership)
    with pytest.raises(ValidationError, match="must be after the current one"):
        services.membership_renew(actor=coordinator, membership=membership, term_end=membership.term_start)
    services.membership_renew(
        actor=coordinator, membership=membership, term_end=membership.term_end + timedelta(days=365)
    )
    statuses = {m.pk: m.status for m in reminders(membership)}
    assert all(statuses[m.pk] == MessageStatus.CANCELLED for m in old)
    assert sum(status == MessageStatus.QUEUED for status in statuses.values()) == 2


def test_ending_keeps_the_membership_with_its_reason_and_cancels_reminders(coordinator, race_panel, newcomer):
    membership = a_membership(coordinator, race_panel, newcomer)
    with pytest.raises(ValidationError):
        services.membership_end(actor=coordinator, membership=membership, reason=" ")
    services.membership_end(actor=coordinator, membership=membership, reason="Moved away")
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ENDED and membership.ended_reason == "Moved away"
    assert {m.status for m in reminders(membership)} == {MessageStatus.CANCELLED}
    # A former member can join again later.
    assert a_membership(coordinator, race_panel, newcomer).status == MembershipStatus.ACTIVE


def test_a_person_is_a_current_member_of_a_panel_once(coordinator, race_panel, newcomer):
    a_membership(coordinator, race_panel, newcomer)
    with pytest.raises(ValidationError, match="already a member of this panel"):
        a_membership(coordinator, race_panel, newcomer)


def test_role_and_pause_need_a_reason_and_a_term_must_end_after_it_starts(coordinator, race_panel, newcomer):
    membership = a_membership(coordinator, race_panel, newcomer)
    with pytest.raises(ValidationError):
        services.membership_change(
            actor=coordinator, membership=membership, role=MembershipRole.CHAIR, status="active", reason=""
        )
    services.membership_change(
        actor=coordinator, membership=membership, role=MembershipRole.CHAIR, status="paused", reason="Elected chair"
    )
    membership.refresh_from_db()
    assert (membership.role, membership.status) == (MembershipRole.CHAIR, MembershipStatus.PAUSED)
    with pytest.raises(ValidationError, match="must end after it starts"):
        services.membership_create(
            actor=coordinator, panel=race_panel, person=UserFactory(), term_start=date(2027, 1, 1),
            term_end=date(2026, 1, 1), reason="test",
        )  # fmt: skip


@pytest.mark.parametrize("who", ["gender_coordinator", "reviewer", "applicant"])
def test_only_the_panels_coordinator_or_an_administrator_manages_its_members(request, race_panel, newcomer, who):
    with pytest.raises(PermissionDenied):
        a_membership(request.getfixturevalue(who), race_panel, newcomer)


# Pages


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_roster_shows_current_ending_and_former_members(signed_in, coordinator, race_panel):
    staying = a_membership(coordinator, race_panel, full_name="Stella Staying")
    ending = a_membership(coordinator, race_panel, full_name="Enid Ending", days=30)
    former = a_membership(coordinator, race_panel, full_name="Fred Former")
    services.membership_end(actor=coordinator, membership=former, reason="Stood down")
    client = signed_in(coordinator)
    current = text(client.get("/staff/panels/race/members/"))
    assert staying.person.full_name in current and ending.person.full_name in current and "Fred" not in current
    soon = text(client.get("/staff/panels/race/members/?show=ending"))
    assert "Enid Ending" in soon and "Stella" not in soon
    assert "Fred Former" in text(client.get("/staff/panels/race/members/?show=former"))


def test_the_rosters_title_says_which_members_it_shows(signed_in, coordinator, race_panel):
    client = signed_in(coordinator)
    roster = "/staff/panels/race/members/"
    assert title_of(client.get(roster)) == "Members: current – Race Panel"
    assert title_of(client.get(f"{roster}?show=ending")) == "Members: term ends within 90 days – Race Panel"
    assert title_of(client.get(f"{roster}?show=interests")) == "Members: interests overdue – Race Panel"
    assert title_of(client.get(f"{roster}?show=former")) == "Members: former – Race Panel"
    assert title_of(client.get(f"{roster}?show=all")) == "Members: all – Race Panel"
    assert title_of(client.get(f"{roster}?show=nonsense")) == "Members: current – Race Panel"


def test_a_coordinator_adds_a_member_directly_and_errors_keep_what_was_typed(signed_in, coordinator, race_panel):
    client = signed_in(coordinator)
    data = {"full_name": "Cora Co-opted", "email": "", "role": "member", "term_start": "2027-01-01",
            "term_end": "2026-01-01", "reason": ""}  # fmt: skip
    page = text(client.post("/staff/panels/race/members/add/", data))
    assert "Say why this person is joining the panel" in page and "Cora Co-opted" in page
    data |= {"term_end": "2029-12-31", "reason": "Co-opted for youth work"}
    response = client.post("/staff/panels/race/members/add/", data)
    membership = Membership.objects.get()
    assert response["Location"] == f"/staff/memberships/{membership.pk}/"
    assert membership.person.email is None  # no email: their messages go by post


def test_a_coordinator_renews_and_ends_a_membership_from_its_page(signed_in, coordinator, race_panel, newcomer):
    membership = a_membership(coordinator, race_panel, newcomer)
    client = signed_in(coordinator)
    url = f"/staff/memberships/{membership.pk}/"
    assert "Enter the new end of the term" in text(client.post(url, {"action": "renew", "renew-term_end": ""}))
    new_end = (membership.term_end + timedelta(days=365)).isoformat()
    assert client.post(url, {"action": "renew", "renew-term_end": new_end}).status_code == 302
    assert "Say why the membership is ending" in text(client.post(url, {"action": "end", "end-reason": ""}))
    client.post(url, {"action": "end", "end-reason": "Moved away"})
    page = text(client.get(url))
    assert "Ended: Moved away" in page and "term renewed" in page


def test_another_panels_membership_is_not_found(signed_in, coordinator, gender_coordinator, race_panel, newcomer):
    membership = a_membership(coordinator, race_panel, newcomer)
    client = signed_in(gender_coordinator)
    assert client.get(f"/staff/memberships/{membership.pk}/").status_code == 404
    assert client.get("/staff/panels/race/members/").status_code == 404


def test_a_member_sees_their_own_panels(signed_in, coordinator, race_panel, newcomer):
    a_membership(coordinator, race_panel, newcomer)
    page = text(signed_in(newcomer).get("/your-panels/"))
    assert "Race Panel" in page and "Member" in page
