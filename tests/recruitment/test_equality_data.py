"""The public equality data page (recruitment/selectors/publication.py, views/equality.py): members
and last year's applicants, all panels together, beside the City Region's population; previewed and
published by an administrator; past pages kept with their dates."""

import csv
import io
import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from recruitment import services
from recruitment.models import Application, ApplicationStatus, EqualityPublication, MonitoringResponse, RoundStatus
from recruitment.selectors.publication import public_equality_content
from tests.factories import UserFactory, a_membership
from tests.recruitment.factories import round_with_questions
from tests.recruitment.test_population import upload

pytestmark = pytest.mark.django_db


def members_answering(coordinator, panel, people: int, **answers) -> list:
    """`people` current members of the panel, each appointed from an application with these answers."""
    round_ = round_with_questions(panel=panel)
    found = []
    for _ in range(people):
        membership = a_membership(coordinator, panel)
        application = Application.objects.create(
            round=round_, applicant=membership.person, status=ApplicationStatus.APPOINTED,
            submitted_at=timezone.now(), membership=membership,
        )  # fmt: skip
        MonitoringResponse.objects.create(application=application, **answers)
        found.append(membership.person)
    return found


def applicants_last_year(panel, sexes: dict[str, int]) -> None:
    """A round of the panel's that closed last year, with this many applicants of each sex."""
    last_year = timezone.now().replace(year=timezone.now().year - 1, month=6, day=1)
    round_ = round_with_questions(
        panel=panel, opens_at=last_year - timedelta(days=30), closes_at=last_year, status=RoundStatus.RELEASED
    )
    for sex, people in sexes.items():
        for _ in range(people):
            application = Application.objects.create(
                round=round_, applicant=UserFactory(), status=ApplicationStatus.SUBMITTED, submitted_at=last_year
            )
            MonitoringResponse.objects.create(application=application, sex=sex)


def section(content, question):
    return next(s for s in content["sections"] if s["question"] == question)


def test_with_nothing_published_the_page_says_so(client):
    page = client.get("/equality-data/").content.decode()
    assert "We have not published equality data for the panels yet." in page


def test_a_panel_of_ten_is_never_reported_alone(coordinator, race_panel):
    members_answering(coordinator, race_panel, 10, sex="female")
    content = public_equality_content(timezone.localdate())
    assert content["members"] == {"total": 10, "too_few": True}
    assert all(row["members"] == "" for s in content["sections"] for row in s["rows"])


def test_members_and_applicants_of_all_panels_together_beside_the_population(
    coordinator, gender_coordinator, administrator, race_panel, gender_panel
):
    members_answering(coordinator, race_panel, 12, sex="female", age_band="25_34")
    members_answering(gender_coordinator, gender_panel, 12, sex="male", age_band="45_54")
    applicants_last_year(race_panel, {"female": 8, "male": 7})
    applicants_last_year(gender_panel, {"female": 7, "male": 8})
    content = public_equality_content(timezone.localdate())
    assert content["population"]["loaded"] is False
    sex = {row["answer"]: row for row in section(content, "Sex")["rows"]}
    assert (sex["Female"]["members"], sex["Female"]["members_share"]) == ("12", "50%")
    assert (sex["Male"]["applicants"], sex["Male"]["applicants_share"]) == ("15", "50%")
    assert content["applicants"]["heading"] == f"People who applied in {timezone.now().year - 1}"
    services.population_figures_load(
        actor=administrator, source="ONS Census 2021: TS008 Sex", source_date=date(2022, 11, 2),
        files=[upload("ons_sex.csv")],
    )  # fmt: skip
    sex = {row["answer"]: row for row in section(public_equality_content(timezone.localdate()), "Sex")["rows"]}
    assert sex["Female"]["population_share"] == "53%" and sex["Male"]["population_share"] == "47%"


def test_published_pages_are_kept_with_their_dates_and_carry_the_same_numbers_everywhere(
    client, signed_in, coordinator, gender_coordinator, administrator, race_panel, gender_panel
):
    members_answering(coordinator, race_panel, 12, sex="female", disability="no")
    members_answering(gender_coordinator, gender_panel, 10, sex="male", disability="yes_a_little")
    members_answering(gender_coordinator, gender_panel, 2, sex="male", disability="yes_a_lot")
    first = services.equality_publication_publish(actor=administrator)
    members_answering(coordinator, race_panel, 3, sex="female", disability="no")
    response = signed_in(administrator).post("/staff/equality-data/publish/")
    second = EqualityPublication.objects.first()
    assert response.status_code == 302 and second != first
    page = client.get("/equality-data/").content.decode()
    assert f"/equality-data/{first.pk}/" in page  # the earlier page, by its date
    old = client.get(f"/equality-data/{first.pk}/").content.decode()
    assert "24 people on the panels" in old and "27 people on the panels" in page
    # The table, the chart and the spreadsheet say the same.
    tables = re.findall(r"<table.*?</table>", page, flags=re.S)
    charts = re.findall(r'<figure class="app-chart".*?</figure>', page, flags=re.S)
    spreadsheet = list(csv.reader(io.StringIO(client.get(f"/equality-data/{second.pk}.csv").content.decode())))
    assert len(tables) == len(charts) == len(second.content["sections"]) == 8
    for published, table, chart in zip(second.content["sections"], tables, charts, strict=True):
        for row in published["rows"]:
            cells = re.search(rf">{re.escape(row['answer'])}</th>(.*?)</tr>", table, flags=re.S).group(1)
            assert re.findall(r'numeric">([^<]*)</td>', cells) == [row["members"], row["members_share"]]
            bars = re.search(rf'data-answer="{re.escape(row["answer"])}">(.*?)</g>\s*</g>', chart, flags=re.S).group(1)
            assert re.findall(r'data-value="([^"]+)"', bars) == [row["members_share"] or row["members"]]
            written = next(r for r in spreadsheet if r[0] == published["question"] and r[1] == row["answer"])
            assert written[2:4] == [row["members"], row["members_share"]]
    disability = {row["answer"]: row for row in section(second.content, "Disability")["rows"]}
    assert disability["Yes, a lot"]["members"] == "not shown"  # two people


def test_the_page_names_nobody(client, coordinator, administrator, race_panel, gender_panel, gender_coordinator):
    people = members_answering(coordinator, race_panel, 12, sex="female")
    people += members_answering(gender_coordinator, gender_panel, 12, sex="female")
    services.equality_publication_publish(actor=administrator)
    page = client.get("/equality-data/").content.decode()
    assert not any(person.full_name in page or person.email in page for person in people)


def test_someone_on_two_panels_is_counted_once(coordinator, gender_coordinator, race_panel, gender_panel):
    people = members_answering(coordinator, race_panel, 20, sex="female")
    for person in people[:5]:
        a_membership(gender_coordinator, gender_panel, person)
    content = public_equality_content(timezone.localdate())
    assert content["members"]["total"] == 20
