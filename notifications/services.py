"""Every change to the outbox and the consent ledger.

Delivery is at least once and idempotent: a row is claimed with a conditional update (a lease),
sent, and marked sent; a second task for the same row finds nothing to claim. Retries and reminders
are rows with a due time picked up by the periodic sweep, never long-delayed Celery tasks.
"""

import logging
import mimetypes
import smtplib
import socket
import uuid
from contextlib import contextmanager
from datetime import datetime, timedelta

from celery import current_app
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.mail.message import SafeMIMEText
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, connections, transaction
from django.db.models import F, Q
from django.utils import timezone

from accounts.access import require
from accounts.models import ContactChannel, ContactFormat, RecordedMethod, User

from . import failures, kinds, ledger, mailer, receipts, routing, topics
from .models import (
    BslVideo,
    CallAttempt,
    CallOutcome,
    Channel,
    ConsentDecision,
    ConsentRecord,
    ConsentWording,
    ContactPreferenceRecord,
    Message,
    MessageStatus,
)
from .rendering import REMOVED, as_kept, blank_secrets, render_message, without_secrets
from .selectors import consent_in_force, has_consent

logger = logging.getLogger(__name__)

MANAGE_OUTBOX = "notifications.manage_outbox"

# Errors after which trying again later may succeed. A 5xx reply or a refused recipient is final.
TRANSIENT_ERRORS = (
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
    smtplib.SMTPHeloError,
    ConnectionError,
    socket.timeout,
    TimeoutError,
)


def _outbox_row(
    *,
    kind: str,
    recipient: User | None,
    context: dict,
    idempotency_key: str,
    to_address: str = "",
    due_at: datetime | None = None,
    topic: str = "",
    reference: str = "",
    now: datetime,
    reply_to: str,
) -> Message:
    message_kind = kinds.get(kind)
    due_at = due_at or now
    channel, address, reason = _choose_channel(message_kind, recipient, to_address)
    if not reason and channel != Channel.EMAIL:  # an email's consent is read when it is claimed
        reason = _without_consent(message_kind.purpose, recipient)
    status = MessageStatus.SUPPRESSED if reason else MessageStatus.QUEUED
    due_now = due_at <= now and channel == Channel.EMAIL and status == MessageStatus.QUEUED
    return Message(
        idempotency_key=idempotency_key,
        header_digest=Message.digest_of(idempotency_key),
        kind=kind,
        recipient=recipient,
        to_address=address,
        channel=channel,
        purpose=message_kind.purpose,
        topic=topic,
        reference=reference,
        reply_to=reply_to,
        status=status,
        status_reason=reason,
        due_at=due_at,
        enqueued_at=now if due_now else None,
        context=context,
    )


@transaction.atomic(savepoint=False)
def message_queue(
    *,
    kind: str,
    recipient: User | None,
    context: dict,
    idempotency_key: str,
    to_address: str = "",
    due_at: datetime | None = None,
    topic: str = "",
    reference: str = "",
    reply_to: str | None = None,
) -> Message:
    """Write a message to the outbox, in the caller's transaction; deliver it after commit.
    Replies go to the mailbox of what `topic` names (notifications.topics) unless the caller,
    having read it already, gives `reply_to` ("" for the service's general address).

    Queuing the same idempotency key twice returns the first row: a double click or a retried
    request never sends twice.
    """
    message = _outbox_row(
        kind=kind, recipient=recipient, context=context, idempotency_key=idempotency_key, to_address=to_address,
        due_at=due_at, topic=topic, reference=reference, now=timezone.now(),
        reply_to=_reply_address(reply_to, topics.reply_addresses([topic]) if reply_to is None else {}, topic),
    )  # fmt: skip
    # The row itself records its creation; history is for what staff do to it later (resend,
    # mark a letter as posted), so a bulk send does not write every row twice.
    message.skip_history_when_saving = True
    try:
        with transaction.atomic():
            message.save(force_insert=True)
    except IntegrityError:
        # Queued before (a double click, a retried request): the first row stands.
        existing = Message.objects.filter(idempotency_key=idempotency_key).first()
        if existing is None:
            raise
        return existing
    del message.skip_history_when_saving
    if message.enqueued_at is not None:
        transaction.on_commit(lambda: _publish(message.pk))
    return message


@transaction.atomic(savepoint=False)
def messages_queue_many(messages: list[dict]) -> int:
    """Many messages at once (invitations to a meeting, say), each given as `message_queue`'s
    arguments: one insert for all of them, and after commit one broker connection to publish them.
    A message whose idempotency key was queued before is left as it was. Returns how many were new."""
    now = timezone.now()
    replies = topics.reply_addresses(spec.get("topic", "") for spec in messages if spec.get("reply_to") is None)
    rows = [
        _outbox_row(
            **{**spec, "reply_to": _reply_address(spec.get("reply_to"), replies, spec.get("topic", ""))}, now=now
        )
        for spec in messages
    ]
    try:
        with transaction.atomic():
            Message.objects.bulk_create(rows, batch_size=500)
    except IntegrityError:
        # Some were queued before (a retried request): insert only the others.
        keys = [row.idempotency_key for row in rows]
        already = set(Message.objects.filter(idempotency_key__in=keys).values_list("idempotency_key", flat=True))
        rows = [row for row in rows if row.idempotency_key not in already]
        Message.objects.bulk_create(rows, batch_size=500)
    ids = [row.pk for row in rows if row.enqueued_at is not None]
    if ids:
        transaction.on_commit(lambda: _publish_many(ids))
    return len(rows)


