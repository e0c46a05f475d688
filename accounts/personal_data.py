"""What each model holds about people, declared in one place per app, and the plain sections in
which each app answers "what do you hold about this person?".

Every app has a `personal_data` module with `DECLARED`: for each of its models, either
`Personal` (whose rows they are, through which lookup, and which fields are about that person) or
`NotPersonal` (with why). Uploaded files are declared too. The `privacy` app reads these to build
the access export, to apply retention and to erase, and its completeness test walks the model
registry: a model nobody declared fails it. A history table (django-simple-history) is declared
by its model: it holds the same fields, less those the model keeps out of its history.

This module is the lowest layer's part: the kinds of declaration, the section an app returns, the
row builder every app's `<app>_data_of(person)` uses, and the declarations for `accounts` and for
the libraries' own tables (sign-in, two-factor, sessions, the admin's log).
"""

from dataclasses import dataclass, field
from functools import partial

from django.core.exceptions import FieldDoesNotExist, FieldError
from django.db.models import Model, QuerySet


@dataclass(frozen=True)
class Personal:
    """Rows about one person each.

    `of` is the lookup from a row to the person it is about. `fields` are what the row holds about
    them: every one goes into their access export. `names` are fields that identify someone else
    (the reviewer who scored, the member of staff who recorded it): never in that person's export.
    `special` marks special category data among `fields`. `files` are uploads about the person.
    `entries` are JSON fields holding one entry per application (`{"id": <application>, ...}`
    under `candidates`): only the person's own entries go out. `kept_out` are the rest: what is
    not about the person (bookkeeping, settings, secrets never shown). Every field of the model is
    in exactly one of these, or is the key or the first step of `of` (tests/privacy)."""

    of: str
    fields: tuple[str, ...]
    names: tuple[str, ...] = ()
    special: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    entries: tuple[str, ...] = ()
    kept_out: tuple[str, ...] = ()


@dataclass(frozen=True)
class NotPersonal:
    """Rows about no one in particular, with why; `files` names any uploads they keep."""

    why: str
    files: tuple[str, ...] = ()


Declaration = Personal | NotPersonal


@dataclass
class Section:
    """What one model holds about the person: `label` is the model's ("members.Membership", or
    "members.HistoricalMembership" for its history), `rows` plain values keyed by field name."""

    label: str
    title: str
    rows: list[dict] = field(default_factory=list)

    @property
    def is_history(self) -> bool:
        return ".Historical" in self.label


def history_model(model: type[Model]) -> type[Model] | None:
    """The model's history table, if it keeps one."""
    manager = getattr(model, "_meta", None) and getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, manager).model if manager else None


def kept_in_history(history: type[Model], names) -> tuple[str, ...]:
    """Those of `names` a history table holds (a model may keep special category data out of it)."""
    held = []
    for name in names:
        try:
            history._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        held.append(name)
    return tuple(held)


HISTORY_COLUMNS = ("history_date", "history_type")


def section(model: type[Model], declared: Personal, rows: QuerySet, title: str, *, entries_of=()) -> Section:
    """The declared fields of `rows` (a queryset of `model`, already narrowed to the person).
    `entries_of` are the person's application ids, for the declaration's JSON `entries`."""
    names = ("pk", *declared.fields, *declared.files, *declared.entries)
    values = [_own_entries(row, declared.entries, entries_of) for row in rows.order_by("pk").values(*names)]
    return Section(model._meta.label, title, _files_as_names(values, declared.files))


def history_section(model: type[Model], declared: Personal, person, title: str, *, entries_of=()) -> Section | None:
    """The person's rows in `model`'s history table: every earlier version, with when and how it
    changed, but never who changed it (that names someone else)."""
    history = history_model(model)
    if history is None:
        return None
    held = kept_in_history(history, (*declared.fields, *declared.files, *declared.entries))
    names = ("history_id", *HISTORY_COLUMNS, "id", *held)
    try:
        rows = history.objects.filter(**{declared.of: person.pk})
        rows.exists()
    except FieldError:  # the lookup runs through a many-to-many the history table does not keep
        rows = history.objects.filter(id__in=model.objects.filter(**{declared.of: person.pk}).values("pk"))
    values = [
        _own_entries(row, declared.entries, entries_of)
        for row in rows.distinct().order_by("history_date", "history_id").values(*names)
    ]
    return Section(history._meta.label, f"Earlier versions: {title.lower()}", _files_as_names(values, declared.files))


