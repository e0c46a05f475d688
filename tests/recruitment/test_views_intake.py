"""Applying and running a round, through the pages."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from notifications.models import Channel, ConsentPurpose, ConsentRecord, Message
from recruitment.models import Application, ApplicationStatus, MonitoringResponse, Round
from tests.factories import UserFactory
from tests.recruitment.factories import round_with_questions

# Messages leave after commit, so these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)

ABOUT = {
    "full_name": "Alex Applicant",
    "phone": "0151 000 0002",
    "address": "2 Example Road",
    "postcode": "L2 2BB",
    "local_authority_area": "wirral",
    "contact_channel": "email",
    "contact_format": "standard",
    "interview_adjustments": "",
}


def page_text(response) -> str:
    return response.content.decode()


def apply(client, round_) -> Application:
    response = client.post(f"/rounds/{round_.pk}/apply/")
    assert response.status_code == 302
    return Application.objects.get(pk=response["Location"].split("/")[2])


def test_an_open_round_is_shown_on_its_panels_page_with_its_closing_date(client):
    round_ = round_with_questions(title="Join the Race Panel in 2027")
    page = page_text(client.get("/panels/race/"))
    assert "Join the Race Panel in 2027" in page
    assert f"/rounds/{round_.pk}/easy-read/" in page
    assert "Join the Race Panel in 2027" not in page_text(client.get("/panels/gender/"))


def test_a_round_has_an_easy_read_page(client):
    round_ = round_with_questions()
    assert "You tell leaders what is fair." in page_text(client.get(f"/rounds/{round_.pk}/easy-read/"))


def test_starting_an_application_needs_signing_in(client):
    round_ = round_with_questions()
    response = client.post(f"/rounds/{round_.pk}/apply/")
    assert response["Location"].startswith("/accounts/login/")


def test_a_whole_application_through_the_pages(signed_in, applicant):
    client = signed_in(applicant)
    round_ = round_with_questions(count=2)
    application = apply(client, round_)
    assert client.post(f"/applications/{application.pk}/about-you/", ABOUT)["Location"] == (
        f"/applications/{application.pk}/questions/1/"
    )
    assert client.post(f"/applications/{application.pk}/questions/1/", {"text": "First answer."})["Location"] == (
        f"/applications/{application.pk}/questions/2/"
    )
    assert client.post(f"/applications/{application.pk}/questions/2/", {"text": "Second answer."})["Location"] == (
        f"/applications/{application.pk}/check/"
    )
    check = page_text(client.get(f"/applications/{application.pk}/check/"))
    assert "First answer." in check and "Second answer." in check and "Wirral" in check
    assert f"/applications/{application.pk}/questions/2/" in check  # a change link
    response = client.post(f"/applications/{application.pk}/check/", {"declaration": "on"})
    assert response["Location"] == f"/applications/{application.pk}/equality/"
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert len(mail.outbox) == 1 and application.reference in mail.outbox[0].subject

    response = client.post(f"/applications/{application.pk}/equality/", {"sex": "female", "religion": "none"})
    assert response["Location"] == f"/applications/{application.pk}/balance/"
    assert MonitoringResponse.objects.get(application=application).sex == "female"
    response = client.post(
        f"/applications/{application.pk}/balance/", {"age_band": "25_34", "ethnic_group": "black", "consent": "yes"}
    )
    assert response["Location"] == f"/applications/{application.pk}/submitted/"
    submitted = page_text(client.get(f"/applications/{application.pk}/submitted/"))
    assert application.reference in submitted
    client.post(f"/applications/{application.pk}/submitted/", {"future_opportunities": "on"})
    assert ConsentRecord.objects.filter(person=applicant, purpose=ConsentPurpose.FUTURE_OPPORTUNITIES).exists()
    assert application.reference in page_text(client.get("/applications/"))


def test_sending_the_same_application_twice_gives_one_application_and_one_message(signed_in, applicant):
    client = signed_in(applicant)
    round_ = round_with_questions(count=1)
    application = apply(client, round_)
    client.post(f"/applications/{application.pk}/about-you/", ABOUT)
    client.post(f"/applications/{application.pk}/questions/1/", {"text": "An answer."})
    first = client.post(f"/applications/{application.pk}/check/", {"declaration": "on"})
    second = client.post(f"/applications/{application.pk}/check/", {"declaration": "on"})
    assert first.status_code == second.status_code == 302
    assert Application.objects.filter(round=round_, status=ApplicationStatus.SUBMITTED).count() == 1
    assert Message.objects.filter(kind="recruitment.application_submitted").count() == 1


def test_sending_makes_a_fixed_number_of_queries_whatever_the_number_of_questions(signed_in, applicant):
    """Session, person, the lock, the round, what is missing, the update, its history, the message
    (in a savepoint, so a repeated key is harmless) and the request's transaction: 12; and here,
    where Celery runs in the test, delivery's claim and finish after commit."""
    from tests.recruitment.factories import ready_to_send

    counts = []
    for questions in (1, 12):
        round_ = round_with_questions(count=questions)
        (application,) = ready_to_send(round_, 1)
        client = signed_in(application.applicant)
        with CaptureQueriesContext(connection) as queries:
            response = client.post(f"/applications/{application.pk}/check/", {"declaration": "on"})
        assert response.status_code == 302
        counts.append(len(queries))
    assert counts == [14, 14]


