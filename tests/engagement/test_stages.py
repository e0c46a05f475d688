"""After triage: scheduling at a meeting or in writing, members' answers (online, or by letter
recorded by the coordinator), reminders the outbox sweep picks up on their day, the panel's advice
approved by its chair, the officer's answer, and what is published."""

from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import ContactChannel, RecordedMethod
from engagement import services
from engagement.models import Engagement, EngagementStatus, Outcome, Route, WrittenAnswer
from engagement.selectors import published_at, yearly_stats
from engagement.services.common import LONDON
from meetings.models import ItemInterest, Paper
from meetings.services import item_interest_record
from notifications.models import Channel, Message, MessageStatus
from notifications.services import outbox_sweep
from tests.engagement.factories import a_chair, an_engagement, an_officer, request_fields
from tests.factories import a_membership
from tests.meetings.factories import a_meeting, in_the_past

pytestmark = pytest.mark.django_db


@pytest.fixture
def chair(coordinator, race_panel):
    return a_chair(coordinator, race_panel, full_name="Cleo Chair")


def kinds(person) -> list[str]:
    return list(Message.objects.filter(recipient=person).order_by("id").values_list("kind", flat=True))


def test_at_a_meeting_it_becomes_an_agenda_item_and_its_documents_join_the_papers(coordinator, race_panel):
    meeting = a_meeting(coordinator, race_panel)
    engagement = an_engagement(coordinator, race_panel, to="accepted")
    services.engagement_schedule(actor=coordinator, engagement=engagement, route=Route.AGENDA_ITEM, meeting=meeting)
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.SCHEDULED and engagement.agenda_item.meeting == meeting
    assert engagement.agenda_item.title == "Bus network redesign"
    (paper,) = Paper.objects.filter(meeting=meeting)
    assert paper.title == "Bus network redesign: Draft Equality Impact Assessment (not for sharing until the decision)"
    assert paper.standard.read().startswith(b"%PDF")
    assert kinds(engagement.request.officer)[-1] == "engagement.scheduled"


def test_only_the_panels_own_meeting_still_to_come_will_do(coordinator, race_panel, gender_panel, gender_coordinator):
    engagement = an_engagement(coordinator, race_panel, to="accepted")
    past = a_meeting(coordinator, race_panel)
    in_the_past(past)
    other = a_meeting(gender_coordinator, gender_panel)
    for meeting in (None, past, other):
        with pytest.raises(ValidationError) as caught:
            services.engagement_schedule(actor=coordinator, engagement=engagement, route=Route.AGENDA_ITEM,
                                         meeting=meeting)  # fmt: skip
        assert "meeting" in caught.value.message_dict


def test_a_written_consultation_asks_every_member_the_way_they_asked_and_reminds_them(coordinator, race_panel, chair):
    by_post = a_membership(coordinator, race_panel, full_name="Pat Post", contact_channel=ContactChannel.POST,
                           address="1 Dale Street", postcode="L2 2DH").person  # fmt: skip
    engagement = an_engagement(coordinator, race_panel, to="written")
    opened = Message.objects.filter(kind="engagement.consultation_open")
    assert set(opened.values_list("recipient", flat=True)) == {chair.pk, by_post.pk}
    assert opened.get(recipient=by_post).channel == Channel.LETTER
    assert opened.get(recipient=by_post).context["questions"][0] == "Which changes would make journeys harder?"
    reminders = Message.objects.filter(kind="engagement.consultation_reminder")
    remind_on = engagement.closes_on - timedelta(days=3)
    assert {r.due_at for r in reminders} == {datetime.combine(remind_on, time(9), tzinfo=LONDON)}


