"""Decisions through the pages (recruitment/views/decisions.py): shortlisting by a cut-off, a
decision, an interview and the outcomes released together, with clear errors."""

from datetime import date

import pytest
from django.db import transaction
from django.utils import timezone

from notifications.models import Message
from recruitment import services
from recruitment.models import ApplicationStatus, DecisionReason
from tests.forms import date_input
from tests.recruitment.factories import interview_held
from tests.responses import text, title_of


def test_shortlisting_by_cut_off_shows_the_count_first(signed_in, coordinator, started, round_):
    criteria = list(round_.criteria.all())
    for application, value in zip(started, (1, 3, 4), strict=True):
        for assignment in application.assignments.all():
            services.review_record(
                actor=assignment.reviewer, assignment=assignment, scores={c.pk: (value, "") for c in criteria},
                submit=True,
            )  # fmt: skip
    client = signed_in(coordinator)
    assert "2 of 3" in text(client.get(f"/staff/rounds/{round_.pk}/shortlist/?cutoff=6"))
    assert "Enter a number" in text(client.get(f"/staff/rounds/{round_.pk}/shortlist/?cutoff=lots"))
    assert not round_.applications.filter(status=ApplicationStatus.SHORTLISTED).exists()
    assert client.post(f"/staff/rounds/{round_.pk}/shortlist/", {"cutoff": "6"}).status_code == 302
    assert round_.applications.filter(status=ApplicationStatus.SHORTLISTED).count() == 2


def test_interview_and_outcome_through_the_pages(signed_in, coordinator, started, round_):
    application = started[0]
    application.interview_adjustments = "I use a wheelchair."
    application.save(update_fields=["interview_adjustments"])
    client = signed_in(coordinator)
    decide = f"/staff/applications/{application.pk}/decide/"
    assert "Choose a reason" in text(client.post(decide, {"status": "shortlisted", "reason": ""}))
    assert "Select a valid choice" in text(client.post(decide, {"status": "appointed", "reason": "selected"}))
    client.post(decide, {"status": "shortlisted", "reason": DecisionReason.MET_CRITERIA})

    # The interview itself is the interview pages' (tests/recruitment/test_views_interviews.py).
    interview_held(application, coordinator)
    assert "I use a wheelchair." in text(client.get(f"/staff/applications/{application.pk}/interview/"))
    client.post(decide, {"status": "appointed", "reason": DecisionReason.SELECTED})

    outcomes = f"/staff/rounds/{round_.pk}/outcomes/"
    page = text(client.get(outcomes))
    assert "Appointed: 1" in page and "You have been appointed to the Race Panel" in page
    today = timezone.localdate()
    html = client.get(outcomes).content.decode()
    for part, value in (("day", today.day), ("month", today.month), ("year", today.year)):
        assert f'name="term_start_{part}" type="text" inputmode="numeric" value="{value}"' in html
    assert "Send 1 outcome message<" in page and "1 person has an outcome" in page
    assert not Message.objects.filter(kind__startswith="recruitment.outcome").exists()
    assert "Enter a real date" in text(client.post(outcomes, date_input("term_start", parts=("31", "2", "2027"))))
    no_month = date_input("term_start", parts=("1", "", "2027"))
    assert "The date must include a month" in text(client.post(outcomes, no_month))
    assert client.post(outcomes, date_input("term_start", date(2027, 1, 1))).status_code == 302
    assert Message.objects.filter(kind="recruitment.outcome_appointed").count() == 1
    assert "There are no outcomes waiting" in text(client.get(outcomes))


def test_the_applicant_sees_no_decision_until_it_is_released(signed_in, coordinator, started, round_):
    application = started[0]
    services.application_decide(
        actor=coordinator, application=application, status=ApplicationStatus.NOT_SHORTLISTED,
        reason=DecisionReason.PLACES,
    )  # fmt: skip
    client = signed_in(application.applicant)
    page = text(client.get("/applications/"))
    assert "Being considered" in page and "Not shortlisted" not in page
    services.outcomes_release(actor=coordinator, round_=round_)
    assert "Not shortlisted" in text(client.get("/applications/"))