def _reply_address(given: str | None, found: dict[str, str], topic: str) -> str:
    """The caller's reply address where it gave one ("" for the general one), else the topic's."""
    if given is None:
        return found[topic]
    return given or settings.CONTACT_EMAIL


def _kept_without_its_parts(kind: kinds.MessageKind, context: dict) -> bool:
    """A message kept as sent: its one-time links blanked and its files kept by name only."""
    blanked = any(context.get(key) == REMOVED for key in kind.secret_keys)
    return blanked or any("content" not in attachment for attachment in context.get("attachments", ()))


def _choose_channel(kind: kinds.MessageKind, recipient: User | None, to_address: str) -> tuple[str, str, str]:
    """The channel, address and, if it cannot be sent at all, the reason."""
    channel, reason = routing.route(kind.channels, routing.reach_of(recipient) if recipient else None, to_address)
    address = (to_address or (recipient.email if recipient else "") or "") if channel == Channel.EMAIL else ""
    return channel, address, reason


def _without_consent(purpose: str, person: User | None) -> str:
    """Why a letter or call must not go: the consent its purpose needs is not in force ("" if it is,
    or none is needed). Letters and calls are checked when they are queued or moved, emails when
    they are claimed."""
    if not purpose or person is None or has_consent(person_id=person.pk, purpose=purpose):
        return ""
    record = consent_in_force(person_id=person.pk, purpose=purpose)
    words = purpose.replace("_", " ")
    if record is None:
        return f"No consent for {words}."
    return f"Consent for {words} withdrawn on {timezone.localtime(record.recorded_at):%d %B %Y}."


def _moved(channel: str) -> str:
    return f"Moved to {Channel(channel).label.lower()}: the person's contact preference changed before it was sent."


@transaction.atomic(savepoint=False)
def messages_reroute(*, person: User) -> int:
    """After a person's contact preference changes, each of their messages still waiting (to be
    sent, printed or called) goes the way they now ask. Returns how many moved."""
    reach = routing.reach_of(person)
    waiting = Message.objects.select_for_update().filter(
        recipient=person, status=MessageStatus.QUEUED, channel_fixed=False
    )
    changed, moved, now = 0, [], timezone.now()
    for message in waiting:
        channel, _ = routing.route(kinds.get(message.kind).channels, reach, "")
        if channel == message.channel:
            continue
        message.channel, message.status_reason = channel, _moved(channel)
        message.to_address = person.email if channel == Channel.EMAIL else ""
        if channel != Channel.EMAIL and (reason := _without_consent(message.purpose, person)):
            message.status, message.status_reason = MessageStatus.SUPPRESSED, reason
        message.enqueued_at = now if channel == Channel.EMAIL and message.due_at <= now else None
        message.save(update_fields=["channel", "status", "status_reason", "to_address", "enqueued_at", "updated_at"])
        changed += 1
        if message.enqueued_at is not None:
            moved.append(message.pk)
    if moved:
        transaction.on_commit(lambda: _publish_many(moved))
    if changed:
        logger.info("outbox: %s messages waiting for person %s follow their new preference", changed, person.pk)
    return changed


# The delivery task, by name: tasks call services, never the other way round.
DELIVER = "notifications.tasks.deliver_message"
DELIVER_MANY = "notifications.tasks.deliver_messages"


def _publish(message_id: int) -> bool:
    """Hand a row to Celery. If the broker is unreachable the row simply stays queued for the sweep."""
    try:
        current_app.signature(DELIVER, args=(message_id,)).apply_async(queue=settings.OUTBOX_QUEUE, retry=False)
    except Exception:  # noqa: BLE001 - any broker failure leaves the row for the sweep
        logger.warning("outbox: could not publish message %s; the sweep will deliver it", message_id, exc_info=True)
        return False
    return True


def _publish_many(message_ids: list[int]) -> int:
    """Hand many rows to Celery over one broker connection, a few rows to a task: publishing costs
    more than delivering a row does, so a thousand invitations are a hundred tasks, not a thousand.
    Each row is still claimed, sent and recorded on its own. Whatever cannot be published stays
    queued, and the sweep publishes it once its grace period has passed."""
    published = 0
    size = max(1, settings.OUTBOX_TASK_BATCH)
    try:
        with current_app.producer_or_acquire() as producer:
            for start in range(0, len(message_ids), size):
                batch = message_ids[start : start + size]
                current_app.signature(DELIVER_MANY, args=(batch,)).apply_async(
                    queue=settings.OUTBOX_QUEUE, retry=False, producer=producer
                )
                published += len(batch)
    except Exception:  # noqa: BLE001 - any broker failure leaves the rows for the sweep
        logger.warning("outbox: published %s of %s messages; the sweep will deliver the rest", published,
                       len(message_ids), exc_info=True)  # fmt: skip
    return published


