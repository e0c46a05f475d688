"""The equality report of a round (recruitment/selectors/equality.py): every question counted in
one query, each person at the furthest stage their application's history shows, and everything
through disclosure control before it is shown or downloaded."""

import csv
import html
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from members.models import Panel
from recruitment.disclosure import Rules
from recruitment.models import Application, ApplicationStatus, MonitoringResponse, Round, RoundStatus
from recruitment.selectors import (
    equality_tables,
    panel_equality_tables,
    round_equality_tables,
    tables_csv,
    year_equality_tables,
)
from recruitment.services import applications_delete
from tests.factories import UserFactory
from tests.recruitment.factories import round_with_questions
from tests.recruitment.test_disclosure import Attacker, failures

pytestmark = pytest.mark.django_db
OPEN = Rules(threshold=1, minimum_group=1)  # shows most counts, to check the counting itself
# Working the tables out afresh: the stamp, the rounds, the cache missed, the counts, then the cache's own
# upkeep as it is filled (its size, a look for the key, the row, in a savepoint of its own).
COLD_QUERIES = 9


def applied(round_, *statuses, **answers) -> Application:
    """An application sent, then moved through `statuses` in turn (each change kept in history), to a
    round whose outcomes are released (only those are counted)."""
    Round.objects.filter(pk=round_.pk).update(status=RoundStatus.RELEASED)
    application = Application.objects.create(
        round=round_, applicant=UserFactory(), status=ApplicationStatus.SUBMITTED, submitted_at=timezone.now()
    )
    for status in statuses:
        application.status = status
        application.save()
    if answers:
        MonitoringResponse.objects.create(application=application, **answers)
    return application


def counts(tables, question, label):
    table = next(t for t in tables if t.question == question)
    return [cell.value for cell in next(row for row in table.rows if row.label == label).cells]


def test_each_person_counts_at_the_furthest_stage_they_reached_even_after_leaving():
    round_ = round_with_questions()
    S = ApplicationStatus
    applied(round_, S.SHORTLISTED, S.UNSUCCESSFUL, sex="female")
    applied(round_, S.SHORTLISTED, S.INVITED, S.INTERVIEWED, S.WITHDRAWN, sex="female")
    applied(round_, S.SHORTLISTED, S.INVITED, S.INTERVIEWED, S.APPOINTED, sex="female")
    applied(round_, S.SHORTLISTED, S.RESERVE, sex="male")
    applied(round_, S.NOT_SHORTLISTED, sex="male")
    applied(round_, S.WITHDRAWN)  # no answers at all: "Not answered"
    Application.objects.create(round=round_, applicant=UserFactory(), status=S.DRAFT)  # never sent
    tables = round_equality_tables(round_, OPEN)
    assert counts(tables, "Sex", "Female") == [3, 3, 2, 1]
    assert counts(tables, "Sex", "Male") == [2, 1, 0, 0]
    assert counts(tables, "Sex", "Not answered") == [1, 0, 0, 0]
    assert counts(tables, "Sex", "Prefer not to say") == [0, 0, 0, 0]
    assert tables[0].totals == (6, 4, 2, 1)


def test_ethnicity_is_counted_by_its_five_broad_groups():
    round_ = round_with_questions()
    applied(round_, ethnicity="black_african")
    applied(round_, ethnicity="black_caribbean")
    applied(round_, ethnicity="prefer_not_to_say")
    applied(round_, sex="female")  # answered other questions, not this one
    tables = round_equality_tables(round_, OPEN)
    assert counts(tables, "Ethnic group", "Black, Black British, Black Welsh, Caribbean or African")[0] == 2
    assert counts(tables, "Ethnic group", "Prefer not to say")[0] == 1
    assert counts(tables, "Ethnic group", "Not answered")[0] == 1


