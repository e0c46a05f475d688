"""Access arrangements: derived from who is coming and what they need, then worked by the
coordinator; the periodic sweep keeps them in line and tells people what was arranged."""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.access import require
from accounts.models import User
from meetings.models import (
    DONE,
    Arrangement,
    ArrangementStatus,
    Meeting,
    MeetingStatus,
    Reply,
)
from meetings.needs import book_by, quantity_for, relevant
from meetings.selectors import arrangements_for
from members.models import (
    AccessNeed,
    AccessNeedItem,
    StaffRoleKind,
)
from notifications.services import message_cancel_pending, message_queue, messages_queue_many

from . import common

logger = logging.getLogger(__name__)


@transaction.atomic
def arrangements_refresh(*, meeting: Meeting) -> int:
    """Bring the meeting's arrangements in line with who is coming and what they need now. New
    needs are added, quantities and book-by dates follow the meeting, and a need nobody coming has
    any more is marked as no longer needed, never dropped. Returns how many rows changed. The
    meeting is locked first, as cancelling it and working an arrangement lock it, so the three
    never wait on each other's rows in opposite orders, and a meeting cancelled a moment ago is
    left alone."""
    meeting = Meeting.objects.select_for_update(of=("self",)).get(pk=meeting.pk)
    if meeting.is_cancelled:
        return 0
    attending = {inv.person_id: inv for inv in meeting.invitations.filter(reply=Reply.ATTENDING)}
    wanted: dict[int, tuple[AccessNeedItem, set[int]]] = {}
    needs = AccessNeed.objects.filter(profile__person__in=attending, removed_at=None).select_related("item", "profile")
    for need in needs:
        if relevant(need.item, meeting):
            wanted.setdefault(need.item_id, (need.item, set()))[1].add(attending[need.profile.person_id].pk)
    existing = {a.item_id: a for a in meeting.arrangements.prefetch_related("invitations")}
    changed = 0
    for item_id, (item, invitation_ids) in wanted.items():
        fields = {
            "quantity": quantity_for(item, len(invitation_ids), meeting.minutes_long),
            "book_by": book_by(item, meeting),
            "still_needed": True,
        }
        arrangement = existing.get(item_id)
        # Book-by reminders are set when an item appears, when its date moves, or when it is needed
        # again; otherwise the ones already due (or cancelled by booking) stand.
        remind = arrangement is None
        if arrangement is None:
            arrangement = Arrangement(meeting=meeting, item=item, owner=item.who_acts, **fields)
            arrangement.save()
            changed += 1
        elif any(getattr(arrangement, name) != value for name, value in fields.items()):
            remind = arrangement.book_by != fields["book_by"] or not arrangement.still_needed
            for name, value in fields.items():
                setattr(arrangement, name, value)
            arrangement._change_reason = "who is coming or what they need changed"
            arrangement.save(update_fields=[*fields, "updated_at"])
            changed += 1
        if {i.pk for i in arrangement.invitations.all()} != invitation_ids:
            arrangement.invitations.set(invitation_ids)
        if remind and arrangement.status in (ArrangementStatus.TO_DO, ArrangementStatus.REQUESTED):
            _schedule_book_by(arrangement)
    for item_id, arrangement in existing.items():
        if item_id not in wanted and arrangement.still_needed:
            arrangement.still_needed = False
            arrangement._change_reason = "nobody coming needs it now"
            arrangement.save(update_fields=["still_needed", "updated_at"])
            arrangement.invitations.clear()
            message_cancel_pending(key_prefix=_book_by_key(arrangement))
            changed += 1
    return changed


def _book_by_key(arrangement: Arrangement) -> str:
    return f"{common.message_key(arrangement.meeting)}book-by:{arrangement.pk}:"


def _schedule_book_by(arrangement: Arrangement) -> None:
    """A reminder to the coordinators a few days before the book-by date, and an escalation on it,
    in place of any set before. Booking the item cancels both; if it is still not booked on the
    day, the escalation goes."""
    message_cancel_pending(key_prefix=_book_by_key(arrangement))
    meeting = arrangement.meeting
    coordinators = _coordinators_of(meeting)
    now = timezone.now()
    warning = common.morning(arrangement.book_by - timedelta(days=settings.ARRANGEMENT_WARNING_DAYS))
    late = common.morning(arrangement.book_by)
    moments = [("late", max(late, now))] if late <= now else [("soon", max(warning, now)), ("late", late)]
    shared = {
        "title": meeting.title, "when": common.when_said(meeting), "need": arrangement.item.name,
        "quantity": arrangement.quantity, "book_by": f"{arrangement.book_by:%-d %B %Y}", "owner": arrangement.owner,
        "url": reverse("meetings:arrangements", kwargs={"pk": meeting.pk}),
    }  # fmt: skip
    # Each setting of the reminders has keys of its own (the row's last change), so reminders set
    # again after a cancellation are new rows, while a repeated request queues nothing twice.
    version = f"{meeting.sequence}.{arrangement.updated_at.isoformat()}"
    messages_queue_many([
        {"kind": "meetings.book_by", "recipient": coordinator, "due_at": due, "topic": common.topic_of(meeting),
         "idempotency_key": f"{_book_by_key(arrangement)}{version}:{coordinator.pk}:{stage}",
         "context": {**shared, "name": coordinator.full_name, "late": stage == "late"}}
        for coordinator in coordinators
        for stage, due in moments
    ])  # fmt: skip


