"""Every export route, run with a person who typed formulas into everything they could: no cell of
any spreadsheet (on its own or inside a ZIP) starts with something a spreadsheet would run, and
each export shows it escaped what it was given. A new .csv or .zip route fails here until it is
listed, with the role that downloads it."""

import csv
import io
import zipfile

import pytest
from django.urls import reverse

from accounts.models import User
from accounts.spreadsheets import FORMULA_STARTS
from meetings.models import Meeting
from members.models import AccessNeed, InterestDeclaration
from notifications import services as outbox
from notifications.models import ConsentDecision, ConsentPurpose
from payments.models import Claim, ClaimLine, ExportBatch
from payments.money import tax_year_of
from privacy.models import DataRequest
from recruitment.models import Answer, Application
from recruitment.services import equality_publication_publish
from tests.privacy.factories import someone_everywhere
from tests.routes import all_routes
from tests.sign_in import mark_second_factor_passed, signed_in_client

pytestmark = pytest.mark.django_db

HOSTILE = {
    "full_name": '=HYPERLINK("http://attacker.example","Ada")',
    "address": "@SUM(1+1)*cmd|' /C calc'!A0",
    "phone": "+44 151 000 0009",
    "needs": "-2+3+cmd|' /C calc'!A0",
    "interests": "\t=1+1",
    "answer": "\r=1+1",
    # A member of staff's name, shown as who did something in a person's record.
    "staff_name": "-1+2*cmd|' /C calc'!A0",
    # What a claim was for, and a cost's details, in the person's words.
    "claim": "=cmd|' /C calc'!A0",
}
# Exports that hold only counts and the service's own words: nothing anyone typed reaches them.
NOTHING_TYPED = {
    "recruitment:equality_report_csv", "recruitment:panel_equality_csv", "recruitment:equality_by_year_csv",
    "recruitment:equality_data_csv", "engagement:panel_stats_csv", "payments:batch_csv",
}  # fmt: skip


def exports() -> set[str]:
    return {name for route, name, _ in all_routes() if route.endswith((".csv", ".zip"))}


@pytest.fixture
def hostile(coordinator, administrator, race_panel, gender_panel):
    person = someone_everywhere(coordinator, administrator, race_panel, gender_panel)
    User.objects.filter(pk=person.pk).update(
        full_name=HOSTILE["full_name"], address=HOSTILE["address"], phone=HOSTILE["phone"]
    )
    AccessNeed.objects.filter(profile__person=person).update(details=HOSTILE["needs"])
    InterestDeclaration.objects.filter(person=person).update(interests=HOSTILE["interests"])
    Answer.objects.filter(application__applicant=person).update(text=HOSTILE["answer"])
    User.objects.filter(pk=coordinator.pk).update(full_name=HOSTILE["staff_name"])
    Claim.objects.filter(person=person).update(about=HOSTILE["claim"])
    ClaimLine.objects.filter(claim__person=person).exclude(description="").update(description=HOSTILE["claim"])
    outbox.consent_record(
        person=person, actor=person, purpose=ConsentPurpose.SHARE_ACCESS_NEEDS, decision=ConsentDecision.GIVEN
    )
    person.refresh_from_db()
    return person


def published(request):
    return equality_publication_publish(actor=request.getfixturevalue("administrator"))


