import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from accounts.models import User
from accounts.services import person_create_offline
from members.models import StaffRole
from members.selectors import calls_for_staff
from notifications.models import Channel, Message
from portal.demo import DEMO_PASSWORD, DEMO_PEOPLE

pytestmark = pytest.mark.django_db


def test_the_demo_loader_gives_one_verified_person_for_each_role_and_can_run_twice(client):
    call_command("load_demo", "--force", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("load_demo", "--force", stdout=open("/dev/null", "w"))  # noqa: SIM115
    for email, _, role, _ in DEMO_PEOPLE:
        assert EmailAddress.objects.get(email=email).verified
        if role:
            assert StaffRole.objects.filter(user__email=email, role=role).count() == 1
    assert client.login(username="coordinator@example.org", password=DEMO_PASSWORD)
    # Pat writes to us by post: the receipt for their consent and one opportunity wait in the queue
    # as letters, however often the demo is loaded.
    letters = Message.objects.filter(channel=Channel.LETTER, recipient__full_name="Pat Post")
    assert sorted(letters.values_list("kind", flat=True)) == [
        "notifications.consent_receipt",
        "notifications.future_opportunity",
    ]
    # Phil asked to be phoned: the opportunity waits as a call for the Race Panel's coordinator, and
    # the receipt, a document to keep, as a letter.
    phil = Message.objects.filter(recipient__full_name="Phil Phone")
    assert sorted(phil.values_list("kind", "channel")) == [
        ("notifications.consent_receipt", Channel.LETTER),
        ("notifications.future_opportunity", Channel.PHONE),
    ]
    coordinator = User.objects.get(email="coordinator@example.org")
    assert [call.recipient.full_name for call in calls_for_staff(coordinator)] == ["Phil Phone"]
    # The demo member has one membership, their needs and one declaration of interests.
    member = User.objects.get(email="member@example.org")
    assert member.memberships.count() == 1
    assert member.access_profile.needs.count() == 2 and member.interest_declarations.count() == 1
    # A meeting the member is coming to, whose arrangements come from their needs (and one they
    # came to last month, paid for: see the payments test below).
    invitation = member.invitations.get(meeting__title="Race Panel: transport plan")
    assert invitation.reply == "attending"
    assert {a.item.name for a in invitation.arrangements.all()} == {"BSL interpreter", "Quiet room"}
    # A message written to the Race Panel and sent, so its report can be read, and one still a draft.
    sent, draft = member.memberships.get().panel.messages.order_by("created_at")
    assert sent.sent_at and Message.objects.filter(idempotency_key__startswith=sent.message_key).count() >= 1
    assert draft.sent_at is None


def test_the_demos_spring_round_shows_a_trail_for_every_interviewed_application_and_its_audit_pack(signed_in):
    from recruitment.models import ApplicationStatus, Round
    from recruitment.selectors import audit_pack

    call_command("load_demo", "--force", stdout=open("/dev/null", "w"))  # noqa: SIM115
    spring = Round.objects.get(title="Race Panel: spring recruitment")
    interviewed = [(a, trail) for a, trail in audit_pack(spring) if a.status == ApplicationStatus.INTERVIEWED]
    assert len(interviewed) == 6
    assert all(len(trail) >= 6 for _, trail in interviewed), [len(trail) for _, trail in interviewed]
    demo_coordinator = User.objects.get(email="coordinator@example.org")
    download = signed_in(demo_coordinator).get(f"/staff/rounds/{spring.pk}/audit.csv")
    assert download.status_code == 200 and len(download.content.decode().splitlines()) > 36


def test_the_demo_loader_refuses_to_run_without_debug():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("load_demo")


def test_staff_record_a_person_who_has_no_email_and_only_they_may(coordinator, applicant):
    person = person_create_offline(actor=coordinator, full_name="Pat Post", address="1 Road", postcode="L1 1AA")
    assert person.email is None and not person.has_usable_password()
    assert person.history.get().history_user == coordinator
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        person_create_offline(actor=applicant, full_name="Someone")
    assert User.objects.filter(full_name="Someone").count() == 0


def test_the_demo_has_officers_and_requests_the_race_panel_and_its_chair_can_read(signed_in):
    from engagement.models import EngagementStatus, Officer, OfficerStatus
    from members.models import Panel

    call_command("load_demo", "--force", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("load_demo", "--force", stdout=open("/dev/null", "w"))  # noqa: SIM115
    officer = Officer.objects.get(user__email="officer@example.gov.uk")
    assert officer.status == OfficerStatus.APPROVED
    assert Officer.objects.get(user__email="new.officer@example.gov.uk").status == OfficerStatus.WAITING
    race = Panel.objects.get(slug="race")
    assert sorted(race.engagements.values_list("request__title", "status")) == [
        ("Bus network redesign", EngagementStatus.ANSWERED),
        ("Bus stop design guide", EngagementStatus.ACCEPTED),
        ("Library opening hours", EngagementStatus.WAITING),
    ]
    assert race.engagement_criteria
    chair = User.objects.get(email="chair@example.org")
    page = signed_in(chair).get("/your-panels/race/requests/").content.decode()
    assert "Bus network redesign" in page and "Library opening hours" in page
    # The closed one is on the panel's public page, signed out.
    from django.test import Client

    public = Client().get("/panels/race/you-said-we-did/").content.decode()
    assert "Bus network redesign" in public and "Night buses stay on every route" in public
    assert "Equality Impact Assessment" in Client().get("/equality-impact-assessments/").content.decode()


def test_the_demo_member_has_a_claim_paid_and_one_waiting_and_finance_has_an_export(signed_in):
    from payments.models import ClaimStatus

    call_command("load_demo", "--force", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("load_demo", "--force", stdout=open("/dev/null", "w"))  # noqa: SIM115
    member = User.objects.get(email="member@example.org")
    assert set(member.claims.values_list("status", flat=True)) == {ClaimStatus.PAID, ClaimStatus.SUBMITTED}
    page = signed_in(member).get("/your-payments/").content.decode()
    assert "Paid" in page and "Waiting for approval" in page and "£50.00 a half day" in page
    finance = signed_in(User.objects.get(email="finance@example.org")).get("/staff/finance/").content.decode()
    assert "EX0" in finance