@pytest.mark.parametrize(
    "data, error",
    [
        ({**ABOUT, "full_name": ""}, "Enter your full name"),
        ({**ABOUT, "phone": "call me maybe"}, "Enter a phone number, like"),
        ({**ABOUT, "contact_channel": "post", "address": ""}, "Enter your address and postcode"),
        ({**ABOUT, "contact_channel": "pigeon"}, "Select a valid choice"),
        ({**ABOUT, "local_authority_area": ""}, "Select where you live"),
        ({**ABOUT, "full_name": "x" * 500}, "at most 200 characters"),
    ],
)
def test_bad_details_get_a_clear_error_and_keep_what_was_typed(signed_in, applicant, data, error):
    client = signed_in(applicant)
    application = apply(client, round_with_questions())
    response = client.post(f"/applications/{application.pk}/about-you/", data)
    page = page_text(response)
    assert response.status_code == 200
    assert "There is a problem" in page and error in page
    assert "2 Example Road" in page or data["address"] == ""


def test_an_answer_over_the_word_limit_is_kept_with_an_error(signed_in, applicant):
    client = signed_in(applicant)
    application = apply(client, round_with_questions(count=1))
    long_answer = "word " * 301
    page = page_text(client.post(f"/applications/{application.pk}/questions/1/", {"text": long_answer}))
    assert "Your answer must be 300 words or fewer" in page
    assert long_answer.strip() in page


def test_sending_without_the_declaration_or_answers_is_refused_clearly(signed_in, applicant):
    client = signed_in(applicant)
    application = apply(client, round_with_questions(count=1))
    page = page_text(client.post(f"/applications/{application.pk}/check/", {}))
    assert "Confirm that the information you have given is true" in page
    page = page_text(client.post(f"/applications/{application.pk}/check/", {"declaration": "on"}))
    assert "Select where you live" in page and "Answer question 1" in page
    assert not Application.objects.filter(status=ApplicationStatus.SUBMITTED).exists()


def test_someone_elses_application_is_not_found(signed_in, applicant):
    owner = UserFactory()
    round_ = round_with_questions()
    application = apply(signed_in(owner), round_)
    client = signed_in(applicant)
    for path in ["", "about-you/", "questions/1/", "check/", "equality/", "submitted/", "withdraw/"]:
        assert client.get(f"/applications/{application.pk}/{path}").status_code == 404, path
    assert client.post(f"/applications/{application.pk}/withdraw/").status_code == 404


