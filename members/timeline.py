"""A person's record: everything that happened to what we hold about them, in one timeline.

Consents given and withdrawn (with the wording version), changes to how they are contacted, every
message queued, sent, failed, suppressed or cancelled (with the reason), and changes to their
memberships, access needs, register of interests and contact details: who did it, when and how.

It is read from the ledgers and history tables, which the service only ever appends to, so there is
nothing here to edit. The optional impairment category is never part of it (it is kept out of
history). A coordinator reading someone's record sees what is about that person and about the
panels they coordinate, not messages or memberships of other panels (being on the Gender Panel, or
applying to it, can say something about a person), and not messages about signing in.
"""

from dataclasses import asdict, dataclass
from datetime import datetime

from django.utils import timezone

from accounts import spreadsheets
from accounts.models import User
from notifications import kinds
from notifications.models import ConsentDecision, ConsentRecord, ContactPreferenceRecord, Message, MessageStatus
from notifications.selectors import consents_of

from .models import AccessNeed, AccessProfile, InterestDeclaration, Membership, StaffRoleKind
from .rules import is_administrator, staff_roles
from .services import NEEDS_CONFIRMED

CONTACT_FIELDS = {
    "full_name": "name",
    "email": "email address",
    "phone": "phone number",
    "address": "postal address",
    "postcode": "postcode",
}


@dataclass(frozen=True)
class Entry:
    at: datetime
    category: str
    what: str
    who: str
    how: str = ""
    panel_id: int | None = None
    # Messages about signing in and the account, shown only to the person and administrators.
    account_only: bool = False

    def as_row(self) -> dict:
        row = asdict(self)
        del row["panel_id"], row["account_only"]
        row["at"] = timezone.localtime(self.at).isoformat(timespec="seconds")
        return row


def _who(user: User | None, person: User) -> str:
    if user is None:
        return "The system"
    if user.pk == person.pk:
        return "The person"
    return user.display_name


def _panel_id(topic: str) -> int | None:
    kind, _, value = topic.partition(":")
    return int(value) if kind == "panel" and value.isdigit() else None


def _day(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%-d %B %Y}"


def _consents(person: User) -> list[Entry]:
    records = ConsentRecord.objects.filter(person=person).select_related("wording", "recorded_by")
    return [
        Entry(
            at=record.recorded_at,
            category="Consent",
            what=f"{'Agreed to' if record.decision == ConsentDecision.GIVEN else 'Withdrew agreement to'} "
            f"{record.wording.get_purpose_display().lower()} (wording version {record.wording.version})",
            who=_who(record.recorded_by, person) if record.recorded_by_id else "The person",
            how=record.get_method_display() + (f", decided by {record.on_behalf_by}" if record.on_behalf_by else ""),
        )
        for record in records
    ]


def _preferences(person: User) -> list[Entry]:
    records = ContactPreferenceRecord.objects.filter(person=person).select_related("recorded_by")
    return [
        Entry(
            at=record.recorded_at,
            category="Contact preference",
            what=f"Asked to be contacted by {record.get_channel_display().lower()}, "
            f"in {record.get_format_display().lower()}",
            who=_who(record.recorded_by, person) if record.recorded_by_id else "The person",
            how=record.get_method_display() + (f", decided by {record.on_behalf_by}" if record.on_behalf_by else ""),
        )
        for record in records
    ]


MESSAGE_OUTCOMES = {
    MessageStatus.FAILED: "Could not be sent",
    MessageStatus.SUPPRESSED: "Not sent",
    MessageStatus.CANCELLED: "Cancelled",
}


def _messages(person: User) -> list[Entry]:
    rows = Message.objects.filter(recipient=person).only(
        "kind", "channel", "topic", "status", "status_reason", "due_at", "created_at", "updated_at", "sent_at"
    )
    entries = []
    for message in rows:
        kind_label = kinds.label(message.kind)
        account_only = message.kind.startswith(kinds.ALLAUTH_PREFIXES)
        common = {"category": "Message", "who": "The system", "how": message.get_channel_display(),
                  "panel_id": _panel_id(message.topic), "account_only": account_only}  # fmt: skip
        queued = f"Queued: {kind_label}"
        if message.due_at > message.created_at and message.status == MessageStatus.QUEUED:
            queued += f", due on {_day(message.due_at)}"
        entries.append(Entry(at=message.created_at, what=queued, **common))
        if message.status == MessageStatus.SENT and message.sent_at:
            entries.append(Entry(at=message.sent_at, what=f"Sent: {kind_label}", **common))
        elif message.status in MESSAGE_OUTCOMES:
            reason = f": {message.status_reason}" if message.status_reason else ""
            what = f"{MESSAGE_OUTCOMES[message.status]}: {kind_label}{reason}"
            entries.append(Entry(at=message.updated_at, what=what, **common))
    return entries