@transaction.atomic
def arrangement_update(
    *, actor: User, arrangement: Arrangement, status: str, owner: str = "", status_reason: str = ""
) -> Arrangement:
    """The coordinator works an item: requested, booked, confirmed, or not possible (with why); on
    a cancelled meeting, what was asked of a supplier is cancelled with them. The meeting is locked
    as cancelling it locks it, so a booking saved as the meeting is cancelled is not lost."""
    require(actor, "meetings.manage_meeting", arrangement.meeting)
    meeting = Meeting.objects.select_for_update(of=("self",)).get(pk=arrangement.meeting_id)
    arrangement = Arrangement.objects.select_for_update(of=("self",)).select_related("item").get(pk=arrangement.pk)
    arrangement.meeting = meeting
    if status != arrangement.status and status not in statuses_for(meeting, arrangement.status):
        raise ValidationError({"status": "Choose one of the statuses offered for this meeting"})
    if status == ArrangementStatus.NOT_POSSIBLE and not status_reason.strip():
        raise ValidationError({"status_reason": "Say why it is not possible, so the person can be told"})
    arrangement.status, arrangement.owner = status, owner.strip() or arrangement.owner
    arrangement.status_reason = status_reason.strip()
    arrangement._history_user = actor
    arrangement.full_clean()
    arrangement.save(update_fields=["status", "owner", "status_reason", "updated_at"])
    if arrangement.meeting.is_cancelled:
        if not arrangement.meeting.arrangements.filter(status=ArrangementStatus.TO_CANCEL).exists():
            message_cancel_pending(key_prefix=f"{_to_cancel_key(arrangement.meeting)}reminder:")
    elif status in DONE or status == ArrangementStatus.NOT_POSSIBLE:
        message_cancel_pending(key_prefix=_book_by_key(arrangement))
    else:
        _schedule_book_by(arrangement)
    return arrangement


# What was asked of a supplier, and so must be cancelled with them when the meeting is.
ASKED_OF_SUPPLIER = (ArrangementStatus.REQUESTED, ArrangementStatus.BOOKED, ArrangementStatus.CONFIRMED)
AFTER_CANCELLING = (ArrangementStatus.TO_CANCEL, ArrangementStatus.CANCELLED)


def statuses_for(meeting: Meeting, current: str) -> list[str]:
    """What an arrangement may be set to: on a meeting going ahead, the statuses of booking; on a
    cancelled one, only cancelling what was asked of a supplier (anything else stays as it is)."""
    if not meeting.is_cancelled:
        return [value for value in ArrangementStatus.values if value not in AFTER_CANCELLING]
    if current in (*ASKED_OF_SUPPLIER, *AFTER_CANCELLING):
        return list(AFTER_CANCELLING)
    return [current]


def _to_cancel_key(meeting: Meeting) -> str:
    return f"{common.message_key(meeting)}bookings-to-cancel:{meeting.sequence}:"


def _coordinators_of(meeting: Meeting):
    return User.objects.filter(
        staff_roles__role=StaffRoleKind.COORDINATOR, staff_roles__panel__in=meeting.panels.all()
    ).distinct()


