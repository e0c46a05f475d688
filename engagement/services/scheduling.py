"""Scheduling an accepted request: as an item at one of the panel's meetings, its documents among
the meeting's papers, or as a written consultation, where members answer the officer's questions
online, or by letter or phone through the coordinator, by a date, reminded before it."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.access import require
from accounts.models import RecordedMethod, User
from engagement import messages
from engagement.models import Engagement, EngagementStatus, Route, WrittenAnswer
from meetings import services as meetings
from meetings.models import Meeting, MeetingStatus
from notifications.services import message_cancel_pending, message_queue, messages_queue_many

from . import common

logger = logging.getLogger(__name__)

TRIAGE = "engagement.triage"


def reminder_prefix(engagement: Engagement, person_id: int | None = None) -> str:
    return f"engagement.consultation_reminder:{engagement.pk}:" + (f"{person_id}:" if person_id else "")


def _to_meeting(actor: User, engagement: Engagement, meeting: Meeting | None) -> None:
    if meeting is None:
        raise ValidationError({"meeting": "Choose the meeting"})
    meeting = Meeting.objects.get(pk=meeting.pk)  # as it is now, not as the form read it
    if (meeting.status != MeetingStatus.SCHEDULED or meeting.starts_at <= timezone.now()
            or not meeting.panels.filter(pk=engagement.panel_id).exists()):  # fmt: skip
        raise ValidationError({"meeting": "Choose one of the panel's meetings still to come"})
    request = engagement.request
    if timezone.localtime(meeting.starts_at).date() > request.deadline:
        raise ValidationError({"meeting": "Choose a meeting before the officer needs the advice"})
    if request.has_documents_not_for_sharing and meeting.panels.count() > 1:
        # Its papers go to every panel invited, and only this one may read what is not yet public.
        raise ValidationError({"meeting": "Some documents are not for sharing: choose a meeting of this panel alone"})
    details = f"Advice for {request.officer.display_name} ({request.decision})"
    item = meetings.agenda_item_add(actor=actor, meeting=meeting, title=request.title, details=details)
    for document in request.documents.all():
        marking = " (not for sharing until the decision)" if document.not_for_sharing else ""
        with document.file.open("rb") as stored:
            meetings.paper_add(actor=actor, meeting=meeting, title=f"{request.title}: {document.title}{marking}",
                               standard=File(stored, name=document.file_name))  # fmt: skip
    engagement.agenda_item = item


def _to_members(engagement: Engagement, closes_on) -> None:
    """Each current member is asked, and reminded before the closing date unless they answer."""
    today = timezone.localdate()
    if closes_on is None:
        raise ValidationError({"closes_on": "Enter the date members answer by"})
    if closes_on <= today:
        raise ValidationError({"closes_on": "The date members answer by must be in the future"})
    if closes_on > engagement.request.deadline:
        raise ValidationError({"closes_on": "Members must answer before the officer needs the advice"})
    engagement.closes_on = closes_on
    documents = list(engagement.request.documents.all())
    words = common.about(engagement) | {
        "questions": engagement.request.question_list, "closes_on": common.said(closes_on),
        "not_for_sharing": engagement.request.has_documents_not_for_sharing,
        # Printed after the letter for members who get post, one version for everyone (the letter
        # offers others by phone); emails and calls point to the page.
        "papers": [{"title": document.title,
                    "files": dict.fromkeys(("standard", "large_print", "easy_read"), document.file.name)}
                   for document in documents],
    }  # fmt: skip
    remind_on = max(closes_on - timedelta(days=settings.CONSULTATION_REMINDER_DAYS), today + timedelta(days=1))
    rows = []
    for person in common.members_of(engagement.panel_id):
        context = words | {"name": person.full_name}
        base = {"recipient": person, "topic": engagement.panel.topic, "context": context}
        rows.append({**base, "kind": messages.CONSULTATION_OPEN.key,
                     "idempotency_key": f"engagement.consultation_open:{engagement.pk}:{person.pk}"})  # fmt: skip
        rows.append({**base, "kind": messages.CONSULTATION_REMINDER.key, "due_at": common.at_nine(remind_on),
                     "idempotency_key": f"{reminder_prefix(engagement, person.pk)}{remind_on}"})  # fmt: skip
    messages_queue_many(rows)


@transaction.atomic
def engagement_schedule(
    *, actor: User, engagement: Engagement, route: str, meeting: Meeting | None = None, closes_on=None
) -> Engagement:
    """Schedule an accepted request at a meeting or as a written consultation; the officer hears
    when and how, and from now on the panel's members can read it."""
    require(actor, TRIAGE, engagement)
    engagement = common.locked(engagement)
    if engagement.status != EngagementStatus.ACCEPTED:
        raise ValidationError("Only a request the panel has accepted, and not yet scheduled, can be scheduled.")
    if route == Route.AGENDA_ITEM:
        _to_meeting(actor, engagement, meeting)
        when = f"at the panel's meeting on {meeting.starts_at.astimezone(common.LONDON):%-d %B %Y}"
    elif route == Route.WRITTEN:
        _to_members(engagement, closes_on)
        when = f"in writing: members answer your questions by {common.said(closes_on)}"
    else:
        raise ValidationError({"route": "Choose how the panel will give its advice"})
    engagement.route, engagement.status, engagement.scheduled_at = route, EngagementStatus.SCHEDULED, timezone.now()
    engagement._history_user = actor
    engagement.save()
    request = engagement.request
    message_queue(
        kind=messages.SCHEDULED.key, recipient=request.officer, topic=engagement.panel.topic,
        context={"name": request.officer.full_name, "title": request.title, "panel_name": engagement.panel.name,
                 "when": when, "url": reverse("engagement:request", args=[request.pk])},
        idempotency_key=f"engagement.scheduled:{engagement.pk}",
    )  # fmt: skip
    logger.info("engagement %s scheduled (%s) by person %s", engagement.pk, route, actor.pk)
    return engagement


