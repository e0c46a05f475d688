"""The register of interests: declared on joining, confirmed every year, overdue ones shown."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from members import services
from members.models import InterestDeclaration, Membership, RecordedMethod
from notifications.models import Message, MessageStatus
from tests.factories import a_membership

pytestmark = pytest.mark.django_db


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def asked(person):
    return Message.objects.filter(kind="members.interests_due", recipient=person)


def test_a_new_member_is_asked_for_their_interests_at_once(member):
    message = asked(member).get()
    assert message.context["first"] is True and message.due_at <= timezone.now()


def test_declaring_moves_the_reminder_to_a_year_later(settings, member):
    settings.INTERESTS_CONFIRM_DAYS = 365
    services.interests_declare(actor=member, person=member, has_interests=True, interests="Trustee of a charity")
    yearly = asked(member).get(context__first=False)
    assert yearly.status == MessageStatus.QUEUED
    assert timezone.localdate(yearly.due_at) == timezone.localdate() + timedelta(days=365)
    # Confirming again, even the same day, replaces it with one new reminder.
    services.interests_declare(actor=member, person=member, has_interests=True, interests="Trustee of a charity")
    assert asked(member).filter(context__first=False, status=MessageStatus.QUEUED).count() == 1
    assert asked(member).filter(context__first=False, status=MessageStatus.CANCELLED).count() == 1
    assert InterestDeclaration.objects.filter(person=member).count() == 2


def test_a_member_declares_then_confirms_nothing_has_changed(signed_in, member):
    client = signed_in(member)
    page = text(client.get("/your-interests/"))
    assert "Please tell us by" in page
    page = text(client.post("/your-interests/", {"action": "declare", "has_interests": "yes", "interests": ""}))
    assert "There is a problem" in page and "List your interests, or say you have none" in page
    client.post(
        "/your-interests/", {"action": "declare", "has_interests": "yes", "interests": "Paid work at a bus company"}
    )
    page = text(client.get("/your-interests/"))
    assert "Paid work at a bus company" in page and "Next due" in page
    client.post("/your-interests/", {"action": "confirm"})
    latest = InterestDeclaration.objects.filter(person=member).last()
    assert (latest.interests, latest.method, latest.declared_by) == ("Paid work at a bus company", "web", member)
    assert InterestDeclaration.objects.filter(person=member).count() == 2


def test_someone_who_is_not_a_member_is_told_they_need_not_declare(signed_in, applicant):
    client = signed_in(applicant)
    assert "You only need to do this once you are a member" in text(client.get("/your-interests/"))
    client.post("/your-interests/", {"action": "declare", "has_interests": "no"})
    assert not InterestDeclaration.objects.exists()
    with pytest.raises(PermissionDenied):
        services.interests_declare(actor=applicant, person=applicant, has_interests=False)


def test_an_administrator_who_is_not_a_member_is_told_they_need_not_declare(signed_in, administrator):
    # Administrators record interests for members; their own register, like anyone's, starts
    # when they join a panel.
    client = signed_in(administrator)
    assert "You only need to do this once you are a member" in text(client.get("/your-interests/"))
    client.post("/your-interests/", {"action": "declare", "has_interests": "no"})
    assert not InterestDeclaration.objects.exists()
    with pytest.raises(PermissionDenied):
        services.interests_declare(actor=administrator, person=administrator, has_interests=False)


def test_an_administrator_still_records_interests_for_a_member(administrator, member):
    services.interests_declare(actor=administrator, person=member, has_interests=False, method=RecordedMethod.PHONE)
    assert InterestDeclaration.objects.get(person=member).declared_by == administrator


def test_coordinators_see_who_is_overdue(signed_in, coordinator, member, race_panel, settings):
    settings.INTERESTS_FIRST_DAYS = 28
    membership = a_membership(coordinator, race_panel, full_name="Lee Late")
    Membership.objects.filter(pk=membership.pk).update(created_at=timezone.now() - timedelta(days=40))
    services.interests_declare(actor=member, person=member, has_interests=False)
    page = text(signed_in(coordinator).get("/staff/panels/race/members/?show=interests"))
    assert "Lee Late" in page and "Morgan Member" not in page and "Overdue" in page


def test_a_coordinator_records_interests_told_by_phone_for_their_members_only(
    signed_in, coordinator, gender_coordinator, member
):
    membership = member.memberships.get()
    url = f"/staff/memberships/{membership.pk}/interests/"
    assert signed_in(gender_coordinator).get(url).status_code == 404
    client = signed_in(coordinator)
    page = text(client.post(url, {"has_interests": "no"}))
    assert "Say how the person told you" in page
    assert client.post(url, {"has_interests": "no", "method": "phone"}).status_code == 302
    declaration = InterestDeclaration.objects.get(person=member)
    assert (declaration.declared_by, declaration.method, declaration.has_interests) == (
        coordinator, RecordedMethod.PHONE, False,
    )  # fmt: skip
    assert "None" in text(client.get(f"/staff/memberships/{membership.pk}/"))