def test_a_member_answers_online_and_is_not_reminded(coordinator, race_panel, chair):
    engagement = an_engagement(coordinator, race_panel, to="written")
    services.written_answers_give(actor=chair, engagement=engagement, answers={1: "Night buses", 2: ""})
    assert list(WrittenAnswer.objects.values_list("number", "answer", "method")) == [(1, "Night buses", "web")]
    reminder = Message.objects.get(kind="engagement.consultation_reminder", recipient=chair)
    assert reminder.status == MessageStatus.CANCELLED
    services.written_answers_give(actor=chair, engagement=engagement, answers={1: "Night buses, and safe stops"})
    assert WrittenAnswer.objects.get().answer == "Night buses, and safe stops"
    with pytest.raises(ValidationError):
        services.written_answers_give(actor=chair, engagement=engagement, answers={1: " ", 9: "Out of range"})


def test_answers_by_letter_are_recorded_by_the_coordinator_and_nobody_else(coordinator, race_panel, chair,
                                                                            gender_coordinator):  # fmt: skip
    member = a_membership(coordinator, race_panel, full_name="Pat Post").person
    engagement = an_engagement(coordinator, race_panel, to="written")
    with pytest.raises(PermissionDenied):
        services.written_answers_give(actor=gender_coordinator, engagement=engagement, person=member,
                                      method=RecordedMethod.PAPER, answers={1: "By letter"})  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        services.written_answers_give(actor=coordinator, engagement=engagement, person=member,
                                      method=RecordedMethod.WEB, answers={1: "By letter"})  # fmt: skip
    assert "method" in caught.value.message_dict
    services.written_answers_give(actor=coordinator, engagement=engagement, person=member,
                                  method=RecordedMethod.PAPER, answers={2: "Seats at every stop"})  # fmt: skip
    answer = WrittenAnswer.objects.get(person=member)
    assert (answer.method, answer.recorded_by) == (RecordedMethod.PAPER, coordinator)


def test_after_the_closing_date_a_member_is_told_to_call(coordinator, race_panel, chair):
    engagement = an_engagement(coordinator, race_panel, to="written")
    late = datetime.combine(engagement.closes_on + timedelta(days=1), time(10), tzinfo=LONDON)
    with time_machine.travel(late), pytest.raises(ValidationError, match="closed"):
        services.written_answers_give(actor=chair, engagement=engagement, answers={1: "Late"})


def test_someone_outside_the_panel_cannot_answer(coordinator, race_panel, chair, gender_panel, gender_coordinator):
    outsider = a_membership(gender_coordinator, gender_panel).person
    engagement = an_engagement(coordinator, race_panel, to="written")
    with pytest.raises(PermissionDenied):
        services.written_answers_give(actor=outsider, engagement=engagement, answers={1: "Not mine to answer"})


def test_the_consultation_reminder_goes_out_on_its_day_through_the_sweep(coordinator, race_panel, chair, settings):
    settings.OUTBOX_SWEEP_GRACE_SECONDS = 0
    engagement = an_engagement(coordinator, race_panel, to="written")
    reminder = Message.objects.get(kind="engagement.consultation_reminder", recipient=chair)
    day = engagement.closes_on - timedelta(days=3)
    with time_machine.travel(datetime.combine(day, time(8, 59), tzinfo=LONDON)):
        outbox_sweep()
    reminder.refresh_from_db()
    assert reminder.status == MessageStatus.QUEUED
    mail.outbox.clear()
    with time_machine.travel(datetime.combine(day, time(9, 1), tzinfo=LONDON)):
        outbox_sweep()
    reminder.refresh_from_db()
    assert reminder.status == MessageStatus.SENT
    assert [m.subject for m in mail.outbox] == [f"Reminder: your advice on Bus network redesign by "
                                                f"{engagement.closes_on:%-d %B %Y}"]  # fmt: skip