_claim_statements: dict[str, str] = {}


def _claim_statement(db) -> str:
    """The claiming UPDATE for this database, built once: quoting every column for every claim was
    a measurable part of delivering a message."""
    if db.vendor not in _claim_statements:
        message_table = Message._meta.db_table
        user_table = User._meta.db_table
        consent_table = ConsentRecord._meta.db_table
        columns = ", ".join(f"{message_table}.{db.ops.quote_name(f.column)}" for f in Message._meta.concrete_fields)
        _claim_statements[db.vendor] = f"""
            UPDATE {message_table}
               SET status = %s, claimed_until = %s, claim_token = %s, attempts = attempts + 1,
                   first_tried_at = COALESCE(first_tried_at, %s), updated_at = %s
             WHERE id = %s AND channel = %s AND status = %s AND due_at <= %s
         RETURNING {columns},
                   (SELECT contact_format FROM {user_table} WHERE id = recipient_id),
                   (SELECT contact_channel FROM {user_table} WHERE id = recipient_id),
                   (SELECT decision FROM {consent_table} c
                     WHERE c.person_id = recipient_id AND c.purpose = {message_table}.purpose
                       AND c.recorded_at <= %s
                     ORDER BY c.recorded_at DESC, c.id DESC LIMIT 1)
            """  # noqa: S608 - table and column names come from the models, values are parameters
    return _claim_statements[db.vendor]


def _claim(message_id: int, now: datetime) -> Message | None:
    """Take a due, queued email row for this worker in one statement (UPDATE ... RETURNING), so a
    second task for the same row finds nothing to claim. The recipient's format preference and the
    consent in force for the message's purpose come back with it, read at this moment."""
    db = connections[DEFAULT_DB_ALIAS]
    fields = Message._meta.concrete_fields
    with db.cursor() as cursor:
        cursor.execute(
            _claim_statement(db),
            [
                MessageStatus.SENDING,
                now + timedelta(seconds=settings.OUTBOX_LEASE_SECONDS),
                Message._meta.get_field("claim_token").get_db_prep_save(uuid.uuid4(), db),
                now,
                now,
                message_id,
                Channel.EMAIL,
                MessageStatus.QUEUED,
                now,
                now,
            ],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    # Built as the ORM builds a row it read (with each field's conversion from the database), but
    # without a raw query set's work of matching columns to fields on every claim.
    converters = _converters_for(db)
    values = []
    for value, (column, convert_all) in zip(row[: len(fields)], converters, strict=True):
        for convert in convert_all:
            value = convert(value, column, db)
        values.append(value)
    message = Message.from_db(db.alias, _ATTNAMES, values)
    message.recipient_format, message.recipient_channel, message.consent_decision = row[len(fields) :]
    return message


_ATTNAMES = [field.attname for field in Message._meta.concrete_fields]
_converters: dict[str, list[tuple]] = {}


def _converters_for(db) -> list[tuple]:
    """Each column's conversions from the database, in the order the claim returns them."""
    if db.vendor not in _converters:
        found = []
        for field in Message._meta.concrete_fields:
            column = field.get_col(Message._meta.db_table)
            found.append((column, db.ops.get_db_converters(column) + field.get_db_converters(db)))
        _converters[db.vendor] = found
    return _converters[db.vendor]


def messages_deliver(*, message_ids: list[int]) -> list[str]:
    """Send each row in turn, as `message_deliver` does one: a failure of one is recorded on it and
    does not stop the rest."""
    outcomes = []
    for message_id in message_ids:
        try:
            outcomes.append(message_deliver(message_id=message_id))
        except Exception:  # noqa: BLE001 - the row keeps its claim until the sweep takes it back
            logger.exception("outbox: message %s could not be delivered; the sweep will try it again", message_id)
            outcomes.append("error")
    return outcomes


def message_deliver(*, message_id: int) -> str:
    """Send one email row. Returns what happened: sent, skipped, suppressed, retry or failed."""
    now = timezone.now()
    message = _claim(message_id, now)
    if message is None:
        return "skipped"
    kind = kinds.get(message.kind)
    reason = _suppression_reason(message)
    if reason:
        if not _finish(message, status=MessageStatus.SUPPRESSED, status_reason=reason):
            return "superseded"
        logger.info("outbox: message %s suppressed", message.pk)
        return "suppressed"
    if message.recipient_channel not in (None, ContactChannel.EMAIL) and not message.channel_fixed:
        channel, _ = routing.route(kind.channels, routing.reach_of(message.recipient), message.to_address)
        if channel != Channel.EMAIL:  # the person asked for post or a call after it was queued
            moved = {"status": MessageStatus.QUEUED, "channel": channel, "status_reason": _moved(channel),
                     "attempts": 0, "first_tried_at": None, "enqueued_at": None}  # fmt: skip
            if not _finish(message, **moved):
                return "superseded"
            logger.info("outbox: message %s moved to %s", message.pk, channel)
            return "moved"
    easy_read = message.recipient_format == ContactFormat.EASY_READ
    bsl = bsl_video_for(kind.key) if message.recipient_format == ContactFormat.BSL else None
    rendered = render_message(kind, message.context, easy_read=easy_read, bsl=bsl)
    email = mailer.OutboxEmail(
        subject=rendered.subject,
        body=rendered.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to_address],
        reply_to=[message.reply_to or settings.CONTACT_EMAIL],
        headers={"Message-ID": message.message_id},
    )
    if rendered.html:
        email.attach_alternative(rendered.html, "text/html")
    for attachment in message.context.get("attachments", ()):
        email.attach(_attachment_part(attachment))
    try:
        for paper in message.context.get("papers", ()):
            if paper.get("attach"):
                email.attach(*_stored_file(paper["files"]["standard"]))
    except OSError:
        missing = {"status_reason": failures.MISSING_FILE, "last_error": "an attached file is no longer stored"}
        return "failed" if _finish(message, status=MessageStatus.FAILED, **missing) else "superseded"
    try:
        mailer.send(email)
    except TRANSIENT_ERRORS as exc:
        return _retry_or_fail(message, exc)
    except (smtplib.SMTPException, OSError) as exc:
        failed = {"status_reason": failures.in_words(exc), "last_error": _describe(exc)}
        if not _finish(message, status=MessageStatus.FAILED, **failed):
            return "superseded"
        logger.warning("outbox: message %s failed permanently", message.pk)
        return "failed"
    kept = {"subject": rendered.subject, "body_text": rendered.text, "body_html": rendered.html}
    if kind.secret_keys:
        # Keep a copy of what was sent, but not the one-time link or code in it.
        kept_context = as_kept(kind, message.context)
        rendered = blank_secrets(kind, message.context, rendered, easy_read=easy_read, bsl=bsl)
        kept = {
            "context": kept_context,
            "subject": rendered.subject,
            "body_text": rendered.text,
            "body_html": rendered.html,
        }
    kept["delivered_format"] = message.recipient_format or ContactFormat.STANDARD
    if not _finish(message, status=MessageStatus.SENT, sent_at=timezone.now(), last_error="", **kept):
        return "superseded"
    return "sent"


