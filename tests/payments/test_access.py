"""Who reaches payments' pages (ADR 0025): a person their own claims only; a panel's coordinators
its claims, never deciding on their own; finance the export and payment; administrators the rates.
Every payments route is here, and finance is refused every other staff page of the service."""

import pytest
from django.urls import reverse
from django.utils import timezone

from payments import services
from payments.models import Claim, LineKind
from payments.money import tax_year_of
from tests.factories import a_membership
from tests.portal.test_access import MATRIX, url_for
from tests.routes import all_routes

from .factories import a_choice, a_finance_person, a_receipt, attended, rates

ROLES = ["anonymous", "member", "other_member", "coordinator", "gender_coordinator", "finance", "administrator"]
# 200 allowed, 302 to sign in (or, after a POST, on to the next page), 403 not their role, 404 not theirs.
PAYMENTS_MATRIX = {
    #                                                      anon member other coord gcoord finance admin
    ("GET", "payments:home", None): [302, 200, 200, 200, 200, 200, 200],
    ("GET", "payments:choice", "race"): [302, 200, 200, 404, 404, 404, 404],
    ("GET", "payments:claim_start", None): [302, 200, 200, 404, 404, 404, 404],
    ("GET", "payments:claim", "draft"): [302, 200, 404, 404, 404, 404, 404],
    ("GET", "payments:claim", "time"): [302, 200, 404, 404, 404, 404, 404],
    ("GET", "payments:claim_line_add", "draft"): [302, 200, 404, 404, 404, 404, 404],
    ("GET", "payments:own_receipt", "line"): [302, 200, 404, 404, 404, 404, 404],
    ("GET", "payments:statement", "year"): [302, 200, 200, 200, 200, 200, 200],
    ("GET", "payments:statement_csv", "year"): [302, 200, 200, 200, 200, 200, 200],
    ("POST", "payments:claim_line_remove", "line"): [302, 302, 404, 404, 404, 404, 404],
    ("POST", "payments:claim_submit", "draft"): [302, 302, 404, 404, 404, 404, 404],
    ("GET", "payments:rates", None): [302, 403, 403, 403, 403, 403, 200],
    ("GET", "payments:panel_claims", "race"): [302, 403, 403, 200, 404, 404, 200],
    ("GET", "payments:time_claim_add", "race"): [302, 403, 403, 200, 404, 404, 404],
    ("GET", "payments:staff_claim", "time"): [302, 403, 403, 200, 404, 200, 200],
    ("GET", "payments:claim_decide", "time"): [302, 403, 403, 200, 404, 404, 200],
    ("POST", "payments:claim_decide", "time"): [302, 403, 403, 200, 404, 404, 200],
    ("GET", "payments:claim_record", "race"): [302, 403, 403, 200, 404, 404, 404],
    ("GET", "payments:choice_record", "race"): [302, 403, 403, 200, 404, 404, 404],
    # A claim a coordinator wrote for someone who phoned: theirs, and the coordinator's to change.
    ("GET", "payments:claim_line_add", "written_for"): [302, 404, 200, 200, 404, 404, 404],
    ("GET", "payments:receipt", "line"): [302, 403, 403, 200, 404, 200, 200],
    ("POST", "payments:receipt_arrived", "line"): [302, 403, 403, 302, 404, 404, 404],
    ("GET", "payments:finance", None): [302, 403, 403, 403, 403, 200, 403],
    ("POST", "payments:claims_export", None): [302, 403, 403, 403, 403, 302, 403],
    ("GET", "payments:batch", "batch"): [302, 403, 403, 403, 403, 200, 403],
    ("POST", "payments:batch", "batch"): [302, 403, 403, 403, 403, 200, 403],
    ("GET", "payments:batch_csv", "batch"): [302, 403, 403, 403, 403, 200, 403],
}


def test_every_payments_route_is_in_this_matrix():
    routes = {name for _, name, _ in all_routes() if name and name.startswith("payments:")}
    assert routes == {name for _, name, _ in PAYMENTS_MATRIX}


@pytest.fixture
def cast(coordinator, gender_coordinator, administrator, race_panel, member):
    rates()
    other = a_membership(coordinator, race_panel, full_name="Olive Other").person
    for person in (member, other):
        a_choice(person, race_panel)
    attended(coordinator, race_panel, member, other)
    services.involvement_claims_make()
    time = Claim.objects.get(person=member)
    draft = services.expense_claim_start(actor=member, panel=race_panel, about="Bus", happened_on=timezone.localdate())
    line = services.claim_line_add(actor=member, claim=draft, kind=LineKind.FARES, amount_pence=420,
                                   receipt=a_receipt())  # fmt: skip
    services.claim_decide(actor=coordinator, claim=Claim.objects.get(person=other), approve=True)
    batch = services.claims_export(actor=a_finance_person())
    written_for = services.expense_claim_start(actor=coordinator, person=other, panel=race_panel, about="By post",
                                               happened_on=timezone.localdate())  # fmt: skip
    people = {"member": member, "other_member": other, "coordinator": coordinator,
              "gender_coordinator": gender_coordinator, "finance": a_finance_person(),
              "administrator": administrator}  # fmt: skip
    objects = {"time": time.pk, "draft": draft.pk, "line": line.pk, "batch": batch.pk, "written_for": written_for.pk}
    return people, objects


def _url(name: str, arg, objects: dict) -> str:
    if arg in ("race", "gender"):
        return reverse(name, kwargs={"slug": arg})
    if arg == "year":
        return reverse(name, kwargs={"year": tax_year_of(timezone.localdate())})
    return reverse(name, kwargs={"pk": objects[arg]}) if arg else reverse(name)


@pytest.mark.parametrize("role_index,role", list(enumerate(ROLES)))
def test_payments_matrix(cast, signed_in, client, role_index, role):
    people, objects = cast
    browser = client if role == "anonymous" else signed_in(people[role])
    wrong = []
    for method, name, arg in sorted(PAYMENTS_MATRIX, key=lambda row: row[0] == "POST"):
        url = _url(name, arg, objects)
        response = browser.post(url) if method == "POST" else browser.get(url)
        expected = PAYMENTS_MATRIX[(method, name, arg)][role_index]
        if response.status_code != expected:
            wrong.append(f"{method} {url} ({name}): {response.status_code}, expected {expected}")
    assert wrong == [], f"{role}:\n" + "\n".join(wrong)


def test_finance_is_refused_every_other_staff_page_of_the_service(db, signed_in, request):
    """Finance holds a staff role without a panel: the staff home is theirs (it leads to their
    pages); every other staff route outside payments answers 403, or 404 for an object."""
    objects = request.getfixturevalue("objects")
    browser = signed_in(a_finance_person())
    wrong = []
    for method, name, arg in MATRIX:
        if method != "GET" or name.startswith("payments:") or name == "portal:staff_home":
            continue
        response = browser.get(url_for(name, arg, objects))
        if response.status_code not in (403, 404):
            wrong.append(f"{name}: {response.status_code}")
    assert wrong == []