def download_as(request, signed_in, hostile) -> dict[str, tuple[str, str]]:
    """Each export route: who downloads it and its address, for the hostile person's things."""
    application = Application.objects.filter(applicant=hostile).order_by("pk").first()
    meeting = Meeting.objects.filter(invitations__person=hostile).get()
    data_request = DataRequest.objects.filter(person=hostile).get()
    return {
        "meetings:supplier_export": ("coordinator", reverse("meetings:supplier_export", kwargs={"pk": meeting.pk})),
        "members:provider_export": ("coordinator", reverse("members:provider_export", kwargs={"slug": "race"})),
        "members:person_record_csv": ("administrator", reverse("members:person_record_csv", kwargs={"pk": hostile.pk})),
        "members:my_record_csv": ("person", reverse("members:my_record_csv")),
        "recruitment:round_audit_csv": (
            "administrator",
            reverse("recruitment:round_audit_csv", kwargs={"pk": application.round_id}),
        ),  # fmt: skip
        "recruitment:equality_report_csv": (
            "coordinator",
            reverse("recruitment:equality_report_csv", kwargs={"pk": application.round_id}),
        ),  # fmt: skip
        "recruitment:panel_equality_csv": ("coordinator", reverse("recruitment:panel_equality_csv", args=["race"])),
        "engagement:panel_stats_csv": ("coordinator", reverse("engagement:panel_stats_csv", args=["race"])),
        "recruitment:equality_by_year_csv": ("administrator", reverse("recruitment:equality_by_year_csv")),
        "recruitment:equality_data_csv": (
            "administrator",
            reverse("recruitment:equality_data_csv", args=[published(request).pk]),
        ),  # fmt: skip
        "privacy:my_export": ("person", reverse("privacy:my_export")),
        "payments:statement_csv": ("person", reverse("payments:statement_csv", args=[_paid_year(hostile)])),
        "payments:batch_csv": ("finance", reverse("payments:batch_csv", args=[ExportBatch.objects.get().pk])),
        "privacy:request_export": (
            "administrator",
            reverse("privacy:request_export", kwargs={"pk": data_request.pk}),
        ),  # fmt: skip
    }


@pytest.fixture
def finance(db):
    """The person in finance who exported the hostile person's claims."""
    return ExportBatch.objects.get().created_by


def _paid_year(person) -> int:
    return tax_year_of(Claim.objects.filter(person=person, paid_on__isnull=False).first().paid_on)


def spreadsheets_in(response) -> dict[str, list[list[str]]]:
    if response["Content-Type"].startswith("application/zip"):
        archive = zipfile.ZipFile(io.BytesIO(response.content))
        names = [name for name in archive.namelist() if name.endswith(".csv")]
        return {name: list(csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig")))) for name in names}
    return {"": list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))}


def runnable(cell: str) -> bool:
    """What a spreadsheet would take as a formula. A plain negative number is only a number."""
    if not cell.startswith(FORMULA_STARTS):
        return False
    try:
        float(cell)
    except ValueError:
        return True
    return False


def test_every_export_route_is_run_here():
    assert exports() == {
        "meetings:supplier_export", "members:provider_export", "members:person_record_csv", "members:my_record_csv",
        "recruitment:round_audit_csv", "recruitment:equality_report_csv", "recruitment:panel_equality_csv",
        "recruitment:equality_by_year_csv", "recruitment:equality_data_csv", "privacy:my_export",
        "privacy:request_export", "engagement:panel_stats_csv", "payments:batch_csv", "payments:statement_csv",
    }  # fmt: skip


@pytest.mark.parametrize("route", sorted(exports()))
def test_no_export_hands_a_spreadsheet_a_formula_from_what_a_person_typed(
    route, request, signed_in, hostile, coordinator, administrator
):
    role, url = download_as(request, signed_in, hostile)[route]
    if role == "person":
        # They hold a staff role and have an authenticator already: their session passed it.
        browser = signed_in_client(hostile, two_factor=False)
        mark_second_factor_passed(browser, hostile)
    else:
        browser = signed_in(request.getfixturevalue(role))
    response = browser.get(url)
    assert response.status_code == 200, url
    sheets = spreadsheets_in(response)
    assert sheets, f"{route} gave no spreadsheet"
    found_runnable = [
        f"{name or route}: {cell!r}" for name, rows in sheets.items() for row in rows for cell in row if runnable(cell)
    ]
    assert found_runnable == []
    if route in NOTHING_TYPED:
        return
    escaped = {cell[1:] for rows in sheets.values() for row in rows for cell in row if cell[:1] == "'"}
    assert escaped & set(HOSTILE.values()), f"{route} shows none of what the person typed, escaped"