def _stored_file(name: str) -> tuple[str, bytes, str]:
    """A stored file (a document written to a panel, say) as an email attachment: read when the
    message is sent, so the outbox row names it and never holds it."""
    with default_storage.open(name, "rb") as stored:
        content = stored.read()
    filename = name.rsplit("/", 1)[-1]
    return filename, content, mimetypes.guess_type(filename)[0] or "application/octet-stream"


def _attachment_part(attachment: dict) -> SafeMIMEText:
    """A text file carried in the message's context as plain data: a calendar file, say, whose
    content type also says what the file asks for (`text/calendar; method=REQUEST`), as calendar
    programs expect."""
    maintype, subtype = attachment["content_type"].split("/", 1)
    if maintype != "text":
        raise ValueError("Only text attachments can be carried in a message's context.")
    part = SafeMIMEText(attachment["content"], subtype, "utf-8")
    for name, value in attachment.get("params", {}).items():
        part.set_param(name, value)
    part.add_header("Content-Disposition", "attachment", filename=attachment["filename"])
    return part


def _suppression_reason(message: Message) -> str:
    """Why a claimed message must not be sent: the consent its purpose needs is missing or was
    withdrawn. Only reads the ledger when there is something to explain."""
    if not message.purpose or not message.recipient_id:
        return ""
    purpose = message.purpose.replace("_", " ")
    if message.consent_decision is None:
        return f"No consent for {purpose}."
    if message.consent_decision == ConsentDecision.WITHDRAWN:
        record = consent_in_force(person_id=message.recipient_id, purpose=message.purpose)
        return f"Consent for {purpose} withdrawn on {timezone.localtime(record.recorded_at):%d %B %Y}."
    return ""


def _retry_or_fail(message: Message, exc: Exception) -> str:
    """Try again later, waiting twice as long each time (up to OUTBOX_RETRY_MAX_DELAY_SECONDS),
    until OUTBOX_RETRY_FOR_HOURS after the first try, as GOV.UK Notify does; then it has failed."""
    now = timezone.now()
    delay = min(
        settings.OUTBOX_RETRY_BASE_SECONDS * 2 ** (message.attempts - 1), settings.OUTBOX_RETRY_MAX_DELAY_SECONDS
    )
    give_up_at = message.first_tried_at + timedelta(hours=settings.OUTBOX_RETRY_FOR_HOURS)
    if now + timedelta(seconds=delay) > give_up_at:
        hours = settings.OUTBOX_RETRY_FOR_HOURS
        _finish(
            message, status=MessageStatus.FAILED, status_reason=failures.GAVE_UP.format(hours=hours),
            last_error=f"Gave up after {hours} hours: {_describe(exc)}"[:500],
        )  # fmt: skip
        logger.warning("outbox: message %s failed after %s attempts", message.pk, message.attempts)
        return "failed"
    finished = _finish(
        message,
        status=MessageStatus.QUEUED,
        due_at=now + timedelta(seconds=delay),
        enqueued_at=None,
        last_error=_describe(exc),
    )
    if not finished:
        return "superseded"
    logger.info("outbox: message %s will be retried in %s s", message.pk, delay)
    return "retry"


