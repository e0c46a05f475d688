"""Meetings, in Chromium: the coordinator's pages for setting one up, its agenda, papers, access
arrangements and attendance, and the member's, where they reply and read the papers. How the page
scripts work: tests/browser/pages/registry.py."""

import pytest
from playwright.sync_api import expect

from meetings import services as meetings
from members.models import AccessNeedItem
from members.services import access_need_add
from tests.browser.conftest import assert_accessible
from tests.browser.pages.registry import Pages
from tests.browser.pages.steps import coordinating, shows_the_error
from tests.factories import a_membership
from tests.meetings.factories import a_meeting, in_the_past

pytestmark = pytest.mark.browser

page = Pages()


def a_race_panel_meeting(visitor, *, days: int = 30, invite: bool = True, **fields):
    """A meeting of the Race Panel at a venue, with Morgan Member (the `member` of
    tests/conftest.py) invited: the meeting, and Morgan."""
    coordinator = visitor.person("coordinator")
    member = visitor.person("member")
    meeting = a_meeting(coordinator, visitor.person("race_panel"), days=days, title="Race Panel: buses", **fields)
    if invite:
        meetings.meeting_invite(actor=coordinator, meeting=meeting)
    return meeting, member


@page("meetings:staff_meetings")
def a_panels_meetings(visitor):
    a_race_panel_meeting(visitor)
    coordinating(visitor)
    visitor.open("/staff/panels/race/")
    visitor.follow("Meetings")
    expect(visitor.page.get_by_role("link", name="Race Panel: buses")).to_be_visible()


@page("meetings:meeting_create")
def set_up_a_meeting_then_sent_empty(visitor):
    coordinating(visitor)
    visitor.open("/staff/panels/race/meetings/")
    visitor.press("Set up a meeting")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Set up the meeting")
    shows_the_error(visitor, "Enter a title")
    shows_the_error(visitor, "Enter the date")
    assert_accessible(visitor.page, "with errors")


@page("meetings:meeting")
def a_meeting_before_and_after_inviting_its_members(visitor):
    meeting, _ = a_race_panel_meeting(visitor, invite=False)
    a_membership(visitor.person("coordinator"), visitor.person("race_panel"), full_name="Sam Second")
    coordinating(visitor)
    visitor.open("/staff/panels/race/meetings/")
    visitor.follow("Race Panel: buses")
    assert_accessible(visitor.page, "before inviting")
    visitor.press("Invite 2 members")
    expect(visitor.page.get_by_text("2 invitations are on their way. Below")).to_be_visible()
    expect(visitor.page.get_by_role("table", name="Who is invited").locator("tbody tr")).to_have_count(2)


@page("meetings:meeting_edit")
def change_a_meeting_then_with_no_title(visitor):
    meeting, _ = a_race_panel_meeting(visitor)
    coordinating(visitor)
    visitor.open(f"/staff/meetings/{meeting.pk}/")
    visitor.follow("Change the details")
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_label("Title").fill("")
    visitor.press("Save changes")
    shows_the_error(visitor, "Enter a title")


@page("meetings:meeting_cancel")
def cancel_a_meeting_then_without_a_reason(visitor):
    meeting, _ = a_race_panel_meeting(visitor)
    coordinating(visitor)
    visitor.open(f"/staff/meetings/{meeting.pk}/")
    visitor.follow("Cancel the meeting")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Cancel the meeting")
    shows_the_error(visitor, "Say why the meeting is cancelled")


def cancelled_with_an_interpreter_booked(visitor):
    """Morgan Member needs a BSL interpreter, who was booked, and then the meeting was cancelled."""
    meeting, member = a_race_panel_meeting(visitor)
    coordinator = visitor.person("coordinator")
    access_need_add(actor=member, person=member, item=AccessNeedItem.objects.get(name="BSL interpreter"))
    meetings.invitation_reply(invitation=meeting.invitations.get(person=member), reply="attending")
    arrangement = meeting.arrangements.get()
    meetings.arrangement_update(actor=coordinator, arrangement=arrangement, status="booked", owner="Sign Solutions")
    meetings.meeting_cancel(actor=coordinator, meeting=meeting, reason="The venue flooded")
    return meeting


@page("meetings:meeting", name="a cancelled meeting with a booking still to cancel")
def a_cancelled_meeting_with_a_booking_to_cancel(visitor):
    meeting = cancelled_with_an_interpreter_booked(visitor)
    coordinating(visitor)
    visitor.open(f"/staff/meetings/{meeting.pk}/")
    expect(visitor.page.get_by_text("1 booking still to cancel with the supplier")).to_be_visible()


