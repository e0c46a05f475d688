"""Review through the pages (recruitment/views/review.py): anonymous to reviewers, clear errors,
constant queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from recruitment import services
from recruitment.models import Application, ApplicationStatus, ReviewAssignment
from recruitment.services.review import _assign
from tests.recruitment.factories import closed_round, reviewers_for, submitted_applications
from tests.responses import text, title_of


def test_a_reviewer_never_sees_who_applied(signed_in, reviewer, started, round_):
    client = signed_in(reviewer)
    pages = [
        text(client.get(f"/review/rounds/{round_.pk}/")),
        text(client.get(f"/review/rounds/{round_.pk}/questions/1/")),
    ]
    pages += [text(client.get(f"/review/{a.pk}/")) for a in ReviewAssignment.objects.filter(reviewer=reviewer)]
    for application in started:
        person = application.applicant
        for page in pages:
            for detail in (person.full_name, person.email, "0151 496 0000", application.reference):
                assert detail not in page
            assert application.get_local_authority_area_display() not in page
    assert started[0].review_code in "".join(pages) or started[1].review_code in "".join(pages)


def test_an_answer_naming_the_applicant_is_held_back_until_redacted(db, signed_in, reviewer, coordinator, race_panel):
    round_ = closed_round()
    reviewers_for(race_panel, 1)
    (application,) = submitted_applications(round_, 1, answer="I am Sam Bulkperson and I live nearby.")
    services.review_start(actor=coordinator, round_=round_)
    mine = ReviewAssignment.objects.get(reviewer=reviewer)
    reading = signed_in(reviewer)
    page = text(reading.get(f"/review/{mine.pk}/"))
    assert "Bulkperson" not in page and "checking this answer" in page

    staff = signed_in(coordinator)
    assert "contains their name" in text(staff.get(f"/staff/rounds/{round_.pk}/review/"))
    answer = application.answers.first()
    response = staff.post(f"/staff/answers/{answer.pk}/redact/", {"redacted_text": ""})
    assert "Enter the answer as reviewers should read it" in text(response)
    staff.post(f"/staff/answers/{answer.pk}/redact/", {"redacted_text": "I am [name removed] and I live nearby."})
    page = text(reading.get(f"/review/{mine.pk}/"))
    assert "[name removed]" in page and "Bulkperson" not in page


def test_scoring_keeps_what_was_typed_when_something_is_missing(signed_in, reviewer, started, round_):
    mine = ReviewAssignment.objects.filter(reviewer=reviewer).first()
    first, second = round_.criteria.all()
    client = signed_in(reviewer)
    response = client.post(
        f"/review/{mine.pk}/", {f"score_{first.pk}": "3", f"comment_{first.pk}": "Strong examples", "send": "1"}
    )
    page = text(response)
    assert "There is a problem" in page and "Give a score for Criterion 2" in page
    assert f'href="#id_score_{second.pk}_0"' in page  # the summary links to the field
    assert "Strong examples" in page and 'value="3" checked' in page
    assert 'class="govuk-radios govuk-radios--inline"' in page  # a short scale reads across
    response = client.post(f"/review/{mine.pk}/", {f"score_{first.pk}": "99", "save": "1"})
    assert "Select a valid choice" in text(response)


def test_other_scores_appear_only_after_sending_your_own(signed_in, reviewer, started, round_):
    mine = ReviewAssignment.objects.filter(reviewer=reviewer).first()
    other = mine.application.assignments.exclude(pk=mine.pk).get()
    criteria = list(round_.criteria.all())
    services.review_record(
        actor=other.reviewer, assignment=other, scores={c.pk: (1, "Their secret view") for c in criteria}, submit=True
    )
    client = signed_in(reviewer)
    assert "Their secret view" not in text(client.get(f"/review/{mine.pk}/"))
    data = {f"score_{c.pk}": "4" for c in criteria} | {"send": "1"}
    assert client.post(f"/review/{mine.pk}/", data).status_code == 302
    page = text(client.get(f"/review/{mine.pk}/"))
    assert "Their secret view" in page and "Another reviewer" in page
    assert other.reviewer.full_name not in page


def test_another_reviewers_assignment_is_not_found(signed_in, reviewer, started):
    theirs = ReviewAssignment.objects.exclude(reviewer=reviewer).first()
    client = signed_in(reviewer)
    assert client.get(f"/review/{theirs.pk}/").status_code == 404
    assert client.post(f"/review/{theirs.pk}/conflict/", {"reason": "x"}).status_code == 404


def test_declaring_a_conflict_takes_the_application_off_the_list(signed_in, reviewer, started, race_panel):
    reviewers_for(race_panel, 1)  # someone free to take it
    mine = ReviewAssignment.objects.filter(reviewer=reviewer).first()
    client = signed_in(reviewer)
    assert "Say briefly why" in text(client.post(f"/review/{mine.pk}/conflict/", {"reason": ""}))
    assert client.post(f"/review/{mine.pk}/conflict/", {"reason": "My neighbour"}).status_code == 302
    assert client.get(f"/review/{mine.pk}/").status_code == 404


def test_the_coordinator_sees_scores_and_moderates_a_disagreement(signed_in, coordinator, started, round_):
    application = started[0]
    criteria = list(round_.criteria.all())
    for assignment, value in zip(application.assignments.all(), (0, 4), strict=True):
        services.review_record(
            actor=assignment.reviewer, assignment=assignment, scores={c.pk: (value, "") for c in criteria}, submit=True
        )
    client = signed_in(coordinator)
    assert "Needing moderation (1)" in text(client.get(f"/staff/rounds/{round_.pk}/review/"))
    assert application.review_code in text(client.get(f"/staff/rounds/{round_.pk}/review/?show=moderation"))
    page = text(client.get(f"/staff/applications/{application.pk}/scores/"))
    assert "Needs moderation" in page and "spread 8" in page
    error = text(client.post(f"/staff/applications/{application.pk}/moderate/", {"score": "abc", "reason": "Fair"}))
    assert "Enter a number, like 7 or 7.5" in error and "Fair" in error
    client.post(f"/staff/applications/{application.pk}/moderate/", {"score": "5", "reason": "Answer 2 was partial"})
    assert "Moderated: 5" in text(client.get(f"/staff/rounds/{round_.pk}/review/"))


def test_starting_review_from_the_page_says_what_is_wrong(signed_in, coordinator, round_):
    submitted_applications(round_, 2)
    client = signed_in(coordinator)
    response = client.post(f"/staff/rounds/{round_.pk}/review/start/", follow=True)
    assert "Each application needs 2 reviewers, but the panel has 0" in text(response)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_review_pages_make_the_same_queries_for_10_or_1000_applications(
    db, signed_in, coordinator, reviewer, race_panel
):
    round_ = closed_round()
    reviewers_for(race_panel, 1)
    submitted_applications(round_, 10)
    services.review_start(actor=coordinator, round_=round_)
    staff, mine = signed_in(coordinator), signed_in(reviewer)
    urls = [
        (staff, f"/staff/rounds/{round_.pk}/review/"),
        (staff, f"/staff/rounds/{round_.pk}/shortlist/"),
        (staff, f"/staff/rounds/{round_.pk}/applications/"),
        (mine, f"/review/rounds/{round_.pk}/"),
        (mine, f"/review/rounds/{round_.pk}/questions/1/"),
        (mine, "/review/"),
    ]
    small = [_queries(client, url) for client, url in urls]
    # 990 more, put into review in bulk as starting review does (one at a time would take minutes).
    more = submitted_applications(round_, 990)
    _assign(round_, more, [reviewer.pk])
    for application in more:
        application.status = ApplicationStatus.IN_REVIEW
    Application.objects.bulk_update(more, ["status", "review_code"])
    large = [_queries(client, url) for client, url in urls]
    assert large == small


# Titles: a person with several tabs open, or a screen reader listing them, tells the pages apart
# by their titles, so each filter, page of a list and preview says what it is.


def test_the_reviewers_round_and_the_coordinators_review_have_titles_of_their_own(
    signed_in, reviewer, coordinator, started, round_
):
    assert title_of(signed_in(reviewer).get(f"/review/rounds/{round_.pk}/")) == (
        f"Your applications to review – {round_.title}"
    )
    client = signed_in(coordinator)
    review = f"/staff/rounds/{round_.pk}/review/"
    assert title_of(client.get(review)) == f"Review and scores – {round_.title}"
    moderation = title_of(client.get(f"{review}?show=moderation"))
    assert moderation == f"Review and scores: needing moderation – {round_.title}"


def test_the_review_list_says_which_page_it_is_in_its_title(signed_in, coordinator, started, round_, monkeypatch):
    monkeypatch.setattr("recruitment.views.review.PAGE_SIZE", 2)
    client = signed_in(coordinator)
    review = f"/staff/rounds/{round_.pk}/review/"
    assert title_of(client.get(review)) == f"Review and scores (page 1 of 2) – {round_.title}"
    assert title_of(client.get(f"{review}?page=2")) == f"Review and scores (page 2 of 2) – {round_.title}"


def test_each_conflict_of_interest_page_names_its_application_and_round(signed_in, reviewer, started, round_):
    client = signed_in(reviewer)
    titles = set()
    for assignment in ReviewAssignment.objects.filter(reviewer=reviewer).select_related("application"):
        title = title_of(client.get(f"/review/{assignment.pk}/conflict/"))
        assert title == (
            f"Declare a conflict of interest: application {assignment.application.review_code} – {round_.title}"
        )
        titles.add(title)
    assert len(titles) == len(started)
