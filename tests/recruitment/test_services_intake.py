"""Applying and setting up a round (recruitment/services/intake.py): one reference and one
confirmation however often a person sends, deadlines, withdrawing, applications recorded for someone,
and equality and balance answers kept apart."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import ContactChannel, ContactFormat, RecordedMethod, User
from notifications.models import Channel, ConsentDecision, ConsentPurpose, ConsentRecord, Message
from recruitment import services
from recruitment.models import (
    Application,
    ApplicationStatus,
    BalanceResponse,
    MonitoringResponse,
)
from tests.factories import UserFactory
from tests.recruitment.factories import round_with_questions

pytestmark = pytest.mark.django_db(transaction=True)

ABOUT = {
    "full_name": "Alex Applicant",
    "phone": "0151 000 0002",
    "address": "2 Example Road\nLiverpool",
    "postcode": "L2 2BB",
    "contact_channel": ContactChannel.EMAIL,
    "contact_format": ContactFormat.STANDARD,
    "local_authority_area": "liverpool",
    "interview_adjustments": "A step-free room, please.",
}


def complete_draft(person, round_):
    application = services.application_start(actor=person, round_=round_)
    services.application_about_you_save(actor=person, application=application, **ABOUT)
    for question in round_.questions.all():
        services.answer_save(actor=person, application=application, question=question, text="Because it matters.")
    return application


def test_a_person_applies_and_gets_one_reference_and_one_confirmation_however_often_they_submit(applicant):
    round_ = round_with_questions()
    application = complete_draft(applicant, round_)
    first = services.application_submit(actor=applicant, application_id=application.pk, declaration=True)
    again = services.application_submit(actor=applicant, application_id=application.pk, declaration=True)
    assert first.status == again.status == ApplicationStatus.SUBMITTED
    assert first.reference == again.reference == f"EP-{application.pk:06d}"
    assert Message.objects.filter(kind="recruitment.application_submitted").count() == 1
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert first.reference in body and "Because it matters." not in body  # no answers repeated


def test_starting_twice_gives_the_same_draft(applicant):
    round_ = round_with_questions()
    assert services.application_start(actor=applicant, round_=round_) == services.application_start(
        actor=applicant, round_=round_
    )
    assert Application.objects.count() == 1


def test_an_application_needs_every_answer_and_the_declaration(applicant):
    round_ = round_with_questions(count=2)
    application = services.application_start(actor=applicant, round_=round_)
    services.application_about_you_save(actor=applicant, application=application, **ABOUT)
    services.answer_save(actor=applicant, application=application, question=round_.questions.first(), text="Yes.")
    with pytest.raises(ValidationError, match="an answer to question 2"):
        services.application_submit(actor=applicant, application_id=application.pk, declaration=True)
    services.answer_save(actor=applicant, application=application, question=round_.questions.last(), text="Yes.")
    with pytest.raises(ValidationError, match="Confirm"):
        services.application_submit(actor=applicant, application_id=application.pk, declaration=False)


def test_answers_over_the_word_limit_are_refused(applicant):
    round_ = round_with_questions(count=1)
    application = services.application_start(actor=applicant, round_=round_)
    question = round_.questions.get()
    with pytest.raises(ValidationError, match="300 words or fewer"):
        services.answer_save(actor=applicant, application=application, question=question, text="word " * 301)


def test_nobody_applies_to_a_closed_round_but_a_personal_deadline_lets_one_person_finish(applicant, coordinator):
    round_ = round_with_questions()
    application = complete_draft(applicant, round_)
    round_.closes_at = timezone.now() - timedelta(minutes=1)
    round_.opens_at = timezone.now() - timedelta(days=10)
    round_.save()
    application.refresh_from_db()
    with pytest.raises(ValidationError, match="closed"):
        services.application_submit(actor=applicant, application_id=application.pk, declaration=True)
    with pytest.raises(ValidationError):
        services.application_start(actor=UserFactory(), round_=round_)
    services.application_extend_deadline(
        actor=coordinator,
        application=application,
        deadline=timezone.now() + timedelta(days=3),
        reason="Needs the questions in BSL first",
    )
    submitted = services.application_submit(actor=applicant, application_id=application.pk, declaration=True)
    assert submitted.status == ApplicationStatus.SUBMITTED
    assert application.history.filter(history_change_reason__startswith="deadline extended").exists()


def test_only_the_panels_coordinator_may_extend_a_deadline(applicant, gender_coordinator):
    application = complete_draft(applicant, round_with_questions())
    with pytest.raises(PermissionDenied):
        services.application_extend_deadline(
            actor=gender_coordinator, application=application, deadline=timezone.now() + timedelta(days=40), reason="x"
        )


def test_nobody_else_can_change_or_submit_someone_elses_application(applicant, coordinator):
    application = complete_draft(applicant, round_with_questions())
    stranger = UserFactory()
    with pytest.raises(PermissionDenied):
        services.application_submit(actor=stranger, application_id=application.pk, declaration=True)
    with pytest.raises(PermissionDenied):
        services.application_withdraw(actor=coordinator, application=application)  # not recorded by them


def test_withdrawing_is_recorded_with_a_reason_and_a_message(applicant):
    application = complete_draft(applicant, round_with_questions())
    services.application_submit(actor=applicant, application_id=application.pk, declaration=True)
    services.application_withdraw(actor=applicant, application=application, reason="Moving away")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    assert application.history.first().history_change_reason == "Moving away"
    assert mail.outbox[-1].subject == "You have withdrawn your application to the Race Panel"


def test_a_coordinator_records_an_application_by_post_for_someone_without_email(coordinator):
    from accounts.services import person_create_offline

    round_ = round_with_questions()
    person = person_create_offline(actor=coordinator, full_name="Pat Post", address="1 Road", postcode="L1 1AA")
    application = services.application_record_assisted(
        actor=coordinator, round_=round_, applicant=person, method=RecordedMethod.PAPER
    )
    services.application_about_you_save(
        actor=coordinator, application=application, **{**ABOUT, "full_name": "Pat Post", "contact_channel": "post"}
    )
    for question in round_.questions.all():
        services.answer_save(actor=coordinator, application=application, question=question, text="From the form.")
    submitted = services.application_submit(actor=coordinator, application_id=application.pk, declaration=True)
    assert submitted.is_assisted and submitted.recorded_by == coordinator
    confirmation = Message.objects.get(kind="recruitment.application_submitted")
    assert confirmation.channel == Channel.LETTER  # waits in the letters queue
    assert mail.outbox == []


def test_monitoring_answers_are_kept_apart_and_can_be_deleted(applicant):
    application = complete_draft(applicant, round_with_questions())
    with pytest.raises(ValidationError):
        services.monitoring_save(actor=applicant, application=application, answers={"sex": "female"})
    application = services.application_submit(actor=applicant, application_id=application.pk, declaration=True)
    services.monitoring_save(
        actor=applicant, application=application, answers={"sex": "female", "religion": "prefer_not_to_say"}
    )
    assert MonitoringResponse.objects.get(application=application).sex == "female"
    assert not hasattr(MonitoringResponse, "history")
    services.monitoring_delete(actor=applicant, application=application)
    assert not MonitoringResponse.objects.exists()


def test_balance_answers_are_stored_only_with_consent_recorded_in_the_ledger(applicant):
    application = complete_draft(applicant, round_with_questions())
    application = services.application_submit(actor=applicant, application_id=application.pk, declaration=True)
    assert (
        services.balance_save(actor=applicant, application=application, answers={"age_band": "25_34"}, consent=False)
        is None
    )
    assert not BalanceResponse.objects.exists()
    assert not ConsentRecord.objects.filter(purpose=ConsentPurpose.BALANCE_SELECTION).exists()
    response = services.balance_save(
        actor=applicant, application=application, answers={"age_band": "25_34", "ethnic_group": "black"}, consent=True
    )
    assert response.consent.decision == ConsentDecision.GIVEN and response.consent.wording.version == 1
    services.balance_save(actor=applicant, application=application, answers={}, consent=False)
    assert not BalanceResponse.objects.exists()
    assert ConsentRecord.objects.filter(purpose=ConsentPurpose.BALANCE_SELECTION).last().decision == "withdrawn"


def test_only_the_rounds_balance_questions_and_their_options_are_accepted(applicant):
    application = complete_draft(applicant, round_with_questions())
    application = services.application_submit(actor=applicant, application_id=application.pk, declaration=True)
    for answers in [{"sex": "female"}, {"age_band": "200"}]:
        with pytest.raises(ValidationError):
            services.balance_save(actor=applicant, application=application, answers=answers, consent=True)
    assert not BalanceResponse.objects.exists()


def test_questions_cannot_be_added_or_removed_once_people_have_applied(coordinator, applicant):
    round_ = round_with_questions()
    services.application_start(actor=applicant, round_=round_)
    with pytest.raises(ValidationError):
        services.question_add(actor=coordinator, round_=round_, text="A new question?")
    with pytest.raises(ValidationError):
        services.question_remove(actor=coordinator, question=round_.questions.first())
    question = services.question_update(
        actor=coordinator, question=round_.questions.first(), text="Why join us?", guidance="", word_limit=None
    )
    assert question.text == "Why join us?"


def test_a_coordinator_creates_a_round_only_for_their_own_panel(coordinator, race_panel, gender_panel):
    fields = {
        "title": "Join us",
        "opens_at": timezone.now(),
        "closes_at": timezone.now() + timedelta(days=28),
        "places": 3,
        "role_description": "Plain words.",
        "role_description_easy_read": "Easy words.",
    }
    round_ = services.round_create(actor=coordinator, panel=race_panel, **fields)
    assert round_.history.get().history_user == coordinator
    with pytest.raises(PermissionDenied):
        services.round_create(actor=coordinator, panel=gender_panel, **fields)
    with pytest.raises(ValidationError):
        services.round_create(actor=coordinator, panel=race_panel, **{**fields, "closes_at": fields["opens_at"]})


def test_interview_adjustments_are_kept_out_of_history(applicant):
    application = complete_draft(applicant, round_with_questions())
    assert "interview_adjustments" not in {f.name for f in application.history.model._meta.fields}
    assert User.objects.get(pk=applicant.pk).phone == ABOUT["phone"]
