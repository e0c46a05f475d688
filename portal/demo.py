"""Demo people for trying the service locally. Never run against a real installation: the
passwords are published in the README."""

from allauth.account.models import EmailAddress
from django.db import transaction

from accounts.models import ContactChannel, ContactFormat, RecordedMethod, User
from members.models import Panel, StaffRoleKind
from members.seed import seed_reference_data
from members.services import staff_role_grant
from notifications.models import ConsentDecision, ConsentPurpose
from notifications.services import consent_apply, consent_wording_current, message_queue

DEMO_PASSWORD = "panels-demo-2026"

DEMO_PEOPLE = [
    ("applicant@example.org", "Alex Applicant", None, None),
    ("member@example.org", "Morgan Member", None, None),
    ("reviewer@example.org", "Robin Reviewer", StaffRoleKind.REVIEWER, "race"),
    ("reviewer2@example.org", "Sam Second-Reviewer", StaffRoleKind.REVIEWER, "race"),
    ("coordinator@example.org", "Chris Coordinator", StaffRoleKind.COORDINATOR, "race"),
    ("admin@example.org", "Ash Administrator", StaffRoleKind.ADMINISTRATOR, None),
    ("finance@example.org", "Fran Finance", StaffRoleKind.FINANCE, None),
]


def demo_user(email: str, full_name: str) -> User:
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=full_name)
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


@transaction.atomic
def load_demo() -> None:
    seed_reference_data()
    for email, name, role, panel_slug in DEMO_PEOPLE:
        user = demo_user(email, name)
        if role:
            panel = Panel.objects.get(slug=panel_slug) if panel_slug else None
            staff_role_grant(actor=None, user=user, role=role, panel=panel)
    admin = User.objects.get(email="admin@example.org")
    # Someone who writes to us and has no email address: their messages wait as letters.
    pat = User.objects.filter(full_name="Pat Post", email__isnull=True).first()
    if pat is None:
        pat = User.objects.create_user(
            full_name="Pat Post",
            address="1 Example Street\nLiverpool",
            postcode="L1 1AA",
            phone="0151 000 0001",
            contact_channel=ContactChannel.POST,
            contact_format=ContactFormat.LARGE_PRINT,
        )
        consent_apply(
            person=pat,
            wording=consent_wording_current(ConsentPurpose.FUTURE_OPPORTUNITIES),
            decision=ConsentDecision.GIVEN,
            method=RecordedMethod.PAPER,
            actor=admin,
        )
    _demo_member(coordinator=User.objects.get(email="coordinator@example.org"))
    _demo_meeting(coordinator=User.objects.get(email="coordinator@example.org"))
    _demo_panel_message(coordinator=User.objects.get(email="coordinator@example.org"))
    _demo_round(coordinator=User.objects.get(email="coordinator@example.org"))
    _demo_round_in_review(coordinator=User.objects.get(email="coordinator@example.org"))
    _demo_engagement(coordinator=User.objects.get(email="coordinator@example.org"), admin=admin)
    _demo_payments(coordinator=User.objects.get(email="coordinator@example.org"), admin=admin)
    message_queue(
        kind="notifications.future_opportunity",
        recipient=pat,
        context={
            "name": "Pat",
            "title": "The Race Panel is looking for new members",
            "summary": "We are looking for up to 4 new members. You can apply by post or phone.",
            "url": "/panels/race/",
        },
        idempotency_key="demo:pat:race-opportunity",
    )
    _demo_call(admin)


