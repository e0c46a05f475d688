"""An applicant's own pages, read as they would read them: check your answers, what they sent,
the status of their application in every state, easy read, and the balance questions."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from recruitment import services
from recruitment.models import Application, ApplicationStatus
from tests.recruitment.factories import round_with_questions
from tests.recruitment.test_views_intake import ABOUT, apply, page_text

pytestmark = pytest.mark.django_db(transaction=True)


def title_of(page: str) -> str:
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
    assert title_of(page).startswith("Error: Check your answers")
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
    assert "<form" not in copy.split('id="main-content"')[1] and "<textarea" not in copy


def test_the_status_of_a_sent_application_and_what_can_be_done_with_it(draft):
    client, application = draft
    application = sent(client, application)
    page = page_text(client.get(f"/applications/{application.pk}/"))
    assert title_of(page).startswith("Your application to the Race Panel: sent")
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
    assert "<form" not in again.split('id="main-content"')[1]
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
