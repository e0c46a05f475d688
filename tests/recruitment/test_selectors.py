"""Recruitment's reads (recruitment/selectors.py): the equality monitoring report, counted by stage
with small numbers suppressed."""

import pytest

from recruitment.models import Application, ApplicationStatus, MonitoringResponse
from recruitment.selectors import monitoring_report
from tests.factories import UserFactory
from tests.recruitment.factories import round_with_questions

pytestmark = pytest.mark.django_db


def respond(round_, status, **answers):
    application = Application.objects.create(round=round_, applicant=UserFactory(), status=status)
    MonitoringResponse.objects.create(application=application, **answers)


def row(report, question, label):
    section = next(s for s in report if s["question"] == question)
    return next(r["cells"] for r in section["rows"] if r["label"] == label)


def test_answers_are_counted_by_stage_and_small_numbers_are_suppressed():
    round_ = round_with_questions()
    for _ in range(6):
        respond(round_, ApplicationStatus.SUBMITTED, religion="none")
    for _ in range(2):
        respond(round_, ApplicationStatus.APPOINTED, religion="sikh")
    respond(round_, ApplicationStatus.DRAFT, religion="jewish")  # not sent: not counted
    report = monitoring_report(round_)
    assert row(report, "Religion", "No religion") == ["6", "0", "0"]
    assert row(report, "Religion", "Sikh") == ["fewer than 5", "fewer than 5", "fewer than 5"]
    assert row(report, "Religion", "Jewish") == ["0", "0", "0"]


def test_the_report_makes_one_query_per_question(django_assert_num_queries):
    round_ = round_with_questions()
    respond(round_, ApplicationStatus.SUBMITTED, sex="female")
    with django_assert_num_queries(8):
        monitoring_report(round_)
