"""Meetings: invitations with calendar files, replies, updates and cancellations, arrangements
derived from who is coming and what they need, and attendance."""

from datetime import timedelta

import icalendar
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from meetings import selectors, services
from meetings.models import Arrangement, ArrangementStatus, Invitation, Reply
from members.services import access_need_add, access_need_remove, membership_change
from notifications.kinds import get
from notifications.models import Message, MessageStatus
from notifications.rendering import render_message
from tests.factories import catalogue_item, members_of
from tests.meetings.factories import a_meeting

pytestmark = pytest.mark.django_db


def calendar_of(message: Message) -> icalendar.Calendar:
    (attachment,) = message.context["attachments"]
    return icalendar.Calendar.from_ical(attachment["content"])


def event_of(message: Message):
    (event,) = calendar_of(message).walk("VEVENT")
    return event


def test_inviting_queues_one_message_each_with_a_calendar_request(coordinator, race_panel):
    people = members_of(coordinator, race_panel, 3)
    paused = members_of(coordinator, race_panel, 1)[0]
    membership_change(actor=coordinator, membership=paused.memberships.get(), role="member", status="paused",
                      reason="a break")  # fmt: skip
    meeting = a_meeting(coordinator, race_panel)
    assert services.meeting_invite(actor=coordinator, meeting=meeting) == 3
    assert services.meeting_invite(actor=coordinator, meeting=meeting) == 0  # nobody twice
    messages = Message.objects.filter(kind="meetings.invitation")
    assert {m.recipient for m in messages} == set(people)
    message = messages.get(recipient=people[0])
    calendar = calendar_of(message)
    assert calendar["METHOD"] == "REQUEST"
    assert message.context["attachments"][0]["params"] == {"method": "REQUEST"}
    event = event_of(message)
    assert str(event["UID"]).startswith(str(meeting.uid))
    assert event["SEQUENCE"] == 0
    assert event.decoded("DTSTART") == meeting.starts_at
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert "Mann Island" in str(event["LOCATION"])
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    assert message.context["attending_url"] != message.context["not_attending_url"]


def test_a_change_of_time_sends_an_update_with_the_same_uid_and_a_higher_sequence(coordinator, race_panel):
    person = members_of(coordinator, race_panel, 1)[0]
    meeting = a_meeting(coordinator, race_panel)
    services.meeting_invite(actor=coordinator, meeting=meeting)
    later = meeting.starts_at + timedelta(hours=2)
    services.meeting_change(actor=coordinator, meeting=meeting, starts_at=later, ends_at=later + timedelta(hours=2))
    first = event_of(Message.objects.get(kind="meetings.invitation", recipient=person))
    update = event_of(Message.objects.get(kind="meetings.update", recipient=person))
    assert update["UID"] == first["UID"]
    assert (first["SEQUENCE"], update["SEQUENCE"]) == (0, 1)
    assert update.decoded("DTSTART") == later
    # Only the description changed: no update is sent.
    services.meeting_change(actor=coordinator, meeting=meeting, description="About buses")
    assert Message.objects.filter(kind="meetings.update").count() == 1


def test_cancelling_sends_a_calendar_cancel_and_cancels_reminders(coordinator, race_panel):
    person = members_of(coordinator, race_panel, 1)[0]
    meeting = a_meeting(coordinator, race_panel)
    services.meeting_invite(actor=coordinator, meeting=meeting)
    invitation = Invitation.objects.get(person=person)
    services.invitation_reply(invitation=invitation, reply=Reply.ATTENDING)
    reminders = Message.objects.filter(kind="meetings.reminder", recipient=person)
    assert reminders.filter(status=MessageStatus.QUEUED).count() == 2  # 7 days and 1 day before
    with pytest.raises(ValidationError, match="Say why"):
        services.meeting_cancel(actor=coordinator, meeting=meeting, reason="")
    services.meeting_cancel(actor=coordinator, meeting=meeting, reason="The venue flooded")
    cancellation = Message.objects.get(kind="meetings.cancellation", recipient=person)
    calendar = calendar_of(cancellation)
    event = event_of(cancellation)
    assert (calendar["METHOD"], event["STATUS"], event["SEQUENCE"]) == ("CANCEL", "CANCELLED", 1)
    assert cancellation.context["attachments"][0]["params"] == {"method": "CANCEL"}
    assert not reminders.filter(status=MessageStatus.QUEUED).exists()
    with pytest.raises(ValidationError):
        services.invitation_reply(invitation=invitation, reply=Reply.NOT_ATTENDING)


