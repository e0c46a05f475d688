"""CSV exports (accounts/spreadsheets.py): nothing anyone typed can run as a formula when the file
is opened in a spreadsheet, and every export writes through the one writer."""

import csv
import io
from pathlib import Path

import pytest

from accounts.spreadsheets import safe_cell
from recruitment import services
from tests.recruitment.factories import closed_round, reviewers_for, submitted_applications

HOSTILE = ['=HYPERLINK("https://example.com/x","Click")', "+1+1", "-2+3", "@SUM(1,1)", "\tTab", "\rReturn"]


@pytest.mark.parametrize("typed", HOSTILE)
def test_a_cell_a_spreadsheet_would_run_is_quoted(typed):
    assert safe_cell(typed) == "'" + typed


@pytest.mark.parametrize("value", ["Sam Smith", "2027-01-31", 42, -5, None, "", "a=b"])
def test_everything_else_is_left_as_it_is(value):
    assert safe_cell(value) == value


def test_no_export_writes_csv_but_through_the_one_writer():
    root = Path(__file__).resolve().parents[2]
    direct = [
        str(path.relative_to(root))
        for app in ("accounts", "members", "meetings", "notifications", "recruitment", "portal", "config")
        for path in (root / app).rglob("*.py")
        if path.name != "spreadsheets.py"
        and ("csv.writer(" in path.read_text() or "csv.DictWriter(" in path.read_text())
    ]
    assert direct == [], "Write CSV through accounts.spreadsheets"


@pytest.mark.django_db
def test_a_name_typed_as_a_formula_is_quoted_in_the_rounds_audit_pack(signed_in, coordinator, race_panel):
    round_ = closed_round()
    reviewers_for(race_panel, 2)
    application = submitted_applications(round_, 1)[0]
    application.applicant.full_name = HOSTILE[0]
    application.applicant.save(update_fields=["full_name"])
    services.review_start(actor=coordinator, round_=round_)
    response = signed_in(coordinator).get(f"/staff/rounds/{round_.pk}/audit.csv")
    cells = [cell for row in csv.reader(io.StringIO(response.content.decode())) for cell in row]
    assert "'" + HOSTILE[0] in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)
