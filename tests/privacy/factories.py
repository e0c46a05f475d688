from datetime import timedelta

from allauth.account.models import EmailAddress, EmailConfirmation
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from accounts.models import ContactChannel, ContactFormat, RecordedMethod, User
from meetings import services as meetings
from meetings.models import Invitation, Reply
from members.models import StaffRoleKind
from members.services import access_need_add, access_profile_update, interests_declare, staff_role_grant
from notifications.models import CallOutcome, Channel, ConsentDecision, ConsentPurpose, Message, MessageStatus
from notifications.services import (
    call_record,
    consent_record,
    contact_preference_record,
    message_queue,
    message_resend,
)
from payments import services as payments
from payments.models import LineKind
from privacy.models import RequestKind, RequestStatus
from privacy.services import legal_hold_lift, legal_hold_place, request_close, request_log
from recruitment import services as recruitment
from recruitment.models import ApplicationStatus, DecisionReason, Round, SelectionMethod
from tests.factories import UserFactory, a_membership, add_totp, catalogue_item
from tests.meetings.factories import a_meeting
from tests.payments.factories import a_choice, a_finance_person, a_receipt, rates
from tests.recruitment.factories import (
    a_round,
    a_sent_application,
    interview_held,
    interview_time,
    reviewers_for,
    scores_sent,
)

# Words nobody else's record holds, so the tests can tell whose data reached an export.
OTHERS = "Quentin Otherperson"


def someone_everywhere(coordinator, administrator, race_panel, gender_panel) -> User:
    """A person with a row in every model that holds anything about people: an account with a
    second factor, staff work, a membership with access needs and interests, consents, an
    application reviewed, interviewed and proposed for the panel, a meeting, work they brought to
    a panel as an officer, and claims for their time and their expenses."""
    person = UserFactory(
        full_name="Ada Everywhere",
        phone="0151 000 0009",
        address="9 Every Street\nLiverpool",
        postcode="L9 9ZZ",
        best_time_to_call="Weekday mornings",
    )
    EmailConfirmation.objects.create(email_address=EmailAddress.objects.get(user=person), sent=timezone.now())
    add_totp(person)
    LogEntry.objects.create(
        user=person, content_type=ContentType.objects.get_for_model(User), object_id="1", object_repr=OTHERS,
        action_flag=CHANGE, change_message="Changed phone.",
    )  # fmt: skip
    staff_role_grant(actor=None, user=person, role=StaffRoleKind.REVIEWER, panel=gender_panel)
    a_membership(coordinator, race_panel, person)
    access_need_add(actor=person, person=person, item=catalogue_item("BSL interpreter"), details="Two, please")
    access_profile_update(actor=person, person=person, impairment_category="sensory")
    interests_declare(actor=person, person=person, has_interests=True, interests="Trustee of a housing charity")
    contact_preference_record(
        person=person, channel=ContactChannel.EMAIL, format=ContactFormat.LARGE_PRINT, method=RecordedMethod.WEB
    )
    consent_record(person=person, purpose=ConsentPurpose.FUTURE_OPPORTUNITIES, decision=ConsentDecision.GIVEN)
    _applies(person, coordinator)
    _at_a_meeting(person, coordinator, race_panel)
    _brings_work(person, race_panel, administrator, coordinator)
    _is_paid(person, race_panel, coordinator)
    failed = Message.objects.filter(recipient=person).first()
    Message.objects.filter(pk=failed.pk).update(status=MessageStatus.FAILED)
    failed.refresh_from_db()
    message_resend(actor=administrator, message=failed)
    call = message_queue(
        kind="notifications.future_opportunity", recipient=person, context={}, idempotency_key="everywhere:call",
        topic=race_panel.topic,
    )  # fmt: skip
    Message.objects.filter(pk=call.pk).update(channel=Channel.PHONE, to_address="")  # asked for a call, then not
    call_record(actor=coordinator, message=call, outcome=CallOutcome.NOT_REACHED, notes="Rang at noon, no answer")
    request = request_log(
        actor=administrator, person=person, kind=RequestKind.ACCESS, received_on=timezone.localdate(),
        received_how=RecordedMethod.EMAIL, identity_check="Asked from their own email address", details="All of it",
    )  # fmt: skip
    request_close(actor=administrator, request=request, status=RequestStatus.DONE, outcome="Sent the ZIP")
    hold = legal_hold_place(actor=administrator, person=person, reason="A complaint to the ICO is open")
    legal_hold_lift(actor=administrator, hold=hold)
    return person