def test_reminders_go_only_to_those_coming_and_follow_their_reply(coordinator, race_panel, settings):
    settings.MEETING_REMINDER_DAYS = [7, 1]
    person = members_of(coordinator, race_panel, 1)[0]
    meeting = a_meeting(coordinator, race_panel)
    services.meeting_invite(actor=coordinator, meeting=meeting)
    invitation = Invitation.objects.get(person=person)
    services.invitation_reply(invitation=invitation, reply=Reply.ATTENDING)
    due = sorted(Message.objects.filter(kind="meetings.reminder").values_list("due_at", flat=True))
    start_day = timezone.localtime(meeting.starts_at).date()
    assert [timezone.localtime(d).date() for d in due] == [start_day - timedelta(days=7), start_day - timedelta(days=1)]
    services.invitation_reply(invitation=invitation, reply=Reply.NOT_ATTENDING, apologies="Hospital appointment")
    assert not Message.objects.filter(kind="meetings.reminder", status=MessageStatus.QUEUED).exists()
    invitation.refresh_from_db()
    assert invitation.apologies == "Hospital appointment"
    # Coming after all, with a comment: reminded again, and the comment kept for the coordinator.
    services.invitation_reply(invitation=invitation, reply=Reply.ATTENDING, apologies="I will arrive at 10.15")
    waiting = Message.objects.filter(kind="meetings.reminder", status=MessageStatus.QUEUED)
    assert sorted(timezone.localtime(d).date() for d in waiting.values_list("due_at", flat=True)) == [
        start_day - timedelta(days=7), start_day - timedelta(days=1),
    ]  # fmt: skip
    invitation.refresh_from_db()
    assert invitation.apologies == "I will arrive at 10.15"


def test_arrangements_follow_replies_with_quantities_and_book_by_dates(coordinator, race_panel):
    signer, second_signer, assisted = members_of(coordinator, race_panel, 3)
    for person in (signer, second_signer):
        access_need_add(actor=person, person=person, item=catalogue_item("BSL interpreter"))
    access_need_add(actor=assisted, person=assisted, item=catalogue_item("Personal assistant or carer attending"))
    access_need_add(actor=assisted, person=assisted, item=catalogue_item("Camera off"))  # online only: not for this one
    meeting = a_meeting(coordinator, race_panel, minutes=120)
    services.meeting_invite(actor=coordinator, meeting=meeting)
    for person in (signer, second_signer, assisted):
        services.invitation_reply(invitation=Invitation.objects.get(person=person), reply=Reply.ATTENDING)
    rows = {a.item.name: a for a in Arrangement.objects.filter(meeting=meeting)}
    assert set(rows) == {"BSL interpreter", "Personal assistant or carer attending"}
    bsl = rows["BSL interpreter"]
    # Two interpreters for a two-hour meeting, however many people need them; booked 21 days ahead.
    assert bsl.quantity == 2
    assert bsl.book_by == timezone.localtime(meeting.starts_at).date() - timedelta(days=21)
    assert bsl.invitations.count() == 2
    assert rows["Personal assistant or carer attending"].quantity == 1
    # A reply changes: the item is kept, marked no longer needed.
    services.invitation_reply(invitation=Invitation.objects.get(person=assisted), reply=Reply.NOT_ATTENDING)
    assistant = Arrangement.objects.get(meeting=meeting, item__name="Personal assistant or carer attending")
    assert assistant.still_needed is False and assistant.invitations.count() == 0
    # A need changes after the reply: the sweep brings the list in line.
    access_need_remove(actor=signer, need=signer.access_profile.needs.get(), reason="I lipread now")
    access_need_add(actor=signer, person=signer, item=catalogue_item("Lipspeaker"))
    services.meetings_sweep()
    assert Arrangement.objects.get(meeting=meeting, item__name="BSL interpreter").invitations.count() == 1
    assert Arrangement.objects.get(meeting=meeting, item__name="Lipspeaker").still_needed