def _demo_call(admin: User) -> None:
    """Someone who asked to be phoned: news of the Race Panel waits as a call for its coordinator."""
    phil = User.objects.filter(full_name="Phil Phone", email__isnull=True).first()
    if phil is None:
        phil = User.objects.create_user(
            full_name="Phil Phone", phone="0151 000 0002", address="2 Example Street\nLiverpool", postcode="L1 1AB",
            contact_channel=ContactChannel.PHONE,
        )  # fmt: skip
        consent_apply(
            person=phil, wording=consent_wording_current(ConsentPurpose.FUTURE_OPPORTUNITIES),
            decision=ConsentDecision.GIVEN, method=RecordedMethod.PHONE, actor=admin,
        )  # fmt: skip
    message_queue(
        kind="notifications.future_opportunity",
        recipient=phil,
        context={
            "name": "Phil",
            "title": "The Race Panel is looking for new members",
            "summary": "We are looking for up to 4 new members. You can apply by post or phone.",
            "url": "/panels/race/",
        },
        idempotency_key="demo:phil:race-opportunity",
        topic=Panel.objects.get(slug="race").topic,
    )


def _demo_member(*, coordinator: User) -> None:
    """A member of the Race Panel with access needs, a register of interests and a consent, so the
    member's pages and their coordinator's view of them can be tried."""
    from datetime import timedelta

    from django.utils import timezone

    from members.models import AccessNeedItem
    from members.services import access_need_add, interests_declare, membership_create
    from notifications.services import consent_record

    member = User.objects.get(email="member@example.org")
    if member.memberships.exists():
        return
    start = timezone.localdate() - timedelta(days=400)
    membership_create(
        actor=coordinator, panel=Panel.objects.get(slug="race"), person=member, term_start=start,
        term_end=start + timedelta(days=3 * 365), reason="appointed in the 2025 recruitment",
    )  # fmt: skip
    access_need_add(
        actor=member, person=member, item=AccessNeedItem.objects.get(name="BSL interpreter"),
        details="Two interpreters for meetings longer than an hour, please. I prefer Liverpool signs.",
    )  # fmt: skip
    access_need_add(
        actor=coordinator, person=member, item=AccessNeedItem.objects.get(name="Quiet room"),
        details="Somewhere to take a break away from the meeting.", method=RecordedMethod.PHONE,
    )  # fmt: skip
    consent_record(
        person=member, actor=member, purpose=ConsentPurpose.SHARE_ACCESS_NEEDS, decision=ConsentDecision.GIVEN
    )
    interests_declare(
        actor=member, person=member, has_interests=True, interests="Volunteer at a Deaf community centre in Toxteth"
    )


def _demo_meeting(*, coordinator: User) -> None:
    """Two venues and a Race Panel meeting in three weeks, with the members invited and the demo
    member coming, so the invitation, the reply and the arrangements can be tried."""
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    from meetings import services as meetings
    from meetings.models import Meeting, Venue

    Venue.objects.get_or_create(
        name="Mann Island", defaults={
            "address": "1 Mann Island\nLiverpool", "postcode": "L3 1BP", "step_free_route": True,
            "step_free_notes": "Level entrance on the river side", "accessible_toilet": True, "hearing_loop": True,
            "parking": "2 blue badge spaces by the entrance", "quiet_room": True,
            "accessible_transport": "James Street station (step-free), 5 minutes on the level",
        },
    )  # fmt: skip
    venue, _ = Venue.objects.get_or_create(
        name="The Florrie", defaults={"address": "377 Mill Street\nLiverpool", "postcode": "L8 4RF",
                                      "step_free_route": True, "accessible_toilet": True, "quiet_room": True},
    )  # fmt: skip
    if Meeting.objects.filter(title="Race Panel: transport plan").exists():
        return
    day = timezone.localdate() + timedelta(days=21)
    starts = datetime.combine(day, time(10), tzinfo=timezone.get_current_timezone())
    meeting = meetings.meeting_create(
        actor=coordinator, panels=[Panel.objects.get(slug="race")], title="Race Panel: transport plan",
        starts_at=starts, ends_at=starts + timedelta(hours=2), format="hybrid", venue=venue, room="Main hall",
        online_link="https://meet.example.org/race-panel", description="Early advice on the new transport plan.",
    )  # fmt: skip
    meetings.agenda_item_add(actor=coordinator, meeting=meeting, title="Welcome and apologies")
    meetings.agenda_item_add(actor=coordinator, meeting=meeting, title="The transport plan: what should change?")
    meetings.meeting_invite(actor=coordinator, meeting=meeting)
    member = User.objects.get(email="member@example.org")
    meetings.invitation_reply(invitation=meeting.invitations.get(person=member), reply="attending")