_assignments: dict[tuple[str, str], tuple] = {}


def _finish(message: Message, **fields) -> bool:
    """Record the outcome of a claimed row, only if this worker still holds the claim: the row is
    still being sent under this worker's token. Returns False (and records nothing) when the claim
    ran out and the row was taken back, so another worker's result stands.

    Written as one plain UPDATE rather than through the ORM's update(): it runs once per message on
    the delivery hot path, and building the ORM query cost more than executing it."""
    db = connections[DEFAULT_DB_ALIAS]
    fields.setdefault("claimed_until", None)
    fields.setdefault("claim_token", None)
    fields["updated_at"] = timezone.now()
    assignments, params = [], []
    for name, value in fields.items():
        if (db.vendor, name) not in _assignments:
            field = Message._meta.get_field(name)
            _assignments[db.vendor, name] = (f"{db.ops.quote_name(field.column)} = %s", field)
        assignment, field = _assignments[db.vendor, name]
        assignments.append(assignment)
        params.append(field.get_db_prep_save(value, db))
    token = Message._meta.get_field("claim_token").get_db_prep_save(message.claim_token, db)
    with db.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Message._meta.db_table} SET {', '.join(assignments)} "  # noqa: S608
            "WHERE id = %s AND status = %s AND claim_token = %s",
            [*params, message.pk, MessageStatus.SENDING, token],
        )
        held = cursor.rowcount == 1
    if not held:
        logger.warning(
            "outbox: message %s was taken back from this worker before it finished; not recorded", message.pk
        )
    return held


def _describe(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:500]


# Any number that no other part of the service takes as an advisory lock: "outbox" in ASCII.
SWEEP_LOCK = 0x6F7574626F78


def outbox_sweep(*, batch_size: int = 1000) -> dict[str, int]:
    """Take back expired claims and publish due rows whose delivery task seems lost.

    Runs from Celery beat as the system; it changes delivery bookkeeping only. Two sweeps never run
    at once (a late one finds the lock taken and stops), on PostgreSQL, where workers run.
    """
    with _sweep_lock() as mine:
        if not mine:
            logger.info("outbox sweep: another sweep is running; this one stops")
            return {"published": 0, "reclaimed": 0, "gave_up": 0, "skipped": 1}
        return _sweep(batch_size)


@contextmanager
def _sweep_lock():
    if connection.vendor != "postgresql":
        yield True  # the SQLite demo runs tasks in the request, one at a time
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [SWEEP_LOCK])
        mine = cursor.fetchone()[0]
    try:
        yield mine
    finally:
        if mine:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [SWEEP_LOCK])


def _sweep(batch_size: int) -> dict[str, int]:
    now = timezone.now()
    expired = Message.objects.filter(status=MessageStatus.SENDING, claimed_until__lt=now)
    gave_up = expired.filter(lost_claims__gte=settings.OUTBOX_MAX_LOST_CLAIMS - 1).update(
        status=MessageStatus.FAILED,
        claimed_until=None,
        claim_token=None,
        lost_claims=F("lost_claims") + 1,
        last_error="Gave up: the worker stopped while sending, too many times.",
        status_reason="Sending it kept failing on our side. An administrator has been told.",
        updated_at=now,
    )
    reclaimed = expired.update(
        status=MessageStatus.QUEUED,
        claimed_until=None,
        claim_token=None,
        lost_claims=F("lost_claims") + 1,
        enqueued_at=None,
        updated_at=now,
    )
    grace = now - timedelta(seconds=settings.OUTBOX_SWEEP_GRACE_SECONDS)
    due_ids = list(
        Message.objects.filter(status=MessageStatus.QUEUED, channel=Channel.EMAIL, due_at__lte=now)
        .filter(Q(enqueued_at__isnull=True) | Q(enqueued_at__lte=grace))
        .order_by("due_at", "id")
        .values_list("id", flat=True)[:batch_size]
    )
    published = 0
    for message_id in due_ids:
        if not _publish(message_id):
            break  # the broker is down: the next sweep tries again
        published += 1
    Message.objects.filter(pk__in=due_ids[:published]).update(enqueued_at=now)
    if published or reclaimed or gave_up:
        logger.info("outbox sweep: published %s, reclaimed %s, gave up %s", published, reclaimed, gave_up)
    return {"published": published, "reclaimed": reclaimed, "gave_up": gave_up}


def message_cancel_pending(*, key_prefix: str) -> int:
    """Cancel messages not yet sent whose idempotency key starts with `key_prefix`: a reminder
    that no longer applies (a term renewed or ended). Returns how many were cancelled."""
    # Published or not: a worker claims only a row still queued, so a cancelled one is never sent.
    return Message.objects.filter(idempotency_key__startswith=key_prefix, status=MessageStatus.QUEUED).update(
        status=MessageStatus.CANCELLED, status_reason="No longer needed.", updated_at=timezone.now()
    )


