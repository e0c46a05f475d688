"""Engagement's pages through the test client: the way in from signed out, clear errors for bad
input (never a 500), two-step verification for officers, and query budgets."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.access import AFTER_SIGN_IN
from engagement.models import EngagementStatus, Officer, OfficerStatus, Request
from engagement.services import engagement_triage
from tests.engagement.factories import a_chair, a_pdf, a_request, an_officer
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_registering_from_signed_out_goes_through_sign_in_and_comes_back(client):
    response = client.get("/bring-work/register/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/?next=/bring-work/register/"
    assert client.session[AFTER_SIGN_IN] == "/bring-work/register/"


def test_someone_outside_the_authority_is_told_to_use_their_work_address(signed_in):
    browser = signed_in(UserFactory(email="sam@example.org"))
    page = browser.get("/bring-work/register/").content.decode()
    assert "Sign in with your work email address" in page and 'name="team"' not in page
    response = browser.post("/bring-work/register/", {"team": "Transport", "job_title": "Officer"})
    assert response.status_code == 200
    assert "Sign in with your work email address" in response.content.decode()
    assert not Officer.objects.exists()


def test_registering_with_nothing_filled_in_names_each_field(signed_in):
    browser = signed_in(UserFactory(email="sam@example.gov.uk"))
    response = browser.post("/bring-work/register/", {})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_team"' in page and "Enter your team or directorate" in page
    assert 'href="#id_job_title"' in page and "Enter your job title" in page


def test_registering_says_it_is_being_checked(signed_in, administrator):
    browser = signed_in(UserFactory(email="sam@example.gov.uk"))
    response = browser.post("/bring-work/register/", {"full_name": "Sam Ng", "team": "Transport",
                                                      "job_title": "Officer"}, follow=True)  # fmt: skip
    assert "We are checking your registration" in response.content.decode()
    assert Officer.objects.get().status == OfficerStatus.WAITING


def test_an_officer_sets_up_two_step_verification_before_their_pages(signed_in):
    officer = an_officer()
    browser = signed_in(officer.user, two_factor=False)
    response = browser.get("/bring-work/requests/")
    assert response.status_code == 302 and response["Location"] == "/accounts/2fa/"
    assert signed_in(officer.user).get("/bring-work/requests/").status_code == 200


def test_a_request_with_bad_dates_and_nothing_else_shows_every_error_and_keeps_what_was_typed(signed_in):
    browser = signed_in(an_officer().user)
    response = browser.post("/bring-work/requests/new/", {
        "title": "Bus network", "deadline_0": "31", "deadline_1": "2", "deadline_2": "2027",
        "decision_date_0": "x"})  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and 'href="#id_deadline_0"' in page and 'href="#id_panels' in page
    assert 'value="Bus network"' in page
    assert not Request.objects.exists()


def test_a_document_of_the_wrong_kind_is_refused_on_its_field(signed_in, race_panel):
    officer = an_officer()
    request = a_request(officer, [race_panel])
    response = signed_in(officer.user).post(
        f"/bring-work/requests/{request.pk}/documents/add/",
        {"title": "Plans", "file": SimpleUploadedFile("plans.pdf", b"just words", content_type="application/pdf")},
    )
    page = response.content.decode()
    assert response.status_code == 200 and 'href="#id_file"' in page
    assert "must be a PDF, Word or OpenDocument file" in page
    assert not request.documents.exists()


def test_sending_without_an_accessible_version_says_so_and_keeps_the_draft(signed_in, race_panel):
    officer = an_officer()
    request = a_request(officer, [race_panel])
    browser = signed_in(officer.user)
    browser.post(f"/bring-work/requests/{request.pk}/documents/add/", {"title": "Plans", "file": a_pdf()})
    response = browser.post(f"/bring-work/requests/{request.pk}/send/", follow=True)
    assert "Add an accessible version" in response.content.decode()
    request.refresh_from_db()
    assert request.status == "draft"


def test_deciding_with_nothing_chosen_names_the_field(signed_in, coordinator, race_panel):
    engagement = a_request(an_officer(), [race_panel], submit=True).engagements.get()
    response = signed_in(coordinator).post(f"/staff/requests/{engagement.pk}/decide/", {"reason": "Hmm"})
    page = response.content.decode()
    assert response.status_code == 200 and "Choose what the panel decides" in page
    assert 'href="#id_decision' in page


def test_declining_without_a_reason_names_the_reason_and_keeps_the_choice(signed_in, coordinator, race_panel):
    engagement = a_request(an_officer(), [race_panel], submit=True).engagements.get()
    response = signed_in(coordinator).post(f"/staff/requests/{engagement.pk}/decide/", {"decision": "declined"})
    page = response.content.decode()
    assert response.status_code == 200 and "Say why the panel cannot take it on" in page
    assert 'value="declined" checked' in page or 'value="declined"\n' in page
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.WAITING


def test_the_officer_sees_each_panels_decision_and_its_words(signed_in, coordinator, race_panel):
    officer = an_officer()
    request = a_request(officer, [race_panel], submit=True)
    engagement_triage(actor=coordinator, engagement=request.engagements.get(), decision="more_asked",
                      reason="Which routes change?")  # fmt: skip
    page = signed_in(officer.user).get(f"/bring-work/requests/{request.pk}/").content.decode()
    assert "The panel asked for more" in page and "Which routes change?" in page
    assert "Send it back to the panel" in page


def test_a_chair_is_told_what_not_for_sharing_means(signed_in, coordinator, race_panel):
    chair = a_chair(coordinator, race_panel)
    engagement = a_request(an_officer(), [race_panel], submit=True, document=True).engagements.get()
    page = signed_in(chair).get(f"/your-panels/requests/{engagement.pk}/").content.decode()
    assert "Not for sharing until the decision" in page
    assert "do not pass them on" in page
    dashboard = signed_in(chair).get("/account/").content.decode()
    assert "/your-panels/race/requests/" in dashboard


@pytest.mark.parametrize("url", ["/staff/panels/race/requests/", "/your-panels/race/requests/"])
def test_the_panels_requests_ask_the_database_as_often_for_many_as_for_few(signed_in, coordinator, race_panel, url):
    chair = a_chair(coordinator, race_panel)
    browser = signed_in(chair if url.startswith("/your-panels") else coordinator)

    def queries_with(count: int) -> int:
        for _ in range(count):
            a_request(an_officer(), [race_panel], submit=True)
        with CaptureQueriesContext(connection) as queries:
            assert browser.get(url).status_code == 200
        return len(queries)

    assert queries_with(2) == queries_with(4)


def test_the_officers_list_asks_the_database_as_often_for_many_as_for_few(signed_in, administrator):
    browser = signed_in(administrator)

    def queries_with(count: int) -> int:
        for _ in range(count):
            an_officer(status=OfficerStatus.WAITING)
            an_officer()
        with CaptureQueriesContext(connection) as queries:
            assert browser.get("/staff/officers/").status_code == 200
        return len(queries)

    assert queries_with(2) == queries_with(4)


@pytest.mark.parametrize("url", ["/panels/race/you-said-we-did/", "/equality-impact-assessments/",
                                 "/your-panels/race/work/", "/staff/panels/race/requests/by-year/"])  # fmt: skip
def test_the_lists_after_triage_ask_the_database_as_often_for_many_as_for_few(
    client, signed_in, coordinator, race_panel, url
):
    from tests.engagement.factories import an_engagement

    chair = a_chair(coordinator, race_panel)
    browser = client
    if url.startswith("/your-panels"):
        browser = signed_in(chair)
    elif url.startswith("/staff"):
        browser = signed_in(coordinator)

    def queries_with(count: int) -> int:
        for _ in range(count):
            an_engagement(coordinator, race_panel, to="published", chair=chair)
        with CaptureQueriesContext(connection) as queries:
            assert browser.get(url).status_code == 200
        return len(queries)

    assert queries_with(1) == queries_with(3)


def test_the_yearly_figures_download_as_a_spreadsheet(signed_in, coordinator, race_panel):
    from tests.engagement.factories import an_engagement

    an_engagement(coordinator, race_panel, to="waiting")
    response = signed_in(coordinator).get("/staff/panels/race/requests/by-year.csv")
    rows = response.content.decode("utf-8-sig").splitlines()
    assert response["Content-Disposition"] == 'attachment; filename="race-requests-by-year.csv"'
    assert rows[0].startswith("Year,Requests received,Accepted,Declined")
    assert rows[1].split(",")[:4] == [str(engagement_year()), "1", "0", "0"]


def engagement_year() -> int:
    from django.utils import timezone

    return timezone.localdate().year


def test_an_officer_without_a_name_gives_one_when_they_register(signed_in):
    person = UserFactory(email="nameless@example.gov.uk", full_name="")
    browser = signed_in(person)
    response = browser.post("/bring-work/register/", {"team": "Transport", "job_title": "Officer"})
    assert "Enter your full name" in response.content.decode()
    browser.post("/bring-work/register/", {"full_name": "Nia Newcomer", "team": "Transport", "job_title": "Officer"})
    person.refresh_from_db()
    assert person.full_name == "Nia Newcomer" and Officer.objects.get(user=person).team == "Transport"


def test_the_two_step_page_tells_an_officer_they_need_it_and_a_member_not(signed_in, member):
    need = "You need two-step verification to use staff pages and officers' pages."
    assert need in signed_in(an_officer().user).get("/accounts/2fa/").content.decode()
    assert need not in signed_in(member).get("/accounts/2fa/").content.decode()