def test_the_chair_approves_complete_advice_only(coordinator, race_panel, chair):
    engagement = an_engagement(coordinator, race_panel, to="written")
    complete = {1: "Keep night buses", 2: "Shelters"}
    with pytest.raises(ValidationError, match="Members can answer until"):
        services.advice_draft(actor=coordinator, engagement=engagement, advice=complete, ask_chair=True)
    Engagement.objects.filter(pk=engagement.pk).update(closes_on=timezone.localdate() - timedelta(days=1))
    engagement.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        services.advice_draft(actor=coordinator, engagement=engagement, advice={1: "Keep night buses"}, ask_chair=True)
    assert "advice_2" in caught.value.message_dict
    services.advice_draft(actor=coordinator, engagement=engagement, advice={1: "Keep night buses"})
    with pytest.raises(ValidationError, match="not finished"):
        services.advice_approve(actor=chair, engagement=engagement)
    with pytest.raises(PermissionDenied):
        services.advice_approve(actor=coordinator, engagement=engagement)
    # Complete, but the coordinator has not asked the chair yet.
    services.advice_draft(actor=coordinator, engagement=engagement, advice=complete)
    with pytest.raises(ValidationError, match="not finished"):
        services.advice_approve(actor=chair, engagement=engagement)
    services.advice_draft(actor=coordinator, engagement=engagement, advice=complete, ask_chair=True)
    assert kinds(chair)[-1] == "engagement.advice_to_approve"
    services.advice_approve(actor=chair, engagement=engagement)
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.ADVISED and engagement.advice_approved_by == chair
    assert engagement.response_due == timezone.localdate() + timedelta(weeks=8)
    assert kinds(engagement.request.officer)[-3:] == [
        "engagement.advice_sent", "engagement.response_reminder", "engagement.response_reminder"]  # fmt: skip


def test_a_panel_without_a_chair_is_told_so(coordinator, race_panel):
    engagement = an_engagement(coordinator, race_panel, to="written")
    with pytest.raises(ValidationError, match="no chair"):
        services.advice_draft(actor=coordinator, engagement=engagement, advice={1: "A", 2: "B"}, ask_chair=True)


def test_an_officer_who_does_not_answer_is_reminded_then_an_administrator_is_told(
    coordinator, race_panel, chair, administrator, settings
):
    settings.OUTBOX_SWEEP_GRACE_SECONDS = 0
    engagement = an_engagement(coordinator, race_panel, to="advised", chair=chair)
    officer, due = engagement.request.officer, engagement.response_due
    sent = lambda: list(Message.objects.filter(status=MessageStatus.SENT, kind__startswith="engagement.response")  # noqa: E731
                        .order_by("due_at").values_list("kind", "recipient"))  # fmt: skip
    with time_machine.travel(datetime.combine(due - timedelta(days=14), time(9, 5), tzinfo=LONDON)):
        outbox_sweep()
    assert sent() == [("engagement.response_reminder", officer.pk)]
    with time_machine.travel(datetime.combine(due, time(9, 5), tzinfo=LONDON)):
        outbox_sweep()
    assert len(sent()) == 2
    with time_machine.travel(datetime.combine(due + timedelta(days=7), time(9, 5), tzinfo=LONDON)):
        outbox_sweep()
    assert sent()[-1] == ("engagement.response_overdue", administrator.pk)


def test_answering_stops_the_reminders_and_tells_the_members(coordinator, race_panel, chair, administrator):
    engagement = an_engagement(coordinator, race_panel, to="advised", chair=chair)
    officer = engagement.request.officer
    with pytest.raises(ValidationError) as caught:
        services.engagement_respond(actor=officer, engagement=engagement, answers={1: (Outcome.ACCEPTED, "")})
    assert {"done_1", "outcome_2", "done_2"} <= set(caught.value.message_dict)
    with pytest.raises(PermissionDenied):
        services.engagement_respond(actor=an_officer().user, engagement=engagement, answers={})
    services.engagement_respond(actor=officer, engagement=engagement, answers={
        1: (Outcome.ACCEPTED, "Night buses stay."), 2: (Outcome.PARTLY, "Shelters at busy stops first.")})  # fmt: skip
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.ANSWERED
    pending = Message.objects.filter(kind__in=["engagement.response_reminder", "engagement.response_overdue"])
    assert set(pending.values_list("status", flat=True)) == {MessageStatus.CANCELLED}
    assert kinds(chair)[-1] == "engagement.answer_arrived"