def test_coordinators_are_reminded_before_a_book_by_date_until_it_is_booked(coordinator, race_panel, settings):
    settings.ARRANGEMENT_WARNING_DAYS = 3
    person = members_of(coordinator, race_panel, 1)[0]
    access_need_add(actor=person, person=person, item=catalogue_item("BSL interpreter"))
    meeting = a_meeting(coordinator, race_panel, days=40)
    services.meeting_invite(actor=coordinator, meeting=meeting)
    services.invitation_reply(invitation=Invitation.objects.get(person=person), reply=Reply.ATTENDING)
    reminders = Message.objects.filter(kind="meetings.book_by", recipient=coordinator)
    arrangement = Arrangement.objects.get(meeting=meeting)
    assert {(timezone.localtime(m.due_at).date(), m.context["late"]) for m in reminders} == {
        (arrangement.book_by - timedelta(days=3), False), (arrangement.book_by, True),
    }  # fmt: skip
    with pytest.raises(ValidationError, match="Say why it is not possible"):
        services.arrangement_update(actor=coordinator, arrangement=arrangement, status=ArrangementStatus.NOT_POSSIBLE)
    services.arrangement_update(actor=coordinator, arrangement=arrangement, status=ArrangementStatus.BOOKED,
                                owner="Deaf Connect agency")  # fmt: skip
    assert not reminders.filter(status=MessageStatus.QUEUED).exists()
    # The booking falls through: the reminders are set again, once.
    services.arrangement_update(actor=coordinator, arrangement=arrangement, status=ArrangementStatus.TO_DO,
                                status_reason="The agency cancelled")  # fmt: skip
    services.meetings_sweep()
    assert reminders.filter(status=MessageStatus.QUEUED).count() == 2


def test_attendees_are_told_what_was_arranged_and_what_could_not_be(coordinator, race_panel):
    person = members_of(coordinator, race_panel, 1)[0]
    access_need_add(actor=person, person=person, item=catalogue_item("BSL interpreter"))
    access_need_add(actor=person, person=person, item=catalogue_item("Quiet room"))
    meeting = a_meeting(coordinator, race_panel, days=1)
    services.meeting_invite(actor=coordinator, meeting=meeting)
    services.invitation_reply(invitation=Invitation.objects.get(person=person), reply=Reply.ATTENDING)
    bsl, quiet = Arrangement.objects.filter(meeting=meeting).order_by("item__name")
    services.arrangement_update(actor=coordinator, arrangement=bsl, status=ArrangementStatus.NOT_POSSIBLE,
                                status_reason="No interpreter is free that day; we will caption live")  # fmt: skip
    services.arrangement_update(actor=coordinator, arrangement=quiet, status=ArrangementStatus.CONFIRMED)
    services.meetings_sweep()
    services.meetings_sweep()  # once per version of the meeting
    message = Message.objects.get(kind="meetings.arrangements", recipient=person)
    assert {(row["need"], row["done"]) for row in message.context["arranged"]} == {
        ("BSL interpreter", False), ("Quiet room", True),
    }  # fmt: skip


def test_only_the_panels_coordinators_run_a_meeting(coordinator, gender_coordinator, race_panel, gender_panel):
    with pytest.raises(PermissionDenied):
        a_meeting(gender_coordinator, race_panel)
    with pytest.raises(PermissionDenied):
        services.meeting_create(
            actor=coordinator, panels=[race_panel, gender_panel], title="Joint", format="online",
            online_link="https://meet.example.org/j", starts_at=timezone.now() + timedelta(days=3),
            ends_at=timezone.now() + timedelta(days=3, hours=1),
        )  # fmt: skip
    meeting = a_meeting(coordinator, race_panel)
    with pytest.raises(PermissionDenied):
        services.meeting_invite(actor=gender_coordinator, meeting=meeting)


def test_a_meeting_needs_a_place_for_its_format(coordinator, race_panel):
    with pytest.raises(ValidationError) as error:
        a_meeting(coordinator, race_panel, format="hybrid", venue=None)
    assert set(error.value.message_dict) == {"venue", "online_link"}


def test_attendance_is_recorded_after_the_meeting_and_totalled_without_cancelled_meetings(coordinator, race_panel):
    present, away = members_of(coordinator, race_panel, 2)
    held = a_meeting(coordinator, race_panel)
    cancelled = a_meeting(coordinator, race_panel, days=31)
    for meeting in (held, cancelled):
        services.meeting_invite(actor=coordinator, meeting=meeting)
    services.meeting_cancel(actor=coordinator, meeting=cancelled, reason="Clash with an election")
    marks = {Invitation.objects.get(meeting=held, person=present).pk: "present",
             Invitation.objects.get(meeting=held, person=away).pk: "apologies"}  # fmt: skip
    with pytest.raises(ValidationError, match="once the meeting has started"):
        services.attendance_record(actor=coordinator, meeting=held, attendance=marks)
    type(held).objects.filter(pk=held.pk).update(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1)
    )
    held.refresh_from_db()
    services.attendance_record(actor=coordinator, meeting=held, attendance=marks, minutes="We discussed buses.")
    totals = {row["person"]: row for row in selectors.attendance_totals(race_panel, timezone.localdate().year)}
    assert (totals[present]["meetings"], totals[present]["present"]) == (1, 1)
    assert (totals[away]["meetings"], totals[away]["apologies"]) == (1, 1)