def _answers_check(engagement: Engagement, answers: dict[int, str]) -> dict[int, str]:
    questions = len(engagement.request.question_list)
    given = {number: text.strip() for number, text in answers.items() if 1 <= number <= questions and text.strip()}
    if not given:
        raise ValidationError({"answer_1": "Answer at least one question"})
    return given


@transaction.atomic
def written_answers_give(
    *, actor: User, engagement: Engagement, answers: dict[int, str], person: User | None = None,
    method: str = RecordedMethod.WEB,
) -> int:  # fmt: skip
    """A member's answers to a written consultation, by question number: their own online while it
    is open, or recorded by the coordinator from a letter or a call until the advice is drafted.
    Answering again replaces the earlier answer to a question. Returns how many were given."""
    person = person or actor
    engagement = common.locked(engagement)
    if person == actor:
        require(actor, "engagement.answer_consultation", engagement)
        if not engagement.consultation_open:
            raise ValidationError("This consultation has closed. Call the coordinator if you still want to answer.")
        method = RecordedMethod.WEB
    else:
        require(actor, TRIAGE, engagement)
        if method not in (RecordedMethod.PAPER, RecordedMethod.PHONE, RecordedMethod.EMAIL, RecordedMethod.BSL_VIDEO):
            raise ValidationError({"method": "Choose how the answers reached you"})
        if person.pk not in {member.pk for member in common.members_of(engagement.panel_id)}:
            raise ValidationError({"person": "Choose a member of the panel"})
        if engagement.route != Route.WRITTEN or engagement.status != EngagementStatus.SCHEDULED:
            raise ValidationError("Answers can be recorded only while the panel's advice is being written.")
    given = _answers_check(engagement, answers)
    for number, text in given.items():
        answer, _ = WrittenAnswer.objects.get_or_create(
            engagement=engagement, person=person, number=number,
            defaults={"answer": text, "method": method, "recorded_by": actor},
        )  # fmt: skip
        if answer.answer != text or answer.method != method:
            answer.answer, answer.method, answer.recorded_by = text, method, actor
            answer._history_user = actor
            answer.save(update_fields=["answer", "method", "recorded_by"])
    message_cancel_pending(key_prefix=reminder_prefix(engagement, person.pk))
    logger.info("engagement %s: %s answer(s) from person %s recorded by person %s", engagement.pk, len(given),
                person.pk, actor.pk)  # fmt: skip
    return len(given)
