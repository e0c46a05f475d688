"""Applying and running a round through the pages (recruitment/views/intake.py): a round's pages,
an application from its start to what the applicant is shown after sending it, in every state,
and the coordinator's pages for a round and its applications."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from notifications.models import Channel, ConsentPurpose, ConsentRecord, Message
from recruitment import services
from recruitment.models import Application, ApplicationStatus, MonitoringResponse, Round, RoundStatus
from tests.factories import UserFactory
from tests.recruitment.factories import round_with_questions
from tests.responses import title_of

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
    # Equality answers are never kept in the browser if the session ends while they are typed.
    assert '<form method="post" novalidate data-idle-no-keep>' in client.get(response["Location"]).content.decode()

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
    """Session, person, the route's look-up of the application (where its permission is declared),
    the lock, the round, what is missing, the update, its history, the message (in a savepoint, so
    a repeated key is harmless) and the request's transaction: 13; and here, where Celery runs in
    the test, delivery's claim and finish after commit."""
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
    assert counts == [15, 15]


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
    application = Application.objects.create(
        round=round_, applicant=person, status=ApplicationStatus.SUBMITTED, submitted_at=timezone.now()
    )
    MonitoringResponse.objects.create(application=application, religion="sikh")
    Round.objects.filter(pk=round_.pk).update(status=RoundStatus.RELEASED)
    page = signed_in(coordinator).get(f"/staff/rounds/{round_.pk}/equality/").content.decode()
    assert "Too few people to report" in page and "1 person has applied" in page
    assert "Sikh" not in page and "<table" not in page  # one Sikh applicant: no table at all
    assert person.full_name not in page and person.email not in page
    assert signed_in(gender_coordinator).get(f"/staff/rounds/{round_.pk}/equality/").status_code == 404


def test_the_applications_list_puts_its_status_filter_and_page_in_its_title(
    signed_in, coordinator, started, round_, monkeypatch
):
    monkeypatch.setattr("recruitment.views.intake.PAGE_SIZE", 2)
    client = signed_in(coordinator)
    applications = f"/staff/rounds/{round_.pk}/applications/"
    assert title_of(client.get(applications)) == f"Applications (page 1 of 2) – {round_.title}"
    assert title_of(client.get(f"{applications}?status=in_review&page=2")) == (
        f"Applications: in review (page 2 of 2) – {round_.title}"
    )
    assert title_of(client.get(f"{applications}?status=shortlisted")) == f"Applications: shortlisted – {round_.title}"
    assert title_of(client.get(f"{applications}?status=nonsense")) == f"Applications (page 1 of 2) – {round_.title}"


def test_moving_between_pages_of_a_filtered_list_keeps_the_filter(signed_in, coordinator, started, round_, monkeypatch):
    monkeypatch.setattr("recruitment.views.intake.PAGE_SIZE", 2)
    client = signed_in(coordinator)
    page = client.get(f"/staff/rounds/{round_.pk}/applications/?status=in_review").content.decode()
    assert 'href="?status=in_review&amp;page=2" rel="next"' in page
    page = client.get(f"/staff/rounds/{round_.pk}/applications/?status=in_review&page=2").content.decode()
    assert 'href="?status=in_review&amp;page=1" rel="prev"' in page


# The applicant's own pages, read as they would read them: check your answers, what they sent, the
# status of their application in every state, easy read, and the balance questions.


def title_in(page: str) -> str:
    return re.search(r"<title>(.*?)</title>", page, re.DOTALL).group(1).strip()


@pytest.fixture
def draft(signed_in, applicant):
    client = signed_in(applicant)
    application = apply(client, round_with_questions(count=3))
    return client, application


# Check your answers


def test_check_your_answers_lists_every_problem_at_the_top_each_linked_to_where_it_is_put_right(draft):
    client, application = draft
    application.applicant.full_name = ""
    application.applicant.save(update_fields=["full_name"])
    client.post(f"/applications/{application.pk}/questions/2/", {"text": "An answer."})
    response = client.post(f"/applications/{application.pk}/check/", {})
    page = page_text(response)
    assert response.status_code == 200
    assert title_in(page).startswith("Error: Check your answers")
    summary = page.index("govuk-error-summary")
    assert summary < page.index("<h1") < page.index("govuk-summary-list")
    base = f"/applications/{application.pk}"
    links = re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', page[summary : page.index("<h1")])
    assert links == [
        (f"{base}/about-you/?return=check#id_full_name", "Enter your full name"),
        (f"{base}/about-you/?return=check#id_local_authority_area_0", "Select where you live"),
        (f"{base}/questions/1/?return=check#id_text", "Answer question 1"),
        (f"{base}/questions/3/?return=check#id_text", "Answer question 3"),
        ("#id_declaration", "Confirm that the information you have given is true"),
    ]


