"""A person downloads everything held about them from their account."""

import io
import json
import logging
import zipfile
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from privacy.models import DataRequest, RequestKind
from recruitment import services as recruitment
from recruitment.models import ApplicationStatus, DecisionReason
from tests.factories import UserFactory
from tests.forms import date_input
from tests.recruitment.factories import a_round_in_review, in_review, interview_held, scores_sent

URL = reverse("privacy:my_export")


def _download(client) -> dict:
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="information-held-about-person-')
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return json.loads(archive.read("data.json"))["sections"]


def test_signed_out_people_are_asked_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_people_download_their_own_and_nobody_elses(signed_in, applicant, caplog):
    other = UserFactory(full_name="Someone Else", phone="0151 999 9999")
    applicant.phone = "0151 123 4567"
    applicant.save()
    with caplog.at_level(logging.INFO):
        sections = _download(signed_in(applicant, two_factor=False))
    account = sections["accounts.User"]["rows"]
    assert [row["phone"] for row in account] == ["0151 123 4567"]
    assert other.email not in json.dumps(sections)
    # The log says whose export it was by id, never by name or email.
    assert f"person {applicant.pk}" in caplog.text
    assert applicant.email not in caplog.text and applicant.full_name not in caplog.text


@pytest.mark.django_db
def test_a_decision_waits_for_its_release_in_the_persons_own_download(signed_in, coordinator, reviewer):
    round_ = a_round_in_review(coordinator, applications=1)
    (application,) = in_review(round_)
    scores_sent(application, 3, 3)
    recruitment.application_decide(
        actor=coordinator, application=application, status=ApplicationStatus.SHORTLISTED,
        reason=DecisionReason.MET_CRITERIA,
    )  # fmt: skip
    interview_held(application, coordinator)
    recruitment.application_decide(
        actor=coordinator, application=application, status=ApplicationStatus.UNSUCCESSFUL,
        reason=DecisionReason.PLACES, note="Strong, but others stronger.",
    )  # fmt: skip
    client = signed_in(application.applicant, two_factor=False)

    before = _download(client)
    (row,) = before["recruitment.Application"]["rows"]
    assert row["status"] == ApplicationStatus.INTERVIEWED and row["decision_note"] == ""
    assert before["recruitment.Score"]["rows"] == [] and before["recruitment.InterviewScore"]["rows"] == []
    assert before["recruitment.HistoricalApplication"]["rows"] == []
    # Nor do the earlier versions of the scores say what the scores will.
    for label in ["recruitment.HistoricalScore", "recruitment.HistoricalInterviewScore",
                  "recruitment.HistoricalReviewAssignment", "recruitment.HistoricalInterviewScorecard"]:  # fmt: skip
        assert before[label]["rows"] == [], label
    assert "Strong, but others stronger." not in json.dumps(before)

    recruitment.outcomes_release(actor=coordinator, round_=round_, term_start=timezone.localdate())
    after = _download(client)
    (row,) = after["recruitment.Application"]["rows"]
    assert row["status"] == ApplicationStatus.UNSUCCESSFUL and row["decision_note"] == "Strong, but others stronger."
    assert len(after["recruitment.Score"]["rows"]) == 2 * round_.criteria.count()
    assert after["recruitment.HistoricalApplication"]["rows"]
    assert after["recruitment.HistoricalScore"]["rows"]


# Data protection requests, as an administrator logs and answers them.


def test_an_administrator_finds_the_person_and_logs_their_request(signed_in, administrator, applicant):
    client = signed_in(administrator)
    response = client.get(reverse("privacy:requests"), {"email": "nobody@example.org"})
    assert "There is nobody with this email address" in response.content.decode()
    response = client.get(reverse("privacy:requests"), {"email": applicant.email.upper()})
    new = reverse("privacy:request_new", args=[applicant.pk])
    assert response["Location"] == new

    typed = {"kind": "access", "received_how": "email", "identity_check": "", "details": "Everything, please",
             **date_input("received_on", parts=("31", "2", "2026"))}  # fmt: skip
    page = client.post(new, typed).content.decode()
    assert "Say how we checked it is them" in page and "Everything, please" in page  # nothing typed is lost
    assert 'href="#id_received_on_0"' in page  # the date's error goes to its day box

    typed |= {"identity_check": "Sent from their email address", **date_input("received_on", date(2026, 11, 30))}
    response = client.post(new, typed)
    request = DataRequest.objects.get()
    assert response["Location"] == reverse("privacy:request", args=[request.pk])
    page = client.get(response["Location"]).content.decode()
    assert "30 December 2026" in page and "Sent from their email address" in page
    assert DataRequest.objects.get().history.get().history_user == administrator


def test_the_export_for_a_request_holds_back_nothing(signed_in, administrator, coordinator, reviewer):
    round_ = a_round_in_review(coordinator, applications=1)
    (application,) = in_review(round_)
    scores_sent(application, 3, 3)
    recruitment.application_decide(
        actor=coordinator, application=application, status=ApplicationStatus.NOT_SHORTLISTED,
        reason=DecisionReason.CRITERIA_NOT_MET, note="Answers were short.",
    )  # fmt: skip
    request = DataRequest.objects.create(
        person=application.applicant, kind=RequestKind.ACCESS, received_on=timezone.localdate(),
        received_how="email", identity_check="Own email", due_on=timezone.localdate(), logged_by=administrator,
    )  # fmt: skip
    response = signed_in(administrator).get(reverse("privacy:request_export", args=[request.pk]))
    data = json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("data.json"))["sections"]
    assert data["recruitment.Application"]["rows"][0]["decision_note"] == "Answers were short."
    assert len(data["recruitment.Score"]["rows"]) == 2 * round_.criteria.count()


def test_closing_a_request_on_its_page(signed_in, administrator, applicant):
    request = DataRequest.objects.create(
        person=applicant, kind=RequestKind.ERASURE, received_on=timezone.localdate(), received_how="phone",
        identity_check="Confirmed postcode", due_on=timezone.localdate(), logged_by=administrator,
    )  # fmt: skip
    client = signed_in(administrator)
    url = reverse("privacy:request", args=[request.pk])
    page = client.post(url, {"status": "refused", "outcome": ""}).content.decode()
    assert "Say what we did, or why we refused" in page
    assert client.post(url, {"status": "refused", "outcome": "We must keep it"})["Location"] == url
    page = client.get(url).content.decode()
    assert "Refused" in page and "We must keep it" in page and "Close the request" not in page
