"""The access export: everything held about a person, as one ZIP they can read and a computer can.

- `summary.html` and `summary.pdf`: the same readable summary, a section for each kind of record,
  with labels and choices in words;
- `data.json`: every section's rows as stored, for another service to read;
- `csv/<section>.csv`: one spreadsheet per section (written through accounts.spreadsheets, so a
  value typed as a formula stays text).

What it holds comes from each app's `<app>_data_of(person)` (privacy.declarations): scores and
comments about the person but never who gave them, and nothing about anyone else.
"""

import io
import json
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import ForeignKey
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.text import capfirst

from accounts import spreadsheets
from accounts.pdf import pdf_from_html
from accounts.personal_data import Section

from .declarations import data_of

SITE_SETTINGS = ("SITE_NAME", "AUTHORITY_NAME", "CONTACT_EMAIL", "CONTACT_PHONE")
# Kept out of the readable summary, and in data.json and the spreadsheets: a message's words as
# HTML (its plain words are in the summary) and the data it was written from.
FOR_COMPUTERS = {"body_html", "context"}
CHANGES = {"+": "Created", "~": "Changed", "-": "Deleted"}
COLUMN_NAMES = {"pk": "Record", "id": "Record", "history_id": "Version", "history_date": "When it changed",
                "history_type": "Change"}  # fmt: skip


@dataclass
class Readable:
    """A section as a person reads it: each record as (what it is, its value in words) pairs,
    leaving out what is empty."""

    title: str
    label: str
    records: list[list[tuple[str, str]]]


def access_export(person, *, pending_held_back: bool = False) -> bytes:
    """The ZIP of everything held about the person."""
    made_at = timezone.now()
    sections = data_of(person, pending_held_back=pending_held_back)
    readable = [_readable(section) for section in sections]
    html = render_to_string(
        "privacy/summary.html",
        {"person": person, "made_at": made_at, "sections": readable, "pending_held_back": pending_held_back,
         **{name: getattr(settings, name) for name in SITE_SETTINGS}},
    )  # fmt: skip
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("summary.html", html)
        archive.writestr("summary.pdf", pdf_from_html(html))
        archive.writestr("data.json", as_json(person, sections, made_at))
        for section in sections:
            archive.writestr(f"csv/{section_name(section.label)}.csv", _csv(section))
    return out.getvalue()


def section_name(label: str) -> str:
    return label.replace(".", "-").lower()


def export_name(person) -> str:
    return f"information-held-about-person-{person.pk}-{timezone.localdate():%Y-%m-%d}.zip"


def as_json(person, sections: list[Section], made_at: datetime) -> str:
    document = {
        "person": person.pk,
        "made_at": made_at,
        "sections": {section.label: {"title": section.title, "rows": section.rows} for section in sections},
    }
    return json.dumps(document, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


def _csv(section: Section) -> str:
    out = io.StringIO()
    columns = list(section.rows[0]) if section.rows else []
    writer = spreadsheets.dict_writer(out, columns)
    writer.writerow(dict(zip(columns, columns, strict=True)))
    for row in section.rows:
        writer.writerow({key: _plain(value) for key, value in row.items()})
    return out.getvalue()


def _plain(value):
    if isinstance(value, dict | list):
        return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    return value


def _readable(section: Section) -> Readable:
    model = apps.get_model(section.label)
    columns = list(section.rows[0]) if section.rows else []
    fields = {name: _field(model, name) for name in columns}
    names = {name: _related_names(field, section.rows, name) for name, field in fields.items()}
    columns = [name for name in columns if name not in FOR_COMPUTERS]
    headings = {name: COLUMN_NAMES.get(name) or capfirst(getattr(fields[name], "verbose_name", name))
                for name in columns}  # fmt: skip
    records = []
    for row in section.rows:
        words = ((headings[name], _in_words(fields[name], names[name], row[name], name)) for name in columns)
        records.append([(heading, value) for heading, value in words if value])
    return Readable(title=section.title, label=section.label, records=records)


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _related_names(field, rows, name) -> dict:
    """What each row's related record is called (a panel's name, a question's words), in one query."""
    if not isinstance(field, ForeignKey):
        return {}
    ids = {row[name] for row in rows if row[name] is not None}
    return {pk: str(obj) for pk, obj in field.related_model._base_manager.in_bulk(ids).items()} if ids else {}


def _in_words(field, names: dict, value, name: str) -> str:
    if value is None or value == "":
        return ""
    if name == "history_type":
        return CHANGES.get(value, value)
    if names:
        return names.get(value, str(value))
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "j F Y, g:i a")
    if isinstance(value, date):
        return formats.date_format(value, "j F Y")
    if isinstance(value, dict | list):
        return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    return str(value)