def test_the_invitation_arrives_by_smtp_with_a_calendar_part_whose_content_type_names_the_method(
    coordinator, race_panel, smtp, django_capture_on_commit_callbacks
):
    person = members_of(coordinator, race_panel, 1)[0]
    meeting = a_meeting(coordinator, race_panel)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_invite(actor=coordinator, meeting=meeting)
    (received,) = smtp.wait_for(1)
    assert received["To"] == person.email
    (part,) = [p for p in received.walk() if p.get_content_type() == "text/calendar"]
    assert part.get_param("method") == "REQUEST"
    assert part.get_filename() == "invitation.ics"
    event = icalendar.Calendar.from_ical(part.get_content()).walk("VEVENT")[0]
    assert str(event["UID"]).startswith(str(meeting.uid))
    body = received.get_body(("plain",)).get_content()
    assert "/meetings/reply/" in body and "I cannot come" in body
    # The stored copy keeps no working reply link.
    stored = Message.objects.get(kind="meetings.invitation")
    assert "/meetings/reply/" not in stored.body_text
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(actor=coordinator, meeting=meeting, reason="The venue flooded")
    cancelled = smtp.wait_for(2)[1]
    (part,) = [p for p in cancelled.walk() if p.get_content_type() == "text/calendar"]
    assert part.get_param("method") == "CANCEL"


def test_a_member_who_asked_for_post_gets_a_letter_that_says_how_to_reply_without_a_link(coordinator, race_panel):
    from notifications.models import Channel
    from notifications.services import letter_render

    person = members_of(coordinator, race_panel, 1, contact_channel="post", contact_format="large_print",
                        address="1 Dale Street", postcode="L2 2DH")[0]  # fmt: skip
    meeting = a_meeting(coordinator, race_panel)
    services.meeting_invite(actor=coordinator, meeting=meeting)
    message = Message.objects.get(kind="meetings.invitation", recipient=person)
    assert message.channel == Channel.LETTER
    letter = letter_render(message)
    assert "Please call us on" in letter.text and "/meetings/reply/" not in letter.text
    assert "Mann Island" in letter.text and "Hearing loop" in letter.text


def test_a_paper_added_after_the_papers_went_out_is_announced_once_to_each_person(coordinator, race_panel):
    def upload(name):
        return SimpleUploadedFile(name, b"%PDF-1.4 paper", content_type="application/pdf")

    people = members_of(coordinator, race_panel, 2)
    meeting = a_meeting(coordinator, race_panel)
    with transaction.atomic():
        services.meeting_invite(actor=coordinator, meeting=meeting)
        services.paper_add(actor=coordinator, meeting=meeting, title="Agenda", standard=upload("agenda.pdf"))
        services.papers_release(actor=coordinator, meeting=meeting)
    assert Message.objects.filter(kind="meetings.papers").count() == 2
    with transaction.atomic():
        services.paper_add(actor=coordinator, meeting=meeting, title="Bus map", standard=upload("map.pdf"))
    added = Message.objects.filter(kind="meetings.papers", idempotency_key__contains="papers-added")
    assert sorted(added.values_list("recipient", flat=True)) == sorted(person.pk for person in people)
    announced = render_message(get("meetings.papers"), added.first().context)
    assert announced.subject.startswith("A new paper for")
    assert "There is a new paper for" in announced.text and "Bus map" in announced.text
    assert "Agenda" not in announced.text


def a_booked_interpreter(coordinator, race_panel):
    """A meeting a member is coming to, with a BSL interpreter they need, booked."""
    person = members_of(coordinator, race_panel, 1)[0]
    access_need_add(actor=person, person=person, item=catalogue_item("BSL interpreter"))
    meeting = a_meeting(coordinator, race_panel)
    services.meeting_invite(actor=coordinator, meeting=meeting)
    invitation = Invitation.objects.get(person=person)
    services.invitation_reply(invitation=invitation, reply=Reply.ATTENDING)
    arrangement = Arrangement.objects.get(meeting=meeting)
    services.arrangement_update(
        actor=coordinator, arrangement=arrangement, status=ArrangementStatus.BOOKED, owner="Sign Solutions"
    )
    return meeting, invitation, arrangement