def _demo_panel_message(*, coordinator: User) -> None:
    """A message the Race Panel's coordinator wrote to its members and sent, so its report can be
    read, and one still being written, so the preview can be tried."""
    from members.services import panel_message_send, panel_message_write

    panel = Panel.objects.get(slug="race")
    if panel.messages.exists():
        return
    sent = panel_message_write(
        actor=coordinator, panel=panel, subject="Thank you for your advice on buses",
        body="The transport team changed the bus plan after your advice: every new stop will have a shelter "
        "and seating. They will come back to the panel in the spring.",
        easy_read="The transport team listened to you.\nNew bus stops will have a shelter and seats.",
    )  # fmt: skip
    panel_message_send(actor=coordinator, message=sent)
    panel_message_write(
        actor=coordinator, panel=panel, subject="Summer event",
        body="We are holding a summer event for all three panels on 4 July. More details soon.",
    )  # fmt: skip


def _demo_round(*, coordinator: User) -> None:
    """An open round on the Race Panel, so the whole application can be tried."""
    from datetime import timedelta

    from django.utils import timezone

    from recruitment.models import Round
    from recruitment.services import criterion_add, question_add, round_create, round_publish

    panel = Panel.objects.get(slug="race")
    if Round.objects.filter(panel=panel, title="Join the Race Panel").exists():
        return
    now = timezone.now()
    round_ = round_create(
        actor=coordinator,
        panel=panel,
        title="Join the Race Panel",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=60),
        places=4,
        role_description=(
            "Members meet six times a year, in Liverpool or online, to advise political leaders on how their "
            "plans affect Black, Asian and other ethnic minority communities. Each meeting lasts about two "
            "hours. We pay £50 for each meeting and your travel, and arrange any support you need."
        ),
        role_description_easy_read=(
            "You go to 6 meetings a year.\nYou tell leaders what is fair.\nWe pay you £50 each time."
        ),
        balance_questions=["age_band", "ethnic_group"],
    )
    question_add(
        actor=coordinator,
        round_=round_,
        text="Why do you want to join the Race Panel?",
        guidance="Tell us in your own words. There are no right or wrong answers.",
        word_limit=300,
    )
    question_add(
        actor=coordinator,
        round_=round_,
        text="Tell us about a time you spoke up about something that mattered to you or your community.",
        guidance="It can be at work, at home, in your community or anywhere else.",
        word_limit=300,
    )
    criterion_add(
        actor=coordinator,
        round_=round_,
        name="Lived experience",
        marking_guide="0: none shown. 1: some. 2: clear. 3: clear, and linked to the panel's work.",
    )
    round_publish(actor=coordinator, round_=round_)


DEMO_CANDIDATES = [
    ("Amara Okoye", "liverpool", "25_34", "black"),
    ("Bilal Hussain", "knowsley", "35_44", "asian"),
    ("Chen Wei", "wirral", "45_54", "asian"),
    ("Dionne Campbell", "sefton", "55_64", "black"),
    ("Eilidh Rossi", "halton", "16_24", "mixed"),
    ("Farah Ahmed", "st_helens", "65_74", "asian"),
    ("Grace Mensah", "liverpool", "35_44", "black"),
    ("Hassan Ali", "wirral", "25_34", "asian"),
    ("Imani Johnson", "liverpool", "45_54", "mixed"),
    ("Jas Kaur", "sefton", "16_24", "asian"),
]


