"""Who reaches engagement's pages (ADR 0024): an officer their own requests only; a panel's chair
their panel's requests, as a member; the panel's coordinators and administrators the staff pages.
Every engagement route is here, and an officer is refused every staff page of the service."""

import pytest
from django.urls import reverse

from engagement.models import Engagement, OfficerStatus
from tests.engagement.factories import a_chair, a_request, an_engagement, an_officer
from tests.portal.test_access import MATRIX, url_for
from tests.routes import all_routes

ROLES = ["anonymous", "member", "chair", "officer", "other_officer", "coordinator", "gender_coordinator",
         "administrator"]  # fmt: skip
# 200 allowed, 302 to sign in (or, after a POST, on to the next page), 403 not their role, 404 not theirs.
ENGAGEMENT_MATRIX = {
    #                                                       anon member chair officer other coord gcoord admin
    ("GET", "engagement:officer_start", None): [200, 200, 200, 200, 200, 200, 200, 200],
    ("GET", "engagement:officer_register", None): [302, 200, 200, 200, 200, 200, 200, 200],
    ("GET", "engagement:officer_home", None): [302, 403, 403, 200, 200, 403, 403, 403],
    ("GET", "engagement:request_write", None): [302, 403, 403, 200, 200, 403, 403, 403],
    ("GET", "engagement:request", "request"): [302, 403, 403, 200, 404, 403, 403, 403],
    ("GET", "engagement:request", "draft"): [302, 403, 403, 200, 404, 403, 403, 403],
    ("GET", "engagement:request_change", "draft"): [302, 403, 403, 200, 404, 403, 403, 403],
    ("GET", "engagement:request_document_add", "draft"): [302, 403, 403, 200, 404, 403, 403, 403],
    ("GET", "engagement:document", "document"): [302, 403, 403, 200, 404, 200, 404, 200],
    ("GET", "engagement:officers", None): [302, 403, 403, 403, 403, 403, 403, 200],
    ("GET", "engagement:officer_refuse", "waiting_officer"): [302, 403, 403, 403, 403, 403, 403, 200],
    ("GET", "engagement:panel_requests", "race"): [302, 403, 403, 403, 403, 200, 404, 200],
    ("GET", "engagement:engagement", "engagement"): [302, 403, 403, 403, 403, 200, 404, 200],
    ("GET", "engagement:engagement_triage", "engagement"): [302, 403, 403, 403, 403, 200, 404, 200],
    # A chair reads their panel's requests as a member; staff use their own pages.
    ("GET", "engagement:chair_requests", "race"): [302, 404, 200, 404, 404, 404, 404, 404],
    ("GET", "engagement:chair_requests", "gender"): [302, 404, 404, 404, 404, 404, 404, 404],
    ("GET", "engagement:chair_engagement", "engagement"): [302, 404, 200, 404, 404, 404, 404, 404],
    ("GET", "engagement:chair_document", "document"): [302, 404, 200, 404, 404, 404, 404, 404],
    # An officer changes only their own request; the request sent is no longer a draft to change.
    ("POST", "engagement:request_document_remove", "draft_document"): [302, 403, 403, 302, 404, 403, 403, 403],
    ("POST", "engagement:request_submit", "draft"): [302, 403, 403, 302, 404, 403, 403, 403],
    ("POST", "engagement:request_change", "request"): [302, 403, 403, 302, 404, 403, 403, 403],
    ("POST", "engagement:officer_approve", "waiting_officer"): [302, 403, 403, 403, 403, 403, 403, 302],
    # After triage: the panel's coordinators schedule it and write the advice; the chair approves
    # it; the officer answers it; both agree what is published.
    ("GET", "engagement:engagement_schedule", "accepted"): [302, 403, 403, 403, 403, 200, 404, 200],
    ("GET", "engagement:consultation_record", "written"): [302, 403, 403, 403, 403, 200, 404, 200],
    ("GET", "engagement:advice_write", "written"): [302, 403, 403, 403, 403, 200, 404, 200],
    ("GET", "engagement:publication_write", "answered"): [302, 403, 403, 403, 403, 200, 404, 200],
    ("GET", "engagement:panel_stats", "race"): [302, 403, 403, 403, 403, 200, 404, 200],
    ("GET", "engagement:panel_stats_csv", "race"): [302, 403, 403, 403, 403, 200, 404, 200],
    ("GET", "engagement:respond", "advised"): [302, 403, 403, 200, 404, 403, 403, 403],
    ("POST", "engagement:officer_publication_agree", "answered"): [302, 403, 403, 302, 404, 403, 403, 403],
    ("POST", "engagement:chair_advice_approve", "written"): [302, 404, 302, 404, 404, 404, 404, 404],
    ("POST", "engagement:chair_publication_agree", "answered"): [302, 404, 302, 302, 404, 404, 404, 404],
    # Members read their panel's requests once scheduled, never before, and answer in writing.
    ("GET", "engagement:member_work", "race"): [302, 200, 200, 404, 404, 404, 404, 404],
    ("GET", "engagement:member_work", "gender"): [302, 404, 404, 404, 404, 404, 404, 404],
    ("GET", "engagement:member_engagement", "written"): [302, 200, 200, 404, 404, 404, 404, 404],
    ("GET", "engagement:member_engagement", "engagement"): [302, 404, 404, 404, 404, 404, 404, 404],
    ("GET", "engagement:member_answer", "written"): [302, 200, 200, 404, 404, 404, 404, 404],
    ("POST", "engagement:member_answer", "written"): [302, 200, 200, 404, 404, 404, 404, 404],
    ("GET", "engagement:member_document", "written_document"): [302, 200, 200, 404, 404, 404, 404, 404],
    ("GET", "engagement:member_document", "document"): [302, 404, 404, 404, 404, 404, 404, 404],
    # What changed, and the register of assessments, are public.
    ("GET", "engagement:you_said_we_did", "race"): [200, 200, 200, 200, 200, 200, 200, 200],
    ("GET", "engagement:assessments", None): [200, 200, 200, 200, 200, 200, 200, 200],
}


