"""The interview pages (recruitment/views/interviews.py): the coordinator sets times and interviewers
and invites everyone shortlisted; the applicant books, accepts, declines or asks for another time;
each interviewer (a member such as the chair among them) sends a scorecard and sees the others'
only afterwards. Who may reach each page is checked at the end."""

from datetime import timedelta

import pytest
from django.utils import timezone

from notifications.models import Message
from recruitment import services
from recruitment.models import ApplicationStatus, DecisionReason, Interview, InterviewScorecard
from tests.factories import UserFactory
from tests.recruitment.factories import interview_time
from tests.responses import text, title_of

S = ApplicationStatus


@pytest.fixture
def shortlisted(started, coordinator):
    for application in started:
        application.refresh_from_db()
        services.application_decide(
            actor=coordinator, application=application, status=S.SHORTLISTED, reason=DecisionReason.MET_CRITERIA
        )
    return started


def test_the_coordinator_sets_interviewers_and_times_then_invites_everyone_shortlisted(
    signed_in, coordinator, member, shortlisted, round_
):
    client = signed_in(coordinator)
    page = f"/staff/rounds/{round_.pk}/interviews/"
    assert "3 shortlisted people are waiting for an invitation" in text(client.get(page))
    refused = client.post(f"{page}interviewers/", {"person": ""})
    assert "Choose who will interview" in text(refused) and title_of(refused).startswith("Error: ")
    for person in (coordinator, member):
        assert client.post(f"{page}interviewers/", {"person": person.pk}).status_code == 302
    assert "Morgan Member" in text(client.get(page))

    when = timezone.localtime() + timedelta(days=6)
    no_one = {"starts_at": f"{when:%Y-%m-%d}T10:00", "minutes": "45", "place": "Room 4"}
    assert "Choose at least one interviewer" in text(client.post(f"{page}times/", no_one))
    nowhere = {"starts_at": f"{when:%Y-%m-%d}T10:00", "minutes": "45", "interviewers": [member.pk]}
    assert "Enter the place or an online joining link" in text(client.post(f"{page}times/", nowhere))
    for hour in (10, 11):
        form = {"starts_at": f"{when:%Y-%m-%d}T{hour}:00", "minutes": "45", "place": "Room 4",
                "interviewers": [coordinator.pk, member.pk]}  # fmt: skip
        assert client.post(f"{page}times/", form).status_code == 302
    # Two times for three people: inviting waits, and says why.
    waiting = text(client.post(f"{page}invite/"))
    assert "There are 2 free interview times for 3 people to choose from. Add at least 1 more" in waiting
    form = {"starts_at": f"{when:%Y-%m-%d}T12:00", "minutes": "45", "online_link": "meet.example.org/a",
            "interviewers": [member.pk]}  # fmt: skip
    client.post(f"{page}times/", form)
    assert client.post(f"{page}invite/").status_code == 302
    assert Message.objects.filter(kind="recruitment.interview_invitation").count() == 3
    assert {a.status for a in round_.applications.all()} == {S.INVITED}


@pytest.fixture
def invited(shortlisted, coordinator, member, round_):
    """Everyone invited; the coordinator and Morgan Member, a member of the panel, interview at each time."""
    slots = [interview_time(round_, coordinator, interviewers=[coordinator, member]) for _ in range(4)]
    services.interviews_invite(actor=coordinator, round_=round_)
    return [Interview.objects.get(application=a) for a in shortlisted], slots


def test_the_applicant_chooses_a_time_then_asks_for_another(signed_in, invited):
    (interview, *_), slots = invited
    application = interview.application
    client = signed_in(application.applicant, two_factor=False)
    page = f"/applications/{application.pk}/interview/"
    assert "Choose a time" in text(client.get(page))
    refused = client.post(f"{page}book/", {})
    assert "Choose a time" in text(refused) and title_of(refused).startswith("Error: ")
    assert client.post(f"{page}book/", {"slot": slots[2].pk}).status_code == 302
    shown = text(client.get(page))
    assert "You have accepted this time" in shown and "Room 1" in shown
    assert "Tell us which days or times would suit you" in text(client.post(f"{page}rearrange/", {"note": ""}))
    assert client.post(f"{page}rearrange/", {"note": "Mornings, please."}).status_code == 302
    interview.refresh_from_db()
    assert interview.state == "rearrange" and interview.slot is None
    assert "You asked for another time" in text(client.get(page))