def _applies(person, coordinator) -> None:
    other = UserFactory(full_name=OTHERS)
    round_ = a_round("open", places=1)
    application = a_sent_application(person, round_)
    a_sent_application(other, round_)
    recruitment.monitoring_save(
        actor=person, application=application, answers={"ethnicity": "asian_chinese", "disability": "yes_a_little"}
    )
    recruitment.balance_save(actor=person, application=application, answers={"age_band": "25_34"}, consent=True)
    Round.objects.filter(pk=round_.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    round_.refresh_from_db()
    reviewers_for(round_.panel, 2)
    recruitment.review_start(actor=coordinator, round_=round_)
    application.refresh_from_db()
    scores_sent(application, 3, 4)
    for each in round_.applications.all():
        recruitment.application_decide(
            actor=coordinator, application=each, status=ApplicationStatus.SHORTLISTED,
            reason=DecisionReason.MET_CRITERIA,
        )  # fmt: skip
    interview_held(application, coordinator)
    theirs = other.applications.get().interview
    recruitment.interview_book(actor=other, interview=theirs, slot=interview_time(round_, coordinator))
    recruitment.scorecard_record(
        actor=coordinator, interview=theirs, submit=True, scores={c.pk: (2, "Fine.") for c in round_.criteria.all()}
    )
    recruitment.selection_propose(
        actor=coordinator, round_=round_, method=SelectionMethod.BEST_BY_SCORE, seats=1, targets=[]
    )
    later = a_round("open")
    recruitment.interviewer_add(actor=coordinator, round_=later, person=person)


def _at_a_meeting(person, coordinator, panel) -> None:
    meeting = a_meeting(coordinator, panel)
    item = meetings.agenda_item_add(actor=coordinator, meeting=meeting, title="Bus network")
    meetings.meeting_invite(actor=coordinator, meeting=meeting)
    invitation = Invitation.objects.get(meeting=meeting, person=person)
    meetings.invitation_reply(invitation=invitation, reply=Reply.ATTENDING)
    type(meeting).objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1)
    )
    meeting.refresh_from_db()
    meetings.attendance_record(actor=coordinator, meeting=meeting, attendance={invitation.pk: "present"})
    meetings.item_interest_record(actor=coordinator, item=item, person=person, interest="I drive a bus")


def _brings_work(person, panel, administrator, coordinator) -> None:
    """The person answers a written consultation as a member; and, registered as an officer (their
    address is not the authority's, so not through the form), is approved and sends a request."""
    from engagement.models import EngagementStatus, Officer, Route
    from engagement.services import engagement_schedule, engagement_triage, officer_approve, written_answers_give
    from tests.engagement.factories import a_request, an_officer

    officer = Officer.objects.create(user=person, team="Housing", job_title="Equality lead")
    # As a member of the panel, they answer a written consultation from another officer.
    consulted = a_request(an_officer(), [panel], submit=True).engagements.get()
    engagement_triage(actor=coordinator, engagement=consulted, decision=EngagementStatus.ACCEPTED)
    engagement_schedule(actor=coordinator, engagement=consulted, route=Route.WRITTEN,
                        closes_on=timezone.localdate() + timedelta(days=10))  # fmt: skip
    written_answers_give(actor=person, engagement=consulted, answers={1: "Buses at night", 2: "Shelters"})
    a_request(officer_approve(actor=administrator, officer=officer), [panel], submit=True, document=True)


def _is_paid(person, panel, coordinator) -> None:
    """The person chooses to be paid for their time, so the meeting they came to makes a claim;
    and they claim their bus fares with a receipt, which is approved, exported and paid."""
    rates()
    a_choice(person, panel)
    payments.involvement_claims_make()
    fares = payments.expense_claim_start(
        actor=person, panel=panel, about="Buses to and from the meeting", happened_on=timezone.localdate()
    )
    payments.claim_line_add(
        actor=person, claim=fares, kind=LineKind.FARES, description="Day ticket", amount_pence=480,
        receipt=a_receipt("day-ticket.png"),
    )  # fmt: skip
    payments.claim_submit(actor=person, claim=fares)
    payments.claim_decide(actor=coordinator, claim=fares, approve=True)
    finance = a_finance_person()
    payments.batch_mark_paid(actor=finance, batch=payments.claims_export(actor=finance), paid_on=timezone.localdate())
