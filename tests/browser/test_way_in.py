"""The way in, by keyboard alone: signed out on a round's page, through each way of signing in, to
the new application's task list. Every page on the way is checked as every page is (axe-core,
layout, reflow, title: tests/browser/conftest.py)."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from recruitment.models import Application
from tests.browser.conftest import assert_accessible, link_in_last_email
from tests.browser.keyboard import press_enter_and_arrive, tab_to
from tests.factories import PASSWORD, UserFactory, add_totp
from tests.recruitment.factories import round_with_questions
from tests.sign_in import authenticator_code

pytestmark = pytest.mark.browser

SIGN_IN_CODE = re.compile(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", re.MULTILINE)


def start_signed_out(visitor):
    """On the round's page, signed out, press Start: the sign-in page, which knows the round."""
    page = visitor.page
    round_ = round_with_questions(count=2)
    visitor.open(round_.get_absolute_url())
    assert_accessible(page, "the round, signed out")
    tab_to(page, "button", "Start your application", limit=40)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/accounts/login/\?next="))
    assert_accessible(page, "sign in, on the way to applying")
    return round_


def type_into(page: Page, role: str, name, text: str, *, limit: int = 20) -> None:
    tab_to(page, role, name, limit=limit)
    page.keyboard.type(text)


def start_and_land_on_the_task_list(visitor, round_, person_email: str) -> None:
    """Signed in and back at the round: the start page, its button, then the task list."""
    page = visitor.page
    page.wait_for_url(f"**/rounds/{round_.pk}/apply/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Start your application")
    assert_accessible(page, "start your application")
    tab_to(page, "button", "Start your application", limit=40)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/applications/\d+/$"))
    application = Application.objects.get(round=round_, applicant__email=person_email)
    assert visitor.path == f"/applications/{application.pk}/"
    expect(page.locator(".govuk-task-list")).to_be_visible()
    assert_accessible(page, "the task list")


def test_signed_out_to_the_task_list_with_a_password(visitor):
    page = visitor.page
    person = UserFactory(email="pat@example.org")
    round_ = start_signed_out(visitor)
    type_into(page, "textbox", "Email address", person.email, limit=40)
    type_into(page, "textbox", "Password", PASSWORD)
    tab_to(page, "button", "Sign in")
    page.keyboard.press("Enter")
    start_and_land_on_the_task_list(visitor, round_, person.email)


def test_signed_out_to_the_task_list_with_an_emailed_code(visitor):
    page = visitor.page
    person = UserFactory(email="pat@example.org")
    round_ = start_signed_out(visitor)
    tab_to(page, "button", "Email me a sign-in code", limit=40)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/accounts/login/code/\?next="))
    assert_accessible(page, "ask for a code")
    type_into(page, "textbox", re.compile("email", re.I), person.email, limit=40)
    tab_to(page, "button", "Send me a code")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/accounts/login/code/confirm/"))
    expect(page.get_by_text("The code lasts 15 minutes")).to_be_visible()
    assert_accessible(page, "enter the code")
    code = SIGN_IN_CODE.search(mail.outbox[-1].body).group(1)
    type_into(page, "textbox", re.compile("code", re.I), code, limit=40)
    tab_to(page, "button", "Sign in")
    page.keyboard.press("Enter")
    start_and_land_on_the_task_list(visitor, round_, person.email)


def test_signed_out_to_the_task_list_with_a_new_account_confirmed_by_email(visitor):
    page = visitor.page
    round_ = start_signed_out(visitor)
    tab_to(page, "link", "create an account", limit=40)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/accounts/signup/\?next="))
    type_into(page, "textbox", "Email address", "new.person@example.org", limit=40)
    type_into(page, "textbox", "Create a password", PASSWORD)
    type_into(page, "textbox", "Type the password again", PASSWORD)
    tab_to(page, "button", "Create account")
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/confirm-email/")
    assert_accessible(page, "check your email")
    # The person opens the link in the email (from their mail program, so not by this page's keys).
    visitor.open(link_in_last_email(mail.outbox))
    assert_accessible(page, "confirm your email address")
    tab_to(page, "button", "Confirm my email address", limit=40)
    page.keyboard.press("Enter")
    start_and_land_on_the_task_list(visitor, round_, "new.person@example.org")


def test_signed_out_to_the_task_list_as_staff_with_two_step_verification(visitor):
    page = visitor.page
    coordinator = visitor.person("coordinator")  # staff apply to panels too, as members of the public
    secret, _ = add_totp(coordinator)
    round_ = start_signed_out(visitor)
    type_into(page, "textbox", "Email address", coordinator.email, limit=40)
    type_into(page, "textbox", "Password", PASSWORD)
    tab_to(page, "button", "Sign in")
    press_enter_and_arrive(page, "/accounts/2fa/authenticate/")
    assert_accessible(page, "two-step verification")
    type_into(page, "textbox", re.compile("code", re.I), authenticator_code(secret), limit=40)
    tab_to(page, "button", "Continue")
    page.keyboard.press("Enter")
    start_and_land_on_the_task_list(visitor, round_, coordinator.email)