def test_the_applicant_accepts_a_time_booked_for_them(signed_in, coordinator, invited):
    (interview, *_), slots = invited
    application = interview.application
    staff = signed_in(coordinator)
    form = {"slot": slots[0].pk, "adjustments_confirmed": "A ramp at the side door."}
    assert staff.post(f"/staff/applications/{application.pk}/interview/book/", form).status_code == 302
    client = signed_in(application.applicant, two_factor=False)
    page = f"/applications/{application.pk}/interview/"
    shown = text(client.get(page))
    assert "We booked this time for you" in shown and "A ramp at the side door." in shown
    client.post(f"{page}accept/")
    interview.refresh_from_db()
    assert interview.accepted_at is not None


def test_a_member_interviewing_sends_a_scorecard_and_only_then_sees_the_others(
    signed_in, coordinator, member, invited, round_
):
    (interview, *_), slots = invited
    services.interview_book(
        actor=coordinator, interview=interview, slot=slots[0], adjustments_confirmed="Questions in large print."
    )
    first, second = round_.criteria.all()
    services.scorecard_record(
        actor=coordinator, interview=interview, submit=True, scores={first.pk: (4, "Vivid."), second.pk: (4, "")}
    )
    client = signed_in(member, two_factor=False)
    assert interview.application.applicant.display_name in text(client.get("/interviews/"))
    page = f"/interviews/{interview.pk}/"
    shown = text(client.get(page))
    assert "Questions in large print." in shown and "Vivid." not in shown
    missing = client.post(page, {f"score_{first.pk}": "2", "send": "1"})
    assert f"Give a score for {second.name}" in text(missing) and title_of(missing).startswith("Error: ")
    client.post(page, {f"score_{first.pk}": "2", f"score_{second.pk}": "2", "send": "1"})
    shown = text(client.get(page))
    assert "Vivid." in shown and "The interview score is 75.0 out of 100" in shown
    interview.application.refresh_from_db()
    assert interview.application.status == S.INTERVIEWED


def test_nothing_can_be_scored_before_a_time_is_booked(signed_in, coordinator, member, shortlisted, round_):
    # Shortlisted, not yet invited: the coordinator's page says so, and offers no score.
    application = shortlisted[0]
    staff_page = text(signed_in(coordinator).get(f"/staff/applications/{application.pk}/interview/"))
    assert "They have not been invited to interview" in staff_page and "Scorecards" not in staff_page
    # Invited, still choosing a time: not on any interviewer's list, and a forced send finds nothing.
    slots = [interview_time(round_, coordinator, interviewers=[coordinator, member]) for _ in shortlisted]
    services.interviews_invite(actor=coordinator, round_=round_)
    interview = Interview.objects.get(application=application)
    client = signed_in(member, two_factor=False)
    assert "Scorecard for" not in text(client.get("/interviews/"))
    marks = {f"score_{c.pk}": "3" for c in round_.criteria.all()} | {"send": "1"}
    assert client.post(f"/interviews/{interview.pk}/", marks).status_code == 404
    assert not InterviewScorecard.objects.exists()
    assert slots  # the times were there to book: it is the booking that is missing


def test_an_interviewer_declares_a_conflict(signed_in, coordinator, member, invited):
    (interview, *_), slots = invited
    services.interview_book(actor=coordinator, interview=interview, slot=slots[0])
    client = signed_in(member, two_factor=False)
    page = f"/interviews/{interview.pk}/conflict/"
    assert "Say briefly why" in text(client.post(page, {"reason": ""}))
    assert client.post(page, {"reason": "My neighbour."}).status_code == 302
    assert "You declared a conflict of interest" in text(client.get(f"/interviews/{interview.pk}/"))