def test_what_changed_is_published_once_the_chair_and_the_officer_agree(coordinator, race_panel, chair):
    engagement = an_engagement(coordinator, race_panel, to="answered", chair=chair)
    officer = engagement.request.officer
    with pytest.raises(ValidationError, match="no words"):
        services.publication_agree(actor=officer, engagement=engagement)
    services.publication_draft(actor=coordinator, engagement=engagement, summary="Night buses stay.")
    services.publication_agree(actor=officer, engagement=engagement)
    assert not published_at(race_panel).exists()
    # Changing the words asks both again.
    services.publication_draft(actor=coordinator, engagement=engagement, summary="Night buses stay on every route.")
    services.publication_agree(actor=chair, engagement=engagement)
    assert not published_at(race_panel).exists()
    services.publication_agree(actor=officer, engagement=engagement)
    assert list(published_at(race_panel)) == [engagement]
    with pytest.raises(PermissionDenied):
        services.publication_agree(actor=coordinator, engagement=engagement)


def test_the_public_page_shows_published_words_only(client, coordinator, race_panel, chair):
    published = an_engagement(coordinator, race_panel, to="published", chair=chair)
    an_engagement(coordinator, race_panel, to="answered", chair=chair, officer=an_officer())
    page = client.get("/panels/race/you-said-we-did/").content.decode()
    assert "Every new stop has a shelter." in page and "Advice on question 1." in page
    assert page.count('<h2 class="govuk-heading-m">') == 1
    register = client.get("/equality-impact-assessments/").content.decode()
    # Both assessments are not for sharing: only the one whose outcome is published is listed.
    assert register.count("Draft Equality Impact Assessment") == 1
    assert "/panels/race/you-said-we-did/" in register
    assert published.request.documents.get().file.name not in register


def test_yearly_figures_count_requests_decisions_and_answers(coordinator, race_panel, chair):
    an_engagement(coordinator, race_panel, to="answered", chair=chair)
    declined = an_engagement(coordinator, race_panel, to="waiting")
    services.engagement_triage(actor=coordinator, engagement=declined, decision="declined", reason="Full")
    an_engagement(coordinator, race_panel, to="waiting")
    (row,) = yearly_stats(race_panel)
    assert row == {"year": timezone.localdate().year, "received": 3, "accepted": 1, "declined": 1, "advised": 1,
                   "points": 2, "accepted_share": 100, "partly_share": 100, "median_days": 0}  # fmt: skip


def test_an_interest_declared_at_the_meeting_shows_in_the_minutes(signed_in, coordinator, race_panel, member):
    from meetings import services as meetings

    meeting = a_meeting(coordinator, race_panel)
    item = meetings.agenda_item_add(actor=coordinator, meeting=meeting, title="Bus network redesign")
    meetings.meeting_invite(actor=coordinator, meeting=meeting)
    with pytest.raises(ValidationError, match="started"):
        item_interest_record(actor=coordinator, item=item, person=member, interest="I drive a bus")
    in_the_past(meeting)
    item.refresh_from_db()
    with pytest.raises(ValidationError):
        item_interest_record(actor=coordinator, item=item, person=coordinator, interest="Not invited")
    item_interest_record(actor=coordinator, item=item, person=member, interest="I drive a bus")
    assert ItemInterest.objects.get().person == member
    meeting.refresh_from_db()
    meetings.attendance_record(actor=coordinator, meeting=meeting, attendance={}, minutes="We talked about buses.")
    page = signed_in(member).get(f"/your-meetings/{meeting.pk}/").content.decode()
    assert "Declarations of interest" in page and "Morgan Member declared I drive a bus" in page


def test_an_officer_who_chairs_the_panel_neither_approves_nor_publishes_alone(coordinator, race_panel, chair):
    officer = an_officer()
    a_membership(coordinator, race_panel, officer.user)
    engagement = an_engagement(coordinator, race_panel, to="answered", chair=chair, officer=officer)
    services.publication_draft(actor=coordinator, engagement=engagement, summary="Night buses stay.")
    services.publication_agree(actor=officer.user, engagement=engagement)
    engagement.refresh_from_db()
    assert engagement.officer_agreed_at and not engagement.chair_agreed_at and not engagement.published_at


