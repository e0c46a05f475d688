"""Meeting pages: setting one up, replying by link or on the member's page, papers released in
every format at once, the suppliers' export and attendance."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from meetings import links, services
from meetings.models import Arrangement, Invitation, Meeting, Reply
from members.models import AccessNeedItem
from members.services import access_need_add
from notifications import services as outbox
from notifications.models import ConsentDecision, ConsentPurpose, Message
from tests.factories import members_of
from tests.forms import date_input
from tests.meetings.factories import a_meeting, a_venue
from tests.responses import text, title_of

pytestmark = pytest.mark.django_db


def form_data(**changes) -> dict:
    day = timezone.localdate() + timedelta(days=30)
    data = {
        "title": "Race Panel: spring meeting", "panels": [], "start": "10:00", "end": "12:00",
        "format": "in_person", "venue": "", "room": "", "online_link": "", "description": "",
    } | date_input("day", day)  # fmt: skip
    data.update(changes)
    return data


@pytest.fixture
def invited(coordinator, race_panel):
    person = members_of(coordinator, race_panel, 1, full_name="Morgan Member")[0]
    meeting = a_meeting(coordinator, race_panel)
    services.meeting_invite(actor=coordinator, meeting=meeting)
    return meeting, Invitation.objects.get(person=person)


def test_a_coordinator_sets_up_a_meeting_and_bad_input_gets_clear_errors(signed_in, coordinator, race_panel):
    client = signed_in(coordinator)
    url = "/staff/panels/race/meetings/new/"
    page = text(client.post(url, form_data(panels=[race_panel.pk], end="09:00", format="hybrid")))
    assert "There is a problem" in page and "The meeting must end after it starts" in page
    page = text(client.post(url, form_data(panels=[race_panel.pk], format="hybrid")))
    assert "Choose where the meeting is" in page and "Enter the link people use to join online" in page
    assert "Race Panel: spring meeting" in page  # what was typed is kept
    venue = a_venue()
    response = client.post(url, form_data(panels=[race_panel.pk], venue=venue.pk, room="Room 3"))
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/staff/meetings/{meeting.pk}/"
    assert timezone.localtime(meeting.starts_at).hour == 10 and meeting.minutes_long == 120
    assert "Level entrance on the river side" in text(client.get(f"/staff/meetings/{meeting.pk}/"))


def test_a_coordinator_cannot_set_up_a_meeting_for_a_panel_they_do_not_run(signed_in, coordinator, gender_panel):
    response = signed_in(coordinator).post(
        "/staff/panels/race/meetings/new/", form_data(panels=[gender_panel.pk], venue=a_venue().pk)
    )
    assert "Select a valid choice" in text(response)
    assert not Meeting.objects.exists()


def test_inviting_one_person_says_so_in_good_english_and_where_to_see_how_it_went(signed_in, coordinator, race_panel):
    members_of(coordinator, race_panel, 1)
    meeting = a_meeting(coordinator, race_panel)
    page = text(signed_in(coordinator).post(f"/staff/meetings/{meeting.pk}/invite/", follow=True))
    assert "1 invitation is on its way." in page and "1 invitations" not in page
    assert "how each one was delivered" in page and 'id="messages"' in page


def test_opening_a_reply_link_records_nothing_and_the_button_records_the_reply(client, invited):
    meeting, invitation = invited
    url = links.reply_url(invitation, Reply.ATTENDING).removeprefix("http://127.0.0.1:8000")
    page = text(client.get(url))
    assert "Confirm you are coming" in page
    invitation.refresh_from_db()
    assert invitation.reply == ""
    assert "Thank you" in text(client.post(url))
    invitation.refresh_from_db()
    assert invitation.reply == Reply.ATTENDING
    # The other link, used later, changes the reply, with apologies.
    other = links.reply_url(invitation, Reply.NOT_ATTENDING).removeprefix("http://127.0.0.1:8000")
    client.post(other, {"apologies": "A hospital appointment"})
    invitation.refresh_from_db()
    assert (invitation.reply, invitation.apologies) == (Reply.NOT_ATTENDING, "A hospital appointment")


@pytest.mark.parametrize("token", ["not-a-token", "W1sxLCJhdHRlbmRpbmciXQ:forged:signature", "x" * 500])
def test_a_forged_reply_link_is_refused_with_a_clear_page(client, invited, token):
    response = client.get(f"/meetings/reply/{token}/")
    assert response.status_code == 400 and "This link does not work" in response.content.decode()
    assert client.post(f"/meetings/reply/{token}/").status_code == 400


def test_a_reply_link_for_a_finished_meeting_is_closed(client, invited):
    meeting, invitation = invited
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1)
    )
    url = links.reply_url(invitation, Reply.ATTENDING).removeprefix("http://127.0.0.1:8000")
    response = client.post(url)
    assert response.status_code == 410 and "This meeting has finished" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.reply == ""


def test_a_member_replies_on_their_meeting_page_and_another_persons_is_not_found(signed_in, invited, coordinator):
    meeting, invitation = invited
    client = signed_in(invitation.person)
    page = text(client.post(f"/your-meetings/{meeting.pk}/", {"reply": ""}))
    assert "Say whether you are coming" in page
    client.post(f"/your-meetings/{meeting.pk}/", {"reply": "attending"})
    invitation.refresh_from_db()
    assert invitation.reply == Reply.ATTENDING
    stranger = members_of(coordinator, meeting.panels.get(), 1)[0]
    assert signed_in(stranger).get(f"/your-meetings/{meeting.pk}/").status_code == 404


def test_papers_reach_members_only_when_released_and_in_every_format_at_once(signed_in, coordinator, invited):
    meeting, invitation = invited
    staff_client = signed_in(coordinator)
    staff_client.post(f"/staff/meetings/{meeting.pk}/papers/", {
        "title": "Bus strategy",
        "standard": SimpleUploadedFile("bus.pdf", b"%PDF-1.4 standard", content_type="application/pdf"),
        "easy_read": SimpleUploadedFile("bus-easy.pdf", b"%PDF-1.4 easy", content_type="application/pdf"),
    })  # fmt: skip
    paper = meeting.papers.get()
    assert paper.missing_versions == ["Large print", "Audio"]
    assert "Large print, Audio" in text(staff_client.get(f"/staff/meetings/{meeting.pk}/papers/"))
    member = signed_in(invitation.person)
    assert "The papers are not ready yet" in text(member.get(f"/your-meetings/{meeting.pk}/"))
    assert member.get(f"/your-meetings/{meeting.pk}/papers/{paper.pk}/standard/").status_code == 404
    staff_client.post(f"/staff/meetings/{meeting.pk}/papers/send/")
    page = text(member.get(f"/your-meetings/{meeting.pk}/"))
    assert "Bus strategy" in page and "Easy read" in page
    response = member.get(f"/your-meetings/{meeting.pk}/papers/{paper.pk}/easy_read/")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 easy"
    assert member.get(f"/your-meetings/{meeting.pk}/papers/{paper.pk}/audio/").status_code == 404
    assert Message.objects.filter(kind="meetings.papers", recipient=invitation.person).count() == 1


def test_a_paper_without_a_title_or_a_file_gets_a_clear_error(signed_in, coordinator, invited, settings):
    meeting, _ = invited
    page = text(signed_in(coordinator).post(f"/staff/meetings/{meeting.pk}/papers/", {"title": ""}))
    assert "Enter a title" in page and "Choose the file of the paper" in page


HOSTILE = {
    "a web page": ("paper.html", b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"),
    "a web page named as a PDF": ("report.pdf.html", b"<html><script>alert(1)</script></html>"),
    "an SVG with a script": ("diagram.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    "a Windows program": ("minutes.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48),
}  # fmt: skip


@pytest.mark.parametrize("what", HOSTILE)
def test_a_file_that_is_not_a_paper_is_refused_at_its_field_and_the_title_is_kept(signed_in, coordinator, invited,
                                                                                  what):  # fmt: skip
    meeting, _ = invited
    name, content = HOSTILE[what]
    response = signed_in(coordinator).post(f"/staff/meetings/{meeting.pk}/papers/", {
        "title": "Bus strategy: draft for comment",
        "standard": SimpleUploadedFile("bus.pdf", b"%PDF-1.4 standard", content_type="application/pdf"),
        "large_print": SimpleUploadedFile(name, content, content_type="application/pdf"),
    })  # fmt: skip
    page = text(response)
    assert "There is a problem" in page
    assert page.count("The large print version must be a PDF, Word, OpenDocument or plain text file") == 2
    assert 'href="#id_large_print"' in page  # the summary leads to the field
    assert 'value="Bus strategy: draft for comment"' in page
    assert not meeting.papers.exists()


def test_every_file_of_a_paper_that_is_wrong_is_named_at_once(signed_in, coordinator, invited):
    meeting, _ = invited
    page = text(signed_in(coordinator).post(f"/staff/meetings/{meeting.pk}/papers/", {
        "title": "",
        "standard": SimpleUploadedFile("bus.html", b"<html><script>alert(1)</script></html>"),
        "easy_read": SimpleUploadedFile("easy.pdf", b""),
        "audio": SimpleUploadedFile("reading.mp3", b"%PDF-1.4 not a recording"),
    }))  # fmt: skip
    for error in ["Enter a title", "The paper must be a PDF, Word, OpenDocument or plain text file",
                  "The selected file is empty", "The audio version must be an MP3, M4A or MP4 file"]:  # fmt: skip
        assert f"</span> {error}</p>" in page, error


def test_a_missing_version_that_is_not_audio_is_refused_too(signed_in, coordinator, invited, settings):
    meeting, _ = invited
    client = signed_in(coordinator)
    url = f"/staff/meetings/{meeting.pk}/papers/"
    client.post(url, {"title": "Bus strategy", "standard": SimpleUploadedFile("bus.txt", b"Buses")})
    paper = meeting.papers.get()
    page = text(client.post(f"{url}new-version/", {
        "paper": paper.pk, "version-version": "audio",
        "version-upload": SimpleUploadedFile("reading.mp3", b"%PDF-1.4 not a recording"),
    }))  # fmt: skip
    assert "There is a problem" in page and "The file must be an MP3, M4A or MP4 file" in page
    settings.UPLOAD_PAPER_MAX_MB = 1
    page = text(client.post(f"{url}new-version/", {
        "paper": paper.pk, "version-version": "large_print",
        "version-upload": SimpleUploadedFile("large.pdf", b"%PDF-1.4" + b" " * 1024 * 1024),
    }))  # fmt: skip
    assert "The file must be smaller than 1 MB" in page
    paper.refresh_from_db()
    assert paper.missing_versions == ["Large print", "Easy read", "Audio"]


def test_a_paper_is_downloaded_as_what_it_was_checked_to_be(signed_in, coordinator, invited):
    meeting, _ = invited
    client = signed_in(coordinator)
    client.post(f"/staff/meetings/{meeting.pk}/papers/", {
        "title": "Bus strategy",
        "standard": SimpleUploadedFile("../Bus strategy.exe", b"%PDF-1.4 standard", content_type="text/html"),
    })  # fmt: skip
    paper = meeting.papers.get()
    assert paper.standard.name.endswith("/Bus_strategy.pdf")  # the storage's underscores
    response = client.get(f"/staff/meetings/{meeting.pk}/papers/{paper.pk}/standard/")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Bus_strategy.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_suppliers_export_names_only_those_who_agreed_to_share(signed_in, coordinator, race_panel):
    sharer, private = members_of(coordinator, race_panel, 2)
    sharer.full_name, private.full_name = "Sam Sharer", "Pri Vate"
    sharer.save(update_fields=["full_name"])
    private.save(update_fields=["full_name"])
    for person in (sharer, private):
        access_need_add(actor=person, person=person, item=AccessNeedItem.objects.get(name="BSL interpreter"))
    outbox.consent_record(person=sharer, actor=sharer, purpose=ConsentPurpose.SHARE_ACCESS_NEEDS,
                          decision=ConsentDecision.GIVEN)  # fmt: skip
    meeting = a_meeting(coordinator, race_panel)
    services.meeting_invite(actor=coordinator, meeting=meeting)
    for invitation in meeting.invitations.all():
        services.invitation_reply(invitation=invitation, reply=Reply.ATTENDING)
    client = signed_in(coordinator)
    assert "BSL interpreter" in text(client.get(f"/staff/meetings/{meeting.pk}/arrangements/"))
    body = client.get(f"/staff/meetings/{meeting.pk}/arrangements.csv").content.decode()
    assert "BSL interpreter" in body and "Sam Sharer" in body and "Pri Vate" not in body


def test_the_suppliers_export_says_when_and_where_and_in_the_persons_words_only_with_consent(
    signed_in, coordinator, race_panel
):
    import csv
    import io

    sharer, private = members_of(coordinator, race_panel, 2)
    words = {sharer: "Someone who knows Liverpool signs", private: "A deaf relay interpreter please"}
    for person, details in words.items():
        access_need_add(
            actor=person, person=person, item=AccessNeedItem.objects.get(name="BSL interpreter"), details=details
        )
    outbox.consent_record(person=sharer, actor=sharer, purpose=ConsentPurpose.SHARE_ACCESS_NEEDS,
                          decision=ConsentDecision.GIVEN)  # fmt: skip
    meeting = a_meeting(coordinator, race_panel, format="hybrid", online_link="https://meet.example.org/race")
    services.meeting_invite(actor=coordinator, meeting=meeting)
    for invitation in meeting.invitations.all():
        services.invitation_reply(invitation=invitation, reply=Reply.ATTENDING)
    body = signed_in(coordinator).get(f"/staff/meetings/{meeting.pk}/arrangements.csv").content.decode()
    (row,) = list(csv.DictReader(io.StringIO(body)))
    starts = timezone.localtime(meeting.starts_at)
    assert row["Date"] == f"{starts:%-d %B %Y}" and row["Starts"] == "10:00" and row["Ends"] == "12:00"
    assert row["Where"] == "Mann Island, 1 Mann Island, Liverpool, L3 1BP"
    assert "Hearing loop" in row["Access at the venue"] and "Step-free route" in row["Access at the venue"]
    assert row["Joining link"] == "https://meet.example.org/race"
    assert (row["Need"], row["How many"]) == ("BSL interpreter", "2")
    assert (
        row["In their own words (only with their consent)"]
        == f"{sharer.display_name}: Someone who knows Liverpool signs"
    )
    assert "relay" not in body


def test_a_coordinator_works_an_arrangement_and_not_possible_needs_a_reason(signed_in, coordinator, invited):
    meeting, invitation = invited
    access_need_add(
        actor=invitation.person, person=invitation.person, item=AccessNeedItem.objects.get(name="Quiet room")
    )
    services.invitation_reply(invitation=invitation, reply=Reply.ATTENDING)
    arrangement = Arrangement.objects.get(meeting=meeting)
    client = signed_in(coordinator)
    url = f"/staff/arrangements/{arrangement.pk}/"
    page = text(client.post(url, {"status": "not_possible", "owner": "The venue", "status_reason": ""}))
    assert "Say why it is not possible" in page
    assert client.post(url, {"status": "booked", "owner": "The venue", "status_reason": "Room 4"}).status_code == 302
    arrangement.refresh_from_db()
    assert arrangement.status == "booked"
    page = text(signed_in(invitation.person).get(f"/your-meetings/{meeting.pk}/"))
    assert "Quiet room: arranged" in page


def test_attendance_is_recorded_and_members_see_their_own(signed_in, coordinator, invited, race_panel):
    meeting, invitation = invited
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1)
    )
    client = signed_in(coordinator)
    url = f"/staff/meetings/{meeting.pk}/attendance/"
    page = text(client.post(url, {f"attendance_{invitation.pk}": "sometimes", "minutes": ""}))
    assert "Select a valid choice" in page
    client.post(url, {f"attendance_{invitation.pk}": "present", "minutes": "We agreed a letter to the Mayor."})
    invitation.refresh_from_db()
    assert invitation.attendance == "present"
    member_page = text(signed_in(invitation.person).get(f"/your-meetings/{meeting.pk}/"))
    assert "Present" in member_page and "We agreed a letter to the Mayor." in member_page
    totals = text(client.get("/staff/panels/race/attendance/"))
    assert "Morgan Member" in totals


def test_the_meetings_list_takes_the_same_queries_however_many_meetings(
    signed_in, coordinator, race_panel, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = signed_in(coordinator)
    a_meeting(coordinator, race_panel)
    client.get("/staff/panels/race/meetings/")
    with CaptureQueriesContext(connection) as one:
        client.get("/staff/panels/race/meetings/")
    for days in range(31, 41):
        a_meeting(coordinator, race_panel, days=days)
    with CaptureQueriesContext(connection) as many:
        text(client.get("/staff/panels/race/meetings/"))
    assert len(many) == len(one)


def test_administrators_keep_the_venues_in_the_admin_and_coordinators_cannot(signed_in, administrator, coordinator):
    venue = a_venue()
    admin = signed_in(administrator)
    assert "Mann Island" in text(admin.get("/admin/meetings/venue/"))
    assert admin.get(f"/admin/meetings/venue/{venue.pk}/change/").status_code == 200
    assert signed_in(coordinator).get("/admin/meetings/venue/").status_code == 302


def test_the_staff_and_member_pages_of_a_meeting_have_titles_of_their_own(signed_in, coordinator, invited):
    meeting, invitation = invited
    when = timezone.localtime(meeting.starts_at).strftime("%-d %B %Y")
    assert title_of(signed_in(coordinator).get(f"/staff/meetings/{meeting.pk}/")) == (
        f"Meeting details – Race Panel meeting, {when}"
    )
    assert title_of(signed_in(invitation.person).get(f"/your-meetings/{meeting.pk}/")) == (
        f"Your meeting – Race Panel meeting, {when}"
    )


def test_attendance_totals_name_their_year_in_the_title(signed_in, coordinator, race_panel):
    client = signed_in(coordinator)
    assert title_of(client.get("/staff/panels/race/attendance/?year=2025")) == "Attendance in 2025 – Race Panel"
    assert title_of(client.get("/staff/panels/race/attendance/?year=2024")) == "Attendance in 2024 – Race Panel"


def test_a_cancelled_meeting_goes_ahead_from_its_page_and_says_what_is_left_to_cancel(signed_in, coordinator, invited):
    meeting, invitation = invited
    access_need_add(
        actor=invitation.person, person=invitation.person, item=AccessNeedItem.objects.get(name="Quiet room")
    )
    services.invitation_reply(invitation=invitation, reply=Reply.ATTENDING)
    arrangement = Arrangement.objects.get(meeting=meeting)
    services.arrangement_update(actor=coordinator, arrangement=arrangement, status="booked", owner="The venue")
    client = signed_in(coordinator)
    client.post(f"/staff/meetings/{meeting.pk}/cancel/", {"reason": "The venue flooded"})
    page = text(client.get(f"/staff/meetings/{meeting.pk}/"))
    assert "1 booking still to cancel with the supplier" in page and "Go ahead with the meeting after all" in page
    form = text(client.get(f"/staff/arrangements/{arrangement.pk}/"))
    assert 'value="cancelled"' in form and 'value="booked"' not in form, "only cancelling is left to do"
    refused = client.post(f"/staff/meetings/{meeting.pk}/go-ahead/", {"reason": ""})
    assert "Say why the meeting is going ahead" in text(refused)
    done = client.post(f"/staff/meetings/{meeting.pk}/go-ahead/", {"reason": "The venue is dry"}, follow=True)
    assert "The meeting is going ahead. Everyone invited has been told." in text(done)
    meeting.refresh_from_db()
    arrangement.refresh_from_db()
    assert not meeting.is_cancelled and arrangement.status == "booked"
    assert Message.objects.filter(kind="meetings.reinstated", recipient=invitation.person).exists()


def test_a_meetings_reminders_are_set_on_its_form_and_bad_days_get_a_clear_error(signed_in, coordinator, race_panel):
    client = signed_in(coordinator)
    assert 'value="7, 1"' in text(client.get("/staff/panels/race/meetings/new/")), "the service's days to start with"
    page = text(
        client.post("/staff/panels/race/meetings/new/", form_data(panels=[race_panel.pk], reminder_days="a week"))
    )
    assert "Enter numbers of days, with commas between them, like 7, 1" in page
    page = text(client.post("/staff/panels/race/meetings/new/", form_data(panels=[race_panel.pk], reminder_days="90")))
    assert "Each reminder must be from 1 to 60 days before" in page
    client.post(
        "/staff/panels/race/meetings/new/", form_data(panels=[race_panel.pk], venue=a_venue().pk, reminder_days="3, 14")
    )
    meeting = Meeting.objects.get()
    assert meeting.reminder_days == [14, 3]
    assert 'value="14, 3"' in text(client.get(f"/staff/meetings/{meeting.pk}/edit/"))


def test_reminder_days_in_other_scripts_digits_get_the_error_not_a_failure(signed_in, coordinator, race_panel):
    page = signed_in(coordinator).post(
        "/staff/panels/race/meetings/new/", form_data(panels=[race_panel.pk], reminder_days="7, ²")
    )
    assert "Enter numbers of days, with commas between them, like 7, 1" in text(page)


def test_on_a_joint_meeting_only_those_who_can_fix_a_message_are_offered_to(
    signed_in, coordinator, administrator, race_panel, gender_panel
):
    from members.models import StaffRoleKind
    from members.services import staff_role_grant
    from notifications.models import MessageStatus
    from tests.factories import UserFactory

    other = UserFactory(full_name="Gene Coordinator")
    staff_role_grant(actor=None, user=other, role=StaffRoleKind.COORDINATOR, panel=gender_panel)
    staff_role_grant(actor=None, user=coordinator, role=StaffRoleKind.COORDINATOR, panel=gender_panel)
    coordinator = type(coordinator).objects.get(pk=coordinator.pk)  # its roles read afresh
    members_of(coordinator, race_panel, 1)
    meeting = services.meeting_create(
        actor=coordinator, panels=[race_panel, gender_panel], title="Joint meeting", venue=a_venue(),
        starts_at=timezone.now() + timedelta(days=30), ends_at=timezone.now() + timedelta(days=30, hours=2),
    )  # fmt: skip
    services.meeting_invite(actor=coordinator, meeting=meeting)
    Message.objects.filter(kind="meetings.invitation").update(status=MessageStatus.FAILED, status_reason="Refused.")
    theirs = text(signed_in(other).get(f"/staff/meetings/{meeting.pk}/"))
    assert "Fix and send again" not in theirs and "or an administrator, can fix it" in theirs
    assert "Fix and send again" in text(signed_in(administrator).get(f"/staff/meetings/{meeting.pk}/"))


def test_the_suppliers_export_asks_the_database_as_often_for_many_people_as_for_few(signed_in, coordinator, race_panel):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = signed_in(coordinator)

    def queries_with(people: int) -> int:
        meeting = a_meeting(coordinator, race_panel, days=30 + people)
        for person in members_of(coordinator, race_panel, people):
            access_need_add(actor=person, person=person, item=AccessNeedItem.objects.get(name="BSL interpreter"),
                            details="Liverpool signs")  # fmt: skip
            outbox.consent_record(person=person, actor=person, purpose=ConsentPurpose.SHARE_ACCESS_NEEDS,
                                  decision=ConsentDecision.GIVEN)  # fmt: skip
        services.meeting_invite(actor=coordinator, meeting=meeting)
        for invitation in meeting.invitations.all():
            services.invitation_reply(invitation=invitation, reply=Reply.ATTENDING)
        with CaptureQueriesContext(connection) as queries:
            body = client.get(f"/staff/meetings/{meeting.pk}/arrangements.csv").content.decode()
        assert body.count("Liverpool signs") == meeting.invitations.count()
        return len(queries)

    assert queries_with(2) == queries_with(4)