def _demo_round_in_review(*, coordinator: User) -> None:
    """A closed round part-way through: six candidates scored by both reviewers and interviewed,
    ready for a balanced panel to be proposed; four still waiting for Robin Reviewer's scores."""
    from datetime import timedelta

    from django.utils import timezone

    from recruitment import services
    from recruitment.models import Application, ApplicationStatus, DecisionReason, Round, RoundStatus

    panel = Panel.objects.get(slug="race")
    title = "Race Panel: spring recruitment"
    if Round.objects.filter(panel=panel, title=title).exists():
        return
    now = timezone.now()
    # As it was published two months ago: the services would refuse to publish a round already closed.
    round_ = Round.objects.create(
        panel=panel, title=title, status=RoundStatus.PUBLISHED,
        opens_at=now - timedelta(days=60), closes_at=now - timedelta(days=2), places=3,
        role_description="Members advise leaders on how their plans affect ethnic minority communities.",
        role_description_easy_read="You tell leaders what is fair.", balance_questions=["age_band", "ethnic_group"],
        created_by=coordinator,
    )  # fmt: skip
    question = Round.objects.get(pk=round_.pk).questions.create(order=1, text="Why do you want to join the panel?")
    criteria = [
        round_.criteria.create(order=1, name="Lived experience", marking_guide="0: none shown. 4: clear and relevant."),
        round_.criteria.create(order=2, name="Working with others", marking_guide="0: none shown. 4: strong examples."),
    ]
    sent = now - timedelta(days=10)
    for n, (name, area, age_band, ethnic_group) in enumerate(DEMO_CANDIDATES):
        person = demo_user(f"candidate{n + 1}@example.org", name)
        application = Application.objects.create(
            round=round_, applicant=person, status=ApplicationStatus.SUBMITTED, local_authority_area=area,
            submitted_at=sent, declaration_at=sent, reference=f"EP-D{n + 1:05d}",
            interview_adjustments="A quiet room to wait in." if n == 1 else "",
        )  # fmt: skip
        application.answers.create(
            question=question, text="I have volunteered with a community group for years and want to help."
        )
        if n % 3 != 2:  # most agree to their answers being used for balance; some do not
            services.balance_save(
                actor=person, application=application,
                answers={"age_band": age_band, "ethnic_group": ethnic_group}, consent=True,
            )  # fmt: skip
    services.review_start(actor=coordinator, round_=round_)
    robin = User.objects.get(email="reviewer@example.org")
    shortlisted = list(round_.applications.order_by("reference")[:6])
    for n, application in enumerate(shortlisted):
        for assignment in application.assignments.all():
            value = 2 + (n + assignment.reviewer_id) % 3
            services.review_record(
                actor=assignment.reviewer, assignment=assignment,
                scores={c.pk: (value, "Good examples.") for c in criteria}, submit=True,
            )  # fmt: skip
        services.application_decide(
            actor=coordinator, application=application, status=ApplicationStatus.SHORTLISTED,
            reason=DecisionReason.MET_CRITERIA,
        )  # fmt: skip
    # Interviews: the coordinator and Robin interview; a time for each person, everyone invited at
    # once; most choose their own time, and the coordinator books one for the person who phoned.
    interviewers = [coordinator, robin]
    for person in interviewers:
        services.interviewer_add(actor=coordinator, round_=round_, person=person)
    first = (now + timedelta(days=7)).replace(hour=10, minute=0, second=0, microsecond=0)
    slots = [
        services.slot_add(
            actor=coordinator,
            round_=round_,
            starts_at=first + timedelta(hours=n),
            minutes=45,
            place="Mann Island, Liverpool",
            online_link="https://meet.example.org/race-panel" if n % 2 else "",
            interviewers=interviewers,
        )  # fmt: skip
        for n in range(7)
    ]
    services.interviews_invite(actor=coordinator, round_=round_)
    for n, application in enumerate(shortlisted):
        interview = application.interview
        if n == 1:
            services.interview_book(
                actor=coordinator, interview=interview, slot=slots[n],
                adjustments_confirmed="A quiet room to wait in before the interview.",
            )  # fmt: skip
            services.interview_accept(actor=application.applicant, interview=interview)
        else:
            services.interview_book(actor=application.applicant, interview=interview, slot=slots[n])
        for k, interviewer in enumerate(interviewers):
            services.scorecard_record(
                actor=interviewer, interview=interview, submit=True,
                scores={c.pk: (min(4, 1 + (n + k + c.order) % 4), "Thoughtful answers.") for c in criteria},
            )  # fmt: skip
    # The last four: Robin's colleague has scored them, Robin has not yet.
    for application in round_.applications.order_by("reference")[6:]:
        for assignment in application.assignments.exclude(reviewer=robin):
            services.review_record(
                actor=assignment.reviewer, assignment=assignment,
                scores={c.pk: (3, "Clear answer.") for c in criteria}, submit=True,
            )  # fmt: skip