def test_cancelling_turns_what_was_booked_into_bookings_to_cancel_with_a_reminder(coordinator, race_panel):
    meeting, _, booked = a_booked_interpreter(coordinator, race_panel)
    services.meeting_cancel(actor=coordinator, meeting=meeting, reason="The venue flooded")
    booked.refresh_from_db()
    assert booked.status == ArrangementStatus.TO_CANCEL and "Sign Solutions" in booked.status_reason
    told = Message.objects.filter(kind="meetings.bookings_to_cancel", recipient=coordinator)
    now, later = told.order_by("due_at")
    assert now.due_at <= timezone.now() < later.due_at and later.context["reminder"] is True
    assert "BSL interpreter" in render_message(get("meetings.bookings_to_cancel"), now.context).text
    services.arrangement_update(actor=coordinator, arrangement=booked, status=ArrangementStatus.CANCELLED)
    later.refresh_from_db()
    assert later.status == MessageStatus.CANCELLED, "nothing left to cancel: no reminder"


def test_a_cancelled_meeting_is_reinstated_as_the_same_calendar_event_with_its_bookings(coordinator, race_panel):
    meeting, invitation, booked = a_booked_interpreter(coordinator, race_panel)
    services.meeting_cancel(actor=coordinator, meeting=meeting, reason="The venue flooded")
    with pytest.raises(ValidationError, match="Say why"):
        services.meeting_reinstate(actor=coordinator, meeting=meeting, reason="")
    services.meeting_reinstate(actor=coordinator, meeting=meeting, reason="The venue is dry again")
    meeting.refresh_from_db()
    assert not meeting.is_cancelled and meeting.sequence == 2
    update = Message.objects.get(kind="meetings.reinstated", recipient=invitation.person)
    calendar, event = calendar_of(update), event_of(update)
    assert (calendar["METHOD"], event["STATUS"], event["SEQUENCE"]) == ("REQUEST", "CONFIRMED", 2)
    assert str(event["UID"]) == str(event_of(Message.objects.get(kind="meetings.invitation"))["UID"])
    booked.refresh_from_db()
    assert booked.status == ArrangementStatus.BOOKED, "a booking not yet cancelled stands"
    assert not Message.objects.filter(kind="meetings.bookings_to_cancel", status=MessageStatus.QUEUED).exists()
    reminders = Message.objects.filter(kind="meetings.reminder", recipient=invitation.person)
    assert reminders.filter(status=MessageStatus.QUEUED).count() == 2, "the person coming is reminded again"
    with pytest.raises(ValidationError, match="not cancelled"):
        services.meeting_reinstate(actor=coordinator, meeting=meeting, reason="Again")


def test_a_booking_already_cancelled_is_to_book_again_when_the_meeting_is_reinstated(coordinator, race_panel):
    meeting, _, booked = a_booked_interpreter(coordinator, race_panel)
    services.meeting_cancel(actor=coordinator, meeting=meeting, reason="The venue flooded")
    services.arrangement_update(actor=coordinator, arrangement=booked, status=ArrangementStatus.CANCELLED)
    services.meeting_reinstate(actor=coordinator, meeting=meeting, reason="The venue is dry again")
    booked.refresh_from_db()
    assert booked.status == ArrangementStatus.TO_DO and "book it again" in booked.status_reason


def test_each_meeting_has_its_own_reminder_days_and_a_change_moves_them(coordinator, race_panel, settings):
    settings.MEETING_REMINDER_DAYS = [7, 1]
    person = members_of(coordinator, race_panel, 1)[0]
    meeting = a_meeting(coordinator, race_panel)
    assert meeting.reminder_days == [7, 1], "from the settings when not given"
    services.meeting_invite(actor=coordinator, meeting=meeting)
    services.invitation_reply(invitation=Invitation.objects.get(person=person), reply=Reply.ATTENDING)
    services.meeting_change(actor=coordinator, meeting=meeting, reminder_days=[14, 3, 1])
    start_day = timezone.localtime(meeting.starts_at).date()
    due = Message.objects.filter(kind="meetings.reminder", status=MessageStatus.QUEUED).values_list("due_at", flat=True)
    assert sorted(start_day - timezone.localtime(d).date() for d in due) == [timedelta(days=n) for n in (1, 3, 14)]
    assert not Message.objects.filter(kind="meetings.update").exists(), "reminders are not news to the members"


