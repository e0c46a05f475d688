"""Retention: what is no longer needed with a person's name on it is anonymised or deleted each
night, at the day boundary the period sets, through each app, history tables included, leaving
every report's counts as they were and skipping anyone under a legal hold."""

import logging
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accounts.services import STAND_IN
from members.models import Membership
from members.services import access_need_add, access_need_remove
from notifications.models import Message
from notifications.retention import DONE, REMOVED_ADDRESS
from privacy import retention
from privacy.models import RetentionAction, RetentionKind
from privacy.services import legal_hold_lift, legal_hold_place, retention_rule_change
from privacy.tasks import apply_retention
from recruitment import services as recruitment
from recruitment.models import Answer, Application, ApplicationStatus, DecisionReason, MonitoringResponse
from recruitment.selectors import round_equality_tables, status_counts
from tests.factories import a_membership, catalogue_item
from tests.recruitment.factories import a_round_in_review, in_review

LONDON = ZoneInfo("Europe/London")
pytestmark = pytest.mark.django_db


def _told(applications, coordinator, when: datetime) -> None:
    """Each application is not shortlisted, and the outcome was told at `when`."""
    for application in applications:
        recruitment.application_decide(
            actor=coordinator, application=application, status=ApplicationStatus.NOT_SHORTLISTED,
            reason=DecisionReason.CRITERIA_NOT_MET, note=f"Short answers from {application.applicant.full_name}",
        )  # fmt: skip
    Application.objects.filter(pk__in=[a.pk for a in applications]).update(
        outcome_released_at=when, released_status=ApplicationStatus.NOT_SHORTLISTED
    )


@pytest.fixture
def unsuccessful(coordinator, reviewer):
    """Three people told on 4 December 2025 at 3pm that they were not shortlisted; two answered the
    equality questions."""
    round_ = a_round_in_review(coordinator, applications=3)
    applications = in_review(round_)
    for application, n in zip(applications, range(3), strict=True):
        type(application.applicant).objects.filter(pk=application.applicant_id).update(full_name=f"Una Unsuccessful{n}")
        application.applicant.refresh_from_db()
    for application, ethnicity in zip(applications[:2], ("asian_chinese", "white_irish"), strict=True):
        recruitment.monitoring_save(
            actor=application.applicant, application=application, answers={"ethnicity": ethnicity}
        )
    _told(applications, coordinator, datetime(2025, 12, 4, 15, 0, tzinfo=LONDON))
    return round_, applications


def test_an_application_is_anonymised_on_the_day_its_twelve_months_end_and_not_before(unsuccessful):
    _, (application, *_) = unsuccessful
    person = application.applicant
    with time_machine.travel(datetime(2026, 12, 3, 23, 59, 59, tzinfo=LONDON), tick=False):
        assert retention.retention_apply()[RetentionKind.UNSUCCESSFUL_APPLICATIONS] == 0
    application.refresh_from_db()
    assert application.applicant == person and application.anonymised_at is None

    with time_machine.travel(datetime(2026, 12, 4, 0, 0, 1, tzinfo=LONDON), tick=False):
        assert retention.retention_apply()[RetentionKind.UNSUCCESSFUL_APPLICATIONS] == 3
    application.refresh_from_db()
    stand_in = application.applicant
    assert stand_in != person and type(stand_in).objects.filter(STAND_IN, pk=stand_in.pk).exists()
    assert application.reference is None and application.decision_note == "" and application.anonymised_at
    assert not Answer.objects.filter(application=application).exists()
    assert not Answer.history.model.objects.filter(application_id=application.pk).exists()
    # History forgets too: every earlier version now belongs to the stand-in, without the words,
    # and no longer says the person made the change.
    versions = Application.history.model.objects.filter(id=application.pk)
    assert versions.count() > 1
    assert set(versions.values_list("applicant_id", flat=True)) == {stand_in.pk}
    assert set(versions.values_list("decision_note", flat=True)) == {""}
    assert not versions.filter(history_user=person).exists()
    # The person is still there, with nothing of that application on them.
    assert not person.applications.exists()


def test_every_report_counts_the_same_after_retention(unsuccessful, coordinator, race_panel):
    round_, _ = unsuccessful
    former = a_membership(coordinator, race_panel, days=30)
    need = access_need_add(actor=former.person, person=former.person, item=catalogue_item("BSL interpreter"))
    access_need_remove(actor=former.person, need=need, reason="No longer needed")
    counts = _counts(round_)
    # Messages still to be sent (reminders due later) keep their words until they are.
    sent = list(Message.objects.filter(status__in=DONE).values_list("pk", flat=True))
    assert sent and Message.objects.exclude(pk__in=sent).exists()

    done = retention.retention_apply(today=date.today() + timedelta(days=365 * 7))

    assert done == {
        RetentionKind.UNSUCCESSFUL_APPLICATIONS: 3, RetentionKind.FORMER_MEMBERSHIPS: 1,
        RetentionKind.REMOVED_ACCESS_NEEDS: 1, RetentionKind.MESSAGE_WORDS: len(sent),
        RetentionKind.REFUSED_OFFICERS: 0, RetentionKind.WRITTEN_ANSWERS: 0, RetentionKind.PAYMENT_RECORDS: 0,
    }  # fmt: skip
    assert _counts(round_) == counts
    words = Message.objects.filter(pk__in=sent).values_list(
        "subject", "body_text", "body_html", "context", "to_address"
    )
    assert all(row in [("", "", "", {}, REMOVED_ADDRESS), ("", "", "", {}, "")] for row in words)
    former.refresh_from_db()
    assert former.person != need.profile.person and former.anonymised_at
    # A second run finds nothing left to do.
    assert set(retention.retention_apply(today=date.today() + timedelta(days=365 * 7)).values()) == {0}


