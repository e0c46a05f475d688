"""A person downloads everything held about them from their account."""

import io
import json
import logging
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from recruitment import services as recruitment
from recruitment.models import ApplicationStatus, DecisionReason
from tests.factories import UserFactory
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
    assert "Strong, but others stronger." not in json.dumps(before)

    recruitment.outcomes_release(actor=coordinator, round_=round_, term_start=timezone.localdate())
    after = _download(client)
    (row,) = after["recruitment.Application"]["rows"]
    assert row["status"] == ApplicationStatus.UNSUCCESSFUL and row["decision_note"] == "Strong, but others stronger."
    assert len(after["recruitment.Score"]["rows"]) == 2 * round_.criteria.count()
    assert after["recruitment.HistoricalApplication"]["rows"]
