"""Interviews (recruitment/services/interviews.py): times with their interviewers, everyone
shortlisted invited at once, a time booked by the person or for them with a calendar file that
keeps its UID, replies, reminders as outbox rows, and scorecards combined into the interview score."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from members.models import MembershipRole
from notifications.models import Message, MessageStatus
from recruitment import services
from recruitment.models import (
    ApplicationStatus,
    DecisionReason,
    Interview,
    InterviewScore,
    InterviewSlot,
    InterviewState,
)
from tests.factories import UserFactory, a_membership
from tests.recruitment.factories import interview_time, reviewers_for, submitted_applications

S = ApplicationStatus


@pytest.fixture
def shortlisted(round_, coordinator, race_panel):
    reviewers_for(race_panel, 2)
    applications = submitted_applications(round_, 3)
    services.review_start(actor=coordinator, round_=round_)
    for application in applications:
        application.refresh_from_db()
        services.application_decide(
            actor=coordinator, application=application, status=S.SHORTLISTED, reason=DecisionReason.MET_CRITERIA
        )
    return applications


@pytest.fixture
def invited(shortlisted, coordinator, round_):
    """Three shortlisted people invited, with a time each for them to choose from (and one spare)."""
    slots = [interview_time(round_, coordinator) for _ in range(4)]
    services.interviews_invite(actor=coordinator, round_=round_)
    for application in shortlisted:
        application.refresh_from_db()
    return shortlisted, slots


def calendar_of(message: Message) -> str:
    (attachment,) = message.context["attachments"]
    assert attachment["content_type"] == "text/calendar"
    return attachment["content"].replace("\r\n ", "")


def line(ics: str, name: str) -> str:
    return next(row.split(":", 1)[1] for row in ics.splitlines() if row.split(":")[0].split(";")[0] == name)


# Inviting


def test_everyone_shortlisted_is_invited_at_once_to_choose_a_time(invited, coordinator):
    applications, _ = invited
    assert {a.status for a in applications} == {S.INVITED}
    messages = Message.objects.filter(kind="recruitment.interview_invitation")
    assert {m.recipient_id for m in messages} == {a.applicant_id for a in applications}
    first = messages.get(recipient=applications[0].applicant)
    assert first.context["url"].endswith(f"/applications/{applications[0].pk}/interview/")
    assert Interview.objects.filter(state=InterviewState.CHOOSING, slot__isnull=True).count() == 3


def test_inviting_waits_until_there_is_a_free_time_for_everyone(shortlisted, coordinator, round_):
    interview_time(round_, coordinator)
    with pytest.raises(ValidationError, match="1 free interview time for 3 people.*Add at least 2 more"):
        services.interviews_invite(actor=coordinator, round_=round_)
    assert not Interview.objects.exists()


def test_an_interview_time_needs_a_place_or_link_a_future_time_and_the_rounds_interviewers(
    coordinator, round_, reviewer
):
    services.interviewer_add(actor=coordinator, round_=round_, person=coordinator)
    later = timezone.now() + timedelta(days=3)
    with pytest.raises(ValidationError) as refused:
        services.slot_add(
            actor=coordinator, round_=round_, starts_at=timezone.now() - timedelta(hours=1), minutes=45,
            interviewers=[reviewer],
        )  # fmt: skip
    assert set(refused.value.message_dict) == {"place", "starts_at", "interviewers"}
    services.slot_add(
        actor=coordinator, round_=round_, starts_at=later, minutes=60, place="Room 1", interviewers=[coordinator]
    )
    with pytest.raises(ValidationError, match="Already interviewing at that time"):
        services.slot_add(
            actor=coordinator, round_=round_, starts_at=later + timedelta(minutes=30), minutes=45, place="Room 2",
            interviewers=[coordinator],
        )  # fmt: skip


def test_interviewers_are_the_panels_coordinators_reviewers_and_members_never_an_applicant(
    coordinator, round_, reviewer, race_panel, shortlisted
):
    chair = a_membership(coordinator, race_panel).person
    chair.memberships.update(role=MembershipRole.CHAIR)
    for person in (coordinator, reviewer, chair):
        services.interviewer_add(actor=coordinator, round_=round_, person=person)
    assert set(round_.interviewers.values_list("person", flat=True)) == {coordinator.pk, reviewer.pk, chair.pk}
    for stranger in (UserFactory(), shortlisted[0].applicant):
        with pytest.raises(ValidationError, match="coordinators, reviewers or members"):
            services.interviewer_add(actor=coordinator, round_=round_, person=stranger)
    with pytest.raises(PermissionDenied):
        services.interviewer_add(actor=reviewer, round_=round_, person=reviewer)


# Booking, the calendar file and reminders


def test_the_person_chooses_a_time_and_is_sent_it_with_a_calendar_file_and_a_reminder(invited):
    (application, *_), slots = invited
    interview = services.interview_book(actor=application.applicant, interview=application.interview, slot=slots[1])
    assert interview.is_booked and interview.accepted_at is not None
    message = Message.objects.get(kind="recruitment.interview_booked")
    assert message.recipient == application.applicant and message.context["changed"] is False
    ics = calendar_of(message)
    assert line(ics, "METHOD") == "REQUEST" and line(ics, "SEQUENCE") == "1"
    assert line(ics, "UID").startswith(f"interview-{interview.pk}@")
    assert line(ics, "LOCATION") == "Room 1"
    reminder = Message.objects.get(kind="recruitment.interview_reminder")
    day_before = timezone.localtime(slots[1].starts_at).date() - timedelta(days=1)
    assert timezone.localtime(reminder.due_at).date() == day_before and timezone.localtime(reminder.due_at).hour == 9
    assert reminder.status == MessageStatus.QUEUED and reminder.enqueued_at is None


def test_a_new_time_keeps_the_calendar_event_raises_its_sequence_and_moves_the_reminder(invited, coordinator):
    (application, *_), slots = invited
    first = services.interview_book(actor=application.applicant, interview=application.interview, slot=slots[0])
    moved = services.interview_book(
        actor=coordinator, interview=first, slot=slots[3], adjustments_confirmed="A BSL interpreter will be there."
    )
    # Booked by staff: the person is asked to accept it.
    assert moved.waiting_for_acceptance
    before, after = Message.objects.filter(kind="recruitment.interview_booked").order_by("id")
    assert line(calendar_of(before), "UID") == line(calendar_of(after), "UID")
    assert line(calendar_of(after), "SEQUENCE") == "2" and after.context["changed"] is True
    assert after.context["adjustments"] == "A BSL interpreter will be there." and after.context["to_accept"]
    reminders = Message.objects.filter(kind="recruitment.interview_reminder").order_by("id")
    assert [r.status for r in reminders] == [MessageStatus.CANCELLED, MessageStatus.QUEUED]
    services.interview_accept(actor=application.applicant, interview=moved)
    moved.refresh_from_db()
    assert moved.accepted_at is not None


def test_a_time_someone_else_has_booked_cannot_be_taken(invited):
    (first, second, _), slots = invited
    services.interview_book(actor=first.applicant, interview=first.interview, slot=slots[0])
    with pytest.raises(ValidationError, match="Someone else has just booked that time"):
        services.interview_book(actor=second.applicant, interview=second.interview, slot=slots[0])


def test_nobody_books_another_persons_interview(invited):
    (first, second, _), slots = invited
    with pytest.raises(PermissionDenied):
        services.interview_book(actor=second.applicant, interview=first.interview, slot=slots[0])


def test_declining_frees_the_time_cancels_the_calendar_event_and_tells_the_coordinators(invited, coordinator):
    (application, *_), slots = invited
    booked = services.interview_book(actor=application.applicant, interview=application.interview, slot=slots[0])
    declined = services.interview_decline(actor=application.applicant, interview=booked, note="I am unwell.")
    assert declined.state == InterviewState.DECLINED and declined.slot is None
    cancelled = Message.objects.get(kind="recruitment.interview_cancelled")
    ics = calendar_of(cancelled)
    assert line(ics, "METHOD") == "CANCEL" and line(ics, "SEQUENCE") == "2"
    assert line(ics, "UID") == line(calendar_of(Message.objects.get(kind="recruitment.interview_booked")), "UID")
    assert Message.objects.get(kind="recruitment.interview_reminder").status == MessageStatus.CANCELLED
    told = Message.objects.get(kind="recruitment.interview_reply")
    assert told.recipient == coordinator and told.context["reply"] == "declined"
    assert "unwell" not in str(told.context)  # their words stay on the page
    # The freed time can be booked by someone else.
    other = invited[0][1]
    services.interview_book(actor=other.applicant, interview=other.interview, slot=slots[0])


def test_asking_to_rearrange_says_what_would_suit_them(invited):
    (application, *_), _ = invited
    with pytest.raises(ValidationError, match="which days or times would suit you"):
        services.interview_rearrange_ask(actor=application.applicant, interview=application.interview, note=" ")
    interview = services.interview_rearrange_ask(
        actor=application.applicant, interview=application.interview, note="Any weekday morning."
    )
    assert interview.state == InterviewState.REARRANGE and interview.reply_note == "Any weekday morning."
    assert not Message.objects.filter(kind="recruitment.interview_cancelled").exists()  # nothing was booked


def test_withdrawing_frees_the_time_with_a_cancellation(invited):
    (application, *_), slots = invited
    services.interview_book(actor=application.applicant, interview=application.interview, slot=slots[0])
    services.application_withdraw(actor=application.applicant, application=application, reason="Moving away.")
    assert Interview.objects.get(application=application).slot is None
    assert Message.objects.get(kind="recruitment.interview_cancelled").context["reason"] == "application withdrawn"


def test_someone_who_declined_can_be_unsuccessful_without_an_interview_but_not_while_booked(invited, coordinator):
    (application, *_), slots = invited
    services.interview_book(actor=application.applicant, interview=application.interview, slot=slots[0])
    decide = {"actor": coordinator, "application": application, "status": S.UNSUCCESSFUL}
    with pytest.raises(ValidationError, match="An interview time is booked for them"):
        services.application_decide(**decide, reason=DecisionReason.NO_INTERVIEW)
    services.interview_decline(actor=coordinator, interview=application.interview)
    with pytest.raises(ValidationError, match="They were not interviewed"):
        services.application_decide(**decide, reason=DecisionReason.INTERVIEW_SCORE)
    services.application_decide(**decide, reason=DecisionReason.NO_INTERVIEW)


# Scorecards


def test_a_scorecard_before_a_time_is_booked_is_refused_and_nothing_is_kept(invited, coordinator, round_):
    (application, *_), _ = invited
    criteria = {c.pk: (3, "") for c in round_.criteria.all()}
    with pytest.raises(PermissionDenied):  # nobody interviews at a time not yet booked
        services.scorecard_record(actor=coordinator, interview=application.interview, scores=criteria, submit=True)
    assert not application.interview.scorecards.exists()


def test_scorecards_make_the_interview_score_once_every_interviewer_has_sent_or_stood_aside(
    shortlisted, coordinator, reviewer, round_
):
    slot = interview_time(round_, coordinator, interviewers=[coordinator, reviewer])
    for _ in shortlisted[1:]:
        interview_time(round_, coordinator, interviewers=[coordinator, reviewer])
    services.interviews_invite(actor=coordinator, round_=round_)
    application = shortlisted[0]
    application.refresh_from_db()
    interview = services.interview_book(actor=application.applicant, interview=application.interview, slot=slot)
    first, second = round_.criteria.all()
    services.scorecard_record(
        actor=coordinator, interview=interview, submit=True, scores={first.pk: (4, "Strong."), second.pk: (2, "")}
    )
    interview.refresh_from_db()
    assert interview.score is None and interview.application.status == S.INVITED  # waiting for the reviewer
    with pytest.raises(ValidationError, match="Give a score for"):
        services.scorecard_record(actor=reviewer, interview=interview, submit=True, scores={first.pk: (1, "")})
    services.scorecard_record(
        actor=reviewer, interview=interview, submit=True, scores={first.pk: (1, ""), second.pk: (1, "")}
    )
    interview.refresh_from_db()
    # (4 + 2) / 2 = 3 of 4 is 75; (1 + 1) / 2 = 1 of 4 is 25; the mean is 50.
    assert interview.score == 50 and interview.application.status == S.INTERVIEWED
    with pytest.raises(ValidationError, match="scorecards are closed"):
        services.scorecard_record(actor=reviewer, interview=interview, submit=False, scores={})


def test_an_interviewer_with_a_conflict_stands_aside_and_the_others_make_the_score(
    shortlisted, coordinator, reviewer, round_
):
    slots = [interview_time(round_, coordinator, interviewers=[coordinator, reviewer]) for _ in shortlisted]
    services.interviews_invite(actor=coordinator, round_=round_)
    application = shortlisted[0]
    application.refresh_from_db()
    interview = services.interview_book(actor=application.applicant, interview=application.interview, slot=slots[0])
    with pytest.raises(ValidationError, match="Say briefly why"):
        services.scorecard_conflict_declare(actor=reviewer, interview=interview, reason="")
    services.scorecard_conflict_declare(actor=reviewer, interview=interview, reason="We worked together.")
    marks = {c.pk: (4, "") for c in round_.criteria.all()}
    services.scorecard_record(actor=coordinator, interview=interview, submit=True, scores=marks)
    interview.refresh_from_db()
    assert interview.score == 100


def test_only_the_interviewers_at_the_time_score_it(invited, coordinator, reviewer, round_):
    (application, *_), slots = invited
    interview = services.interview_book(actor=application.applicant, interview=application.interview, slot=slots[0])
    marks = {c.pk: (2, "") for c in round_.criteria.all()}
    with pytest.raises(PermissionDenied):  # a reviewer of the panel, not asked to interview
        services.scorecard_record(actor=reviewer, interview=interview, submit=True, scores=marks)
    services.interviewer_add(actor=coordinator, round_=round_, person=reviewer)
    with pytest.raises(PermissionDenied):  # asked to interview in the round, but not at this time
        services.scorecard_record(actor=reviewer, interview=interview, submit=True, scores=marks)


def test_the_coordinator_can_work_out_the_score_when_an_interviewer_cannot_send_theirs(
    shortlisted, coordinator, reviewer, round_
):
    slots = [interview_time(round_, coordinator, interviewers=[coordinator, reviewer]) for _ in shortlisted]
    services.interviews_invite(actor=coordinator, round_=round_)
    application = shortlisted[0]
    application.refresh_from_db()
    interview = services.interview_book(actor=application.applicant, interview=application.interview, slot=slots[0])
    with pytest.raises(ValidationError, match="No interviewer has sent a scorecard yet"):
        services.interview_score_combine(actor=coordinator, interview=interview)
    marks = {c.pk: (3, "") for c in round_.criteria.all()}
    services.scorecard_record(actor=coordinator, interview=interview, submit=True, scores=marks)
    services.interview_score_combine(actor=coordinator, interview=interview)
    interview.refresh_from_db()
    assert interview.score == 75 and interview.application.status == S.INTERVIEWED


def test_once_the_time_has_come_the_booking_cannot_be_moved_declined_or_undone_by_withdrawing(invited, coordinator):
    (application, *_), slots = invited
    interview = services.interview_book(actor=application.applicant, interview=application.interview, slot=slots[0])
    InterviewSlot.objects.filter(pk=slots[0].pk).update(starts_at=timezone.now() - timedelta(minutes=5))
    interview.refresh_from_db()
    for change in (
        lambda: services.interview_book(actor=coordinator, interview=interview, slot=slots[3]),
        lambda: services.interview_decline(actor=application.applicant, interview=interview),
        lambda: services.interview_rearrange_ask(actor=application.applicant, interview=interview, note="Later"),
    ):
        with pytest.raises(ValidationError, match="already taken place"):
            change()
    services.application_withdraw(actor=application.applicant, application=application, reason="Changed my mind.")
    interview.refresh_from_db()
    assert interview.slot_id == slots[0].pk and interview.state == InterviewState.BOOKED
    assert not Message.objects.filter(kind="recruitment.interview_cancelled").exists()


def test_a_reminder_already_handed_to_a_worker_is_still_cancelled_when_the_time_changes(invited, coordinator):
    (application, *_), slots = invited
    interview = services.interview_book(actor=application.applicant, interview=application.interview, slot=slots[0])
    reminder = Message.objects.get(kind="recruitment.interview_reminder")
    Message.objects.filter(pk=reminder.pk).update(enqueued_at=timezone.now())  # the sweep published it
    services.interview_decline(actor=application.applicant, interview=interview)
    reminder.refresh_from_db()
    assert reminder.status == MessageStatus.CANCELLED
    cancelled = Message.objects.get(kind="recruitment.interview_cancelled")
    assert "adjustments" not in cancelled.context  # what was to be arranged is not kept with it


def test_scores_taken_back_say_who_took_them(shortlisted, coordinator, reviewer, round_):
    slots = [interview_time(round_, coordinator, interviewers=[coordinator, reviewer]) for _ in shortlisted]
    services.interviews_invite(actor=coordinator, round_=round_)
    application = shortlisted[0]
    application.refresh_from_db()
    interview = services.interview_book(actor=application.applicant, interview=application.interview, slot=slots[0])
    first, _ = round_.criteria.all()
    services.scorecard_record(actor=reviewer, interview=interview, submit=False, scores={first.pk: (2, "")})
    services.scorecard_conflict_declare(actor=reviewer, interview=interview, reason="We worked together.")
    removed = InterviewScore.history.filter(history_type="-").get()
    assert removed.history_user == reviewer
