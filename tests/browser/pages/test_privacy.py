"""Data protection requests, in Chromium, as an administrator logs and answers them. How the page
scripts work: tests/browser/pages/registry.py."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import RecordedMethod
from privacy.models import RequestKind
from privacy.services import legal_hold_place, request_log
from tests.browser.conftest import assert_accessible
from tests.browser.pages.registry import Pages
from tests.browser.pages.steps import fill_date, shows_a_problem

pytestmark = pytest.mark.browser

page = Pages()


def a_request(visitor, *, days_ago: int = 3):
    return request_log(
        actor=visitor.person("administrator"), person=visitor.person("member"), kind=RequestKind.ACCESS,
        received_on=timezone.localdate() - timedelta(days=days_ago), received_how=RecordedMethod.EMAIL,
        identity_check="Sent from the email address we hold",
    )  # fmt: skip


@page("privacy:requests")
def requests_empty_then_a_person_not_found_then_with_open_and_late_requests(visitor):
    visitor.person("member")
    visitor.sign_in(visitor.person("administrator"))
    visitor.open("/staff/data-requests/")
    assert_accessible(visitor.page, "no requests")
    visitor.page.get_by_label("Their email address").fill("nobody@example.org")
    visitor.press("Find the person")
    shows_a_problem(visitor)
    assert_accessible(visitor.page, "nobody found")
    a_request(visitor)
    a_request(visitor, days_ago=40)
    visitor.open("/staff/data-requests/")
    expect(visitor.page.get_by_text("late", exact=False).first).to_be_visible()


@page("privacy:request_new")
def logging_a_request_as_it_opens_then_submitted_empty_then_with_a_date_to_come(visitor):
    member = visitor.person("member")
    visitor.sign_in(visitor.person("administrator"))
    visitor.open("/staff/data-requests/")
    visitor.page.get_by_label("Their email address").fill(member.email)
    visitor.press("Find the person")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Log the request")
    shows_a_problem(visitor)
    assert_accessible(visitor.page, "submitted empty")
    visitor.page.get_by_label("Access: a copy of everything we hold").check()
    fill_date(visitor.page, "When did it reach us?", timezone.localdate() + timedelta(days=2))
    visitor.page.get_by_label("By email").check()
    visitor.page.get_by_label("How did we check it is them?").fill("Sent from the email address we hold")
    visitor.press("Log the request")
    shows_a_problem(visitor)
    expect(visitor.page.get_by_label("How did we check it is them?")).to_have_value(
        "Sent from the email address we hold"
    )


@page("privacy:request")
def a_request_open_then_closed_empty_then_answered(visitor):
    request = a_request(visitor)
    visitor.sign_in(visitor.person("administrator"))
    visitor.open(f"/staff/data-requests/{request.pk}/")
    assert_accessible(visitor.page, "open")
    visitor.press("Close the request")
    shows_a_problem(visitor)
    assert_accessible(visitor.page, "closed without saying what we did")
    visitor.page.get_by_label("We answered it").check()
    visitor.page.get_by_label("What we did, or why we refused").fill("Sent the ZIP by secure email")
    visitor.press("Close the request")
    visitor.page.get_by_text("The request is closed.").wait_for()


@page("privacy:request_erase")
def erasing_someone_as_it_opens_then_not_confirmed(visitor):
    administrator = visitor.person("administrator")
    request = request_log(
        actor=administrator, person=visitor.person("member"), kind=RequestKind.ERASURE,
        received_on=timezone.localdate(), received_how=RecordedMethod.EMAIL, identity_check="From their own address",
    )  # fmt: skip
    visitor.sign_in(administrator)
    visitor.open(f"/staff/data-requests/{request.pk}/")
    assert_accessible(visitor.page, "the erasure request, open")
    visitor.follow("See what erasing removes and what must stay")
    expect(visitor.page.get_by_role("heading", name="What must stay, and why")).to_be_visible()
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Erase them")
    shows_a_problem(visitor)


@page("privacy:retention")
def retention_with_a_hold_then_a_hold_placed_without_a_reason(visitor):
    member = visitor.person("member")
    administrator = visitor.person("administrator")
    legal_hold_place(actor=administrator, person=visitor.person("coordinator"), reason="A claim at the tribunal")
    visitor.sign_in(administrator)
    visitor.open("/staff/retention/")
    expect(visitor.page.get_by_role("button", name="Lift the hold")).to_be_visible()
    assert_accessible(visitor.page, "with a hold")
    visitor.page.get_by_label("Their email address").fill(member.email)
    visitor.press("Place the hold")
    shows_a_problem(visitor)


@page("privacy:retention_rule")
def changing_a_period_then_with_no_months(visitor):
    visitor.sign_in(visitor.person("administrator"))
    visitor.open("/staff/retention/")
    visitor.follow("Change how long we keep applications that are not successful")
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_label("How many months").fill("")
    visitor.press("Save")
    shows_a_problem(visitor)


test_every_page_is_accessible = page.test()