@transaction.atomic
def message_resend(*, actor: User, message: Message) -> Message:
    """Put a failed email back in the queue, at once."""
    require(actor, MANAGE_OUTBOX)
    if message.status != MessageStatus.FAILED or message.channel != Channel.EMAIL:
        raise ValidationError("Only a failed email can be sent again.")
    now = timezone.now()
    message.status = MessageStatus.QUEUED
    message.due_at = now
    message.enqueued_at = now
    message.attempts = 0
    message.first_tried_at = None
    message.lost_claims = 0
    message._history_user = actor
    message.save(
        update_fields=["status", "due_at", "enqueued_at", "attempts", "first_tried_at", "lost_claims", "updated_at"]
    )
    transaction.on_commit(lambda: _publish(message.pk))
    logger.info("outbox: message %s resent by person %s", message.pk, actor.pk)
    return message


# What the email provider reports that means the message did not reach the person.
NOT_RECEIVED = {"bounced", "rejected", "failed"}


@transaction.atomic
def message_bounced(
    *, message_id: str, event_type: str, recipient: str, description: str = "", mta_response: str = ""
) -> bool:
    """The email provider says a message it accepted did not reach the person: it has failed, as
    if the server had refused it while sending, and shows where coordinators look. Reports about
    other messages, other events, or an address the message is no longer going to (a late bounce
    from before it was corrected) change nothing. The provider's words are kept for administrators
    only. Returns whether a message was marked."""
    if event_type not in NOT_RECEIVED:
        return False
    left, _, domain = message_id.strip().strip("<>").strip().partition("@")
    if domain != settings.EMAIL_MESSAGE_ID_DOMAIN or not left:
        return False
    message = Message.objects.select_for_update().filter(header_digest=left, channel=Channel.EMAIL).first()
    if message is None or message.status != MessageStatus.SENT:
        return False
    if message.to_address.strip().lower() != recipient.strip().lower():
        return False
    message.status = MessageStatus.FAILED
    message.status_reason = failures.bounced()
    message.last_error = f"Reported by the email provider ({event_type}): {mta_response or description}"[:500]
    message.save(update_fields=["status", "status_reason", "last_error", "updated_at"])
    logger.warning("outbox: message %s reported %s by the email provider", message.pk, event_type)
    return True


@transaction.atomic
def message_fix(*, actor: User, message: Message, channel: str, to_address: str = "") -> Message:
    """A message that could not be delivered, sent again another way: to a corrected email
    address, or by post or a call. What changed is kept in the message's history."""
    require(actor, "notifications.fix_message", message)
    message = Message.objects.select_for_update().get(pk=message.pk)
    if message.status != MessageStatus.FAILED:
        raise ValidationError("Only a message that could not be delivered can be sent again.")
    kind, person = kinds.get(message.kind), message.recipient
    if _kept_without_its_parts(kind, message.context):
        raise ValidationError(
            "This message was accepted once, then bounced, and no longer holds its one-time links or its "
            "calendar file, so it cannot be sent again as it was. Contact them another way."
        )
    if channel not in kind.channels:
        raise ValidationError({"channel": f"This message cannot be sent by {Channel(channel).label.lower()}"})
    reach = routing.reach_of(person) if person else None
    if channel == Channel.EMAIL:
        to_address = to_address.strip()
        if not to_address:
            raise ValidationError({"to_address": "Enter the email address to send it to"})
    elif reach is None or not reach.can(channel):
        missing = "an address and postcode" if channel == Channel.LETTER else "a phone number"
        raise ValidationError({"channel": f"We have no {missing} for them. Add it to their contact details first"})
    now = timezone.now()
    message.channel, message.to_address = channel, to_address if channel == Channel.EMAIL else ""
    message.channel_fixed = True
    message.status, message.due_at, message.attempts, message.first_tried_at, message.lost_claims = (
        MessageStatus.QUEUED, now, 0, None, 0,
    )  # fmt: skip
    message.enqueued_at = now if channel == Channel.EMAIL else None
    message.status_reason = f"Sent again by {Channel(channel).label.lower()} after it could not be delivered."
    message._history_user = actor
    message.full_clean(exclude=["recipient", "context"])
    message.save()
    if channel == Channel.EMAIL:
        transaction.on_commit(lambda: _publish(message.pk))
    logger.info("outbox: message %s sent again by %s, by person %s", message.pk, channel, actor.pk)
    return message


@transaction.atomic
def letter_mark_sent(*, actor: User, message: Message) -> Message:
    """A member of staff has printed and posted a letter: keep the copy that was sent."""
    require(actor, MANAGE_OUTBOX)
    message = Message.objects.select_for_update(of=("self",)).select_related("recipient").get(pk=message.pk)
    if message.status != MessageStatus.QUEUED or message.channel != Channel.LETTER:
        raise ValidationError("Only a letter waiting to be posted can be marked as sent.")
    if (
        message.purpose
        and message.recipient_id
        and not has_consent(person_id=message.recipient_id, purpose=message.purpose)
    ):
        raise ValidationError("This letter needs a consent the person has not given, so it must not be posted.")
    rendered = letter_render(message)
    message.status = MessageStatus.SENT
    message.sent_at = timezone.now()
    message.delivered_format = message.recipient.contact_format if message.recipient else ContactFormat.STANDARD
    message.subject, message.body_text, message.body_html = rendered.subject, rendered.text, rendered.html
    message._history_user = actor
    fields = ["status", "sent_at", "delivered_format", "subject", "body_text", "body_html", "updated_at"]
    message.save(update_fields=fields)
    return message