@page("meetings:arrangement", name="a booking cancelled with its supplier by keyboard")
def a_booking_cancelled_with_the_supplier(visitor):
    meeting = cancelled_with_an_interpreter_booked(visitor)
    coordinating(visitor)
    visitor.open(f"/staff/meetings/{meeting.pk}/arrangements/")
    expect(visitor.page.get_by_text("To cancel with the supplier")).to_be_visible()
    visitor.open(f"/staff/arrangements/{meeting.arrangements.get().pk}/")
    visitor.page.get_by_label("Cancelled with the supplier").focus()
    visitor.page.keyboard.press("Space")
    visitor.page.get_by_role("button", name="Save").focus()
    visitor.page.keyboard.press("Enter")
    visitor.page.wait_for_load_state()
    expect(visitor.page.get_by_text("Cancelled with the supplier").first).to_be_visible()
    visitor.open(f"/staff/arrangements/{meeting.arrangements.get().pk}/")


@page("meetings:meeting_reinstate")
def a_cancelled_meeting_goes_ahead_then_without_a_reason(visitor):
    meeting = cancelled_with_an_interpreter_booked(visitor)
    coordinating(visitor)
    visitor.open(f"/staff/meetings/{meeting.pk}/")
    visitor.follow("Go ahead with the meeting after all")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Go ahead with the meeting")
    shows_the_error(visitor, "Say why the meeting is going ahead")


@page("meetings:agenda")
def a_meetings_agenda_with_an_item_then_one_sent_empty(visitor):
    meeting, _ = a_race_panel_meeting(visitor)
    coordinating(visitor)
    visitor.open(f"/staff/meetings/{meeting.pk}/")
    visitor.follow("Change the agenda")
    visitor.page.get_by_label("Item").fill("The bus strategy")
    visitor.press("Add to the agenda")
    expect(visitor.page.get_by_text("1. The bus strategy")).to_be_visible()
    assert_accessible(visitor.page, "with an item")
    visitor.press("Add to the agenda")
    shows_the_error(visitor, "Enter the agenda item")