def bookings_to_cancel(*, actor: User, meeting: Meeting) -> int:
    """For a meeting just cancelled (by `meeting_cancel`, which checked permission): each support
    requested or booked becomes one to cancel with its supplier, and the coordinators are told now
    and reminded a few days later if any is still to cancel. Returns how many."""
    locked = meeting.arrangements.select_for_update(of=("self",)).select_related("item")
    asked = list(locked.filter(status__in=ASKED_OF_SUPPLIER))
    for arrangement in asked:
        arrangement.status = ArrangementStatus.TO_CANCEL
        who = arrangement.owner or "whoever provides it"
        arrangement.status_reason = f"The meeting was cancelled: tell {who} it is no longer needed."
        arrangement._history_user, arrangement._change_reason = actor, "meeting cancelled"
        arrangement.save(update_fields=["status", "status_reason", "updated_at"])
    if not asked:
        return 0
    context = {
        "title": meeting.title, "when": common.when_said(meeting), "reason": meeting.cancelled_reason,
        "bookings": [{"need": a.item.name, "quantity": a.quantity, "owner": a.owner} for a in asked],
        "url": reverse("meetings:arrangements", kwargs={"pk": meeting.pk}),
    }  # fmt: skip
    reminder_at = common.morning(timezone.localdate() + timedelta(days=settings.ARRANGEMENT_CANCEL_REMINDER_DAYS))
    messages_queue_many([
        {"kind": "meetings.bookings_to_cancel", "recipient": coordinator, "due_at": due,
         "topic": common.topic_of(meeting), "idempotency_key": f"{_to_cancel_key(meeting)}{stage}:{coordinator.pk}",
         "context": {**context, "name": coordinator.full_name, "reminder": stage == "reminder"}}
        for coordinator in _coordinators_of(meeting)
        for stage, due in [("now", None), ("reminder", reminder_at)]
    ])  # fmt: skip
    return len(asked)


def bookings_reinstate(*, actor: User, meeting: Meeting) -> None:
    """For a meeting reinstated (by `meeting_reinstate`, which checked permission): a booking not yet
    cancelled with its supplier stands as it was; one that was cancelled is to book again. Then the
    arrangements follow who is coming, with their book-by reminders."""
    message_cancel_pending(key_prefix=common.message_key(meeting) + "bookings-to-cancel:")
    undone = [ArrangementStatus.TO_CANCEL, ArrangementStatus.CANCELLED]
    for arrangement in meeting.arrangements.select_for_update(of=("self",)):
        arrangement.meeting, was = meeting, arrangement.status
        if was == ArrangementStatus.TO_CANCEL:
            before = arrangement.history.exclude(status__in=undone).values_list("status", flat=True)
            arrangement.status, arrangement.status_reason = before.first() or ArrangementStatus.TO_DO, ""
        elif was == ArrangementStatus.CANCELLED:
            arrangement.status = ArrangementStatus.TO_DO
            arrangement.status_reason = "The meeting is going ahead after all: book it again."
        if arrangement.status != was:
            arrangement._history_user, arrangement._change_reason = actor, "meeting reinstated"
            arrangement.save(update_fields=["status", "status_reason", "updated_at"])
        # Cancelling the meeting cancelled every book-by reminder: what is still to book gets new ones.
        if arrangement.still_needed and arrangement.status in (ArrangementStatus.TO_DO, ArrangementStatus.REQUESTED):
            _schedule_book_by(arrangement)
    arrangements_refresh(meeting=meeting)


def arrangements_confirm(*, meeting: Meeting) -> int:
    """Tell each person coming what has been arranged for them, and what could not be. Sent once
    per version of the meeting, a few days before it (by the periodic sweep)."""
    sent = 0
    about = common.about_meeting(meeting)
    for invitation in meeting.invitations.filter(reply=Reply.ATTENDING).select_related("person", "meeting__venue"):
        arranged = arrangements_for(invitation)
        if not arranged:
            continue
        message_queue(
            kind="meetings.arrangements", recipient=invitation.person, topic=about.topic, reply_to=about.reply_to,
            idempotency_key=f"{common.message_key(meeting)}arrangements:{invitation.pk}:{meeting.sequence}",
            context={**common.details_for(invitation, about), "arranged": arranged},
        )  # fmt: skip
        sent += 1
    return sent


def meetings_sweep(*, now: datetime | None = None) -> dict[str, int]:
    """Run by Celery beat as the system: arrangements follow needs changed since people replied,
    and people coming soon are told what has been arranged for them."""
    now = now or timezone.now()
    upcoming = Meeting.objects.filter(status=MeetingStatus.SCHEDULED, starts_at__gt=now)
    refreshed = confirmed = 0
    for meeting in upcoming.filter(invitations__reply=Reply.ATTENDING).distinct():
        with transaction.atomic():
            meeting = Meeting.objects.select_for_update(of=("self",)).get(pk=meeting.pk)
            if meeting.is_cancelled:  # since the list was read
                continue
            refreshed += arrangements_refresh(meeting=meeting)
            if meeting.starts_at <= now + timedelta(days=settings.ARRANGEMENTS_CONFIRM_DAYS):
                confirmed += arrangements_confirm(meeting=meeting)
    if refreshed or confirmed:
        logger.info("meetings sweep: %s arrangements changed, %s confirmations", refreshed, confirmed)
    return {"refreshed": refreshed, "confirmed": confirmed}