def test_every_engagement_route_is_in_this_matrix():
    routes = {name for _, name, _ in all_routes() if name and name.startswith("engagement:")}
    assert routes == {name for _, name, _ in ENGAGEMENT_MATRIX}


@pytest.fixture
def cast(coordinator, gender_coordinator, administrator, race_panel, member):
    chair = a_chair(coordinator, race_panel, full_name="Cleo Chair")
    officer, other = an_officer(full_name="Olu Officer"), an_officer(full_name="Oona Other")
    sent = a_request(officer, [race_panel], submit=True, document=True)
    draft = a_request(officer, [race_panel], document=True, title="Library opening hours")
    objects = {
        "request": sent.pk, "draft": draft.pk, "document": sent.documents.get().pk,
        "draft_document": draft.documents.get().pk, "engagement": sent.engagements.get().pk,
        "waiting_officer": an_officer(status=OfficerStatus.WAITING).pk,
    }  # fmt: skip
    for to in ("accepted", "written", "advised", "answered"):
        objects[to] = an_engagement(coordinator, race_panel, to=to, chair=chair, officer=officer).pk
    objects["written_document"] = Engagement.objects.get(pk=objects["written"]).request.documents.get().pk
    people = {"member": member, "chair": chair, "officer": officer.user, "other_officer": other.user,
              "coordinator": coordinator, "gender_coordinator": gender_coordinator,
              "administrator": administrator}  # fmt: skip
    return people, objects


def _url(name: str, arg, objects: dict) -> str:
    if arg in ("race", "gender"):
        return reverse(name, kwargs={"slug": arg})
    return reverse(name, kwargs={"pk": objects[arg]}) if arg else reverse(name)


@pytest.mark.parametrize("role_index,role", list(enumerate(ROLES)))
def test_engagement_matrix(cast, signed_in, client, role_index, role):
    people, objects = cast
    browser = client if role == "anonymous" else signed_in(people[role])
    wrong = []
    for method, name, arg in sorted(ENGAGEMENT_MATRIX, key=lambda row: row[0] == "POST"):
        url = _url(name, arg, objects)
        response = browser.post(url) if method == "POST" else browser.get(url)
        expected = ENGAGEMENT_MATRIX[(method, name, arg)][role_index]
        if response.status_code != expected:
            wrong.append(f"{method} {url} ({name}): {response.status_code}, expected {expected}")
    assert wrong == [], f"{role}:\n" + "\n".join(wrong)


def test_an_officer_is_refused_every_staff_page_of_the_service(db, signed_in, request):
    """An officer holds no staff role: every staff route outside their own area answers them as it
    answers an applicant (403, or 404 for an object route they may not see)."""
    from tests.portal.test_access import objects as matrix_objects  # noqa: F401 - the same objects

    objects = request.getfixturevalue("objects")
    browser = signed_in(an_officer().user)
    wrong = []
    for method, name, arg in MATRIX:
        if method != "GET" or name.startswith("engagement:"):
            continue
        response = browser.get(url_for(name, arg, objects))
        if response.status_code not in (403, 404):
            wrong.append(f"{name}: {response.status_code}")
    assert wrong == []