@page("meetings:papers")
def a_meetings_papers_with_versions_missing_then_one_sent_empty(visitor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    meeting, _ = a_race_panel_meeting(visitor)
    meetings.paper_add(
        actor=visitor.person("coordinator"), meeting=meeting, title="Bus strategy",
        standard=SimpleUploadedFile("bus.txt", b"The strategy"),
    )  # fmt: skip
    coordinating(visitor)
    visitor.open(f"/staff/meetings/{meeting.pk}/")
    visitor.follow("Add papers and their accessible versions")
    expect(visitor.page.get_by_text("Large print, Easy read, Audio")).to_be_visible()
    assert_accessible(visitor.page, "with a paper missing its accessible versions")
    visitor.press("Add the paper")
    shows_the_error(visitor, "Enter a title")
    assert_accessible(visitor.page, "with errors")


def a_meeting_with_arrangements(visitor):
    meeting, person = a_race_panel_meeting(visitor)
    for name in ("BSL interpreter", "Quiet room"):
        access_need_add(actor=person, person=person, item=AccessNeedItem.objects.get(name=name))
    meetings.invitation_reply(invitation=meeting.invitations.get(), reply="attending")
    return meeting, person


@page("meetings:arrangements")
def a_meetings_access_arrangements(visitor):
    meeting, _ = a_meeting_with_arrangements(visitor)
    coordinating(visitor)
    visitor.open(f"/staff/meetings/{meeting.pk}/")
    visitor.follow("Access arrangements")
    expect(visitor.page.get_by_role("link", name="BSL interpreter")).to_be_visible()


@page("meetings:arrangement")
def work_an_arrangement_then_not_possible_without_a_reason(visitor):
    meeting, _ = a_meeting_with_arrangements(visitor)
    coordinating(visitor)
    visitor.open(f"/staff/meetings/{meeting.pk}/arrangements/")
    visitor.follow("BSL interpreter")
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_role("radio", name="Not possible").check()
    visitor.press("Save")
    shows_the_error(visitor, "Say why it is not possible, so the person can be told")


@page("meetings:attendance")
def record_attendance_after_a_meeting(visitor):
    meeting, _ = a_race_panel_meeting(visitor)
    in_the_past(meeting)
    coordinating(visitor)
    visitor.open(f"/staff/meetings/{meeting.pk}/")
    visitor.follow("Record attendance and minutes")
    visitor.page.get_by_role("group", name="Morgan Member").get_by_label("Present").check()
    assert_accessible(visitor.page, "with one marked")


@page("meetings:attendance_totals")
def a_panels_attendance_this_year(visitor):
    meeting, person = a_race_panel_meeting(visitor)
    in_the_past(meeting)
    meetings.attendance_record(
        actor=visitor.person("coordinator"), meeting=meeting.__class__.objects.get(pk=meeting.pk),
        attendance={meeting.invitations.get().pk: "present"},
    )  # fmt: skip
    coordinating(visitor)
    visitor.open("/staff/panels/race/meetings/")
    visitor.follow("Attendance this year")
    expect(visitor.page.get_by_role("cell", name="Morgan Member")).to_be_visible()


@page("meetings:my_meetings")
def your_meetings_as_a_member(visitor):
    meeting, person = a_race_panel_meeting(visitor)
    visitor.sign_in(person)
    visitor.open("/account/")
    visitor.follow("Your meetings")
    expect(visitor.page.get_by_text("Please reply")).to_be_visible()


@page("meetings:my_meeting")
def your_meeting_replied_without_a_choice_then_with_papers(visitor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    meeting, person = a_meeting_with_arrangements(visitor)
    meetings.paper_add(
        actor=visitor.person("coordinator"), meeting=meeting, title="Bus strategy",
        standard=SimpleUploadedFile("bus.txt", b"The strategy"), easy_read=SimpleUploadedFile("easy.txt", b"Easy"),
    )  # fmt: skip
    meetings.papers_release(actor=visitor.person("coordinator"), meeting=meeting)
    visitor.sign_in(person)
    visitor.open("/your-meetings/")
    visitor.follow("Race Panel: buses")
    expect(visitor.page.get_by_role("link", name="Easy read version of Bus strategy")).to_be_visible()
    assert_accessible(visitor.page, "with papers and arrangements")
    words = visitor.page.get_by_label("Anything you want to tell us (optional)")
    words.evaluate("box => box.removeAttribute('maxlength')")  # as a browser that does not enforce it
    words.fill("x" * 501)
    visitor.press("Send my reply")
    shows_the_error(visitor, "Keep it to 500 characters or fewer")


def reply_link(meeting, answer: str = "attending") -> str:
    from meetings.links import reply_token

    return f"/meetings/reply/{reply_token(meeting.invitations.get(), answer)}/"


@page("meetings:reply")
def reply_from_the_link_in_an_invitation_then_confirmed(visitor):
    meeting, _ = a_race_panel_meeting(visitor)
    visitor.open(reply_link(meeting, "not_attending"))
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_label("Anything you want to tell us (optional)").fill("I have a hospital appointment.")
    visitor.press("Send my reply: I cannot come")
    expect(visitor.page.get_by_text("We have noted that you cannot come")).to_be_visible()


@page("meetings:reply", status=400, name="a_reply_link_that_was_cut_short")
def a_reply_link_that_was_cut_short(visitor):
    meeting, _ = a_race_panel_meeting(visitor)
    visitor.open(reply_link(meeting)[:-12] + "/")


@page("meetings:reply", status=410, name="a_reply_link_after_the_meeting")
def a_reply_link_after_the_meeting(visitor):
    meeting, _ = a_race_panel_meeting(visitor)
    in_the_past(meeting)
    visitor.open(reply_link(meeting))


def a_meeting_held_with_an_item(visitor):
    """The Race Panel's meeting, held an hour ago, with Morgan Member invited and one item."""
    meeting, member = a_race_panel_meeting(visitor)
    meetings.agenda_item_add(actor=visitor.person("coordinator"), meeting=meeting, title="The bus strategy")
    in_the_past(meeting)
    return meeting, member


@page("meetings:item_interest_add", opens_on="meetings:item_interest_add")
def record_an_interest_then_sent_empty(visitor):
    meeting, _ = a_meeting_held_with_an_item(visitor)
    coordinating(visitor)
    visitor.open(f"/staff/meetings/{meeting.pk}/")
    visitor.follow("Record attendance and minutes")
    visitor.follow("Record an interest declared at the meeting")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Record the interest")
    for problem in ("Choose the item", "Choose who declared it", "Say what the interest is"):
        shows_the_error(visitor, problem)


@page("meetings:attendance", name="an interest recorded by keyboard, shown with the minutes")
def an_interest_recorded_by_keyboard(visitor):
    meeting, _ = a_meeting_held_with_an_item(visitor)
    coordinating(visitor)
    visitor.open(f"/staff/meetings/{meeting.pk}/interests/")
    keyboard = visitor.page.keyboard
    visitor.page.get_by_label("Which item?").focus()
    keyboard.press("ArrowDown")
    expect(visitor.page.get_by_label("Which item?")).to_have_value(str(meeting.agenda.get().pk))
    keyboard.press("Tab")
    keyboard.press("ArrowDown")
    expect(visitor.page.get_by_label("Who declared it?")).to_have_value(str(meeting.invitations.get().person_id))
    keyboard.press("Tab")
    keyboard.type("I am a trustee of a charity that runs community buses.")
    visitor.page.get_by_role("button", name="Record the interest").focus()
    keyboard.press("Enter")
    visitor.page.wait_for_load_state()
    expect(visitor.page.get_by_text("The interest has been recorded. It shows in the minutes.")).to_be_visible()
    expect(visitor.page.get_by_text("I am a trustee of a charity that runs community buses.")).to_be_visible()


test_every_page_is_accessible = page.test()