PANEL_CRITERIA = {
    "race": "Plans, policies and services that affect Black, Asian and minority ethnic residents: transport, "
    "housing, jobs and skills, policing and community safety, health.",
    "disabled-people": "Anything that changes how disabled people get around, get in or take part: transport, "
    "buildings and streets, digital services, consultations.",
    "gender": "Plans and services that affect women, men, trans and non-binary people differently: safety, "
    "transport at night, care, work.",
}


def _demo_closed_engagement(engagement, *, coordinator: User, chair: User, member: User) -> None:
    """A request the Race Panel advised on in writing two months ago: the officer answered, and what
    changed is on the panel's public "You said, we did" page."""
    from datetime import timedelta

    from django.utils import timezone

    from engagement.models import Engagement, EngagementStatus, Outcome, Route
    from engagement.services import (
        advice_approve,
        advice_draft,
        engagement_respond,
        engagement_schedule,
        engagement_triage,
        publication_agree,
        publication_draft,
        written_answers_give,
    )

    officer = engagement.request.officer
    engagement_triage(actor=coordinator, engagement=engagement, decision=EngagementStatus.ACCEPTED)
    engagement_schedule(actor=coordinator, engagement=engagement, route=Route.WRITTEN,
                        closes_on=timezone.localdate() + timedelta(days=14))  # fmt: skip
    written_answers_give(actor=member, engagement=engagement, answers={
        1: "Merging the 82 and 86 would leave Dingle with no bus after 11pm. People on late shifts walk home.",
        2: "A shelter, a seat, good lighting and a timetable you can read without a phone."})  # fmt: skip
    Engagement.objects.filter(pk=engagement.pk).update(closes_on=timezone.localdate() - timedelta(days=1))
    advice_draft(actor=coordinator, engagement=engagement, ask_chair=True, advice={
        1: "Keep a night service on every route that runs past 11pm now, including through Dingle and Kensington.",
        2: "Every new stop should have a shelter, a seat, lighting and printed, large-type timetables."})  # fmt: skip
    advice_approve(actor=chair, engagement=engagement)
    engagement_respond(actor=officer, engagement=engagement, answers={
        1: (Outcome.ACCEPTED, "The 82 and 86 stay separate after 11pm, and two more routes keep a night bus."),
        2: (Outcome.PARTLY, "Shelters and lighting at every new stop; seats where the pavement is wide enough."),
    })  # fmt: skip
    publication_draft(actor=coordinator, engagement=engagement, summary=(
        "Night buses stay on every route that runs late now, including through Dingle. Every new stop gets a "
        "shelter and lighting, and a seat wherever the pavement is wide enough."))  # fmt: skip
    publication_agree(actor=officer, engagement=engagement)
    publication_agree(actor=chair, engagement=engagement)
    # Told as if it happened over the last two months, as a real engagement would.
    earlier = timedelta(days=60)
    engagement = Engagement.objects.get(pk=engagement.pk)
    Engagement.objects.filter(pk=engagement.pk).update(**{
        name: getattr(engagement, name) - earlier
        for name in ("received_at", "decided_at", "scheduled_at", "closes_on", "advice_sent_at", "response_due")
    }, answered_at=engagement.answered_at - timedelta(days=25),
        published_at=engagement.published_at - timedelta(days=20))  # fmt: skip