def test_withdrawing_needs_a_confirmation(signed_in, applicant):
    client = signed_in(applicant)
    application = apply(client, round_with_questions())
    assert "Are you sure" in page_text(client.get(f"/applications/{application.pk}/withdraw/"))
    client.post(f"/applications/{application.pk}/withdraw/", {"reason": "No time"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN


def test_a_closed_round_cannot_be_applied_to_and_says_so(signed_in, applicant):
    round_ = round_with_questions(
        opens_at=timezone.now() - timedelta(days=30), closes_at=timezone.now() - timedelta(days=1)
    )
    assert "This round closed on" in page_text(signed_in(applicant).get(f"/rounds/{round_.pk}/"))
    response = signed_in(applicant).post(f"/rounds/{round_.pk}/apply/", follow=True)
    assert "This round is not open for applications." in page_text(response)
    assert not Application.objects.exists()


def test_monitoring_answers_are_never_shown_to_the_coordinator(signed_in, applicant, coordinator):
    client = signed_in(applicant)
    application = apply(client, round_with_questions(count=1))
    client.post(f"/applications/{application.pk}/about-you/", ABOUT)
    client.post(f"/applications/{application.pk}/questions/1/", {"text": "An answer."})
    client.post(f"/applications/{application.pk}/check/", {"declaration": "on"})
    client.post(f"/applications/{application.pk}/equality/", {"sexual_orientation": "bisexual", "religion": "sikh"})
    page = page_text(signed_in(coordinator).get(f"/staff/applications/{application.pk}/"))
    assert "An answer." in page
    for word in ["Bisexual", "bisexual", "Sikh", "sikh", "sexual orientation", "Religion"]:
        assert word not in page


def test_a_coordinator_creates_a_round_with_questions_and_criteria(signed_in, coordinator):
    client = signed_in(coordinator)
    opens = timezone.localtime() + timedelta(days=1)
    response = client.post(
        "/staff/panels/race/rounds/new/",
        {
            "title": "Join the Race Panel",
            "opens_at": opens.strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (opens + timedelta(days=28)).strftime("%Y-%m-%dT%H:%M"),
            "places": "4",
            "role_description": "Plain words.",
            "role_description_easy_read": "Easy words.",
            "balance_questions": ["age_band"],
        },
    )
    round_ = Round.objects.get()
    assert response["Location"] == f"/staff/rounds/{round_.pk}/"
    assert round_.balance_questions == ["age_band"]
    client.post(f"/staff/rounds/{round_.pk}/questions/", {"question-text": "Why?", "question-word_limit": "250"})
    client.post(f"/staff/rounds/{round_.pk}/criteria/", {"criterion-name": "Insight", "criterion-marking_guide": "0-3"})
    assert list(round_.questions.values_list("text", "word_limit")) == [("Why?", 250)]
    assert round_.criteria.get().name == "Insight"
    preview = page_text(client.get(f"/staff/rounds/{round_.pk}/preview/"))
    assert "This is a preview" in preview


def test_round_dates_must_make_sense(signed_in, coordinator):
    response = signed_in(coordinator).post(
        "/staff/panels/race/rounds/new/",
        {"title": "X", "opens_at": "2027-01-10T09:00", "closes_at": "2027-01-01T09:00", "places": "0",
         "role_description": "a", "role_description_easy_read": "b"},
    )  # fmt: skip
    page = page_text(response)
    assert "There is a problem" in page
    assert not Round.objects.exists()


def test_a_coordinator_cannot_see_another_panels_rounds(signed_in, gender_coordinator):
    round_ = round_with_questions()
    client = signed_in(gender_coordinator)
    for path in [
        f"/staff/rounds/{round_.pk}/",
        f"/staff/rounds/{round_.pk}/applications/",
        "/staff/panels/race/rounds/",
    ]:
        assert client.get(path).status_code == 404, path


def test_the_applications_list_counts_by_status_and_filters(signed_in, coordinator, applicant):
    round_ = round_with_questions()
    apply(signed_in(applicant), round_)
    apply(signed_in(UserFactory()), round_)
    Application.objects.filter(applicant=applicant).update(status=ApplicationStatus.SUBMITTED, reference="EP-1")
    client = signed_in(coordinator)
    page = page_text(client.get(f"/staff/rounds/{round_.pk}/applications/"))
    assert "All (2)" in page and "Draft (1)" in page and "Submitted (1)" in page
    filtered = page_text(client.get(f"/staff/rounds/{round_.pk}/applications/?status=submitted"))
    assert "EP-1" in filtered and "Alex Applicant" in filtered


@pytest.mark.parametrize("count", [10, 1000])
def test_the_applications_list_makes_the_same_queries_for_10_or_1000_applications(signed_in, coordinator, count):
    round_ = round_with_questions()
    people = User.objects.bulk_create(User(email=f"bulk{n}@example.org", full_name=f"P {n}") for n in range(count))
    Application.objects.bulk_create(Application(round=round_, applicant=person) for person in people)
    client = signed_in(coordinator)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/staff/rounds/{round_.pk}/applications/")
    assert response.status_code == 200
    assert len(queries) <= 12


def test_a_coordinator_records_a_paper_application_for_someone_without_email(signed_in, coordinator):
    round_ = round_with_questions(count=1)
    client = signed_in(coordinator)
    response = client.post(f"/staff/rounds/{round_.pk}/assisted/", {"method": "paper", "full_name": "Pat Post"})
    application = Application.objects.get()
    assert response["Location"] == f"/applications/{application.pk}/about-you/"
    client.post(
        f"/applications/{application.pk}/about-you/", {**ABOUT, "full_name": "Pat Post", "contact_channel": "post"}
    )
    client.post(f"/applications/{application.pk}/questions/1/", {"text": "Written on the form."})
    client.post(f"/applications/{application.pk}/check/", {"declaration": "on"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.recorded_by == coordinator and application.applicant.email is None
    assert Message.objects.get(kind="recruitment.application_submitted").channel == Channel.LETTER


def test_a_coordinator_gives_one_person_more_time(signed_in, coordinator, applicant):
    application = apply(signed_in(applicant), round_with_questions())
    later = (timezone.localtime() + timedelta(days=60)).strftime("%Y-%m-%dT%H:%M")
    client = signed_in(coordinator)
    page = page_text(client.post(f"/staff/applications/{application.pk}/", {"deadline": later, "reason": ""}))
    assert "Say why this person needs more time" in page
    client.post(f"/staff/applications/{application.pk}/", {"deadline": later, "reason": "Needs BSL"})
    application.refresh_from_db()
    assert application.deadline_reason == "Needs BSL"


def test_sign_up_rejects_form_filling_bots_with_the_honeypot(client):
    from tests.factories import PASSWORD

    response = client.post(
        "/accounts/signup/",
        {"email": "bot@example.org", "password1": PASSWORD, "password2": PASSWORD, "website": "http://spam"},
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="bot@example.org").exists()


def test_starting_applications_over_and_over_is_rate_limited(signed_in, applicant):
    client = signed_in(applicant)
    round_ = round_with_questions()
    statuses = [client.post(f"/rounds/{round_.pk}/apply/").status_code for _ in range(21)]
    assert statuses[:20] == [302] * 20
    assert statuses[20] == 429
    assert "Too many attempts" in client.post(f"/rounds/{round_.pk}/apply/").content.decode()


def test_a_person_downloads_their_own_equality_answers_and_nobody_else_can(signed_in, applicant, coordinator):
    client = signed_in(applicant)
    application = apply(client, round_with_questions(count=1))
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.SUBMITTED, reference="EP-000009")
    client.post(f"/applications/{application.pk}/equality/", {"religion": "buddhist"})
    response = client.get(f"/applications/{application.pk}/equality/download/")
    assert response["Content-Disposition"] == 'attachment; filename="equality-answers-EP-000009.json"'
    assert response.json()["equality_monitoring_answers"]["Religion"] == "Buddhist"
    assert signed_in(coordinator).get(f"/applications/{application.pk}/equality/download/").status_code == 404


def test_coordinators_see_only_totals_of_equality_answers(signed_in, coordinator, gender_coordinator):
    round_ = round_with_questions()
    person = UserFactory()
    application = Application.objects.create(round=round_, applicant=person, status=ApplicationStatus.SUBMITTED)
    MonitoringResponse.objects.create(application=application, religion="sikh")
    page = signed_in(coordinator).get(f"/staff/rounds/{round_.pk}/equality/").content.decode()
    assert "Religion" in page
    assert 'govuk-table__cell--numeric">fewer than 5</td>' in page  # one Sikh applicant, not "1"
    assert person.full_name not in page and person.email not in page
    assert signed_in(gender_coordinator).get(f"/staff/rounds/{round_.pk}/equality/").status_code == 404
