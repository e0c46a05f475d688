"""The access export holds everything declared about a person, in every model, and nothing about
anyone else. These tests walk the model registry, so a new model nobody declared, a declared
field the export leaves out, or a new field nobody classified, each fails here."""

import io
import json
import zipfile

import pytest
from django.apps import apps
from django.core.exceptions import FieldError
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import FileField

from accounts.personal_data import NotPersonal, Personal, kept_in_history
from notifications import kinds
from notifications.models import Message
from notifications.rendering import REMOVED, without_secrets
from privacy.declarations import data_of, declaration_for, undeclared_models
from privacy.export import access_export
from recruitment.models import ReviewAssignment
from tests.privacy.factories import OTHERS, someone_everywhere

pytestmark = pytest.mark.django_db


def _models():
    return sorted(apps.get_models(), key=lambda model: model._meta.label)


def _plain(rows):
    """Rows as JSON gives them back, in an order that does not depend on the query."""
    return sorted(json.dumps(row, cls=DjangoJSONEncoder, sort_keys=True) for row in json.loads(
        json.dumps(list(rows), cls=DjangoJSONEncoder)
    ))  # fmt: skip


def test_every_model_declares_what_it_holds_about_people():
    assert undeclared_models() == []


@pytest.mark.parametrize("model", [m for m in _models() if not hasattr(m, "instance_type")], ids=str)
def test_every_field_is_declared_once(model):
    """Each field is about the person, names someone else, is an upload, holds entries, or is kept
    out with a reason: nothing new slips past the export unclassified."""
    declared = declaration_for(model)
    fields = {f.name for f in model._meta.get_fields() if f.concrete or f.many_to_many} - {
        f.name for f in model._meta.get_fields() if f.auto_created and not f.concrete
    }
    uploads = {f.name for f in model._meta.concrete_fields if isinstance(f, FileField)}
    if isinstance(declared, NotPersonal):
        assert declared.why
        assert set(declared.files) == uploads
        return
    assert isinstance(declared, Personal)
    groups = [declared.fields, declared.names, declared.files, declared.entries, declared.kept_out]
    classified = [name for group in groups for name in group]
    assert len(classified) == len(set(classified)), "a field is declared twice"
    assert set(declared.special) <= set(declared.fields)
    assert set(declared.files) == uploads
    linking = {model._meta.pk.name, declared.of.split("__")[0]}
    assert fields - linking == set(classified) - linking, f"{model._meta.label}: declare every field once"
    model.objects.filter(**{declared.of: 1}).exists()  # the lookup to the person is real


@pytest.fixture
def everywhere(coordinator, administrator, race_panel, gender_panel):
    return someone_everywhere(coordinator, administrator, race_panel, gender_panel)


def _expected(model, declared: Personal, person):
    """The person's rows of a model, read straight from the declaration, not from the app's own
    selector: the two must agree."""
    base = getattr(model, "instance_type", model)
    names = (*declared.fields, *declared.files)
    if model is not base:
        names = kept_in_history(model, names)
    try:
        rows = model.objects.filter(**{declared.of: person.pk})
        rows.exists()
    except FieldError:  # a history table does not keep many-to-many fields
        rows = model.objects.filter(id__in=base.objects.filter(**{declared.of: person.pk}).values("pk"))
    values = list(rows.distinct().values(*names))
    for row in values:
        row.update({name: str(row[name] or "") for name in declared.files if name in row})
        if model is Message:
            # The one thing the export changes: a message still to be sent keeps its one-time
            # links until it goes, and no copy carries them.
            row["context"] = without_secrets(kinds.get(row["kind"]), row["context"])
    return values, names


def test_the_export_holds_every_declared_field_of_every_row_about_the_person(everywhere):
    exported = {section.label: section.rows for section in data_of(everywhere)}
    untouched = []
    for model in _models():
        declared = declaration_for(model)
        if not isinstance(declared, Personal):
            continue
        label = model._meta.label
        expected, names = _expected(model, declared, everywhere)
        if not expected:
            untouched.append(label)
            continue
        assert label in exported, f"{label} holds data about the person but no app exports it"
        assert _plain(expected) == _plain([{n: row[n] for n in names} for row in exported[label]]), label
    # The fixture reaches every model (and history table) that holds personal data, so a model
    # with no exporter cannot pass by being empty.
    assert untouched == []


def test_the_export_names_no_reviewer_interviewer_or_other_applicant(everywhere):
    document = json.dumps([section.rows for section in data_of(everywhere)], cls=DjangoJSONEncoder, ensure_ascii=False)
    reviewers = ReviewAssignment.objects.filter(application__applicant=everywhere).values_list("reviewer", flat=True)
    others = apps.get_model("accounts.User").objects.exclude(pk=everywhere.pk)
    for name, email in others.values_list("full_name", "email"):
        assert name not in document and email not in document
    assert OTHERS not in document
    assert reviewers.count() == 2
    # Scores and comments about the person are there.
    assert "Clear examples." in document


def test_the_zip_holds_a_readable_summary_a_pdf_json_and_a_spreadsheet_per_section(everywhere):
    from pypdf import PdfReader

    archive = zipfile.ZipFile(io.BytesIO(access_export(everywhere)))
    names = archive.namelist()
    assert {"summary.html", "summary.pdf", "data.json"} <= set(names)
    assert "csv/recruitment-application.csv" in names and "csv/recruitment-historicalapplication.csv" in names
    summary = archive.read("summary.html").decode()
    assert "Ada Everywhere" in summary and "Trustee of a housing charity" in summary
    assert "Sensory (sight or hearing)" in summary  # choices in words
    pdf = "".join(page.extract_text() for page in PdfReader(io.BytesIO(archive.read("summary.pdf"))).pages)
    assert "Information we hold about you" in pdf and "Ada Everywhere" in pdf
    data = json.loads(archive.read("data.json"))
    assert data["sections"]["members.AccessNeed"]["rows"][0]["details"] == "Two, please"


def test_a_message_still_to_be_sent_goes_into_the_export_without_its_one_time_links(everywhere):
    waiting = [
        message for message in Message.objects.filter(recipient=everywhere, status="queued")
        if kinds.get(message.kind).secret_keys & set(message.context)
    ]  # fmt: skip
    assert waiting, "the fixture has a message with a one-time link still to be sent"
    (messages,) = [found for found in data_of(everywhere) if found.label == "notifications.Message"]
    secrets = [
        row["context"][key] for row in messages.rows for key in kinds.get(row["kind"]).secret_keys & set(row["context"])
    ]  # fmt: skip
    assert secrets and set(secrets) == {REMOVED}