def test_inviting_and_interviewing_happen_on_the_interview_page_not_as_a_bare_decision(signed_in, coordinator, started):
    application = started[0]
    services.application_decide(
        actor=coordinator, application=application, status=ApplicationStatus.SHORTLISTED,
        reason=DecisionReason.MET_CRITERIA,
    )  # fmt: skip
    client = signed_in(coordinator)
    page = text(client.get(f"/staff/applications/{application.pk}/decide/"))
    assert "Not shortlisted" in page and "Invited to interview" not in page
    client.post(f"/staff/applications/{application.pk}/decide/", {"status": "invited", "reason": "met_criteria"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SHORTLISTED


def test_the_shortlist_title_says_when_it_is_previewing_a_cut_off(signed_in, coordinator, started, round_):
    client = signed_in(coordinator)
    shortlist = f"/staff/rounds/{round_.pk}/shortlist/"
    assert title_of(client.get(shortlist)) == f"Shortlist by a cut-off score – {round_.title}"
    assert title_of(client.get(f"{shortlist}?cutoff=6")) == f"Shortlist at a cut-off of 6: preview – {round_.title}"
    assert title_of(client.get(f"{shortlist}?cutoff=")) == f"Error: Shortlist by a cut-off score – {round_.title}"


def test_a_reason_that_does_not_fit_the_decision_is_refused_beside_the_field(signed_in, coordinator, started):
    application = started[0]
    client = signed_in(coordinator)
    address = f"/staff/applications/{application.pk}/decide/"
    assert '<optgroup label="If not shortlisted">' in text(client.get(address))
    response = client.post(address, {"status": "not_shortlisted", "reason": "met_criteria"})
    wrong = "“Met the criteria” is not a reason for marking someone not shortlisted"
    assert f'href="#id_reason">{wrong}' in text(response)
    application.refresh_from_db()
    assert application.status == "in_review"


def test_releasing_when_nobody_is_appointed_asks_for_no_term_start(signed_in, coordinator, started, round_):
    services.application_decide(
        actor=coordinator, application=started[0], status=ApplicationStatus.NOT_SHORTLISTED,
        reason=DecisionReason.PLACES,
    )  # fmt: skip
    client = signed_in(coordinator)
    outcomes = f"/staff/rounds/{round_.pk}/outcomes/"
    assert "terms start on" not in text(client.get(outcomes))
    assert client.post(outcomes, {})["Location"] == f"/staff/rounds/{round_.pk}/applications/"
    assert Message.objects.filter(kind="recruitment.outcome_not_shortlisted").count() == 1


@pytest.mark.django_db(transaction=True)
def test_an_outcome_refused_by_the_applicants_mail_server_shows_on_the_rounds_page_to_fix(
    smtp, signed_in, coordinator, started, round_
):
    refused, delivered = started[0], started[1]
    smtp.unknown.add(refused.applicant.email)
    for application in (refused, delivered):
        services.application_decide(
            actor=coordinator, application=application, status=ApplicationStatus.NOT_SHORTLISTED,
            reason=DecisionReason.PLACES,
        )  # fmt: skip
    client = signed_in(coordinator)
    with transaction.atomic():
        services.outcomes_release(actor=coordinator, round_=round_)
    page = text(client.get(f"/staff/rounds/{round_.pk}/applications/"))
    assert "Messages to applicants in this round" in page
    assert "The email address was refused: it may be mistyped, or no longer in use." in page
    failed = Message.objects.get(recipient=refused.applicant, kind="recruitment.outcome_not_shortlisted")
    assert f"/staff/messages/{failed.pk}/fix/" in page
    assert client.get(f"/staff/messages/{failed.pk}/fix/").status_code == 200
    assert Message.objects.filter(reference=round_.message_reference).count() == 2


def test_messages_queued_before_they_named_their_round_are_given_it(coordinator, started, round_):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("recruitment.migrations.0015_messages_name_their_round")
    application = started[0]
    services.application_decide(
        actor=coordinator, application=application, status=ApplicationStatus.NOT_SHORTLISTED,
        reason=DecisionReason.PLACES,
    )  # fmt: skip
    services.outcomes_release(actor=coordinator, round_=round_)
    Message.objects.update(reference="")
    migration.name_their_round(apps, None)
    outcome = Message.objects.get(kind="recruitment.outcome_not_shortlisted")
    assert outcome.reference == round_.message_reference