def _demo_engagement(*, coordinator: User, admin: User) -> None:
    """Officers bringing work to the panels: one approved, with a request the Race Panel accepted
    and one waiting for it to decide, and one waiting for an administrator. The Race Panel has a
    chair who reads its requests."""
    from datetime import timedelta

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from engagement.models import EngagementStatus, Officer, OfficerStatus
    from engagement.services import engagement_triage, request_document_add, request_submit, request_write
    from members.models import MembershipRole
    from members.services import membership_change, membership_create

    for slug, criteria in PANEL_CRITERIA.items():
        Panel.objects.filter(slug=slug, engagement_criteria="").update(engagement_criteria=criteria)
    race = Panel.objects.get(slug="race")
    member = User.objects.get(email="member@example.org")
    chair = demo_user("chair@example.org", "Cleo Chair")
    if not chair.memberships.exists():
        start = timezone.localdate() - timedelta(days=200)
        membership = membership_create(
            actor=coordinator, panel=race, person=chair, term_start=start, term_end=start + timedelta(days=3 * 365),
            reason="appointed in the 2025 recruitment",
        )  # fmt: skip
        membership_change(actor=coordinator, membership=membership, role=MembershipRole.CHAIR, status="active",
                          reason="Elected chair by the panel")  # fmt: skip
    officer_user = demo_user("officer@example.gov.uk", "Olu Officer")
    waiting_user = demo_user("new.officer@example.gov.uk", "Nia Newcomer")
    Officer.objects.get_or_create(user=waiting_user, defaults={"team": "Housing", "job_title": "Project manager"})
    if Officer.objects.filter(user=officer_user).exists():
        return
    Officer.objects.create(user=officer_user, team="Transport", job_title="Policy officer",
                           status=OfficerStatus.APPROVED, decided_by=admin, decided_at=timezone.now())  # fmt: skip
    today = timezone.localdate()
    common = {"stage": "design", "format_wanted": "agenda_item", "deadline": today + timedelta(days=70)}
    buses = request_write(
        actor=officer_user, panels=[race], title="Bus network redesign",
        background="We are redrawing bus routes across the region. Some routes will be merged and some stops "
        "will move.", decision="The transport committee's decision on the new network",
        decision_date=today + timedelta(days=120), why_panels="Many Black and Asian residents in Toxteth and "
        "Kensington rely on buses to get to work at night.",
        questions="Which changes would make journeys harder for people you know?\nWhat should every new stop have?",
        **common,
    )  # fmt: skip
    document = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    request_document_add(
        actor=officer_user, request=buses, title="Draft Equality Impact Assessment",
        file=ContentFile(document, name="bus-network-eqia.pdf"), is_assessment=True, is_accessible=True,
        not_for_sharing=True,
    )  # fmt: skip
    request_submit(actor=officer_user, request=buses)
    _demo_closed_engagement(buses.engagements.get(), coordinator=coordinator, chair=chair, member=member)
    stops = request_write(
        actor=officer_user, panels=[race], title="Bus stop design guide",
        background="A guide for designing new bus stops: shelters, seats, lighting and information.",
        decision="The transport director's approval of the guide", decision_date=today + timedelta(days=90),
        why_panels="Stops that feel unsafe keep people off the buses.",
        questions="What makes a stop feel safe at night?\nWhat information should every stop show?",
        **{**common, "format_wanted": "written"},
    )  # fmt: skip
    request_submit(actor=officer_user, request=stops)
    engagement_triage(actor=coordinator, engagement=stops.engagements.get(), decision=EngagementStatus.ACCEPTED)
    library = request_write(
        actor=officer_user, panels=[race], title="Library opening hours",
        background="Libraries may open later on weekdays and longer at weekends.",
        decision="The culture portfolio holder's decision", decision_date=None,
        why_panels="Libraries are where many people get online and get help with forms.",
        questions="Who would lose out if weekday mornings closed?", **common,
    )  # fmt: skip
    request_submit(actor=officer_user, request=library)


