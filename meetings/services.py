"""Every change to meetings: setting one up, inviting, replies, arrangements and attendance.

Messages go through the outbox in the same transaction as the change. Reminders are rows due on
their day; a change of time cancels the ones not yet sent and queues new ones.
"""

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts import uploads
from accounts.access import require
from accounts.models import User
from members.models import (
    AccessNeed,
    AccessNeedItem,
    Panel,
    StaffRoleKind,
)
from notifications.services import message_cancel_pending, message_queue, messages_queue_many

from . import calendar, links
from .models import (
    DONE,
    AgendaItem,
    Arrangement,
    ArrangementStatus,
    Attendance,
    Invitation,
    Meeting,
    MeetingFormat,
    MeetingStatus,
    Paper,
    Reply,
)
from .needs import book_by, quantity_for, relevant
from .selectors import arrangements_for, members_to_invite

logger = logging.getLogger(__name__)
LONDON = ZoneInfo("Europe/London")

# What a change of these means for invitations already sent: an update with a higher SEQUENCE.
CALENDAR_FIELDS = ["title", "starts_at", "ends_at", "format", "venue", "room", "online_link"]


def _validate_place(meeting: Meeting) -> None:
    errors = {}
    if meeting.in_the_room and meeting.venue_id is None:
        errors["venue"] = "Choose where the meeting is"
    if meeting.online and not meeting.online_link:
        errors["online_link"] = "Enter the link people use to join online"
    if errors:
        raise ValidationError(errors)


def _save(meeting: Meeting, actor: User, reason: str = "", fields: list[str] | None = None) -> None:
    meeting._history_user = actor
    meeting._change_reason = reason
    meeting.full_clean()
    meeting.save(update_fields=fields)


@transaction.atomic
def meeting_create(
    *,
    actor: User,
    panels: list[Panel],
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    format: str = MeetingFormat.IN_PERSON,
    venue=None,
    room: str = "",
    online_link: str = "",
    description: str = "",
) -> Meeting:
    """A meeting of one or more panels. The actor must coordinate every panel it is for."""
    if not panels:
        raise ValidationError({"panels": "Choose the panels this meeting is for"})
    for panel in panels:
        require(actor, "meetings.create_for_panel", panel)
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": "The meeting must start in the future"})
    meeting = Meeting(
        title=title.strip(), starts_at=starts_at, ends_at=ends_at, format=format, venue=venue, room=room.strip(),
        online_link=online_link.strip(), description=description.strip(), created_by=actor,
    )  # fmt: skip
    _validate_place(meeting)
    _save(meeting, actor, "created")
    meeting.panels.set(panels)
    logger.info("meeting %s created by person %s", meeting.pk, actor.pk)
    return meeting