# Who may reach the interview pages that are not staff pages: the applicant's own, and each
# interviewer's. Anyone else is told nothing is there.
PEOPLE = ["anonymous", "the applicant", "another applicant", "interviewer at the time", "interviewer elsewhere"]
PAGES = {
    #                                             anon  own  other  at time  elsewhere
    ("GET", "/applications/{a}/interview/"): [302, 200, 404, 404, 404],
    ("POST", "/applications/{a}/interview/accept/"): [302, 302, 404, 404, 404],
    ("GET", "/applications/{a}/interview/decline/"): [302, 200, 404, 404, 404],
    ("GET", "/applications/{a}/interview/rearrange/"): [302, 200, 404, 404, 404],
    ("POST", "/applications/{a}/interview/book/"): [302, 200, 404, 404, 404],
    ("GET", "/interviews/"): [302, 404, 404, 200, 200],
    ("GET", "/interviews/{i}/"): [302, 404, 404, 200, 404],
    ("GET", "/interviews/{i}/conflict/"): [302, 404, 404, 200, 404],
}


def test_who_may_reach_the_applicants_and_interviewers_pages(client, signed_in, coordinator, member, invited, round_):
    (interview, other, _), slots = invited
    services.interview_book(actor=coordinator, interview=interview, slot=slots[0])
    elsewhere = UserFactory()
    from members.models import StaffRoleKind
    from members.services import staff_role_grant

    staff_role_grant(actor=None, user=elsewhere, role=StaffRoleKind.REVIEWER, panel=round_.panel)
    services.interviewer_add(actor=coordinator, round_=round_, person=elsewhere)
    people = [None, interview.application.applicant, other.application.applicant, member, elsewhere]
    wrong = []
    for n, person in enumerate(people):
        browser = client if person is None else signed_in(person, two_factor=False)
        for (method, pattern), expected in PAGES.items():
            url = pattern.format(a=interview.application_id, i=interview.pk)
            response = browser.post(url) if method == "POST" else browser.get(url)
            if response.status_code != expected[n]:
                wrong.append(f"{PEOPLE[n]}: {method} {url} gave {response.status_code}, expected {expected[n]}")
    assert wrong == []


def test_staff_interviewing_pass_their_second_factor_before_seeing_what_is_arranged(signed_in, coordinator, invited):
    (interview, *_), slots = invited
    services.interview_book(
        actor=coordinator, interview=interview, slot=slots[0], adjustments_confirmed="A quiet room to wait in."
    )
    response = signed_in(coordinator, two_factor=False).get(f"/interviews/{interview.pk}/")
    assert response.status_code == 302 and "A quiet room" not in response.content.decode()


def test_the_interview_lists_cost_the_same_queries_for_one_interview_as_for_many(
    signed_in, coordinator, member, race_panel, round_
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.recruitment.factories import reviewers_for, submitted_applications

    reviewers_for(race_panel, 2)
    applications = submitted_applications(round_, 4)
    services.review_start(actor=coordinator, round_=round_)
    staff, interviewer = signed_in(coordinator), signed_in(member, two_factor=False)
    counts = []
    for application in applications[:1], applications[1:]:
        for one in application:
            one.refresh_from_db()
            services.application_decide(
                actor=coordinator, application=one, status=S.SHORTLISTED, reason=DecisionReason.MET_CRITERIA
            )
        slots = [interview_time(round_, coordinator, interviewers=[coordinator, member]) for _ in application]
        services.interviews_invite(actor=coordinator, round_=round_)
        for one, slot in zip(application, slots, strict=True):
            services.interview_book(actor=one.applicant, interview=Interview.objects.get(application=one), slot=slot)
        with CaptureQueriesContext(connection) as on_staff_page:
            assert staff.get(f"/staff/rounds/{round_.pk}/interviews/").status_code == 200
        with CaptureQueriesContext(connection) as on_interviewers_list:
            assert interviewer.get("/interviews/").status_code == 200
        counts.append((len(on_staff_page), len(on_interviewers_list)))
    assert counts[0] == counts[1]