def _demo_payments(*, coordinator: User, admin: User) -> None:
    """Rates, cost codes, and the demo member's claims: one for a meeting last month, approved,
    exported and paid; and one for their travel to it, waiting for the coordinator."""
    from datetime import date, timedelta

    from django.utils import timezone

    from meetings import services as meetings
    from meetings.models import Meeting
    from payments import services as payments
    from payments.models import Activity, Claim, ExportBatch, LineKind, Rate, Unit

    member = User.objects.get(email="member@example.org")
    if Claim.objects.filter(person=member).exists():
        return
    since = date(2026, 4, 6)
    for activity, unit, pence in [
        (Activity.MEETING, Unit.HALF_DAY, 5000), (Activity.PREPARATION, Unit.EACH, 2000),
        (Activity.WRITTEN, Unit.EACH, 2500), (Activity.INTERVIEW_PANEL, Unit.HOUR, 2000),
        (Activity.TRAINING, Unit.HALF_DAY, 5000),
    ]:  # fmt: skip
        Rate.objects.get_or_create(activity=activity, effective_from=since,
                                   defaults={"unit": unit, "amount_pence": pence, "created_by": admin})  # fmt: skip
    for slug, code in [("race", "EQP-4410-RACE"), ("disabled-people", "EQP-4410-DPP"), ("gender", "EQP-4410-GEN")]:
        Panel.objects.filter(slug=slug, cost_code="").update(cost_code=code)
    race = Panel.objects.get(slug="race")
    payments.payment_choice_set(actor=member, panel=race, choice="take", warning_read=True)
    # A meeting last month that the member came to: set up as any meeting, then moved into the past.
    meeting = meetings.meeting_create(
        actor=coordinator, panels=[race], title="Race Panel: budget priorities", format="in_person",
        starts_at=timezone.now() + timedelta(days=1), ends_at=timezone.now() + timedelta(days=1, hours=2),
        venue=Meeting.objects.filter(venue__isnull=False).first().venue,
    )  # fmt: skip
    meetings.meeting_invite(actor=coordinator, meeting=meeting)
    held = timezone.now().replace(hour=10, minute=0, second=0, microsecond=0) - timedelta(days=35)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=held, ends_at=held + timedelta(hours=2))
    meeting.refresh_from_db()
    present = {invitation.pk: "present" for invitation in meeting.invitations.filter(person=member)}
    meetings.attendance_record(actor=coordinator, meeting=meeting, attendance=present)
    payments.involvement_claims_make()
    paid = Claim.objects.get(person=member, source=f"meeting:{meeting.pk}:{member.pk}")
    payments.claim_decide(actor=coordinator, claim=paid, approve=True)
    finance = User.objects.get(email="finance@example.org")
    batch = payments.claims_export(actor=finance)
    ExportBatch.objects.filter(pk=batch.pk).update(created_at=timezone.now() - timedelta(days=20))
    batch.refresh_from_db()
    payments.batch_mark_paid(actor=finance, batch=batch, paid_on=timezone.localdate() - timedelta(days=18))
    travel = payments.expense_claim_start(actor=member, panel=race, about="Travel to the budget priorities meeting",
                                          happened_on=timezone.localtime(held).date())  # fmt: skip
    payments.claim_line_add(actor=member, claim=travel, kind=LineKind.MILEAGE, miles=14,
                            description="From home in Bootle to Mann Island and back")  # fmt: skip
    payments.claim_submit(actor=member, claim=travel)