@pytest.mark.parametrize("people", [3, 30])
def test_the_same_queries_report_every_round_panel_and_year_at_any_size(people, django_assert_num_queries):
    rounds = [round_with_questions(), round_with_questions(panel=Panel.objects.get(slug="gender"))]
    for number in range(people):
        applied(rounds[number % 2], ApplicationStatus.SHORTLISTED, sex="female" if number % 3 else "male")
    with CaptureQueriesContext(connection) as first:  # missed, so filled
        tables = round_equality_tables(rounds[0])
    assert len(tables) == 8
    assert len(first) == COLD_QUERIES, [query["sql"][:60] for query in first]
    with django_assert_num_queries(3):  # the stamp, the rounds, the cache: found
        panel_equality_tables(rounds[1].panel)
    with django_assert_num_queries(3):
        year_equality_tables(rounds[0].closes_at.year)


def test_a_panel_adds_up_its_rounds_and_protects_a_round_too_small_to_show():
    big, small = round_with_questions(), round_with_questions()
    for number in range(24):
        applied(big, *([ApplicationStatus.SHORTLISTED] if number % 3 else []), sex="female" if number % 4 else "male")
    for sex in ["female", "female", "male"]:
        applied(small, ApplicationStatus.SHORTLISTED, sex=sex)
    rules = Rules(threshold=5, minimum_group=10)
    everything = equality_tables(rules)
    sex = 1
    big_table, small_table = everything.round(big.pk)[sex], everything.round(small.pk)[sex]
    panel = everything.panel(big.panel_id)[sex]
    assert small_table.too_few and not big_table.too_few and panel.question == "Sex"
    big_women = counts([big_table], "Sex", "Female")
    assert counts([panel], "Sex", "Female") == [big + small for big, small in zip(big_women, [2, 2, 0, 0], strict=True)]
    for row, big_row in zip(panel.rows, big_table.rows, strict=True):  # what the round hides, its panel hides
        assert all(cell.shown <= big_cell.shown for cell, big_cell in zip(row.cells, big_row.cells, strict=True))
    # Someone holding both tables, who knows how many applied to the small round and how far they got,
    # still cannot tell how many of its three were women.
    keys = [row.key for row in panel.rows]
    attacker = Attacker(keys, ["big", "small"])
    attacker.reads(["big"], big_table)
    attacker.knows_totals(["small"], small_table.totals)
    attacker.reads(["big", "small"], panel)
    low, high = attacker.range_of(["small"], "female", 0)
    assert high - low >= 3


def test_a_year_adds_up_the_rounds_of_every_panel_that_closed_in_it():
    this_year = round_with_questions()
    other_panel = round_with_questions(panel=Panel.objects.get(slug="gender"))
    next_year = round_with_questions(closes_at=this_year.closes_at.replace(year=this_year.closes_at.year + 1))
    for round_ in [this_year, other_panel, next_year]:
        for _ in range(12):
            applied(round_, age_band="25_34")
    everything = equality_tables(Rules(threshold=5, minimum_group=10))
    year = this_year.closes_at.year
    assert sorted(everything.years) == [year, year + 1]
    age = everything.year(year)[0]
    assert age.question == "Age" and age.totals[0] == 24 and counts([age], "Age", "25 to 34")[0] == 24


def test_a_round_with_one_applicant_has_too_few_people_to_report():
    round_ = round_with_questions()
    applied(round_, sex="female", age_band="35_44")
    tables = round_equality_tables(round_)
    assert all(table.too_few for table in tables)


def test_a_suppressed_count_cannot_be_worked_out_from_zeros_and_the_total():
    # 10 applied and 7 of them women: the other 3 must not be readable as "3 men".
    round_ = round_with_questions()
    for _ in range(7):
        applied(round_, sex="female")
    for _ in range(3):
        applied(round_, sex="male")
    rules = Rules(threshold=5, minimum_group=10)
    sex = next(t for t in round_equality_tables(round_, rules) if t.question == "Sex")
    applied_column = {row.label: row.cells[0] for row in sex.rows}
    assert not applied_column["Male"].shown and not applied_column["Female"].shown
    assert failures(sex, rules) == []


