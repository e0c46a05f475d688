"""A round's pages as its coordinator uses them (recruitment/views/rounds.py): a draft nobody else
sees, a preview with the checklist, publishing, questions and criteria that change only while they
may, and a clear message (never an error page) for every move the round no longer allows."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from recruitment import services
from recruitment.models import Round, RoundStatus
from tests.recruitment.factories import closed_round, reviewers_for, round_with_questions, submitted_applications
from tests.responses import text, title_of

pytestmark = pytest.mark.django_db

DETAILS = {
    "title": "Join the Race Panel",
    "places": "4",
    "role_description": "Plain words.",
    "role_description_easy_read": "Easy words.",
}


def minutes(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def details_of(round_: Round, **changes) -> dict:
    """The round's details form as the page shows it, with `changes` typed over it."""
    shown = {
        "title": round_.title, "opens_at": minutes(round_.opens_at), "closes_at": minutes(round_.closes_at),
        "places": str(round_.places), "role_description": round_.role_description,
        "role_description_easy_read": round_.role_description_easy_read,
    }  # fmt: skip
    return {**shown, **changes}


def test_a_coordinator_drafts_checks_and_publishes_a_round(signed_in, coordinator, client):
    staff = signed_in(coordinator)
    opens = timezone.localtime() - timedelta(minutes=5)
    response = staff.post(
        "/staff/panels/race/rounds/new/",
        {**DETAILS, "opens_at": minutes(opens), "closes_at": minutes(opens + timedelta(days=28))},
    )
    round_ = Round.objects.get()
    assert response["Location"] == f"/staff/rounds/{round_.pk}/"
    assert round_.status == RoundStatus.DRAFT
    assert "Where the round is: draft" in text(staff.get(f"/staff/rounds/{round_.pk}/"))
    # Nobody outside sees a draft, or can start an application to it.
    assert client.get(f"/rounds/{round_.pk}/").status_code == 404
    assert "Join the Race Panel" not in text(client.get("/panels/race/"))
    assert staff.post(f"/rounds/{round_.pk}/apply/").status_code == 404

    preview = staff.get(f"/staff/rounds/{round_.pk}/preview/")
    assert "Add at least one question" in text(preview) and "Publish the round" not in text(preview)
    assert "Apply by" in text(preview) and "Start your application" not in text(preview)
    refused = staff.post(f"/staff/rounds/{round_.pk}/publish/")
    assert refused.status_code == 200 and title_of(refused).startswith("Error: ")
    assert "The round cannot be published yet" in text(refused) and "needs 2 reviewers" in text(refused)

    staff.post(f"/staff/rounds/{round_.pk}/questions/", {"question-text": "Why?", "question-word_limit": "250"})
    staff.post(f"/staff/rounds/{round_.pk}/criteria/", {"criterion-name": "Insight", "criterion-marking_guide": "0-3"})
    reviewers_for(round_.panel, 2)
    assert "Publish the round" in text(staff.get(f"/staff/rounds/{round_.pk}/preview/"))
    assert staff.post(f"/staff/rounds/{round_.pk}/publish/")["Location"] == f"/staff/rounds/{round_.pk}/"
    round_.refresh_from_db()
    assert round_.status == RoundStatus.PUBLISHED
    assert client.get(f"/rounds/{round_.pk}/").status_code == 200
    assert "Join the Race Panel" in text(client.get("/panels/race/"))


def test_round_dates_must_make_sense(signed_in, coordinator):
    response = signed_in(coordinator).post(
        "/staff/panels/race/rounds/new/",
        {"title": "X", "opens_at": "2027-01-10T09:00", "closes_at": "2027-01-01T09:00", "places": "0",
         "role_description": "a", "role_description_easy_read": "b"},
    )  # fmt: skip
    assert "There is a problem" in text(response)
    assert not Round.objects.exists()


def test_moving_a_closed_rounds_closing_date_gets_a_clear_error_and_it_stays_closed(signed_in, coordinator, client):
    round_ = closed_round()
    later = timezone.now() + timedelta(days=14)
    response = signed_in(coordinator).post(f"/staff/rounds/{round_.pk}/", details_of(round_, closes_at=minutes(later)))
    assert response.status_code == 200
    page = text(response)
    assert re.search(r'href="#id_closes_at">This round has closed, so its dates cannot change', response.text)
    assert "personal deadline" in page
    round_.refresh_from_db()
    assert round_.closes_at < timezone.now()
    assert "Apply by" not in text(client.get(f"/rounds/{round_.pk}/"))


def test_an_open_round_saves_other_details_without_touching_its_dates(signed_in, coordinator):
    round_ = round_with_questions()
    before = (round_.opens_at, round_.closes_at)
    response = signed_in(coordinator).post(f"/staff/rounds/{round_.pk}/", details_of(round_, title="A clearer title"))
    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.title == "A clearer title" and (round_.opens_at, round_.closes_at) == before


