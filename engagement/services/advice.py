"""The panel's advice and what came of it: the coordinator drafts the advice on each question from
the meeting or the members' answers; the chair approves it and it goes to the officer, who answers
each point within a set time (reminded, then an administrator is told); members hear the answer.
Then "you said, we did": once the chair and the officer agree the words, the page is public."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.access import require
from accounts.models import User
from engagement import messages
from engagement.models import AdvicePoint, Engagement, EngagementStatus, Outcome, Route
from engagement.rules import CHAIRS
from members.models import Membership, MembershipStatus
from notifications.services import message_cancel_pending, message_queue, messages_queue_many

from . import common

logger = logging.getLogger(__name__)

TRIAGE = "engagement.triage"


def response_prefix(engagement: Engagement) -> str:
    return f"engagement.response:{engagement.pk}:"


def chairs_of(panel_id: int) -> list[User]:
    """The panel's chair and vice-chairs now, each once."""
    memberships = Membership.objects.filter(panel_id=panel_id, role__in=CHAIRS).exclude(status=MembershipStatus.ENDED)
    return list({membership.person_id: membership.person for membership in memberships.select_related("person")}
                .values())  # fmt: skip


def chair_url(engagement: Engagement) -> str:
    return reverse("engagement:chair_engagement", args=[engagement.pk])


@transaction.atomic
def advice_draft(*, actor: User, engagement: Engagement, advice: dict[int, str], ask_chair: bool = False) -> Engagement:
    """The coordinator's draft of the panel's advice, one point per question. Asking the chair to
    approve it tells the panel's chairs; they approve it on their own page."""
    require(actor, TRIAGE, engagement)
    engagement = common.locked(engagement)
    if engagement.status != EngagementStatus.SCHEDULED:
        raise ValidationError("The advice can be written once the request is scheduled, and until it is sent.")
    questions = engagement.request.question_list
    # The officer may have changed their questions since (another panel asked them for more).
    changed = engagement.advice.filter(number__gt=len(questions)).delete()[0] > 0
    for number, question in enumerate(questions, start=1):
        point, created = AdvicePoint.objects.get_or_create(engagement=engagement, number=number,
                                                           defaults={"question": question})  # fmt: skip
        text = advice.get(number, "").strip()
        if point.advice != text or point.question != question:
            changed = True
            point.advice, point.question = text, question
            point._history_user = actor
            point.full_clean()
            point.save(update_fields=["advice", "question"])
    if ask_chair:
        missing = [n for n in range(1, len(questions) + 1) if not advice.get(n, "").strip()]
        if missing:
            raise ValidationError({f"advice_{n}": f"Write the panel's advice on question {n}" for n in missing})
        chairs = [chair for chair in chairs_of(engagement.panel_id) if chair.pk != engagement.request.officer_id]
        if not chairs:
            raise ValidationError("The panel has no chair or vice-chair to approve the advice. Record who chairs the "
                                  "panel on its members page first.")  # fmt: skip
        if engagement.route == Route.WRITTEN and engagement.closes_on >= timezone.localdate():
            raise ValidationError(f"Members can answer until {common.said(engagement.closes_on)}. Ask the chair to "
                                  "approve the advice after that.")  # fmt: skip
        engagement.advice_asked_at = timezone.now()
    elif changed:
        engagement.advice_asked_at = None  # the chair approves what they were asked to, or nothing
    engagement._history_user = actor
    engagement.save(update_fields=["advice_asked_at"])
    if ask_chair:
        step = engagement.history.count()
        messages_queue_many([
            {"kind": messages.ADVICE_TO_APPROVE.key, "recipient": chair, "topic": engagement.panel.topic,
             "context": common.about(engagement) | {"name": chair.full_name, "chair_url": chair_url(engagement)},
             "idempotency_key": f"engagement.advice_to_approve:{engagement.pk}:{step}:{chair.pk}"}
            for chair in chairs
        ])  # fmt: skip
    return engagement


@transaction.atomic
def advice_approve(*, actor: User, engagement: Engagement) -> Engagement:
    """The chair approves the advice and it goes to the officer, who must answer by a date: they
    are reminded two weeks before and on the day, and an administrator is told a week after."""
    require(actor, "engagement.approve_advice", engagement)
    engagement = common.locked(engagement)
    if engagement.status != EngagementStatus.SCHEDULED:
        raise ValidationError("This advice has been sent already, or the request is not scheduled.")
    if actor.pk == engagement.request.officer_id:
        raise ValidationError("You brought this request, so another chair or vice-chair must approve the advice.")
    points = list(engagement.advice.all())
    complete = len(points) == len(engagement.request.question_list) and all(point.advice for point in points)
    if engagement.advice_asked_at is None or not complete:
        raise ValidationError("The coordinator has not finished the advice yet.")
    now = timezone.now()
    due = timezone.localdate() + timedelta(weeks=settings.ENGAGEMENT_RESPONSE_WEEKS)
    engagement.status, engagement.advice_approved_by, engagement.advice_sent_at = EngagementStatus.ADVISED, actor, now
    engagement.response_due = due
    engagement._history_user = actor
    engagement.save()
    request, officer = engagement.request, engagement.request.officer
    words = {"name": officer.full_name, "title": request.title, "panel_name": engagement.panel.name,
             "due": common.said(due), "url": reverse("engagement:respond", args=[engagement.pk])}  # fmt: skip
    prefix = response_prefix(engagement)
    message_queue(kind=messages.ADVICE_SENT.key, recipient=officer, topic=engagement.panel.topic, context=words,
                  idempotency_key=f"{prefix}advice")  # fmt: skip
    for label, day in (("soon", due - timedelta(days=14)), ("due", due)):
        message_queue(kind=messages.RESPONSE_REMINDER.key, recipient=officer, topic=engagement.panel.topic,
                      context=words | {"today_due": label == "due"}, due_at=common.at_nine(day),
                      idempotency_key=f"{prefix}reminder:{label}")  # fmt: skip
    overdue = due + timedelta(days=7)
    for administrator in common.administrators():
        message_queue(
            kind=messages.RESPONSE_OVERDUE.key, recipient=administrator, due_at=common.at_nine(overdue),
            context={"title": request.title, "panel_name": engagement.panel.name, "due": common.said(due),
                     "officer": officer.display_name, "url": reverse("engagement:engagement", args=[engagement.pk])},
            idempotency_key=f"{prefix}overdue:{administrator.pk}",
        )  # fmt: skip
    from .scheduling import reminder_prefix

    message_cancel_pending(key_prefix=reminder_prefix(engagement))  # nobody is asked to answer any more
    logger.info("engagement %s: advice approved by person %s and sent", engagement.pk, actor.pk)
    return engagement