@transaction.atomic
def consent_apply(
    *,
    person: User,
    wording: ConsentWording,
    decision: str,
    method: str = RecordedMethod.WEB,
    actor: User | None = None,
    on_behalf_by: str = "",
) -> ConsentRecord:
    """Append a decision to the ledger. Unchecked: the caller has made sure that `actor` may record
    this person's decision (`consent_record` does; so does recruitment, for an application a
    coordinator recorded for someone). A decision not made online by the person always names the
    member of staff who recorded it."""
    if method != RecordedMethod.WEB and (actor is None or actor == person):
        raise ValidationError("A decision made on paper, by phone or in person is recorded by staff.")
    ledger.chain_lock(person.pk)
    record = ConsentRecord(
        person=person,
        purpose=wording.purpose,
        wording=wording,
        decision=decision,
        method=method,
        recorded_by=actor if actor is not None and actor != person else None,
        on_behalf_by=on_behalf_by,
    )
    ledger.chain_link(record)
    record.full_clean()
    record.save()
    if decision == ConsentDecision.WITHDRAWN:
        _suppress_waiting(person, wording.purpose, record)
    message_queue(
        kind=kinds.CONSENT_RECEIPT.key, recipient=person, context=receipts.receipt_context(record),
        idempotency_key=f"{kinds.CONSENT_RECEIPT.key}:{record.pk}",
    )  # fmt: skip
    logger.info("consent: person %s %s %s", person.pk, decision, wording.purpose)
    return record


@transaction.atomic
def consent_record(
    *,
    person: User,
    purpose: str,
    decision: str,
    actor: User | None = None,
    method: str = RecordedMethod.WEB,
    on_behalf_by: str = "",
) -> ConsentRecord | None:
    """The person's answer to the current wording for a purpose. Saying again what is already on
    record, to the same words, records nothing (returns None)."""
    _require_may_decide_for(actor, person, method)
    wording = consent_wording_current(purpose)
    if wording is None:
        raise ValidationError("There is nothing to agree to for this yet.")
    # Locked before asking what is on record, so a double click records one decision, not two.
    ledger.chain_lock(person.pk)
    current = consent_in_force(person_id=person.pk, purpose=purpose)
    if current is not None and (current.decision, current.wording_id) == (decision, wording.pk):
        return None
    return consent_apply(
        person=person, wording=wording, decision=decision, method=method, actor=actor, on_behalf_by=on_behalf_by
    )


def _suppress_waiting(person: User, purpose: str, record: ConsentRecord) -> None:
    """Letters and calls that rest on a consent just withdrawn are stopped now, as an email is
    when a worker claims it: nobody prints, posts or rings on a consent that is no longer there."""
    reason = f"Consent for {purpose.replace('_', ' ')} withdrawn on {timezone.localtime(record.recorded_at):%d %B %Y}."
    stopped = Message.objects.filter(
        recipient=person, purpose=purpose, status=MessageStatus.QUEUED, channel__in=[Channel.LETTER, Channel.PHONE]
    ).update(status=MessageStatus.SUPPRESSED, status_reason=reason, updated_at=timezone.now())
    if stopped:
        logger.info("outbox: %s letters or calls to person %s stopped with a consent", stopped, person.pk)


def _require_may_decide_for(actor: User | None, person: User, method: str) -> None:
    if actor is not None and actor != person:
        require(actor, "notifications.record_consent_for", person)
    elif method != RecordedMethod.WEB:
        raise ValidationError("A decision made on paper, by phone or in person is recorded by staff.")


@transaction.atomic
def contact_preference_record(
    *,
    person: User,
    channel: str,
    format: str,
    actor: User | None = None,
    method: str = RecordedMethod.WEB,
    on_behalf_by: str = "",
) -> ContactPreferenceRecord | None:
    """The person's choice of how we contact them (email, phone or post) and in what format. The
    person chooses online; staff allowed to act for them record a choice made another way."""
    _require_may_decide_for(actor, person, method)
    return contact_preference_apply(
        person=person, channel=channel, format=format, actor=actor, method=method, on_behalf_by=on_behalf_by
    )