@transaction.atomic
def meeting_change(*, actor: User, meeting: Meeting, reason: str = "", **fields) -> Meeting:
    """Change the details. If the time or place changed and people are invited, each is sent an
    update (the same calendar event, a higher SEQUENCE); their reminders and the book-by dates move."""
    require(actor, "meetings.manage_meeting", meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_cancelled:
        raise ValidationError("This meeting has been cancelled, so it cannot be changed.")
    unknown = set(fields) - {*CALENDAR_FIELDS, "description"}
    if unknown:
        raise TypeError(f"Unknown meeting fields: {sorted(unknown)}")
    changed = [name for name, value in fields.items() if getattr(meeting, name) != value]
    if not changed:
        return meeting
    for name in changed:
        setattr(meeting, name, fields[name])
    if "starts_at" in changed and meeting.starts_at <= timezone.now():
        raise ValidationError({"starts_at": "The meeting must start in the future"})
    _validate_place(meeting)
    resend = bool(set(changed) & set(CALENDAR_FIELDS)) and meeting.invitations.exists()
    if resend:
        meeting.sequence += 1
        changed.append("sequence")
    _save(meeting, actor, reason.strip() or "details changed", changed)
    if resend:
        about = _about(meeting)
        for invitation in _send_to_everyone_invited(meeting, kind="meetings.update"):
            _schedule_reminders(invitation, about)
        arrangements_refresh(meeting=meeting)
    logger.info("meeting %s changed by person %s (%s)", meeting.pk, actor.pk, ", ".join(changed))
    return meeting


@transaction.atomic
def meeting_cancel(*, actor: User, meeting: Meeting, reason: str) -> Meeting:
    """Cancel a meeting: everyone invited is sent a cancellation their calendar understands
    (METHOD:CANCEL), and reminders not yet sent are cancelled."""
    require(actor, "meetings.manage_meeting", meeting)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the meeting is cancelled"})
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_cancelled:
        return meeting
    meeting.status, meeting.cancelled_reason = MeetingStatus.CANCELLED, reason.strip()
    meeting.sequence += 1
    _save(meeting, actor, reason.strip(), ["status", "cancelled_reason", "sequence"])
    message_cancel_pending(key_prefix=f"{_key(meeting)}reminder:")
    message_cancel_pending(key_prefix=f"{_key(meeting)}book-by:")
    _send_to_everyone_invited(meeting, kind="meetings.cancellation", method=calendar.CANCEL)
    logger.info("meeting %s cancelled by person %s", meeting.pk, actor.pk)
    return meeting


# Agenda and papers


@transaction.atomic
def agenda_item_add(*, actor: User, meeting: Meeting, title: str, details: str = "") -> AgendaItem:
    require(actor, "meetings.manage_meeting", meeting)
    last = meeting.agenda.order_by("-order").values_list("order", flat=True).first() or 0
    item = AgendaItem(meeting=meeting, order=last + 1, title=title.strip(), details=details.strip())
    item._history_user = actor
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def agenda_item_remove(*, actor: User, item: AgendaItem) -> None:
    require(actor, "meetings.manage_meeting", item.meeting)
    item._history_user = actor
    item.delete()


# What each version of a paper may be, and what the person is told it is called when it is not.
PAPER_FILES = {
    "standard": (uploads.PAPER, "The paper"),
    "large_print": (uploads.PAPER, "The large print version"),
    "easy_read": (uploads.PAPER, "The easy read version"),
    "audio": (uploads.RECORDING, "The audio version"),
}


def paper_file_check(version: str, upload, *, called: str = "") -> None:
    """Whether the file may be kept as this version of a paper, judged by its content
    (accounts.uploads): ValidationError in the person's words if not. A file that may be kept is
    given a safe name. The forms ask first, so that every error shows at once."""
    purpose, name_in_words = PAPER_FILES[version]
    uploads.checked_upload(upload, purpose, called=called or name_in_words)


def _paper_files_check(files: dict) -> None:
    errors = {}
    for version, upload in files.items():
        try:
            paper_file_check(version, upload)
        except ValidationError as exc:
            errors[version] = exc.messages
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def paper_add(*, actor: User, meeting: Meeting, title: str, standard, **versions) -> Paper:
    """A paper and any accessible versions of it (large print, easy read, audio)."""
    require(actor, "meetings.manage_meeting", meeting)
    if unknown := set(versions) - set(Paper.VERSIONS):
        raise TypeError(f"Unknown versions {sorted(unknown)}")
    files = {name: upload for name, upload in {"standard": standard, **versions}.items() if upload}
    _paper_files_check(files)
    paper = Paper(meeting=meeting, title=title.strip(), uploaded_by=actor, **files)
    paper._history_user = actor
    paper.full_clean()
    paper.save()
    return paper


@transaction.atomic
def paper_version_add(*, actor: User, paper: Paper, version: str, upload) -> Paper:
    require(actor, "meetings.manage_meeting", paper.meeting)
    if version not in Paper.VERSIONS:
        raise ValidationError({"version": "Choose which version this is"})
    try:
        paper_file_check(version, upload, called="The file")
    except ValidationError as exc:
        raise ValidationError({"upload": exc.messages}) from None
    setattr(paper, version, upload)
    paper._history_user = actor
    paper.full_clean()
    paper.save(update_fields=[version])
    return paper


@transaction.atomic
def papers_release(*, actor: User, meeting: Meeting) -> Meeting:
    """Papers reach members all at once and in every format at the same moment: until release,
    nobody invited sees any of them."""
    require(actor, "meetings.manage_meeting", meeting)
    if meeting.papers_released_at:
        return meeting
    if not meeting.papers.exists():
        raise ValidationError("Add the papers before you send them.")
    meeting.papers_released_at = timezone.now()
    _save(meeting, actor, "papers released", ["papers_released_at"])
    about = _about(meeting)
    messages_queue_many([
        {"kind": "meetings.papers", "recipient": invitation.person, "topic": about.topic,
         "idempotency_key": f"{_key(meeting)}papers:{invitation.pk}", "context": _details(invitation, about)}
        for invitation in meeting.invitations.exclude(reply=Reply.NOT_ATTENDING).select_related("person")
    ])  # fmt: skip
    return meeting


# Invitations and replies


def _key(meeting: Meeting) -> str:
    return f"meeting:{meeting.pk}:"


@dataclass
class _About:
    """What every message about one meeting says, worked out once for however many people."""

    topic: str
    details: dict
    agenda: list[str]
    calendars: dict[str, str] = field(default_factory=dict)

    def calendar(self, meeting: Meeting, method: str) -> str:
        if method not in self.calendars:
            url = settings.SITE_URL + self.details["url"]
            self.calendars[method] = calendar.meeting_ics(meeting, method=method, url=url)
        return self.calendars[method]


def _about(meeting: Meeting) -> _About:
    panel = meeting.panels.order_by("order").first()
    venue = meeting.venue if meeting.in_the_room else None
    details = {
        "title": meeting.title,
        "when": _when(meeting),
        "format": meeting.get_format_display(),
        "where": ", ".join(p for p in [meeting.room, venue.one_line] if p) if venue else "",
        "online_link": meeting.online_link if meeting.online else "",
        "access": _venue_facts(venue) if venue else [],
        "url": reverse("meetings:my_meeting", kwargs={"pk": meeting.pk}),
    }
    return _About(
        topic=panel.topic if panel else "", details=details,
        agenda=list(meeting.agenda.values_list("title", flat=True)),
    )  # fmt: skip


def _topic(meeting: Meeting) -> str:
    """Messages about a joint meeting are about its first panel, for people's records."""
    panel = meeting.panels.order_by("order").first()
    return panel.topic if panel else ""


def _when(meeting: Meeting) -> str:
    start, end = timezone.localtime(meeting.starts_at, LONDON), timezone.localtime(meeting.ends_at, LONDON)
    return f"{start:%A %-d %B %Y}, {_clock(start)} to {_clock(end)}"


def _clock(moment: datetime) -> str:
    return f"{moment:%-I:%M%p}".replace(":00", "").replace("AM", "am").replace("PM", "pm")


def _details(invitation: Invitation, about: _About | None = None) -> dict:
    """What every message about the meeting says to this person, as plain data for the outbox."""
    about = about or _about(invitation.meeting)
    return {"name": invitation.person.full_name, **about.details}


def _venue_facts(venue) -> list[str]:
    facts = [
        venue.step_free_route and ("Step-free route" + (f": {venue.step_free_notes}" if venue.step_free_notes else "")),
        venue.accessible_toilet and "Accessible toilet",
        venue.hearing_loop and "Hearing loop",
        venue.parking and f"Accessible parking: {venue.parking}",
        venue.quiet_room and "A quiet room to take a break",
        venue.accessible_transport and f"Nearest accessible transport: {venue.accessible_transport}",
    ]
    return [fact for fact in facts if fact]


def _invitation_message(
    invitation: Invitation, about: _About, *, kind: str = "meetings.invitation", method: str = calendar.REQUEST
) -> dict:
    """One person's invitation, update or cancellation, as `message_queue`'s arguments."""
    meeting, person = invitation.meeting, invitation.person
    context = {**_details(invitation, about), "agenda": about.agenda}
    if method == calendar.REQUEST:
        context["attending_url"] = links.reply_url(invitation, Reply.ATTENDING)
        context["not_attending_url"] = links.reply_url(invitation, Reply.NOT_ATTENDING)
    else:
        context["reason"] = meeting.cancelled_reason
    if person.email:
        context["attachments"] = [{
            "filename": "cancelled.ics" if method == calendar.CANCEL else "invitation.ics",
            "content_type": "text/calendar", "params": {"method": method},
            "content": calendar.for_attendee(about.calendar(meeting, method), person.email),
        }]  # fmt: skip
    return {
        "kind": kind, "recipient": person, "topic": about.topic, "context": context,
        "idempotency_key": f"{_key(meeting)}{kind}:{invitation.pk}:{meeting.sequence}",
    }  # fmt: skip


def _send_to_everyone_invited(meeting: Meeting, *, kind: str, method: str = calendar.REQUEST) -> list[Invitation]:
    about = _about(meeting)
    invitations = list(meeting.invitations.select_related("person"))
    for invitation in invitations:
        invitation.meeting = meeting
    messages_queue_many([_invitation_message(i, about, kind=kind, method=method) for i in invitations])
    return invitations


@transaction.atomic
def meeting_invite(*, actor: User, meeting: Meeting) -> int:
    """Invite every current member of the meeting's panels not yet invited: one message each,
    with a calendar file and links to reply. Inviting again invites only those joined since."""
    require(actor, "meetings.manage_meeting", meeting)
    if meeting.is_cancelled or meeting.has_finished:
        raise ValidationError("Only a meeting still to come can have invitations sent.")
    already = meeting.invitations.values("person")
    people = list(members_to_invite(meeting).exclude(pk__in=already))
    Invitation.objects.bulk_create([Invitation(meeting=meeting, person=person) for person in people])
    invitations = list(meeting.invitations.filter(person__in=people).select_related("person"))
    about = _about(meeting)
    for invitation in invitations:
        invitation.meeting = meeting
    messages_queue_many([_invitation_message(invitation, about) for invitation in invitations])
    logger.info("meeting %s: %s invited by person %s", meeting.pk, len(people), actor.pk)
    return len(people)


@transaction.atomic
def invitation_reply(
    *, invitation: Invitation, reply: str, apologies: str = "", actor: User | None = None
) -> Invitation:
    """The person's reply, from a signed link in their invitation (actor None: the link proves who
    they are) or from their meeting page. They can change it until the meeting ends."""
    if actor is not None and actor.pk != invitation.person_id:
        raise PermissionDenied
    invitation = Invitation.objects.select_for_update().select_related("meeting", "person").get(pk=invitation.pk)
    meeting = invitation.meeting
    if meeting.is_cancelled:
        raise ValidationError("This meeting has been cancelled.")
    if meeting.has_finished:
        raise ValidationError("This meeting has finished, so replies are closed.")
    if reply not in (Reply.ATTENDING, Reply.NOT_ATTENDING):
        raise ValidationError({"reply": "Say whether you are coming"})
    apologies = apologies.strip() if reply == Reply.NOT_ATTENDING else ""
    if (invitation.reply, invitation.apologies) == (reply, apologies):
        return invitation
    invitation.reply, invitation.apologies, invitation.replied_at = reply, apologies, timezone.now()
    invitation._history_user = invitation.person
    invitation._change_reason = "reply"
    invitation.full_clean()
    invitation.save(update_fields=["reply", "apologies", "replied_at"])
    _schedule_reminders(invitation)
    arrangements_refresh(meeting=meeting)
    logger.info("invitation %s: reply %s", invitation.pk, reply)
    return invitation


def _morning(day: date) -> datetime:
    return datetime.combine(day, time(9), tzinfo=LONDON)


def _schedule_reminders(invitation: Invitation, about: _About | None = None) -> None:
    """Reminders a set number of days before, for people coming, as rows due on the day."""
    meeting = invitation.meeting
    prefix = f"{_key(meeting)}reminder:{invitation.pk}:"
    message_cancel_pending(key_prefix=prefix)
    if invitation.reply != Reply.ATTENDING or meeting.is_cancelled:
        return
    day = timezone.localtime(meeting.starts_at, LONDON).date()
    about = about or _about(meeting)
    for days in settings.MEETING_REMINDER_DAYS:
        due = _morning(day - timedelta(days=days))
        if due <= timezone.now():
            continue
        message_queue(
            kind="meetings.reminder", recipient=invitation.person, due_at=due, topic=about.topic,
            idempotency_key=f"{prefix}{meeting.sequence}:{days}",
            context={**_details(invitation, about), "days": days},
        )  # fmt: skip


# Arrangements


@transaction.atomic
def arrangements_refresh(*, meeting: Meeting) -> int:
    """Bring the meeting's arrangements in line with who is coming and what they need now. New
    needs are added, quantities and book-by dates follow the meeting, and a need nobody coming has
    any more is marked as no longer needed, never dropped. Returns how many rows changed."""
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
    return f"{_key(arrangement.meeting)}book-by:{arrangement.pk}:"


def _schedule_book_by(arrangement: Arrangement) -> None:
    """A reminder to the coordinators a few days before the book-by date, and an escalation on it,
    in place of any set before. Booking the item cancels both; if it is still not booked on the
    day, the escalation goes."""
    message_cancel_pending(key_prefix=_book_by_key(arrangement))
    meeting = arrangement.meeting
    coordinators = User.objects.filter(
        staff_roles__role=StaffRoleKind.COORDINATOR, staff_roles__panel__in=meeting.panels.all()
    ).distinct()
    now = timezone.now()
    warning = _morning(arrangement.book_by - timedelta(days=settings.ARRANGEMENT_WARNING_DAYS))
    late = _morning(arrangement.book_by)
    moments = [("late", max(late, now))] if late <= now else [("soon", max(warning, now)), ("late", late)]
    common = {
        "title": meeting.title, "when": _when(meeting), "need": arrangement.item.name,
        "quantity": arrangement.quantity, "book_by": f"{arrangement.book_by:%-d %B %Y}", "owner": arrangement.owner,
        "url": reverse("meetings:arrangements", kwargs={"pk": meeting.pk}),
    }  # fmt: skip
    # Each setting of the reminders has keys of its own (the row's last change), so reminders set
    # again after a cancellation are new rows, while a repeated request queues nothing twice.
    version = arrangement.updated_at.isoformat()
    messages_queue_many([
        {"kind": "meetings.book_by", "recipient": coordinator, "due_at": due, "topic": _topic(meeting),
         "idempotency_key": f"{_book_by_key(arrangement)}{version}:{coordinator.pk}:{stage}",
         "context": {**common, "name": coordinator.full_name, "late": stage == "late"}}
        for coordinator in coordinators
        for stage, due in moments
    ])  # fmt: skip


@transaction.atomic
def arrangement_update(
    *, actor: User, arrangement: Arrangement, status: str, owner: str = "", status_reason: str = ""
) -> Arrangement:
    """The coordinator works an item: requested, booked, confirmed, or not possible (with why)."""
    require(actor, "meetings.manage_meeting", arrangement.meeting)
    if status == ArrangementStatus.NOT_POSSIBLE and not status_reason.strip():
        raise ValidationError({"status_reason": "Say why it is not possible, so the person can be told"})
    arrangement.status, arrangement.owner = status, owner.strip() or arrangement.owner
    arrangement.status_reason = status_reason.strip()
    arrangement._history_user = actor
    arrangement.full_clean()
    arrangement.save(update_fields=["status", "owner", "status_reason", "updated_at"])
    if status in DONE or status == ArrangementStatus.NOT_POSSIBLE:
        message_cancel_pending(key_prefix=_book_by_key(arrangement))
    else:
        _schedule_book_by(arrangement)
    return arrangement


def arrangements_confirm(*, meeting: Meeting) -> int:
    """Tell each person coming what has been arranged for them, and what could not be. Sent once
    per version of the meeting, a few days before it (by the periodic sweep)."""
    sent = 0
    about = _about(meeting)
    for invitation in meeting.invitations.filter(reply=Reply.ATTENDING).select_related("person", "meeting__venue"):
        arranged = arrangements_for(invitation)
        if not arranged:
            continue
        message_queue(
            kind="meetings.arrangements", recipient=invitation.person, topic=about.topic,
            idempotency_key=f"{_key(meeting)}arrangements:{invitation.pk}:{meeting.sequence}",
            context={**_details(invitation, about), "arranged": arranged},
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
            refreshed += arrangements_refresh(meeting=meeting)
            if meeting.starts_at <= now + timedelta(days=settings.ARRANGEMENTS_CONFIRM_DAYS):
                confirmed += arrangements_confirm(meeting=meeting)
    if refreshed or confirmed:
        logger.info("meetings sweep: %s arrangements changed, %s confirmations", refreshed, confirmed)
    return {"refreshed": refreshed, "confirmed": confirmed}


# Attendance


@transaction.atomic
def attendance_record(*, actor: User, meeting: Meeting, attendance: dict[int, str], minutes: str = "") -> Meeting:
    """After the meeting: who was there (present, apologies, absent), and the minutes."""
    require(actor, "meetings.manage_meeting", meeting)
    if meeting.starts_at > timezone.now():
        raise ValidationError("Attendance can be recorded once the meeting has started.")
    if meeting.is_cancelled:
        raise ValidationError("This meeting was cancelled.")
    valid = {choice for choice, _ in Attendance.choices}
    invitations = {inv.pk: inv for inv in meeting.invitations.all()}
    for invitation_id, value in attendance.items():
        invitation = invitations.get(invitation_id)
        if invitation is None:
            raise ValidationError("Someone who was not invited cannot be marked.")
        if value not in valid:
            raise ValidationError({"attendance": "Choose present, apologies or absent"})
        if invitation.attendance != value:
            invitation.attendance = value
            invitation._history_user = actor
            invitation.save(update_fields=["attendance"])
    if minutes.strip() != meeting.minutes:
        meeting.minutes = minutes.strip()
        _save(meeting, actor, "minutes", ["minutes"])
    return meeting