def sections(declarations: dict, person, model: type[Model], rows: QuerySet, title: str, *, entries_of=()):
    """The person's rows of `model` and their history, as the app's `declarations` describe them."""
    declared = declarations[model._meta.label]
    found = [section(model, declared, rows, title, entries_of=entries_of)]
    if history := history_section(model, declared, person, title, entries_of=entries_of):
        found.append(history)
    return found


def _files_as_names(rows: list[dict], files) -> list[dict]:
    for row in rows:
        for name in files:
            if name in row:
                row[name] = str(row[name] or "")
    return rows


def _own_entries(row: dict, entries, application_ids) -> dict:
    for name in entries:
        held = row.get(name) or {}
        row[name] = {
            "candidates": [entry for entry in held.get("candidates", []) if entry.get("id") in set(application_ids)]
        }
    return row


# accounts and the libraries' tables.
SIGN_IN = "Kept by the sign-in library"
DECLARED: dict[str, Declaration] = {
    "accounts.User": Personal(
        of="id",
        fields=(
            "email",
            "full_name",
            "phone",
            "best_time_to_call",
            "address",
            "postcode",
            "contact_channel",
            "contact_format",
            "is_active",
            "is_staff",
            "is_superuser",
            "date_joined",
            "last_login",
        ),
        # A password is kept only as a hash nobody can read; groups and permissions are not used.
        kept_out=("password", "groups", "user_permissions"),
    ),  # fmt: skip
    "account.EmailAddress": Personal(of="user", fields=("email", "verified", "primary")),
    "account.EmailConfirmation": Personal(of="email_address__user", fields=("created", "sent"), kept_out=("key",)),
    # The authenticator's secret is not about the person: it is never shown, only used to check codes.
    "mfa.Authenticator": Personal(of="user", fields=("type", "created_at", "last_used_at"), kept_out=("data",)),
    # The object changed is named only as the admin wrote it: it may be someone else.
    "admin.LogEntry": Personal(
        of="user",
        fields=("action_time", "action_flag", "content_type", "change_message"),
        names=("object_id", "object_repr"),
    ),  # fmt: skip
    "sessions.Session": NotPersonal(
        "A signed-in browser's key and, encoded, the person's id; it ends when they sign out or stay "
        "away past the idle time, and every session of a person ends when they are erased."
    ),
    "auth.Permission": NotPersonal("The names of the permissions the code knows."),
    "auth.Group": NotPersonal("Not used: roles are held as staff roles (members.StaffRole)."),
    "contenttypes.ContentType": NotPersonal("The names of the models."),
    "sites.Site": NotPersonal("The service's own address."),
}


def accounts_data_of(person) -> list[Section]:
    """Everything `accounts` and the sign-in libraries hold about the person."""
    # Here rather than at the top: every app's services import this module's kinds, some while
    # Django is still loading the apps these models belong to.
    from allauth.account.models import EmailAddress, EmailConfirmation
    from allauth.mfa.models import Authenticator
    from django.contrib.admin.models import LogEntry

    from .models import User

    read = partial(sections, DECLARED, person)
    return [
        *read(User, User.objects.filter(pk=person.pk), "Your account and contact details"),
        *read(EmailAddress, EmailAddress.objects.filter(user=person), "Your email addresses"),
        *read(EmailConfirmation, EmailConfirmation.objects.filter(email_address__user=person), "Email address checks"),
        *read(Authenticator, Authenticator.objects.filter(user=person), "Your ways to sign in"),
        *read(LogEntry, LogEntry.objects.filter(user=person), "Changes you made in the admin"),
    ]


@dataclass
class Erasure:
    """What erasing a person does in one app, counted by kind, before (a preview) or after: what
    goes (`removed`) and what must stay, and why (`kept`). Labels only: no personal data."""

    removed: list[tuple[str, int]] = field(default_factory=list)
    kept: list[tuple[str, int, str]] = field(default_factory=list)

    def remove(self, label: str, count: int) -> None:
        if count:
            self.removed.append((label, count))

    def keep(self, label: str, count: int, why: str) -> None:
        if count:
            self.kept.append((label, count, why))
