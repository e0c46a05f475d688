"""An applicant's own pages, read as they would read them: check your answers, what they sent,
the status of their application in every state, easy read, and the balance questions."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from recruitment import services
from recruitment.models import Application, ApplicationStatus
from tests.recruitment.factories import round_with_questions
from tests.recruitment.test_views import ABOUT, apply, page_text

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