@transaction.atomic(savepoint=False)
def contact_preference_apply(
    *,
    person: User,
    channel: str,
    format: str,
    actor: User | None,
    method: str = RecordedMethod.WEB,
    on_behalf_by: str = "",
) -> ContactPreferenceRecord | None:
    """Write a choice to the ledger and the account, in the caller's transaction. For services that
    have already checked the actor may change this person's details (an application recorded by a
    coordinator, say); everything else calls `contact_preference_record`. Returns None when the
    choice is the one already on record."""
    latest = ContactPreferenceRecord.objects.filter(person=person).order_by("-recorded_at", "-id").first()
    unchanged = (person.contact_channel, person.contact_format) == (channel, format)
    if unchanged and latest is not None and (latest.channel, latest.format) == (channel, format):
        return None
    errors = {}
    if channel == ContactChannel.EMAIL and not person.email:
        errors["channel"] = "We have no email address for you. Choose phone or post, or add an email address"
    elif channel == ContactChannel.POST and not (person.address.strip() and person.postcode.strip()):
        errors["channel"] = "Add your address and postcode first, so we can write to you"
    elif channel == ContactChannel.PHONE and not person.phone.strip():
        errors["channel"] = "Add a phone number first, so we can call you"
    if errors:
        raise ValidationError(errors)
    record = ContactPreferenceRecord(
        person=person,
        channel=channel,
        format=format,
        method=method,
        recorded_by=actor if actor is not None and actor != person else None,
        on_behalf_by=on_behalf_by,
    )
    record.full_clean()
    record.save()
    if not unchanged:
        person.contact_channel, person.contact_format = channel, format
        person._history_user = actor
        person.save(update_fields=["contact_channel", "contact_format"])
        messages_reroute(person=person)
    logger.info("contact preference: person %s now %s, %s", person.pk, channel, format)
    return record


@transaction.atomic
def consent_wording_publish(*, actor: User, purpose: str, text: str) -> ConsentWording:
    """A new version of the words people see when asked. Earlier versions stay, unchanged, so each
    ledger row keeps pointing at what that person actually saw."""
    require(actor, "notifications.add_consentwording")
    latest = ConsentWording.objects.select_for_update().filter(purpose=purpose).order_by("-version").first()
    wording = ConsentWording(purpose=purpose, version=(latest.version + 1) if latest else 1, text=text)
    wording._history_user = actor
    wording.full_clean()
    wording.save()
    logger.info("consent wording %s version %s published by person %s", purpose, wording.version, actor.pk)
    return wording


def consent_wording_current(purpose: str) -> ConsentWording:
    return ConsentWording.objects.filter(purpose=purpose).order_by("-version").first()


NOT_REACHED_BEFORE_A_LETTER = 2


@transaction.atomic
def call_record(*, actor: User, message: Message, outcome: str, notes: str = "") -> CallAttempt:
    """A coordinator rang about a message. Reached: the message is delivered, and what was said
    is kept. Not reached twice: it goes by post instead, if it may and there is an address."""
    require(actor, "notifications.record_call", message)
    message = Message.objects.select_for_update().get(pk=message.pk)
    if message.status != MessageStatus.QUEUED or message.channel != Channel.PHONE:
        raise ValidationError("This call has already been made or is no longer needed.")
    if _without_consent(message.purpose, message.recipient):
        raise ValidationError("This call needs a consent the person has not given, so it must not be made.")
    attempt = CallAttempt(message=message, outcome=outcome, notes=notes.strip(), recorded_by=actor)
    attempt.full_clean()
    attempt.save()
    message._history_user = actor
    if outcome == CallOutcome.REACHED:
        script = call_script(message)
        message.status, message.sent_at = MessageStatus.SENT, timezone.now()
        message.delivered_format = message.recipient.contact_format if message.recipient else ""
        message.subject, message.body_text = script.subject, script.text
        message.save(update_fields=["status", "sent_at", "delivered_format", "subject", "body_text", "updated_at"])
    elif message.call_attempts.filter(outcome=CallOutcome.NOT_REACHED).count() >= NOT_REACHED_BEFORE_A_LETTER:
        kind = kinds.get(message.kind)
        if Channel.LETTER in kind.channels:
            message.channel, message.channel_fixed = Channel.LETTER, True
            message.status_reason = f"Not reached by phone {NOT_REACHED_BEFORE_A_LETTER} times: sent by post."
            message.save(update_fields=["channel", "channel_fixed", "status_reason", "updated_at"])
    logger.info("outbox: call for message %s recorded by person %s: %s", message.pk, actor.pk, outcome)
    return attempt


def call_script(message: Message):
    """What the caller says: the message as it would be posted, without one-time secrets."""
    return letter_render(message)


def letter_render(message: Message):
    """What a member of staff prints: the letter as it will be posted, without one-time secrets."""
    kind = kinds.get(message.kind)
    format = message.recipient.contact_format if message.recipient is not None else ContactFormat.STANDARD
    bsl = bsl_video_for(kind.key) if format == ContactFormat.BSL else None
    return render_message(
        kind, without_secrets(kind, message.context), easy_read=format == ContactFormat.EASY_READ, letter=True, bsl=bsl
    )


def bsl_video_for(kind: str) -> str:
    """The link to the BSL video of a kind of message, or "" when none is set or the kind's words
    differ from one message to the next."""
    if not kinds.get(kind).one_video_for_all:
        return ""
    return BslVideo.objects.filter(kind=kind).values_list("url", flat=True).first() or ""