def test_going_ahead_withdraws_cancellation_letters_not_yet_posted_and_cancelling_again_the_reverse(
    coordinator, race_panel
):
    from accounts.models import ContactChannel

    person = members_of(
        coordinator, race_panel, 1, contact_channel=ContactChannel.POST, address="1 Dale Street", postcode="L2 2DH"
    )[0]
    meeting = a_meeting(coordinator, race_panel)
    services.meeting_invite(actor=coordinator, meeting=meeting)
    services.meeting_cancel(actor=coordinator, meeting=meeting, reason="The venue flooded")
    cancellation = Message.objects.get(kind="meetings.cancellation", recipient=person)
    assert (cancellation.channel, cancellation.status) == ("letter", MessageStatus.QUEUED)
    services.meeting_reinstate(actor=coordinator, meeting=meeting, reason="The venue is dry")
    cancellation.refresh_from_db()
    assert cancellation.status == MessageStatus.CANCELLED, "not posted after all: the meeting goes ahead"
    services.meeting_cancel(actor=coordinator, meeting=meeting, reason="Flooded again")
    reinstated = Message.objects.get(kind="meetings.reinstated", recipient=person)
    assert reinstated.status == MessageStatus.CANCELLED


def test_support_still_to_book_is_reminded_again_when_the_meeting_goes_ahead(coordinator, race_panel):
    person = members_of(coordinator, race_panel, 1)[0]
    access_need_add(actor=person, person=person, item=catalogue_item("BSL interpreter"))
    meeting = a_meeting(coordinator, race_panel)
    services.meeting_invite(actor=coordinator, meeting=meeting)
    services.invitation_reply(invitation=Invitation.objects.get(person=person), reply=Reply.ATTENDING)
    book_by = Message.objects.filter(kind="meetings.book_by", status=MessageStatus.QUEUED)
    assert book_by.exists()
    services.meeting_cancel(actor=coordinator, meeting=meeting, reason="The venue flooded")
    assert not book_by.exists()
    services.meeting_reinstate(actor=coordinator, meeting=meeting, reason="The venue is dry")
    assert book_by.exists(), "the interpreter still has to be booked"


def test_an_arrangement_takes_only_a_status_that_fits_its_meeting(coordinator, race_panel):
    meeting, _, booked = a_booked_interpreter(coordinator, race_panel)
    with pytest.raises(ValidationError, match="statuses offered"):
        services.arrangement_update(actor=coordinator, arrangement=booked, status=ArrangementStatus.CANCELLED)
    services.meeting_cancel(actor=coordinator, meeting=meeting, reason="The venue flooded")
    booked.refresh_from_db()
    with pytest.raises(ValidationError, match="statuses offered"):
        services.arrangement_update(actor=coordinator, arrangement=booked, status=ArrangementStatus.BOOKED)


def test_arrangements_are_left_alone_for_a_meeting_cancelled_since_it_was_read(coordinator, race_panel):
    meeting, invitation, booked = a_booked_interpreter(coordinator, race_panel)
    stale = type(meeting).objects.get(pk=meeting.pk)
    services.meeting_cancel(actor=coordinator, meeting=meeting, reason="The venue flooded")
    access_need_add(actor=invitation.person, person=invitation.person, item=catalogue_item("Quiet room"))
    assert services.arrangements_refresh(meeting=stale) == 0
    assert not Message.objects.filter(kind="meetings.book_by", status=MessageStatus.QUEUED).exists()
    assert not Arrangement.objects.filter(meeting=meeting, item=catalogue_item("Quiet room")).exists()


def test_a_booking_nobody_needs_any_more_is_still_restored_when_the_meeting_goes_ahead(coordinator, race_panel):
    meeting, invitation, booked = a_booked_interpreter(coordinator, race_panel)
    services.invitation_reply(invitation=invitation, reply=Reply.NOT_ATTENDING)
    booked.refresh_from_db()
    assert not booked.still_needed and booked.status == ArrangementStatus.BOOKED
    services.meeting_cancel(actor=coordinator, meeting=meeting, reason="The venue flooded")
    services.meeting_reinstate(actor=coordinator, meeting=meeting, reason="The venue is dry")
    booked.refresh_from_db()
    assert booked.status == ArrangementStatus.BOOKED, "not left to cancel on a meeting going ahead"