def test_the_spreadsheet_holds_exactly_what_the_page_shows():
    round_ = round_with_questions()
    for number in range(24):
        applied(
            round_, *([ApplicationStatus.SHORTLISTED] if number % 2 else []), sex="female" if number % 5 else "male"
        )
    tables = round_equality_tables(round_)
    out = io.StringIO()
    tables_csv(tables, out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    sex = [row for row in rows if row[0] == "Sex"]
    table = next(t for t in tables if t.question == "Sex")
    assert [row[1:] for row in sex] == [
        *[[r.label, *[str(c) for c in r.cells]] for r in table.rows],
        ["Everyone", *[str(t) for t in table.totals]],
    ]
    assert "not shown" in {cell for row in sex for cell in row}


def test_the_chart_and_the_spreadsheet_carry_the_numbers_the_table_shows(signed_in, coordinator):
    round_ = round_with_questions()
    for number in range(30):
        stages = [ApplicationStatus.SHORTLISTED] * (number % 3 == 0)
        applied(round_, *stages, age_band=["25_34", "45_54", "75_plus"][number % 3], sex="female" if number % 7 else "")
    client = signed_in(coordinator)
    page = client.get(f"/staff/rounds/{round_.pk}/equality/").content.decode()
    spreadsheet = list(csv.reader(io.StringIO(client.get(f"/staff/rounds/{round_.pk}/equality.csv").content.decode())))
    tables = round_equality_tables(round_)
    charts = re.findall(r'<figure class="app-chart".*?</figure>', page, flags=re.S)
    assert len(charts) == len(tables) == 8
    for table, chart in zip(tables, charts, strict=True):
        drawn = {
            label: re.findall(r'data-value="([^"]+)"', bars)
            for label, bars in re.findall(r'data-answer="([^"]+)">(.*?)</g>\s*</g>', chart, flags=re.S)
        }
        shown = {row.label: [str(cell) for cell in row.cells] for row in table.rows}
        assert {html.unescape(label): values for label, values in drawn.items()} == shown
        written = {row[1]: row[2:] for row in spreadsheet if row[0] == table.question and row[1] != "Everyone"}
        assert written == shown
    assert "not shown" in page


def test_a_round_is_not_counted_until_its_outcomes_are_released(signed_in, coordinator):
    round_ = round_with_questions()
    for _ in range(24):
        applied(round_, sex="female")
    Round.objects.filter(pk=round_.pk).update(status=RoundStatus.DECIDING)
    assert all(table.too_few and table.totals[0] == 0 for table in round_equality_tables(round_))
    page = signed_in(coordinator).get(f"/staff/rounds/{round_.pk}/equality/").content.decode()
    assert "Not until the outcomes are released" in page and "<table" not in page
    Round.objects.filter(pk=round_.pk).update(status=RoundStatus.RELEASED)
    assert round_equality_tables(round_)[0].totals[0] == 24


def _status(application, status):
    application.status = status
    application.save()


def _answer(application, sex):
    application.monitoring.sex = sex
    application.monitoring.save()


CHANGES = {  # each with the tables' count of women at the first stage after it
    "a later status": (lambda apps: _status(apps[0], ApplicationStatus.SHORTLISTED), 24),
    "an answer changed": (lambda apps: _answer(apps[0], "male"), 23),
    "answers deleted": (lambda apps: MonitoringResponse.objects.filter(application=apps[0]).delete(), 23),
    "an application deleted": (lambda apps: applications_delete(Application.objects.filter(pk=apps[0].pk)), 23),
    "another round released": (lambda apps: applied(round_with_questions(), sex="female"), 25),
}


@pytest.mark.parametrize("change", CHANGES)
def test_any_change_to_a_count_is_shown_at_once_though_the_tables_are_cached(change):
    """The cache is found while nothing changes, and never outlives a change that moves a count."""
    round_ = round_with_questions()
    people = [applied(round_, sex="female") for _ in range(24)]
    women = lambda: counts(year_equality_tables(round_.closes_at.year, OPEN), "Sex", "Female")  # noqa: E731
    assert women()[:2] == [24, 0]
    with CaptureQueriesContext(connection) as again:
        women()
    assert len(again) == 3
    act, expected = CHANGES[change]
    act(people)
    assert women()[0] == expected
    if change == "a later status":
        assert women()[1] == 1