def test_once_one_panel_takes_a_request_on_another_panels_question_cannot_change_it(
    coordinator, race_panel, gender_panel, gender_coordinator
):
    officer = an_officer()
    request = services.request_write(actor=officer.user, panels=[race_panel, gender_panel],
                                     **request_fields())  # fmt: skip
    services.request_submit(actor=officer.user, request=request)
    request.refresh_from_db()
    race, gender = request.engagements.get(panel=race_panel), request.engagements.get(panel=gender_panel)
    services.engagement_triage(actor=gender_coordinator, engagement=gender, decision="more_asked", reason="Why us?")
    assert services.request_editable(request)
    services.engagement_triage(actor=coordinator, engagement=race, decision=EngagementStatus.ACCEPTED)
    assert not services.request_editable(request)
    with pytest.raises(ValidationError, match="taken your request on"):
        services.request_change(actor=officer.user, request=request, **request_fields(
            questions="A new question?"))  # fmt: skip
    # It can still go back to the panel that asked, as it is.
    assert [e.panel for e in services.request_submit(actor=officer.user, request=request)] == [gender_panel]


def test_capacity_still_counts_a_request_once_it_is_scheduled(coordinator, race_panel, chair):
    from engagement.selectors import capacity_of

    an_engagement(coordinator, race_panel, to="written")
    an_engagement(coordinator, race_panel, to="advised", chair=chair)
    assert capacity_of(race_panel).accepted == 2


def test_a_meeting_after_the_deadline_or_shared_with_another_panel_is_refused(
    coordinator, race_panel, gender_panel, administrator
):
    engagement = an_engagement(coordinator, race_panel, to="accepted")
    late = a_meeting(coordinator, race_panel, days=90)  # the officer needs advice within 60 days
    joint = a_meeting(administrator, race_panel)
    joint.panels.add(gender_panel)
    for meeting, why in ((late, "before the officer needs"), (joint, "not for sharing")):
        with pytest.raises(ValidationError, match=why):
            services.engagement_schedule(actor=coordinator, engagement=engagement, route=Route.AGENDA_ITEM,
                                         meeting=meeting)  # fmt: skip


def test_the_advice_is_shown_to_the_officer_as_words_never_as_markup(signed_in, coordinator, race_panel, chair):
    engagement = an_engagement(coordinator, race_panel, to="advised", chair=chair)
    engagement.advice.filter(number=1).update(advice='<script>alert("x")</script>\nSecond line')
    page = signed_in(engagement.request.officer).get(f"/bring-work/advice/{engagement.pk}/answer/").content.decode()
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>Second line" in page
    assert "Your question: Which changes would make journeys harder?" in page


def test_erasing_an_officer_deletes_what_they_never_sent(race_panel):
    from engagement.models import Request
    from privacy.erasure import erasure_plan
    from tests.engagement.factories import a_request

    officer = an_officer()
    draft = a_request(officer, [race_panel], document=True)
    stored = draft.documents.get().file.name
    plan = erasure_plan(officer.user, apply=True)
    assert ("Requests to the panels they never sent", 1) in plan.removed
    assert not Request.objects.filter(pk=draft.pk).exists()
    assert not Request.history.filter(id=draft.pk).exists()
    assert not draft.documents.model.objects.filter(request_id=draft.pk).exists()
    from django.core.files.storage import default_storage

    assert not default_storage.exists(stored)


def test_written_answers_are_deleted_two_years_after_they_were_given(coordinator, race_panel, chair):
    from privacy import retention
    from privacy.models import RetentionKind

    engagement = an_engagement(coordinator, race_panel, to="written", answers_from=[chair])
    given = WrittenAnswer.objects.get().created_at
    with time_machine.travel(given + timedelta(days=700), tick=False):
        assert retention.retention_apply()[RetentionKind.WRITTEN_ANSWERS] == 0
    with time_machine.travel(given + timedelta(days=733), tick=False):
        assert retention.retention_apply()[RetentionKind.WRITTEN_ANSWERS] == 1
    assert not WrittenAnswer.objects.exists() and not WrittenAnswer.history.filter(engagement_id=engagement.pk).exists()