@transaction.atomic
def engagement_respond(*, actor: User, engagement: Engagement, answers: dict[int, tuple[str, str]]) -> Engagement:
    """The officer's answer to each point of advice: accepted, partly or not, and what was done and
    why. Reminders stop, and the panel's members hear."""
    require(actor, "engagement.respond", engagement)
    engagement = common.locked(engagement)
    if engagement.status != EngagementStatus.ADVISED:
        raise ValidationError("You have answered this advice already.")
    errors = {}
    points = list(engagement.advice.all())
    for point in points:
        outcome, done = answers.get(point.number, ("", ""))
        if outcome not in Outcome.values:
            errors[f"outcome_{point.number}"] = f"Say whether you accepted advice {point.number}"
        if not done.strip():
            errors[f"done_{point.number}"] = f"Say what you did about advice {point.number}, and why"
    if errors:
        raise ValidationError(errors)
    for point in points:
        point.outcome, point.what_was_done = answers[point.number][0], answers[point.number][1].strip()
        point._history_user = actor
        point.save(update_fields=["outcome", "what_was_done"])
    engagement.status, engagement.answered_at = EngagementStatus.ANSWERED, timezone.now()
    engagement._history_user = actor
    engagement.save(update_fields=["status", "answered_at"])
    message_cancel_pending(key_prefix=f"{response_prefix(engagement)}reminder:")
    message_cancel_pending(key_prefix=f"{response_prefix(engagement)}overdue:")
    words = common.about(engagement)
    messages_queue_many([
        {"kind": messages.ANSWER_ARRIVED.key, "recipient": person, "topic": engagement.panel.topic,
         "context": words | {"name": person.full_name},
         "idempotency_key": f"engagement.answer_arrived:{engagement.pk}:{person.pk}"}
        for person in common.members_of(engagement.panel_id)
    ])  # fmt: skip
    logger.info("engagement %s answered by person %s", engagement.pk, actor.pk)
    return engagement


@transaction.atomic
def publication_draft(*, actor: User, engagement: Engagement, summary: str) -> Engagement:
    """The words for "you said, we did", written by the coordinator; the chair and the officer are
    asked to agree them. Changing them asks both again."""
    require(actor, TRIAGE, engagement)
    engagement = common.locked(engagement)
    if engagement.status != EngagementStatus.ANSWERED:
        raise ValidationError("What changed can be written once the officer has answered the advice.")
    if not summary.strip():
        raise ValidationError({"summary": "Say what changed because of the panel's advice"})
    if summary.strip() == engagement.public_summary:
        return engagement
    engagement.public_summary = summary.strip()
    engagement.chair_agreed_at = engagement.officer_agreed_at = engagement.published_at = None
    engagement._history_user = actor
    engagement.full_clean()
    engagement.save()
    step = engagement.history.count()
    officer = engagement.request.officer
    chairs = [chair for chair in chairs_of(engagement.panel_id) if chair.pk != officer.pk]
    words = common.about(engagement) | {"summary": engagement.public_summary}
    rows = [{"kind": messages.PUBLICATION_TO_AGREE.key, "recipient": person, "topic": engagement.panel.topic,
             "context": words | {"name": person.full_name, "officer": person == officer,
                                 "url": reverse("engagement:request", args=[engagement.request_id])
                                 if person == officer else chair_url(engagement)},
             "idempotency_key": f"engagement.publication:{engagement.pk}:{step}:{person.pk}"}
            for person in [officer, *chairs]]  # fmt: skip
    messages_queue_many(rows)
    return engagement


@transaction.atomic
def publication_agree(*, actor: User, engagement: Engagement) -> Engagement:
    """The officer, or the panel's chair, agrees the words; once both have, they are published."""
    require(actor, "engagement.agree_publication", engagement)
    engagement = common.locked(engagement)
    if engagement.status != EngagementStatus.ANSWERED or not engagement.public_summary:
        raise ValidationError("There are no words to agree yet.")
    now = timezone.now()
    if actor.pk == engagement.request.officer_id:
        engagement.officer_agreed_at = engagement.officer_agreed_at or now
    elif actor.has_perm("engagement.chair_view_engagement", engagement):
        # The officer's own agreement never counts for the panel too, even if they chair it.
        engagement.chair_agreed_at = engagement.chair_agreed_at or now
    if engagement.officer_agreed_at and engagement.chair_agreed_at and not engagement.published_at:
        engagement.published_at = now
    engagement._history_user = actor
    engagement.save(update_fields=["officer_agreed_at", "chair_agreed_at", "published_at"])
    logger.info("engagement %s: publication agreed by person %s", engagement.pk, actor.pk)
    return engagement