def test_criteria_are_not_offered_once_review_starts_and_a_forced_post_gets_a_clear_error(
    signed_in, coordinator, race_panel
):
    round_ = closed_round()
    reviewers_for(race_panel, 2)
    services.review_start(actor=coordinator, round_=round_)
    staff = signed_in(coordinator)
    page = text(staff.get(f"/staff/rounds/{round_.pk}/"))
    assert "Add a criterion" not in page and "the criteria are fixed" in page
    forced = staff.post(
        f"/staff/rounds/{round_.pk}/criteria/", {"criterion-name": "Late", "criterion-marking_guide": "x"}
    )
    assert forced.status_code == 200 and "Review has started, so the criteria cannot change" in text(forced)
    criterion = round_.criteria.first()
    for address in [
        f"criteria/{criterion.pk}/",
        f"criteria/{criterion.pk}/remove/",
        f"criteria/{criterion.pk}/move/down/",
    ]:
        response = staff.post(f"/staff/rounds/{round_.pk}/{address}", {"name": "x", "marking_guide": "y"})
        assert response.status_code == 200, address
        assert "Review has started, so the criteria cannot change" in text(response), address
    assert round_.criteria.count() == 2


def test_questions_are_moved_and_criteria_changed_and_removed_from_the_round_page(signed_in, coordinator):
    round_ = round_with_questions(2)
    staff = signed_in(coordinator)
    second = round_.questions.get(order=2)
    assert staff.post(f"/staff/rounds/{round_.pk}/questions/{second.pk}/move/up/").status_code == 302
    assert list(round_.questions.values_list("text", flat=True)) == ["Question 2?", "Question 1?"]
    assert staff.post(f"/staff/rounds/{round_.pk}/questions/{second.pk}/move/sideways/").status_code == 404
    criterion = round_.criteria.get()
    staff.post(f"/staff/rounds/{round_.pk}/criteria/{criterion.pk}/", {"name": "Insight", "marking_guide": "0 to 4."})
    criterion.refresh_from_db()
    assert (criterion.name, criterion.marking_guide) == ("Insight", "0 to 4.")
    assert staff.post(f"/staff/rounds/{round_.pk}/criteria/{criterion.pk}/remove/").status_code == 302
    assert not round_.criteria.exists()


def test_once_people_apply_questions_can_be_reworded_but_not_moved_or_removed(signed_in, coordinator, applicant):
    round_ = round_with_questions(2)
    services.application_start(actor=applicant, round_=round_)
    staff = signed_in(coordinator)
    page = text(staff.get(f"/staff/rounds/{round_.pk}/"))
    assert "Add a question" not in page and "Move up" not in page and "People have started applying" in page
    first = round_.questions.get(order=1)
    assert "Remove question" not in text(staff.get(f"/staff/rounds/{round_.pk}/questions/{first.pk}/"))
    forced = staff.post(f"/staff/rounds/{round_.pk}/questions/{first.pk}/move/down/")
    assert forced.status_code == 200 and "People have already started applying" in text(forced)


def test_an_archived_round_is_read_only(signed_in, coordinator):
    round_ = closed_round()
    Round.objects.filter(pk=round_.pk).update(status=RoundStatus.RELEASED)
    staff = signed_in(coordinator)
    assert "Archive the round" in text(staff.get(f"/staff/rounds/{round_.pk}/"))
    assert staff.post(f"/staff/rounds/{round_.pk}/archive/").status_code == 302
    page = text(staff.get(f"/staff/rounds/{round_.pk}/"))
    assert "This round is archived" in page
    assert "Save details" not in page and "Add a question" not in page and "Add a criterion" not in page
    forced = staff.post(f"/staff/rounds/{round_.pk}/", details_of(round_, title="Changed"))
    assert forced.status_code == 200 and "archived, so nothing in it can change" in text(forced)


def test_archiving_before_outcomes_are_released_is_refused_clearly(signed_in, coordinator):
    round_ = closed_round()
    response = signed_in(coordinator).post(f"/staff/rounds/{round_.pk}/archive/")
    assert response.status_code == 200 and "only once its outcomes have been released" in text(response)


def test_the_audit_pack_names_what_happened_to_every_application_and_downloads(signed_in, coordinator, started, round_):
    application = started[0]
    services.application_moderate(actor=coordinator, application=application, score=6, reason="Agreed in panel.")
    client = signed_in(coordinator)
    page = text(client.get(f"/staff/rounds/{round_.pk}/audit/"))
    assert "For internal use only" in page and application.reference in page and "Agreed in panel." in page
    download = client.get(f"/staff/rounds/{round_.pk}/audit.csv")
    assert download["Content-Type"].startswith("text/csv") and download["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert rows[0] == ["reference", "applicant", "when", "what", "who", "why"]
    assert [application.reference, application.applicant.display_name] in [row[:2] for row in rows]
    assert any(row[3] == "Score moderated to 6.00" and row[5] == "Agreed in panel." for row in rows)
    staff_page = text(client.get(f"/staff/applications/{application.pk}/"))
    assert "What has happened" in staff_page and "Agreed in panel." in staff_page


def test_the_audit_pack_costs_the_same_queries_for_a_small_round_and_a_large_one(
    signed_in, coordinator, started, round_
):
    client = signed_in(coordinator)
    with CaptureQueriesContext(connection) as small:
        client.get(f"/staff/rounds/{round_.pk}/audit/")
    submitted_applications(round_, 20)
    with CaptureQueriesContext(connection) as large:
        client.get(f"/staff/rounds/{round_.pk}/audit/")
    assert len(small) == len(large)