def _counts(round_) -> dict:
    return {
        "applications": status_counts(round_),
        "monitoring": round_equality_tables(round_),
        "memberships": list(Membership.objects.values_list("panel", "status", "role").order_by("pk")),
        "messages": sorted(Message.objects.values_list("kind", "status", "channel")),
        "monitoring rows": MonitoringResponse.objects.count(),
    }


def test_deleting_instead_removes_the_records_and_their_history(unsuccessful, administrator):
    round_, applications = unsuccessful
    retention_rule_change(
        actor=administrator, kind=RetentionKind.UNSUCCESSFUL_APPLICATIONS, months=12, action=RetentionAction.DELETE
    )
    retention.retention_apply(today=date(2026, 12, 4))
    assert not Application.objects.filter(round=round_).exists()
    assert not Application.history.model.objects.filter(id__in=[a.pk for a in applications]).exists()


def test_a_legal_hold_keeps_everything_about_the_person_until_it_is_lifted(unsuccessful, administrator, caplog):
    _, (held, *others) = unsuccessful
    hold = legal_hold_place(actor=administrator, person=held.applicant, reason="A claim at the tribunal")
    with caplog.at_level(logging.INFO):
        done = retention.retention_apply(today=date(2026, 12, 4))
    assert done[RetentionKind.UNSUCCESSFUL_APPLICATIONS] == 2
    held.refresh_from_db()
    assert held.anonymised_at is None and held.applicant.full_name == "Una Unsuccessful0"
    # The run's log gives counts, never whose records.
    assert "retention applied" in caplog.text and "Una" not in caplog.text and "@" not in caplog.text

    legal_hold_lift(actor=administrator, hold=hold)
    assert retention.retention_apply(today=date(2026, 12, 4))[RetentionKind.UNSUCCESSFUL_APPLICATIONS] == 1


def test_the_privacy_notice_says_what_the_rules_say(client, administrator, db):
    page = client.get(reverse("portal:privacy")).content.decode()
    assert "Applications that are not successful: 1 year after we tell you the outcome" in page
    assert "Members&#x27; records: 6 years after your membership ends" in page
    retention_rule_change(
        actor=administrator, kind=RetentionKind.UNSUCCESSFUL_APPLICATIONS, months=18, action=RetentionAction.DELETE
    )
    page = client.get(reverse("portal:privacy")).content.decode()
    assert "Applications that are not successful: 18 months after we tell you the outcome" in page
    assert "then deleted" in page


def test_the_job_runs_every_night_as_a_celery_task(unsuccessful):
    schedule = settings.CELERY_BEAT_SCHEDULE["apply-retention"]
    assert schedule["task"] == apply_retention.name
    assert schedule["schedule"].hour == {2} and schedule["schedule"].minute == {30}
    with time_machine.travel(timezone.make_aware(datetime(2027, 1, 1, 2, 30)), tick=False):
        result = apply_retention.delay().get()
    assert result[RetentionKind.UNSUCCESSFUL_APPLICATIONS] == 3


def test_anonymising_an_application_forgets_why_the_person_said_they_withdrew(db):
    from recruitment.services.retention import applications_anonymise
    from tests.factories import UserFactory
    from tests.recruitment.factories import a_round, a_sent_application

    applicant = UserFactory()
    application = a_sent_application(applicant, a_round("open"))
    recruitment.application_withdraw(actor=applicant, application=application, reason="My illness came back")
    assert Application.history.model.objects.filter(history_change_reason__contains="illness").exists()
    applications_anonymise(Application.objects.filter(pk=application.pk))
    rows = Application.history.model.objects.filter(id=application.pk)
    assert not rows.filter(history_change_reason__contains="illness").exists()
    assert not rows.filter(withdrawal_reason__contains="illness").exists()
    assert not rows.filter(history_user=applicant).exists()


def test_a_failed_messages_error_which_can_quote_the_address_goes_with_its_words(db):
    from notifications.models import MessageStatus
    from notifications.retention import messages_anonymise
    from tests.factories import UserFactory
    from tests.notifications.factories import an_opportunity, opportunities_consent

    person = UserFactory(email="ada.jones@example.org")
    opportunities_consent(person)
    message = an_opportunity(person)
    Message.objects.filter(pk=message.pk).update(
        status=MessageStatus.FAILED, last_error="550 ada.jones@example.org: no such user"
    )
    messages_anonymise(Message.objects.filter(pk=message.pk))
    message.refresh_from_db()
    assert (message.last_error, message.to_address, message.body_text) == ("", REMOVED_ADDRESS, "")