def _memberships(person: User) -> list[Entry]:
    records = (
        Membership.history.filter(person_id=person.pk)
        .select_related("history_user", "panel")
        .order_by("id", "history_date", "history_id")
    )
    entries, previous = [], {}
    for record in records:
        before = previous.get(record.id)
        panel = record.panel.name
        reason = f": {record.history_change_reason}" if record.history_change_reason else ""
        if before is None:
            what = (
                f"Joined the {panel} as {record.get_role_display().lower()}, "
                f"term {record.term_start:%-d %B %Y} to {record.term_end:%-d %B %Y}{reason}"
            )
        else:
            changes = []
            if record.role != before.role:
                changes.append(f"role now {record.get_role_display().lower()}")
            if record.status != before.status:
                changes.append(f"now {record.get_status_display().lower()}")
            if record.term_end != before.term_end:
                changes.append(f"term now ends {record.term_end:%-d %B %Y}")
            what = f"Membership of the {panel} changed" + (f" ({', '.join(changes)})" if changes else "") + reason
        previous[record.id] = record
        entries.append(
            Entry(
                at=record.history_date,
                category="Membership",
                what=what,
                who=_who(record.history_user, person),
                panel_id=record.panel_id,
            )  # fmt: skip
        )
    return entries


def _access_needs(person: User) -> list[Entry]:
    records = (
        AccessNeed.history.filter(profile__person=person)
        .select_related("history_user", "item")
        .order_by("id", "history_date", "history_id")
    )
    entries, previous = [], {}
    for record in records:
        before = previous.get(record.id)
        name = record.item.name
        how = record.get_recorded_method_display()
        if before is None:
            what = f"Access need added: {name}"
        elif record.removed_at and not before.removed_at:
            what = f"Access need removed: {name}: {record.removed_reason}"
            how = ""
        else:
            what = f"Access need changed: {name}"
            how = ""
        previous[record.id] = record
        entries.append(
            Entry(
                at=record.history_date,
                category="Access needs",
                what=what,
                who=_who(record.history_user, person),
                how=how,
            )  # fmt: skip
        )
    confirmed = AccessProfile.history.filter(person_id=person.pk, history_change_reason=NEEDS_CONFIRMED)
    entries += [
        Entry(
            at=record.history_date,
            category="Access needs",
            what="Access needs confirmed as still right",
            who=_who(record.history_user, person),
        )  # fmt: skip
        for record in confirmed.select_related("history_user")
    ]
    return entries


def _interests(person: User) -> list[Entry]:
    declarations = InterestDeclaration.objects.filter(person=person).select_related("declared_by")
    entries, before = [], None
    for declaration in declarations.order_by("declared_at", "id"):
        same = before is not None and (before.has_interests, before.interests) == (
            declaration.has_interests, declaration.interests,
        )  # fmt: skip
        if same:
            what = "Register of interests confirmed, unchanged"
        elif declaration.has_interests:
            what = "Register of interests declared" if before is None else "Register of interests updated"
        else:
            what = "Declared no interests"
        entries.append(
            Entry(
                at=declaration.declared_at,
                category="Register of interests",
                what=what,
                who=_who(declaration.declared_by, person),
                how=declaration.get_method_display(),
            )  # fmt: skip
        )
        before = declaration
    return entries


def _contact_details(person: User) -> list[Entry]:
    records = User.history.filter(id=person.pk).select_related("history_user").order_by("history_date", "history_id")
    entries, before = [], None
    for record in records:
        if before is None:
            entries.append(
                Entry(
                    at=record.history_date,
                    category="Contact details",
                    what="Record created",
                    who=_who(record.history_user, person),
                )  # fmt: skip
            )
        else:
            changed = [
                label for field, label in CONTACT_FIELDS.items() if getattr(record, field) != getattr(before, field)
            ]
            if changed:
                entries.append(
                    Entry(
                        at=record.history_date,
                        category="Contact details",
                        what="Changed: " + ", ".join(changed),
                        who=_who(record.history_user, person),
                    )  # fmt: skip
                )
        before = record
    return entries


SOURCES = [_consents, _preferences, _messages, _memberships, _access_needs, _interests, _contact_details]


def person_timeline(person: User, viewer: User) -> list[Entry]:
    """The person's record as `viewer` may read it, newest first. The caller has checked that the
    viewer may read this person's record at all (their own, their coordinator or an administrator)."""
    entries = [entry for source in SOURCES for entry in source(person)]
    if viewer.pk != person.pk and not is_administrator(viewer):
        panels = {panel_id for role, panel_id in staff_roles(viewer) if role == StaffRoleKind.COORDINATOR}
        entries = [
            entry
            for entry in entries
            if not entry.account_only and (entry.panel_id is None or entry.panel_id in panels)
        ]
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return entries


EXPORT_COLUMNS = ["at", "category", "what", "who", "how"]


def as_csv(entries: list[Entry], out) -> None:
    writer = spreadsheets.dict_writer(out, fieldnames=EXPORT_COLUMNS)
    writer.writerow({"at": "When", "category": "About", "what": "What happened", "who": "Who", "how": "How"})
    for entry in entries:
        writer.writerow(entry.as_row())


def as_json(person: User, entries: list[Entry]) -> dict:
    """The record as JSON: the person, the decisions in force with the words they saw, and every
    entry. (Each decision's own receipt is a page and a PDF: notifications.receipts.)"""
    return {
        "person": {"id": person.pk, "name": person.full_name, "email": person.email or ""},
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "consents_in_force": [
            {
                "purpose": item["purpose"].value,
                "decision": item["record"].decision,
                "wording_version": item["record"].wording.version,
                "wording": item["record"].wording.text,
                "recorded_at": timezone.localtime(item["record"].recorded_at).isoformat(timespec="seconds"),
            }
            for item in consents_of(person)
            if item["record"] is not None
        ],
        "entries": [entry.as_row() for entry in entries],
    }