def test_change_comes_back_to_check_your_answers_instead_of_walking_on(draft):
    client, application = draft
    base = f"/applications/{application.pk}"
    check = page_text(client.get(f"{base}/check/"))
    assert f'href="{base}/questions/1/?return=check"' in check
    assert f'href="{base}/about-you/?return=check"' in check
    question = page_text(client.get(f"{base}/questions/1/?return=check"))
    assert f'href="{base}/check/" class="govuk-back-link"' in question
    assert client.post(f"{base}/questions/1/?return=check", {"text": "Changed."})["Location"] == f"{base}/check/"
    assert client.post(f"{base}/about-you/?return=check", ABOUT)["Location"] == f"{base}/check/"
    # Without the mark, the person walks on through the questions as before.
    assert client.post(f"{base}/questions/1/", {"text": "Changed."})["Location"] == f"{base}/questions/2/"


# What was sent, and where it stands


def sent(client, application) -> Application:
    base = f"/applications/{application.pk}"
    client.post(f"{base}/about-you/", ABOUT)
    for order in (1, 2, 3):
        client.post(f"{base}/questions/{order}/", {"text": f"My answer to question {order}."})
    client.post(f"{base}/check/", {"declaration": "on"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    return application


def test_the_applicant_can_read_what_they_sent_as_a_printable_copy_that_changes_nothing(draft):
    client, application = draft
    base = f"/applications/{application.pk}"
    assert client.get(f"{base}/as-sent/")["Location"] == base + "/"  # nothing sent yet
    application = sent(client, application)
    status = page_text(client.get(f"{base}/"))
    assert f'href="{base}/as-sent/"' in status
    copy = page_text(client.get(f"{base}/as-sent/"))
    for text in [
        application.reference,
        "Wirral",
        "My answer to question 1.",
        "My answer to question 3.",
        "Question 2?",
    ]:
        assert text in copy
    assert 'data-module="app-print"' in copy
    # A question reworded after sending still reads, in the copy, as the person answered it.
    question = application.round.questions.get(order=2)
    question.text = "Question 2, reworded?"
    question.save()
    assert "Question 2?" in page_text(client.get(f"{base}/as-sent/"))
    assert "<form" not in copy.split('id="main-content"')[1].split("</main>")[0] and "<textarea" not in copy


def test_the_status_of_a_sent_application_and_what_can_be_done_with_it(draft):
    client, application = draft
    application = sent(client, application)
    page = page_text(client.get(f"/applications/{application.pk}/"))
    assert title_in(page).startswith("Your application to the Race Panel: sent")
    assert "Sent" in page and application.reference in page
    assert f'href="/applications/{application.pk}/withdraw/"' in page
    assert "govuk-task-list" not in page


def test_a_withdrawn_application_says_so_and_offers_no_way_to_withdraw_it_again(draft):
    client, application = draft
    application = sent(client, application)
    base = f"/applications/{application.pk}"
    assert client.post(f"{base}/withdraw/", {"reason": "No time now"})["Location"] == base + "/"
    page = page_text(client.get(f"{base}/"))
    assert "You withdrew this application on" in page
    assert "You sent this application" not in page
    assert f"{base}/withdraw/" not in page
    assert f"{base}/as-sent/" in page  # what they sent can still be read
    assert client.get(f"{base}/withdraw/")["Location"] == base + "/"
    assert client.get(f"{base}/submitted/")["Location"] == base + "/"
    assert f"{base}/withdraw/" not in page_text(client.get("/applications/"))


def test_a_draft_withdrawn_before_it_was_sent_says_that(draft):
    client, application = draft
    client.post(f"/applications/{application.pk}/withdraw/", {"reason": ""})
    page = page_text(client.get(f"/applications/{application.pk}/"))
    assert "You withdrew this application" in page and "before sending it" in page
    assert "as-sent" not in page


def decided(application, status, *, released: bool, feedback: str = "") -> None:
    """Set the outcome as the decision and release services leave it (they are tested in
    test_services_decisions.py): here only what the applicant is shown is under test."""
    application.status = status
    application.feedback = feedback
    application.released_status = status if released else ""
    application.outcome_released_at = timezone.now() if released else None
    application.save()


@pytest.mark.parametrize(
    "status, released, says, can_withdraw",
    [
        (ApplicationStatus.UNSUCCESSFUL, False, "Interviewed", True),  # decided, not yet told
        (ApplicationStatus.UNSUCCESSFUL, True, "not successful this time", False),
        (ApplicationStatus.NOT_SHORTLISTED, False, "Being considered", True),
        (ApplicationStatus.NOT_SHORTLISTED, True, "not successful this time", False),
        (ApplicationStatus.APPOINTED, True, "You have been appointed", False),
        (ApplicationStatus.RESERVE, True, "You are on the reserve list", True),
        (ApplicationStatus.INVITED, False, "We would like to meet you at an interview", True),
    ],
)
def test_the_status_page_tells_the_truth_in_every_state(draft, status, released, says, can_withdraw):
    client, application = draft
    application = sent(client, application)
    decided(application, status, released=released, feedback="Your answers were strong on lived experience.")
    page = page_text(client.get(f"/applications/{application.pk}/"))
    assert says in page
    assert (f"/applications/{application.pk}/withdraw/" in page) is can_withdraw
    told_it_was_not_successful = released and status in (
        ApplicationStatus.UNSUCCESSFUL,
        ApplicationStatus.NOT_SHORTLISTED,
    )
    assert ("strong on lived experience" in page) is told_it_was_not_successful
    if not can_withdraw:
        with pytest.raises(Exception, match="can no longer be withdrawn"):
            services.application_withdraw(actor=application.applicant, application=application)


# Easy read, and the balance questions


def test_a_rounds_easy_read_page_gives_the_exact_closing_time_the_questions_and_every_way_to_apply(client):
    closes = timezone.localtime().replace(hour=17, minute=0, second=0, microsecond=0) + timedelta(days=20)
    round_ = round_with_questions(count=2, closes_at=closes)
    first = round_.questions.get(order=1)
    first.easy_read = "Why do you want to join?\nTell us in your own words."
    first.save()
    page = page_text(client.get(f"/rounds/{round_.pk}/easy-read/"))
    assert f"5pm on {closes:%A} {closes.day} {closes:%B %Y}" in page
    assert "Why do you want to join?<br>Tell us in your own words." in page
    assert "Question 2?" in page  # no easy read wording: the question as it is
    assert f'href="/rounds/{round_.pk}/apply/"' in page  # online
    assert "Phone 0151 000 0000" in page
    assert 'href="/account/consents/future_opportunities/"' in page  # hearing about the next one


def test_a_closed_rounds_easy_read_page_offers_the_next_round_instead_of_applying(client):
    round_ = round_with_questions(
        opens_at=timezone.now() - timedelta(days=30), closes_at=timezone.now() - timedelta(days=1)
    )
    page = page_text(client.get(f"/rounds/{round_.pk}/easy-read/"))
    assert "You cannot apply now" in page
    assert f"/rounds/{round_.pk}/apply/" not in page
    assert 'href="/account/consents/future_opportunities/"' in page


@pytest.mark.parametrize("path", ["/panels/race/", "/panels/race/easy-read/"])
def test_a_panel_not_recruiting_says_how_to_hear_about_the_next_round(client, path, race_panel):
    page = page_text(client.get(path))
    assert 'href="/account/consents/future_opportunities/"' in page
    assert "0151 000 0000" in page


def test_a_panels_easy_read_page_gives_its_open_rounds_closing_time(client):
    closes = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0) + timedelta(days=9)
    round_ = round_with_questions(closes_at=closes)
    page = page_text(client.get("/panels/race/easy-read/"))
    assert f"midday on {closes:%A} {closes.day} {closes:%B %Y}" in page
    assert f'href="/rounds/{round_.pk}/easy-read/"' in page


def test_the_coordinator_sets_a_questions_easy_read_wording_and_the_applicant_sees_it_beside_it(
    signed_in, coordinator, applicant
):
    round_ = round_with_questions(count=1)
    question = round_.questions.get()
    staff = signed_in(coordinator)
    response = staff.post(
        f"/staff/rounds/{round_.pk}/questions/{question.pk}/",
        {"text": "Why do you want to join?", "easy_read": "Why do you want to be on the panel?", "guidance": ""},
    )
    assert response.status_code == 302
    client = signed_in(applicant)
    application = apply(client, round_)
    page = page_text(client.get(f"/applications/{application.pk}/questions/1/"))
    assert "Why do you want to join?" in page and "Why do you want to be on the panel?" in page
    # Read out with the answer box.
    assert 'id="question-easy-read"' in page
    assert 'aria-describedby="question-easy-read"' in page


def test_the_balance_page_says_why_age_and_ethnic_group_are_asked_again_and_copies_nothing_across(draft):
    client, application = draft
    application = sent(client, application)
    base = f"/applications/{application.pk}"
    client.post(f"{base}/equality/", {"age_band": "25_34", "ethnicity": "black_african"})
    assert (application.monitoring.age_band, application.monitoring.ethnicity) == ("25_34", "black_african")
    page = page_text(client.get(f"{base}/balance/"))
    assert "Why we ask some questions again" in page
    assert "never used to choose anyone" in page
    assert "checked" not in page.split("<form")[1]  # nothing chosen for them


# An application a coordinator recorded for someone


def test_a_coordinator_records_equality_answers_once_and_never_sees_them_again(signed_in, coordinator):
    round_ = round_with_questions(count=1)
    staff = signed_in(coordinator)
    application = services.application_record_assisted(
        actor=coordinator, round_=round_, method="paper", full_name="Pat Post"
    )
    base = f"/applications/{application.pk}"
    staff.post(f"{base}/about-you/", {**ABOUT, "full_name": "Pat Post", "contact_channel": "post"})
    staff.post(f"{base}/questions/1/", {"text": "My answer, from the paper form."})
    staff.post(f"{base}/check/", {"declaration": "on"})
    blank = page_text(staff.get(f"{base}/equality/"))
    assert "record their answers here" in blank and "Delete my answers" not in blank
    staff.post(f"{base}/equality/", {"gender_same_as_sex": "no", "sexual_orientation": "bisexual"})
    application.refresh_from_db()
    assert application.monitoring.sexual_orientation == "bisexual"
    again = page_text(staff.get(f"{base}/equality/"))
    assert "Only they can see, change or delete them" in again
    assert "<form" not in again.split('id="main-content"')[1].split("</main>")[0]
    for word in ["Bisexual", "bisexual", 'value="no" checked', "checked"]:
        assert word not in again
    # Nothing a coordinator posts can change or delete them now.
    staff.post(f"{base}/equality/", {"delete": "1"})
    staff.post(f"{base}/equality/", {"sexual_orientation": "gay_or_lesbian"})
    application.refresh_from_db()
    assert application.monitoring.sexual_orientation == "bisexual"
    status = page_text(staff.get(f"{base}/"))
    assert f"{base}/equality/" not in status
    assert f'href="/staff/applications/{application.pk}/" class="govuk-back-link"' in status


def test_a_reserve_appointed_later_reads_as_a_reserve_until_told(draft):
    client, application = draft
    application = sent(client, application)
    decided(application, ApplicationStatus.RESERVE, released=False)
    assert "Interviewed" in page_text(client.get(f"/applications/{application.pk}/"))  # reserve not yet told
    decided(application, ApplicationStatus.RESERVE, released=True)
    application.status = ApplicationStatus.APPOINTED  # a place came up: decided, not yet released
    application.save()
    page = page_text(client.get(f"/applications/{application.pk}/"))
    assert "You are on the reserve list" in page and "appointed" not in page.lower()


def sent_for_pat_post(client, round_) -> Application:
    """The coordinator signed in with `client` records Pat's paper application and sends it."""
    client.post(f"/staff/rounds/{round_.pk}/assisted/", {"method": "paper", "full_name": "Pat Post"})
    application = Application.objects.get(round=round_)
    about = {**ABOUT, "full_name": "Pat Post", "contact_channel": "post"}
    client.post(f"/applications/{application.pk}/about-you/", about)
    client.post(f"/applications/{application.pk}/questions/1/", {"text": "Written on the form."})
    client.post(f"/applications/{application.pk}/check/", {"declaration": "on"})
    return application


def test_a_coordinator_records_balance_consent_for_someone_who_applied_on_paper(signed_in, coordinator):
    round_ = round_with_questions(count=1, balance_questions=["age_band"])
    client = signed_in(coordinator)
    application = sent_for_pat_post(client, round_)
    balance = f"/applications/{application.pk}/balance/"
    assert client.get(balance).status_code == 200
    response = client.post(balance, {"consent": "yes", "age_band": "65_74"})
    assert response["Location"] == f"/applications/{application.pk}/submitted/"
    record = ConsentRecord.objects.get(person=application.applicant, purpose=ConsentPurpose.BALANCE_SELECTION)
    assert (record.decision, record.method, record.recorded_by) == ("given", "paper", coordinator)
    assert application.applicant.applications.get().balance.answers == {"age_band": "65_74"}


def test_equality_answers_typed_in_for_someone_cannot_be_read_back_by_any_member_of_staff(
    signed_in, coordinator, administrator
):
    round_ = round_with_questions(count=1)
    client = signed_in(coordinator)
    application = sent_for_pat_post(client, round_)
    equality = f"/applications/{application.pk}/equality/"
    client.post(equality, {"religion": "sikh", "sexual_orientation": "bisexual"})
    assert MonitoringResponse.objects.get(application=application).religion == "sikh"
    for page in [equality, f"/staff/applications/{application.pk}/", f"/staff/rounds/{round_.pk}/audit/"]:
        shown = client.get(page).content.decode()
        assert "Sikh" not in shown and "Bisexual" not in shown and "checked" not in shown.split("<main", 1)[1], page
    assert client.get(f"/applications/{application.pk}/equality/download/").status_code == 404
    assert client.post(f"/applications/{application.pk}/equality/delete/").status_code == 404
    admin = signed_in(administrator)
    assert "Sikh" not in admin.get(f"/staff/applications/{application.pk}/").content.decode()
    assert admin.get(f"/applications/{application.pk}/equality/download/").status_code == 404
