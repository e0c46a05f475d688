"""Every page of the service, in every state a person can meet it, passes axe-core in Chromium.

Each page below is a small script that brings a person to it the way they would come (a link from
an email, a form they submitted, a page they were sent to) and declares the route and status it
ends on; the test checks that it really got there before running axe. A script may check the
page in earlier states on the way (as it opens, then with errors). A page added to the service
without a script here fails `test_every_page_has_a_browser_test`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from accounts.access import PUBLIC, SIGNED_IN, STAFF
from accounts.models import ContactChannel, ContactFormat, User
from config.celery import app as celery_app
from meetings import services as meetings
from members.models import AccessNeedItem, AccessProfile, Membership, Panel, StaffRole
from members.seed import PANELS
from members.services import access_need_add, membership_create
from notifications import services as outbox
from notifications.models import ConsentDecision, ConsentPurpose, Message, MessageStatus
from recruitment import services as recruitment
from recruitment.balancing import lottery
from recruitment.models import Application, ApplicationStatus, DecisionReason, ReviewAssignment, Round, Selection
from tests.browser.conftest import Visitor, assert_accessible, link_in_last_email
from tests.browser.urls import SERVER_ERROR_PATH
from tests.factories import PASSWORD, UserFactory, add_totp
from tests.recruitment.factories import (
    closed_round,
    interviewed,
    reviewers_for,
    round_with_questions,
    submitted_applications,
)
from tests.routes import all_routes, rule_for
from tests.services import free_port


@dataclass(frozen=True)
class PageVisit:
    name: str
    route: str | None  # the URL name the page is served under; None where no route matches
    status: int
    show: Callable[[Visitor], None]
    known_bug: str = ""


PAGES: list[PageVisit] = []


def page(route: str | None, *, status: int = 200, name: str = "", known_bug: str = ""):
    """Register a script that brings a person to a page. `known_bug` marks a page that is broken
    today, strictly: the test fails as soon as the page works, so the mark is removed with the fix."""

    def register(show: Callable[[Visitor], None]):
        PAGES.append(PageVisit(name or show.__name__, route, status, show, known_bug))
        return show

    return register


# Public pages.


@page("portal:home")
def home(visitor):
    visitor.open("/")


for seeded in PANELS:
    page("portal:panel", name=f"panel_{seeded['slug']}")(
        lambda visitor, slug=seeded["slug"]: visitor.open(f"/panels/{slug}/")
    )
    page("portal:panel_easy_read", name=f"panel_{seeded['slug']}_in_easy_read")(
        lambda visitor, slug=seeded["slug"]: visitor.open(f"/panels/{slug}/easy-read/")
    )


@page("portal:accessibility")
def accessibility_statement(visitor):
    visitor.open("/accessibility/")


@page("portal:privacy")
def privacy_notice(visitor):
    visitor.open("/privacy/")


# Signing up, signing in and getting back into an account.


def fill_in_sign_up(visitor, email: str, password: str = PASSWORD) -> None:
    visitor.open("/accounts/signup/")
    visitor.page.get_by_label("Email address").fill(email)
    visitor.page.get_by_label("Create a password").fill(password)
    visitor.page.get_by_label("Type the password again").fill(password)
    visitor.press("Create account")


def shows_a_problem(visitor) -> None:
    visitor.page.get_by_text("There is a problem").wait_for()


def shows_the_error(visitor, message: str) -> None:
    """The error summary lists `message`, as a link to the field it is about."""
    expect(visitor.page.locator(".govuk-error-summary").get_by_role("link", name=message)).to_be_visible()


@page("account_login")
def sign_in_then_submitted_empty_then_with_a_wrong_password(visitor):
    visitor.open("/accounts/login/")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Sign in")
    shows_the_error(visitor, "Enter your email address")
    shows_the_error(visitor, "Enter your password")
    assert_accessible(visitor.page, "submitted empty")
    visitor.sign_in_with_the_form(visitor.person("applicant").email, "not-the-password")
    shows_the_error(visitor, "The email address or password is not correct. Check both and try again")
    expect(visitor.page.locator("#id_login_error")).to_be_visible()


@page("account_signup")
def create_an_account_then_submitted_empty_then_with_an_invalid_email_address(visitor):
    visitor.open("/accounts/signup/")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Create account")
    shows_the_error(visitor, "Enter your email address")
    shows_the_error(visitor, "Enter a password")
    assert_accessible(visitor.page, "submitted empty")
    fill_in_sign_up(visitor, "not-an-email-address")
    shows_the_error(visitor, "Enter an email address in the correct format, like name@example.com")


@page("account_email_verification_sent")
def check_your_email(visitor):
    fill_in_sign_up(visitor, "new.person@example.org")


@page("account_confirm_email")
def confirm_your_email_address_from_the_link(visitor):
    fill_in_sign_up(visitor, "new.person@example.org")
    visitor.open(link_in_last_email(mail.outbox))
    expect(visitor.page.get_by_role("button", name="Confirm my email address")).to_be_visible()


@page("account_confirm_email")
def a_confirmation_link_that_no_longer_works(visitor):
    visitor.open("/accounts/confirm-email/not-a-real-key/")
    expect(visitor.page.get_by_role("heading", level=1)).to_have_text("This confirmation link no longer works")


@page("account_confirm_email")
def a_confirmation_link_used_already(visitor):
    fill_in_sign_up(visitor, "new.person@example.org")
    link = link_in_last_email(mail.outbox)
    visitor.open(link)
    visitor.press("Confirm my email address")
    visitor.open(link)
    expect(visitor.page.get_by_role("link", name="your email addresses")).to_be_visible()


def ask_for_a_password_reset(visitor, email: str) -> None:
    visitor.open("/accounts/password/reset/")
    visitor.page.get_by_label("Email address").fill(email)
    visitor.press("Send me a link")


@page("account_reset_password")
def forgotten_password_then_sent_empty(visitor):
    visitor.open("/accounts/password/reset/")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Send me a link")
    shows_the_error(visitor, "Enter your email address")


@page("account_reset_password_done")
def forgotten_password_email_sent(visitor):
    ask_for_a_password_reset(visitor, visitor.person("applicant").email)


def open_the_reset_link(visitor) -> None:
    ask_for_a_password_reset(visitor, visitor.person("applicant").email)
    visitor.open(link_in_last_email(mail.outbox))  # redirects to the form, without the key in the URL


def save_a_new_password(visitor, password: str, again: str) -> None:
    visitor.page.get_by_label("New password", exact=True).fill(password)
    visitor.page.get_by_label("Type the new password again").fill(again)
    visitor.press("Save my new password")


@page("account_reset_password_from_key")
def choose_a_new_password_from_the_link_then_typed_differently(visitor):
    open_the_reset_link(visitor)
    assert_accessible(visitor.page, "as it opens")
    save_a_new_password(visitor, "a-brand-new-password-2", "a-brand-new-password-3")
    shows_the_error(visitor, "The passwords do not match")


@page("account_reset_password_from_key")
def a_password_reset_link_that_no_longer_works(visitor):
    visitor.open("/accounts/password/reset/key/1-not-a-real-key/")
    expect(visitor.page.get_by_role("heading", level=1)).to_have_text("This password reset link no longer works")


@page("account_reset_password_from_key_done")
def new_password_saved(visitor):
    open_the_reset_link(visitor)
    save_a_new_password(visitor, "a-brand-new-password-2", "a-brand-new-password-2")


@page("account_inactive")
def account_inactive(visitor):
    UserFactory(email="former.member@example.org", is_active=False)
    visitor.sign_in_with_the_form("former.member@example.org")


@page("mfa_authenticate")
def two_factor_challenge_when_signing_in_then_with_a_wrong_code(visitor):
    coordinator = visitor.person("coordinator")
    add_totp(coordinator)
    visitor.sign_in_with_the_form(coordinator.email)
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Continue")
    shows_the_error(visitor, "Enter the 6-digit code from your authenticator app")
    assert_accessible(visitor.page, "sent empty")
    visitor.page.get_by_label("Code from your authenticator app").fill("12345")
    visitor.press("Continue")
    shows_the_error(visitor, "The code is not correct. Enter the code your authenticator app shows now")


@page("mfa_authenticate")
def two_factor_challenge_when_signing_in_with_an_app_or_a_passkey(visitor):
    coordinator = visitor.person("coordinator")
    visitor.sign_in(coordinator, password_just_confirmed=True)
    add_a_passkey(visitor)
    visitor.page.context.clear_cookies()
    visitor.sign_in_with_the_form(coordinator.email)
    expect(visitor.page.get_by_role("button", name="Use my passkey")).to_be_visible()


@page("account_logout")
def sign_out(visitor):
    visitor.sign_in(visitor.person("applicant"))
    visitor.open("/accounts/logout/")
    expect(visitor.page.get_by_role("button", name="Sign out")).to_be_visible()


@page("account_signup", status=429)
def too_many_attempts(visitor):
    settings = visitor.request.getfixturevalue("settings")
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "1/m/ip"}
    fill_in_sign_up(visitor, "first@example.org")
    fill_in_sign_up(visitor, "second@example.org")


# A person's own account.


@page("portal:dashboard")
def your_account(visitor):
    visitor.sign_in(visitor.person("applicant"))
    visitor.open("/account/")


@page("portal:contact_details")
def your_contact_details_then_with_a_bad_phone_number(visitor):
    visitor.sign_in(visitor.person("applicant"))
    visitor.open("/account/")
    visitor.follow("Change phone number")
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_label("Phone number").fill("call me")
    visitor.press("Save")
    shows_the_error(visitor, "Enter a phone number, like 0151 123 4567 or 07700 900 982")


@page("portal:contact_preferences")
def how_we_contact_you_then_post_without_an_address(visitor):
    visitor.sign_in(visitor.person("applicant"))
    visitor.open("/account/")
    visitor.follow("Change how we contact you")
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_label("Post").check()
    visitor.press("Save")
    shows_the_error(visitor, "Add your address and postcode first, so we can write to you")


@page("portal:consents")
def what_you_have_agreed_to_with_one_answer(visitor):
    applicant = visitor.person("applicant")
    outbox.consent_decide(
        person=applicant, actor=applicant, purpose=ConsentPurpose.FUTURE_OPPORTUNITIES, decision=ConsentDecision.GIVEN
    )
    visitor.sign_in(applicant)
    visitor.open("/account/")
    visitor.follow("What you have agreed to")
    expect(visitor.page.get_by_text("Yes, you agreed on")).to_be_visible()


@page("portal:consent_change")
def change_an_answer_then_sent_without_one(visitor):
    visitor.sign_in(visitor.person("applicant"))
    visitor.open("/account/consents/")
    visitor.follow("Change your answer about publishing a member's name or photo")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Save my answer")
    shows_the_error(visitor, "Choose yes or no")


@page("account_email")
def email_addresses_then_one_added_then_added_empty(visitor):
    visitor.sign_in(visitor.person("applicant"))
    visitor.open("/accounts/email/")
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_label("Email address").fill("second@example.org")
    visitor.press("Add email address")
    expect(visitor.page.get_by_role("button", name="Send the link again to second@example.org")).to_be_visible()
    assert_accessible(visitor.page, "with an address not confirmed yet")
    visitor.press("Add email address")
    shows_the_error(visitor, "Enter the email address you want to add")


@page("account_change_password")
def change_password_then_sent_empty_then_with_a_wrong_current_password(visitor):
    visitor.sign_in(visitor.person("applicant"))
    visitor.open("/accounts/password/change/")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Save my new password")
    shows_the_error(visitor, "Enter your current password")
    shows_the_error(visitor, "Enter a new password")
    assert_accessible(visitor.page, "sent empty")
    visitor.page.get_by_label("Current password").fill("not-the-password")
    visitor.page.get_by_label("New password", exact=True).fill("a-brand-new-password-2")
    visitor.page.get_by_label("Type the new password again").fill("a-brand-new-password-2")
    visitor.press("Save my new password")
    shows_the_error(visitor, "Your current password is not correct. Check it and try again")


@page("account_set_password")
def set_a_password_then_one_too_short(visitor):
    # Someone whose account staff created (from a paper application) has no password yet.
    person = User.objects.create_user(email="on.paper@example.org", full_name="Pat Paper")
    visitor.sign_in(person)
    visitor.open("/accounts/password/set/")
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_label("Create a password").fill("short")
    visitor.page.get_by_label("Type the password again").fill("short")
    visitor.press("Save my password")
    shows_the_error(visitor, "Your password must be 10 characters or more")


@page("account_reauthenticate")
def confirm_your_password_then_a_wrong_one(visitor):
    visitor.sign_in(visitor.person("applicant"))
    visitor.open("/accounts/2fa/totp/activate/")  # changing security settings asks for the password
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_label("Password").fill("not-the-password")
    visitor.press("Continue")
    shows_the_error(visitor, "The password is not correct. Check it and try again")


@page("mfa_index")
def two_step_verification_set_up(visitor):
    # Before it is set up, the page is checked in test_journeys.py, on the way to setting it up.
    coordinator = visitor.person("coordinator")
    visitor.sign_in(coordinator)
    RecoveryCodes.activate(coordinator)
    visitor.open("/accounts/2fa/")


@page("mfa_activate_totp")
def set_up_an_authenticator_app_then_sent_empty_then_a_wrong_code(visitor):
    visitor.sign_in(visitor.person("applicant"), password_just_confirmed=True)
    visitor.open("/accounts/2fa/totp/activate/")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Turn on two-step verification")
    shows_the_error(visitor, "Enter the 6-digit code from your authenticator app")
    assert_accessible(visitor.page, "sent empty")
    visitor.page.get_by_label("Code from the app").fill("123456")
    visitor.press("Turn on two-step verification")
    shows_the_error(visitor, "The code is not correct. Enter the code your authenticator app shows now")


@page("mfa_deactivate_totp")
def turn_off_the_authenticator_app(visitor):
    visitor.sign_in(visitor.person("coordinator"), password_just_confirmed=True)
    visitor.open("/accounts/2fa/totp/deactivate/")


@page("mfa_view_recovery_codes")
def recovery_codes(visitor):
    coordinator = visitor.person("coordinator")
    visitor.sign_in(coordinator, password_just_confirmed=True)
    RecoveryCodes.activate(coordinator)
    visitor.open("/accounts/2fa/recovery-codes/")


@page("mfa_generate_recovery_codes")
def new_recovery_codes(visitor):
    coordinator = visitor.person("coordinator")
    visitor.sign_in(coordinator, password_just_confirmed=True)
    RecoveryCodes.activate(coordinator)
    visitor.open("/accounts/2fa/recovery-codes/generate/")


@page("mfa_reauthenticate")
def confirm_with_the_authenticator_app_then_a_wrong_code(visitor):
    # Staff whose session has not passed two-factor are asked for a code before staff pages.
    coordinator = visitor.person("coordinator")
    add_totp(coordinator)
    visitor.sign_in(coordinator, two_factor=False)
    visitor.open("/staff/")
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_label("Code from your authenticator app").fill("123456")
    visitor.press("Continue")
    shows_the_error(visitor, "The code is not correct. Enter the code your authenticator app shows now")


def add_a_passkey(visitor, name: str = "My laptop") -> None:
    """Register a passkey for real, with Chromium's virtual authenticator standing in for the
    person's device (WebAuthn needs a secure context: the live server's http://localhost is one)."""
    cdp = visitor.page.context.new_cdp_session(visitor.page)
    cdp.send("WebAuthn.enable", {"enableUI": False})
    options = {
        "protocol": "ctap2",
        "transport": "internal",
        "hasResidentKey": True,
        "hasUserVerification": True,
        "isUserVerified": True,
        "automaticPresenceSimulation": True,
    }
    cdp.send("WebAuthn.addVirtualAuthenticator", {"options": options})
    visitor.open("/accounts/2fa/webauthn/add/")
    visitor.page.get_by_label("Name for this passkey").fill(name)
    visitor.press("Add passkey")
    visitor.page.wait_for_url("**/accounts/2fa/recovery-codes/")


def the_passkey() -> Authenticator:
    return Authenticator.objects.get(type=Authenticator.Type.WEBAUTHN)


def with_a_passkey(visitor) -> None:
    visitor.sign_in(visitor.person("applicant"), password_just_confirmed=True)
    add_a_passkey(visitor)


@page("mfa_list_webauthn")
def passkeys(visitor):
    with_a_passkey(visitor)
    visitor.open("/accounts/2fa/webauthn/")


@page("mfa_add_webauthn")
def add_a_passkey_page(visitor):
    visitor.sign_in(visitor.person("applicant"), password_just_confirmed=True)
    visitor.open("/accounts/2fa/webauthn/add/")


@page("mfa_edit_webauthn")
def rename_a_passkey_then_to_nothing(visitor):
    with_a_passkey(visitor)
    visitor.open(f"/accounts/2fa/webauthn/keys/{the_passkey().pk}/edit/")
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_label("Name for this passkey").fill("")
    visitor.press("Save the name")
    shows_the_error(visitor, "Enter a name for the passkey")


@page("mfa_remove_webauthn")
def remove_a_passkey(visitor):
    with_a_passkey(visitor)
    visitor.open(f"/accounts/2fa/webauthn/keys/{the_passkey().pk}/remove/")


@page("mfa_reauthenticate_webauthn")
def confirm_with_a_passkey(visitor):
    with_a_passkey(visitor)
    visitor.open("/accounts/2fa/webauthn/reauthenticate/")


# Staff pages.


@page("portal:staff_home")
def staff_home(visitor):
    visitor.sign_in(visitor.person("administrator"))
    visitor.open("/staff/")


@page("portal:staff_panel")
def a_panels_staff_page(visitor):
    visitor.person("reviewer")
    visitor.sign_in(visitor.person("coordinator"))
    visitor.open("/staff/panels/race/")


@page("portal:staff_roles")
def staff_roles_then_submitted_empty_then_after_giving_a_role(visitor):
    visitor.person("coordinator")
    visitor.sign_in(visitor.person("administrator"))
    visitor.open("/staff/roles/")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Give role")
    shows_a_problem(visitor)
    assert_accessible(visitor.page, "submitted empty")
    visitor.page.get_by_label("Email address of the person").fill(visitor.person("applicant").email)
    visitor.page.get_by_label("Reviewer").check()
    visitor.page.get_by_label("Panel").select_option(label="Race Panel")
    visitor.press("Give role")
    visitor.page.get_by_text("The role has been given.").wait_for()


@page("portal:staff_role_remove")
def remove_a_staff_role_then_try_to_remove_your_own(visitor):
    administrator = visitor.person("administrator")
    visitor.sign_in(administrator)
    visitor.open(f"/staff/roles/{StaffRole.objects.get(user=visitor.person('coordinator')).pk}/remove/")
    assert_accessible(visitor.page, "as it opens")
    visitor.open(f"/staff/roles/{StaffRole.objects.get(user=administrator).pk}/remove/")
    visitor.press("Remove role")
    shows_a_problem(visitor)


def queue_an_opportunity(person, key: str) -> Message:
    message = outbox.message_queue(
        kind="notifications.future_opportunity",
        recipient=person,
        context={"name": person.full_name, "title": "A place on the Race Panel", "summary": "", "url": "/"},
        idempotency_key=key,
    )
    message.refresh_from_db()
    return message


def decide(person, decision: str) -> None:
    wording = outbox.consent_wording_current(ConsentPurpose.FUTURE_OPPORTUNITIES)
    outbox.consent_record(person=person, wording=wording, decision=decision)


@page("portal:outbox_attention")
def messages_that_were_not_sent(visitor):
    unreachable = UserFactory(full_name="Una Reachable")
    decide(unreachable, ConsentDecision.GIVEN)
    # A mail server that refuses connections, and no time to try again: the message fails.
    smtp_refused = {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": free_port(), "OUTBOX_RETRY_FOR_HOURS": 0}
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", **smtp_refused):
        failed = queue_an_opportunity(unreachable, "browser:failed")
    changed_mind = UserFactory(full_name="Chan Gedmind")
    decide(changed_mind, ConsentDecision.GIVEN)
    decide(changed_mind, ConsentDecision.WITHDRAWN)
    suppressed = queue_an_opportunity(changed_mind, "browser:suppressed")
    assert (failed.status, suppressed.status) == (MessageStatus.FAILED, MessageStatus.SUPPRESSED)
    visitor.sign_in(visitor.person("administrator"))
    visitor.open("/staff/messages/")
    expect(visitor.page.locator("tbody tr")).to_have_count(2)


def a_letter_waiting() -> Message:
    person = UserFactory(
        full_name="Les Post",
        contact_channel=ContactChannel.POST,
        contact_format=ContactFormat.LARGE_PRINT,
        address="1 Dale Street\nLiverpool",
        postcode="L2 2DH",
    )
    decide(person, ConsentDecision.GIVEN)
    letter = queue_an_opportunity(person, "browser:letter")
    assert (letter.channel, letter.status) == ("letter", MessageStatus.QUEUED)
    return letter


@page("portal:letters")
def letters_to_print_and_post(visitor):
    a_letter_waiting()
    visitor.sign_in(visitor.person("administrator"))
    visitor.open("/staff/letters/")
    expect(visitor.page.locator("tbody tr")).to_have_count(1)


@page("portal:letter_print")
def a_letter_to_print(visitor):
    letter = a_letter_waiting()
    visitor.sign_in(visitor.person("administrator"))
    visitor.open(f"/staff/letters/{letter.pk}/")


# Recruitment: a round's pages, applying, and what happens after sending.

ROUND_TIMES = {
    "open": (timedelta(days=-1), timedelta(days=27)),
    "not yet open": (timedelta(days=7), timedelta(days=35)),
    "closed": (timedelta(days=-40), timedelta(days=-12)),
}

ABOUT_YOU = {
    "phone": "0151 000 0002",
    "address": "2 Example Road\nLiverpool",
    "postcode": "L2 2BB",
    "contact_channel": ContactChannel.EMAIL,
    "contact_format": ContactFormat.STANDARD,
    "local_authority_area": "wirral",
    "interview_adjustments": "A step-free room and a break every hour.",
}


def a_round(state: str = "open", **fields) -> Round:
    opens, closes = ROUND_TIMES[state]
    now = timezone.now()
    return round_with_questions(count=2, opens_at=now + opens, closes_at=now + closes, **fields)


def a_draft(person, round_: Round | None = None, *, about_you: bool = True, answers: bool = True) -> Application:
    """A draft application, filled in as far as asked, through the services the pages call."""
    round_ = round_ or a_round()
    application = recruitment.application_start(actor=person, round_=round_)
    if about_you:
        recruitment.application_about_you_save(
            actor=person, application=application, full_name=person.full_name, **ABOUT_YOU
        )
    if answers:
        for question in round_.questions.all():
            text = f"My answer to {question.text.lower()} I have lived here all my life."
            recruitment.answer_save(actor=person, application=application, question=question, text=text)
    return application


def a_sent_application(person, round_: Round | None = None) -> Application:
    application = a_draft(person, round_)
    return recruitment.application_submit(actor=person, application_id=application.pk, declaration=True)


def applying(visitor, **draft) -> Application:
    """The applicant, signed in, with a draft application to an open round."""
    applicant = visitor.person("applicant")
    visitor.sign_in(applicant)
    return a_draft(applicant, **draft)


def sent(visitor) -> Application:
    applicant = visitor.person("applicant")
    visitor.sign_in(applicant)
    return a_sent_application(applicant)


@page("recruitment:round")
def an_open_round_from_its_panels_page(visitor):
    round_ = a_round()
    visitor.open("/panels/race/")
    visitor.follow(round_.title)
    expect(visitor.page.get_by_role("button", name="Start your application")).to_be_visible()


@page("recruitment:round")
def a_round_not_yet_open_then_a_closed_round(visitor):
    visitor.open(a_round("not yet open").get_absolute_url())
    expect(visitor.page.get_by_text("You can apply from")).to_be_visible()
    assert_accessible(visitor.page, "not yet open")
    visitor.open(a_round("closed", title="Join the Race Panel in 2025").get_absolute_url())
    expect(visitor.page.get_by_text("This round closed on")).to_be_visible()


@page("recruitment:round_easy_read")
def a_round_in_easy_read_then_a_closed_round_in_easy_read(visitor):
    round_ = a_round()
    question = round_.questions.first()
    question.easy_read = "Why do you want to be on the panel?"
    question.save()
    visitor.open(round_.get_absolute_url())
    visitor.follow("Read about this role in easy read")
    expect(visitor.page.get_by_role("button", name="Apply online")).to_be_visible()
    assert_accessible(visitor.page, "open")
    visitor.open(f"/rounds/{a_round('closed', title='Join the Race Panel in 2025').pk}/easy-read/")
    expect(visitor.page.get_by_text("You cannot apply now.")).to_be_visible()


@page("recruitment:start")
def start_your_application_after_signing_in(visitor):
    round_ = a_round()
    visitor.open(round_.get_absolute_url())
    visitor.press("Start your application")  # signed out: a link, to signing in and back
    visitor.page.get_by_label("Email address").fill(visitor.person("applicant").email)
    visitor.page.get_by_label("Password").fill(PASSWORD)
    visitor.press("Sign in")
    expect(visitor.page.get_by_role("button", name="Start your application")).to_be_visible()


@page("recruitment:application")
def start_an_application(visitor):
    visitor.sign_in(visitor.person("applicant"))
    visitor.open(a_round().get_absolute_url())
    visitor.press("Start your application")
    expect(visitor.page.locator(".govuk-task-list")).to_be_visible()


@page("recruitment:application")
def where_a_sent_application_stands_then_withdrawn(visitor):
    application = sent(visitor)
    visitor.open("/applications/")
    visitor.follow("View your application to the Race Panel")
    expect(visitor.page.get_by_role("link", name="Withdraw your application")).to_be_visible()
    assert_accessible(visitor.page, "sent")
    recruitment.application_withdraw(actor=application.applicant, application=application, reason="I moved away.")
    visitor.open(f"/applications/{application.pk}/")
    expect(visitor.page.get_by_text("You withdrew this application on")).to_be_visible()


@page("recruitment:as_sent")
def what_you_sent(visitor):
    application = sent(visitor)
    visitor.open(f"/applications/{application.pk}/")
    visitor.follow("See what you sent")
    expect(visitor.page.get_by_role("button", name="Print this page")).to_be_visible()


@page("recruitment:about_you")
def about_you_then_sent_without_a_name_or_where_they_live(visitor):
    application = applying(visitor, about_you=False, answers=False)
    visitor.open(f"/applications/{application.pk}/")
    visitor.follow("About you")
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_label("Full name").fill("")
    visitor.press("Save and continue")
    shows_the_error(visitor, "Enter your full name")
    shows_the_error(visitor, "Select where you live")


@page("recruitment:question")
def a_question_with_its_easy_read_wording_then_an_answer_over_the_word_limit(visitor):
    application = applying(visitor, answers=False)
    application.round.questions.filter(order=1).update(easy_read="Why do you want to be on the panel?")
    visitor.open(f"/applications/{application.pk}/")
    visitor.follow("Question 1: Question 1?")
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_label("Question 1?").fill("word " * 301)
    visitor.press("Save and continue")
    shows_the_error(visitor, "Your answer must be 300 words or fewer")


@page("recruitment:check")
def check_your_answers_with_answers_missing_then_sent_then_complete_but_sent_without_the_declaration(visitor):
    application = applying(visitor, answers=False)
    visitor.open(f"/applications/{application.pk}/")
    visitor.follow("Check your answers and send your application")
    expect(visitor.page.get_by_text("You still need to add an answer to question 1")).to_be_visible()
    assert_accessible(visitor.page, "with answers missing")
    visitor.page.get_by_label("I confirm that the information I have given is true").check()
    visitor.press("Accept and send")
    shows_the_error(visitor, "Answer question 1")
    shows_the_error(visitor, "Answer question 2")
    assert_accessible(visitor.page, "sent with answers missing")
    a_draft(application.applicant, application.round)  # the answers, given on their own pages
    visitor.open(f"/applications/{application.pk}/check/")
    visitor.press("Accept and send")
    shows_the_error(visitor, "Confirm that the information you have given is true")


@page("recruitment:equality")
def equality_questions_after_sending(visitor):
    application = applying(visitor)
    visitor.open(f"/applications/{application.pk}/check/")
    visitor.page.get_by_label("I confirm that the information I have given is true").check()
    visitor.press("Accept and send")
    expect(visitor.page.get_by_role("button", name="Skip this page")).to_be_visible()


@page("recruitment:equality")
def equality_answers_to_change_or_delete(visitor):
    application = sent(visitor)
    answers = {"age_band": "25_34", "sex": "prefer_not_to_say", "religion": "none", "caring": "no"}
    recruitment.monitoring_save(actor=application.applicant, application=application, answers=answers)
    visitor.open(f"/applications/{application.pk}/submitted/")
    visitor.follow("See, change or delete your equality information")
    expect(visitor.page.get_by_role("radio", name="25 to 34")).to_be_checked()
    expect(visitor.page.get_by_role("button", name="Delete my answers")).to_be_visible()


@page("recruitment:equality")
def equality_answers_recorded_for_someone_then_never_shown_again(visitor):
    coordinator = visitor.person("coordinator")
    application = recruitment.application_record_assisted(
        actor=coordinator, round_=a_round(), method="paper", full_name="Pat Post"
    )
    by_post = {**ABOUT_YOU, "contact_channel": ContactChannel.POST}
    recruitment.application_about_you_save(actor=coordinator, application=application, full_name="Pat Post", **by_post)
    for question in application.round.questions.all():
        recruitment.answer_save(actor=coordinator, application=application, question=question, text="From paper.")
    recruitment.application_submit(actor=coordinator, application_id=application.pk, declaration=True)
    coordinating(visitor)
    visitor.open(f"/applications/{application.pk}/equality/")
    expect(visitor.page.get_by_text("record their answers here", exact=False)).to_be_visible()
    assert_accessible(visitor.page, "to record")
    visitor.page.get_by_label("25 to 34").check()
    visitor.press("Save and continue")
    visitor.open(f"/applications/{application.pk}/equality/")
    expect(visitor.page.get_by_text("Only they can see, change or delete them", exact=False)).to_be_visible()


@page("recruitment:balance")
def balanced_panel_questions_then_sent_without_yes_or_no(visitor):
    application = sent(visitor)
    visitor.open(f"/applications/{application.pk}/equality/")
    visitor.press("Skip this page")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Save and continue")
    shows_the_error(visitor, "Select yes or no")


@page("recruitment:submitted")
def application_sent(visitor):
    application = sent(visitor)
    visitor.open(f"/applications/{application.pk}/balance/")
    visitor.page.get_by_role("radio", name="No", exact=True).check()
    visitor.press("Save and continue")
    expect(visitor.page.get_by_text(application.reference)).to_be_visible()


@page("recruitment:withdraw")
def withdraw_a_sent_application(visitor):
    application = sent(visitor)
    visitor.open(f"/applications/{application.pk}/")
    visitor.follow("Withdraw your application")


@page("recruitment:my_applications")
def your_applications_none_then_one_sent_and_one_saved_to_finish_later(visitor):
    applicant = visitor.person("applicant")
    visitor.sign_in(applicant)
    visitor.open("/account/")
    visitor.follow("Your applications")
    expect(visitor.page.get_by_text("You have not applied to a panel yet.")).to_be_visible()
    assert_accessible(visitor.page, "none yet")
    a_sent_application(applicant, a_round(panel=Panel.objects.get(slug="gender"), title="Join the Gender Panel"))
    draft = a_draft(applicant, answers=False)
    visitor.open(f"/applications/{draft.pk}/questions/1/")
    visitor.page.get_by_label("Question 1?").fill("A first go at my answer.")
    visitor.press("Save and come back later")
    visitor.page.get_by_text("Your answer is saved.").wait_for()
    expect(visitor.page.locator("tbody tr")).to_have_count(2)


# Recruitment: the coordinator's pages.


def coordinating(visitor) -> None:
    visitor.sign_in(visitor.person("coordinator"))


def a_round_being_set_up(visitor, *, from_the_list: bool = False) -> Round:
    """A round that opens next week, with its questions and a criterion, and its coordinator on
    the round's page (come from the panel's list of rounds, or straight from a bookmark)."""
    round_ = a_round("not yet open", title="Join the Race Panel in 2027")
    coordinating(visitor)
    if from_the_list:
        visitor.open("/staff/panels/race/rounds/")
        visitor.follow(round_.title)
    else:
        visitor.open(f"/staff/rounds/{round_.pk}/")
    return round_


@page("recruitment:staff_rounds")
def a_panels_recruitment_rounds(visitor):
    a_sent_application(visitor.person("applicant"), a_round())
    a_round("not yet open", title="Join the Race Panel in 2027")
    a_round("closed", title="Join the Race Panel in 2025")
    coordinating(visitor)
    visitor.open("/staff/panels/race/")
    visitor.follow("Recruitment rounds")
    expect(visitor.page.locator("tbody tr")).to_have_count(3)


@page("recruitment:round_create")
def create_a_round_then_sent_empty(visitor):
    coordinating(visitor)
    visitor.open("/staff/panels/race/rounds/")
    visitor.press("Create a round")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Create round")
    shows_the_error(visitor, "Enter when the round opens")


@page("recruitment:round_edit")
def a_round_with_its_questions_and_criteria(visitor):
    # Its forms with errors are checked below (adding a question or a criterion shows this page
    # again with the error) and on the page for creating a round (the same details form).
    a_round_being_set_up(visitor, from_the_list=True)
    expect(visitor.page.get_by_text("Lived experience")).to_be_visible()
    expect(visitor.page.get_by_text("Question 2?")).to_be_visible()


@page("recruitment:question_add")
def a_question_without_its_text(visitor):
    a_round_being_set_up(visitor)
    visitor.press("Add question")
    shows_the_error(visitor, "Enter the question")


@page("recruitment:criterion_add")
def a_criterion_without_its_marking_guide(visitor):
    a_round_being_set_up(visitor)
    visitor.page.get_by_label("Criterion").fill("Understanding of the region")
    visitor.press("Add criterion")
    shows_the_error(visitor, "Enter the marking guide")


@page("recruitment:question_edit")
def change_a_question_then_saved_without_its_text(visitor):
    a_round_being_set_up(visitor)
    visitor.follow("Change question 1")
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_label("Question", exact=True).fill("")
    visitor.press("Save question")
    shows_the_error(visitor, "Enter the question")


@page("recruitment:round_preview")
def preview_a_round_before_it_opens(visitor):
    a_round_being_set_up(visitor)
    visitor.follow("Preview the page applicants see")
    expect(visitor.page.get_by_text("This is a preview.")).to_be_visible()


@page("recruitment:equality_report")
def equality_monitoring_totals_for_a_round(visitor):
    round_ = a_round()
    for number in range(6):
        application = a_sent_application(UserFactory(full_name=f"Person {number}"), round_)
        answers = {"age_band": "25_34", "religion": "none" if number % 2 else "sikh"}
        recruitment.monitoring_save(actor=application.applicant, application=application, answers=answers)
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/")
    visitor.follow("Equality monitoring totals")
    expect(visitor.page.get_by_role("cell", name="fewer than 5").first).to_be_visible()


@page("recruitment:round_applications")
def a_rounds_applications_counted_by_status(visitor):
    round_ = a_round()
    a_sent_application(visitor.person("applicant"), round_)
    a_draft(UserFactory(full_name="Dee Draft"), round_, answers=False)
    coordinator = visitor.person("coordinator")
    recruitment.application_record_assisted(actor=coordinator, round_=round_, method="paper", full_name="Pat Post")
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/")
    visitor.follow("Applications")
    expect(visitor.page.get_by_role("link", name="Draft (2)")).to_be_visible()
    expect(visitor.page.locator("tbody tr")).to_have_count(3)


@page("recruitment:staff_application")
def an_application_taken_on_paper_then_more_time_given_without_a_reason(visitor):
    round_ = a_round()
    coordinator = visitor.person("coordinator")
    application = recruitment.application_record_assisted(
        actor=coordinator, round_=round_, method="paper", full_name="Pat Post"
    )
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/applications/")
    visitor.follow(f"Draft application {application.pk}")
    assert_accessible(visitor.page, "as it opens")
    later = timezone.localtime(round_.closes_at + timedelta(days=14))
    visitor.page.get_by_label("New deadline for this person").fill(later.strftime("%Y-%m-%dT%H:%M"))
    visitor.press("Save new deadline")
    shows_the_error(visitor, "Say why this person needs more time")


@page("recruitment:assisted")
def record_an_application_for_someone_then_sent_empty(visitor):
    a_round_being_set_up(visitor)
    visitor.follow("Record an application made by phone, post, email or BSL")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Continue")
    shows_the_error(visitor, "Select how you received the application")


@page("recruitment:about_you")
def about_them_for_an_application_taken_on_paper(visitor):
    round_ = a_round()
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/assisted/")
    visitor.page.get_by_label("On paper").check()
    visitor.page.get_by_label("Their full name").fill("Pat Post")
    visitor.press("Continue")
    visitor.page.get_by_text("Now fill in the application with the details you received.").wait_for()
    expect(visitor.page.get_by_text("Application for Pat Post")).to_be_visible()


# Recruitment: reviewing applications, then deciding about them.


def a_round_in_review(visitor, applications: int = 3, *, one_names_themselves: bool = False) -> Round:
    """A closed round whose applications the coordinator has shared between the panel's two
    reviewers, the `reviewer` and a colleague (each application goes to two, so both read all of
    them). With `one_names_themselves`, the first applicant gives their name in an answer, which
    is held back from reviewers until the coordinator has checked it."""
    visitor.person("reviewer")
    reviewers_for(Panel.objects.get(slug="race"), 1)
    round_ = closed_round()
    first, *_ = submitted_applications(round_, applications)
    if one_names_themselves:
        answer = first.answers.get(question__order=1)
        answer.text = f"I am {first.applicant.full_name} and I have lived in Liverpool all my life."
        answer.save(update_fields=["text"])
    recruitment.review_start(actor=visitor.person("coordinator"), round_=round_)
    return round_


def in_review(round_: Round) -> list[Application]:
    """The round's applications as review left them (each with its review code), in the order sent."""
    return list(round_.applications.order_by("id"))


def first_to_review(person) -> ReviewAssignment:
    """The first application in the reviewer's own reading order."""
    return ReviewAssignment.objects.filter(reviewer=person).select_related("application").order_by("position").first()


def send_scores(assignment: ReviewAssignment, score: int, comment: str = "") -> None:
    """The reviewer gives `score` for every criterion, and sends their scores."""
    criteria = assignment.application.round.criteria.all()
    recruitment.review_record(
        actor=assignment.reviewer, assignment=assignment, scores={c.pk: (score, comment) for c in criteria}, submit=True
    )


def scores_sent(application: Application, *scores: int) -> None:
    """Each of the application's reviewers, in turn, sends one score for every criterion."""
    assignments = application.assignments.select_related("reviewer").order_by("reviewer_id")
    for assignment, score in zip(assignments, scores, strict=True):
        send_scores(assignment, score)


def reviewing(visitor) -> None:
    visitor.sign_in(visitor.person("reviewer"))


def score_group(visitor, criterion: str):
    return visitor.page.get_by_role("group", name=f"Score for {criterion}")


@page("recruitment:review_home")
def applications_to_review_none_yet_then_a_round(visitor):
    reviewing(visitor)
    visitor.open("/staff/")
    visitor.follow("Applications to review")
    expect(visitor.page.get_by_text("You have no applications to review at the moment.")).to_be_visible()
    assert_accessible(visitor.page, "none yet")
    round_ = a_round_in_review(visitor)
    visitor.open("/review/")
    expect(visitor.page.get_by_role("link", name=round_.title)).to_be_visible()


@page("recruitment:review_round")
def a_round_to_review_with_scores_to_do_and_sent(visitor):
    round_ = a_round_in_review(visitor)
    send_scores(first_to_review(visitor.person("reviewer")), 3)
    reviewing(visitor)
    visitor.open("/review/")
    visitor.follow(round_.title)
    expect(visitor.page.locator(".govuk-tag", has_text="Sent")).to_have_count(1)
    expect(visitor.page.locator(".govuk-tag", has_text="To do")).to_have_count(2)


@page("recruitment:review_question")
def every_answer_to_a_question_one_held_back_for_checking_then_the_next_question(visitor):
    round_ = a_round_in_review(visitor, one_names_themselves=True)
    reviewing(visitor)
    visitor.open(f"/review/rounds/{round_.pk}/")
    visitor.follow("Question 1: Question 1?")
    expect(visitor.page.get_by_text("The coordinator is checking this answer")).to_be_visible()
    assert_accessible(visitor.page, "question 1")
    visitor.press("Next question")
    expect(visitor.page.get_by_role("heading", level=1)).to_have_text("Question 2")


@page("recruitment:review_application")
def score_an_application_then_saved_for_later_then_sent_with_a_score_missing(visitor):
    round_ = a_round_in_review(visitor)
    mine = first_to_review(visitor.person("reviewer"))
    reviewing(visitor)
    visitor.open(f"/review/rounds/{round_.pk}/")
    visitor.follow(f"Application {mine.application.review_code}")
    assert_accessible(visitor.page, "as it opens")
    score_group(visitor, "Criterion 1").get_by_role("radio", name="3", exact=True).check()
    visitor.page.get_by_label("Comment on Criterion 1").fill("Strong, local examples.")
    visitor.press("Save and come back later")
    visitor.page.get_by_text("Your scores have been saved.").wait_for()
    assert_accessible(visitor.page, "saved to come back to")
    visitor.press("Send scores")
    shows_the_error(visitor, "Give a score for Criterion 2")
    expect(visitor.page.get_by_label("Comment on Criterion 1")).to_have_value("Strong, local examples.")


@page("recruitment:review_application")
def an_application_after_sending_its_scores_with_the_other_reviewers_scores(visitor):
    round_ = a_round_in_review(visitor)
    mine = first_to_review(visitor.person("reviewer"))
    send_scores(mine.application.assignments.exclude(pk=mine.pk).get(), 1, "Few examples.")
    reviewing(visitor)
    visitor.open(f"/review/{mine.pk}/")
    for criterion in round_.criteria.all():
        score_group(visitor, criterion.name).get_by_role("radio", name="3", exact=True).check()
    visitor.press("Send scores")
    visitor.page.get_by_text("Your scores have been sent.").wait_for()
    visitor.follow(f"Application {mine.application.review_code}")
    expect(visitor.page.get_by_role("heading", name="Another reviewer")).to_be_visible()
    expect(visitor.page.get_by_text("Few examples.").first).to_be_visible()


@page("recruitment:review_conflict")
def declare_a_conflict_of_interest_then_sent_without_a_reason(visitor):
    a_round_in_review(visitor)
    mine = first_to_review(visitor.person("reviewer"))
    reviewing(visitor)
    visitor.open(f"/review/{mine.pk}/")
    visitor.follow("I have a conflict of interest with this applicant")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Declare conflict")
    shows_the_error(visitor, "Say briefly why you have a conflict of interest")


@page("recruitment:round_review")
def review_before_it_starts_then_with_too_few_reviewers_then_started(visitor):
    round_ = closed_round()
    submitted_applications(round_, 3)
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/applications/")
    visitor.follow("Review and scores")
    expect(visitor.page.get_by_role("button", name="Start review")).to_be_visible()
    assert_accessible(visitor.page, "before review starts")
    visitor.press("Start review")
    expect(visitor.page.get_by_text("Each application needs 2 reviewers, but the panel has 0.")).to_be_visible()
    assert_accessible(visitor.page, "too few reviewers to start")
    visitor.person("reviewer")
    reviewers_for(Panel.objects.get(slug="race"), 1)
    visitor.press("Start review")
    visitor.page.get_by_text("Review has started: 3 applications shared among the reviewers.").wait_for()


@page("recruitment:round_review")
def review_under_way_with_an_answer_to_check_a_conflict_and_a_disagreement_then_those_needing_moderation(visitor):
    round_ = a_round_in_review(visitor, one_names_themselves=True)
    first, second, _ = in_review(round_)
    reviewer = visitor.person("reviewer")
    # Nobody else is free to take it: the application is left needing a reviewer.
    recruitment.review_conflict_declare(
        actor=reviewer, assignment=first.assignments.get(reviewer=reviewer), reason="They are my neighbour."
    )
    scores_sent(second, 0, 4)
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/applications/")
    visitor.follow("Review and scores")
    expect(visitor.page.get_by_role("link", name=f"Application {first.review_code}, question 1")).to_be_visible()
    expect(visitor.page.get_by_role("cell", name="They are my neighbour.")).to_be_visible()
    expect(visitor.page.get_by_text(f"Application {first.review_code}", exact=True)).to_be_visible()
    assert_accessible(visitor.page, "with an answer to check, a conflict, one short of a reviewer and a disagreement")
    visitor.follow("Needing moderation (1)")
    scores = visitor.page.get_by_role("table", name="Applications and their scores")
    expect(scores.locator("tbody tr")).to_have_count(1)
    expect(scores.get_by_role("link", name=second.review_code)).to_be_visible()


@page("recruitment:application_scores")
def scores_with_a_disagreement_and_a_checked_answer_then_a_moderated_score_out_of_range(visitor):
    round_ = a_round_in_review(visitor, one_names_themselves=True)
    first = in_review(round_)[0]
    answer = first.answers.get(question__order=1)
    coordinator = visitor.person("coordinator")
    redacted = "I am [name removed] and I have lived in Liverpool all my life."
    recruitment.answer_redact(actor=coordinator, answer=answer, redacted_text=redacted)
    scores_sent(first, 0, 4)
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/review/")
    visitor.follow(first.review_code)
    expect(visitor.page.get_by_text("Needs moderation")).to_be_visible()
    visitor.page.get_by_text("What reviewers read").click()
    expect(visitor.page.get_by_text(redacted)).to_be_visible()
    assert_accessible(visitor.page, "with the moderation form, and what reviewers read opened")
    visitor.page.get_by_label("Moderated score").fill("20")
    visitor.page.get_by_label("Why this score?").fill("Answer 2 was strong; answer 1 was partial.")
    visitor.press("Save moderated score")
    shows_the_error(visitor, "The moderated score must be from 0 to 8")


@page("recruitment:answer_redact")
def check_an_answer_that_names_the_applicant_then_saved_empty(visitor):
    round_ = a_round_in_review(visitor, one_names_themselves=True)
    first = in_review(round_)[0]
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/review/")
    visitor.follow(f"Application {first.review_code}, question 1")
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_label("The answer as reviewers will read it").fill("")
    visitor.press("Save for reviewers")
    shows_the_error(visitor, "Enter the answer as reviewers should read it")


@page("recruitment:shortlist")
def shortlist_by_a_cut_off_as_it_opens_then_its_preview_then_without_a_cut_off(visitor):
    round_ = a_round_in_review(visitor)
    for application, score in zip(in_review(round_), (1, 3, 4), strict=True):
        scores_sent(application, score, score)
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/review/")
    visitor.follow("Shortlist by a cut-off score")
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_label("Shortlist everyone scoring at least").fill("6")
    visitor.press("See how many")
    expect(visitor.page.locator(".govuk-inset-text")).to_have_text("2 of 3 would be shortlisted.")
    expect(visitor.page.get_by_role("button", name="Shortlist at 6")).to_be_visible()
    assert_accessible(visitor.page, "with a cut-off's preview")
    visitor.page.get_by_label("Shortlist everyone scoring at least").fill("")
    visitor.press("See how many")
    shows_the_error(visitor, "Enter the cut-off score")


@page("recruitment:application_decide")
def decide_about_an_application_then_saved_without_a_decision_or_a_reason(visitor):
    round_ = a_round_in_review(visitor)
    first = in_review(round_)[0]
    scores_sent(first, 3, 3)
    coordinating(visitor)
    visitor.open(f"/staff/applications/{first.pk}/scores/")
    visitor.press("Make a decision")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Save decision")
    shows_the_error(visitor, "Select a decision")
    shows_the_error(visitor, "Choose a reason")


def in_the_future(days: int) -> str:
    """A time `days` from now, as a datetime-local field takes it."""
    return (timezone.localtime() + timedelta(days=days)).strftime("%Y-%m-%dT10:00")


@page("recruitment:application_interview")
def invite_to_interview_without_a_place_then_invited_then_a_score_out_of_range(visitor):
    round_ = a_round_in_review(visitor)
    first = in_review(round_)[0]
    first.interview_adjustments = "I use a wheelchair and need a step-free room."
    first.save(update_fields=["interview_adjustments"])
    coordinator = visitor.person("coordinator")
    recruitment.application_decide(
        actor=coordinator, application=first, status=ApplicationStatus.SHORTLISTED, reason=DecisionReason.MET_CRITERIA
    )
    coordinating(visitor)
    visitor.open(f"/staff/applications/{first.pk}/scores/")
    visitor.press("Interview")
    assert_accessible(visitor.page, "the invitation as it opens")
    visitor.page.get_by_label("Date and time").fill(in_the_future(days=5))
    visitor.press("Send invitation")
    shows_the_error(visitor, "Enter the place or an online joining link")
    assert_accessible(visitor.page, "an invitation without a place")
    visitor.page.get_by_label("Place").fill("Room 1, Mann Island, Liverpool")
    visitor.page.get_by_label("What we will arrange for them").fill("A step-free room on the ground floor.")
    visitor.press("Send invitation")
    visitor.page.get_by_text("The invitation has been sent.").wait_for()
    expect(visitor.page.get_by_role("heading", name="Record the interview")).to_be_visible()
    assert_accessible(visitor.page, "invited: the invitation to change, and the interview to record")
    visitor.page.get_by_label("Interview score (0 to 100)").fill("120")
    visitor.press("Save interview score")
    shows_the_error(visitor, "The score must be from 0 to 100")


def appointed(application: Application, coordinator) -> None:
    """Shortlisted, interviewed and appointed, as the coordinator does it: nobody is told yet."""
    status, reason = ApplicationStatus.SHORTLISTED, DecisionReason.MET_CRITERIA
    recruitment.application_decide(actor=coordinator, application=application, status=status, reason=reason)
    starts_at = timezone.now() + timedelta(days=5)
    recruitment.interview_invite(actor=coordinator, application=application, starts_at=starts_at, place="Room 1")
    recruitment.interview_record(actor=coordinator, application=application, score=82, notes="Clear examples.")
    status, reason = ApplicationStatus.APPOINTED, DecisionReason.SELECTED
    recruitment.application_decide(actor=coordinator, application=application, status=status, reason=reason)


@page("recruitment:outcomes_release")
def outcomes_to_release_with_their_messages_then_sent_without_a_date_then_none_left(visitor):
    round_ = a_round_in_review(visitor)
    first, second, _ = in_review(round_)
    coordinator = visitor.person("coordinator")
    appointed(first, coordinator)
    recruitment.application_decide(
        actor=coordinator, application=second, status=ApplicationStatus.NOT_SHORTLISTED,
        reason=DecisionReason.BELOW_CUTOFF, feedback="More examples from your own community would help.",
    )  # fmt: skip
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/applications/")
    visitor.follow("Release outcomes")
    previews = visitor.page.locator(".govuk-details__summary")
    expect(previews).to_have_count(2)
    for preview in previews.all():
        preview.click()
    expect(visitor.page.get_by_text("You have been appointed to the Race Panel").first).to_be_visible()
    assert_accessible(visitor.page, "with the outcomes to send, their messages' previews opened")
    terms_start = visitor.page.get_by_label("Appointed members' terms start on")
    terms_start.fill("")
    visitor.press("Send 2 outcome messages")
    shows_the_error(visitor, "Enter the date terms start")
    assert_accessible(visitor.page, "sent without a date")
    terms_start.fill(timezone.localdate().isoformat())
    visitor.press("Send 2 outcome messages")
    visitor.page.get_by_text("2 outcome messages are on their way.").wait_for()
    visitor.follow("Release outcomes")
    expect(visitor.page.get_by_text("There are no outcomes waiting to be sent.")).to_be_visible()


def interviewed_candidates(visitor) -> Round:
    """Four interviewed candidates; three agreed to their answers being used for balance."""
    round_ = closed_round(places=2)
    young, older = {"age_band": "16_24", "ethnic_group": "asian"}, {"age_band": "65_74", "ethnic_group": "black"}
    specs = [(90, "wirral", older), (85, "wirral", older), (70, "knowsley", young), (60, "sefton", None)]
    interviewed(round_, visitor.person("coordinator"), specs)
    return round_


@page("recruitment:selection_new")
def propose_a_balanced_panel_then_sent_with_errors(visitor):
    round_ = interviewed_candidates(visitor)
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/applications/")
    visitor.follow("Propose a balanced panel")
    expect(visitor.page.get_by_text("4 interviewed candidates have an interview score")).to_be_visible()
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_label("Number of seats").fill("")
    visitor.page.get_by_label("Minimum for Wirral").fill("3")
    visitor.page.get_by_label("Maximum for Wirral").fill("1")
    visitor.press("Propose a panel")
    shows_the_error(visitor, "Enter the number of seats")
    expect(visitor.page.get_by_label("Minimum for Wirral")).to_have_value("3")
    assert_accessible(visitor.page, "with errors")


@page("recruitment:selection")
def a_proposed_panel_then_accepted_then_a_replacement(visitor):
    round_ = interviewed_candidates(visitor)
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/selection/")
    visitor.page.get_by_label("Minimum for 16 to 24").fill("1")
    visitor.press("Propose a panel")
    expect(visitor.page.get_by_role("heading", name="Best by score")).to_be_visible()
    assert_accessible(visitor.page, "as proposed, meeting its targets")
    visitor.press("Save decision")
    shows_the_error(visitor, "Choose whether to accept or reject the proposal")
    assert_accessible(visitor.page, "decided without a choice")
    visitor.page.get_by_label("Accept this panel").check()
    visitor.press("Save decision")
    visitor.page.get_by_text("Your decision has been recorded.").wait_for()
    assert_accessible(visitor.page, "accepted, with the replacement form")
    recruitment.outcomes_release(actor=visitor.person("coordinator"), round_=round_)
    visitor.page.reload()  # the appointed are members now, so one can leave
    visitor.page.get_by_label("Who is leaving the panel?").select_option(index=1)
    visitor.press("Propose a replacement")
    expect(visitor.page.get_by_role("heading", name="Replacement from the reserve list")).to_be_visible()
    assert_accessible(visitor.page, "a replacement proposed from the reserve list")


@page("recruitment:selection", name="a_proposal_whose_targets_cannot_all_be_met")
def a_proposal_whose_targets_cannot_all_be_met(visitor):
    round_ = interviewed_candidates(visitor)
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/selection/")
    visitor.page.get_by_label("Minimum for Halton").fill("1")
    visitor.press("Propose a panel")
    expect(visitor.page.get_by_text("The targets cannot all be met by these candidates.")).to_be_visible()
    assert_accessible(visitor.page, "with the targets that clash and the smallest change")


@page("recruitment:selection", name="a_fair_lottery_being_drawn_then_drawn")
def a_fair_lottery_being_drawn_then_drawn(visitor):
    round_ = interviewed_candidates(visitor)
    coordinating(visitor)
    visitor.open(f"/staff/rounds/{round_.pk}/selection/")
    if not lottery.available():
        expect(visitor.page.get_by_text("The fair lottery is not switched on here.")).to_be_visible()
        pytest.fail(f"The lottery pages cannot be checked without the optional extra. {lottery.ENABLE_HINT}")
    # Queued to a queue no worker reads, and drawn later by hand: the page first shows the draw on
    # its way, as it is while a worker draws it.
    celery_app.conf.task_always_eager = False
    try:
        with override_settings(LOTTERY_QUEUE="browser-test-not-consumed"):
            visitor.page.get_by_label("Fair lottery").check()
            visitor.page.get_by_label("Merit bar for the lottery").fill("65")
            visitor.press("Propose a panel")
            visitor.page.get_by_text("The lottery is being drawn.").wait_for()
    finally:
        celery_app.conf.task_always_eager = True
    assert_accessible(visitor.page, "while the lottery is being drawn")
    recruitment.selection_run_lottery(selection_id=Selection.objects.get().pk)
    visitor.press("Check again")
    expect(visitor.page.get_by_role("columnheader", name="Chance of selection")).to_be_visible()
    assert_accessible(visitor.page, "drawn, with each candidate's chance")
    visitor.press("Draw again with the same seed, to check it")
    expect(visitor.page.get_by_text("The same panel was drawn.")).to_be_visible()
    assert_accessible(visitor.page, "drawn again from its record, to check it")


# Membership.


def a_member_of_the_race_panel(visitor, name: str = "Morgan Member", *, days: int = 1000):
    start = timezone.localdate()
    return membership_create(
        actor=visitor.person("coordinator"), panel=Panel.objects.get(slug="race"),
        person=UserFactory(full_name=name), term_start=start, term_end=start + timedelta(days=days),
        reason="co-opted",
    )  # fmt: skip


@page("members:roster")
def a_panels_members_current_then_ending_soon_then_former(visitor):
    a_member_of_the_race_panel(visitor)
    a_member_of_the_race_panel(visitor, "Enid Ending", days=30)
    coordinating(visitor)
    visitor.open("/staff/panels/race/")
    visitor.follow("Members")
    expect(visitor.page.locator("tbody tr")).to_have_count(2)
    assert_accessible(visitor.page, "current members")
    visitor.follow("Term ends within 90 days")
    expect(visitor.page.locator("tbody tr")).to_have_count(1)
    visitor.follow("Former")
    expect(visitor.page.get_by_text("There is nobody to show here.")).to_be_visible()
    assert_accessible(visitor.page, "no former members")


@page("members:membership_add")
def add_a_member_directly_then_sent_empty(visitor):
    coordinating(visitor)
    visitor.open("/staff/panels/race/members/")
    visitor.press("Add a member")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Add to the panel")
    shows_the_error(visitor, "Enter their name")
    shows_the_error(visitor, "Say why this person is joining the panel")
    assert_accessible(visitor.page, "with errors")


@page("members:membership")
def a_membership_renewed_with_an_error_then_ended(visitor):
    membership = a_member_of_the_race_panel(visitor)
    coordinating(visitor)
    visitor.open("/staff/panels/race/members/")
    visitor.follow("Morgan Member")
    assert_accessible(visitor.page, "as it opens, with its history")
    visitor.press("Renew")
    shows_the_error(visitor, "Enter the new end of the term")
    assert_accessible(visitor.page, "renewed without a date")
    visitor.page.get_by_label("Why is the membership ending?").fill("Moved away")
    visitor.press("End membership")
    expect(visitor.page.get_by_text("Ended: Moved away").first).to_be_visible()
    assert_accessible(visitor.page, "ended")
    assert Membership.objects.get(pk=membership.pk).status == "ended"


@page("members:my_panels")
def your_panels_as_a_member(visitor):
    membership = a_member_of_the_race_panel(visitor)
    visitor.sign_in(membership.person)
    visitor.open("/account/")
    visitor.follow("Your panels")
    expect(visitor.page.get_by_role("heading", name="Race Panel")).to_be_visible()


@page("members:my_access_needs")
def your_access_needs_empty_then_with_an_error_then_with_needs(visitor):
    membership = a_member_of_the_race_panel(visitor)
    visitor.sign_in(membership.person)
    visitor.open("/account/")
    visitor.follow("Your access needs")
    assert_accessible(visitor.page, "with none yet")
    visitor.press("Add")
    shows_the_error(visitor, "Choose what you need")
    assert_accessible(visitor.page, "added without a choice")
    visitor.page.get_by_label("What do you need?").select_option(label="BSL interpreter")
    visitor.page.get_by_label("Tell us more, in your own words").fill("Two for long meetings, please.")
    visitor.press("Add")
    expect(visitor.page.get_by_text("Two for long meetings, please.")).to_be_visible()
    visitor.page.get_by_label("Prefer not to say").check()
    visitor.press("Save my answer")
    expect(visitor.page.get_by_text("You last checked these on")).to_be_visible()
    assert_accessible(visitor.page, "with a need, checked")
    AccessProfile.objects.filter(person=membership.person).update(confirmed_at=timezone.now() - timedelta(days=200))
    visitor.open("/your-access-needs/")
    expect(visitor.page.get_by_text("Please check your access needs are still right.")).to_be_visible()
    assert_accessible(visitor.page, "due for a check")
    visitor.press("My needs are still right")
    expect(visitor.page.get_by_text("We have noted that your access needs are still right.")).to_be_visible()


@page("members:my_interests")
def your_register_of_interests_new_then_without_listing_them_then_declared(visitor):
    membership = a_member_of_the_race_panel(visitor)
    visitor.sign_in(membership.person)
    visitor.open("/your-panels/")
    visitor.follow("Your register of interests")
    assert_accessible(visitor.page, "as a new member")
    visitor.page.get_by_label("Yes").check()
    visitor.press("Save my interests")
    shows_the_error(visitor, "List your interests, or say you have none")
    assert_accessible(visitor.page, "with an error")
    visitor.page.get_by_label("Your interests").fill("Trustee of a disability charity in Sefton")
    visitor.press("Save my interests")
    expect(visitor.page.get_by_text("Next due")).to_be_visible()
    assert_accessible(visitor.page, "declared")
    visitor.press("Nothing has changed")
    expect(visitor.page.get_by_text("Your interests are confirmed for another year.")).to_be_visible()


@page("members:staff_interests")
def a_coordinator_records_interests_then_without_saying_how(visitor):
    a_member_of_the_race_panel(visitor)
    coordinating(visitor)
    visitor.open("/staff/panels/race/members/")
    visitor.follow("Morgan Member")
    visitor.follow("Record interests they told you about")
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_label("No, they have none").check()
    visitor.press("Record their interests")
    shows_the_error(visitor, "Say how the person told you")


@page("members:my_record")
def your_record_with_a_consent_and_a_need(visitor):
    membership = a_member_of_the_race_panel(visitor)
    person = membership.person
    outbox.consent_decide(
        person=person, actor=person, purpose=ConsentPurpose.SHARE_ACCESS_NEEDS, decision=ConsentDecision.GIVEN
    )
    access_need_add(actor=person, person=person, item=AccessNeedItem.objects.get(name="Hearing loop"))
    visitor.sign_in(person)
    visitor.open("/account/")
    visitor.follow("Your record")
    expect(visitor.page.get_by_text("Access need added: Hearing loop")).to_be_visible()


@page("members:person_record")
def a_members_record_as_their_coordinator(visitor):
    a_member_of_the_race_panel(visitor)
    coordinating(visitor)
    visitor.open("/staff/panels/race/members/")
    visitor.follow("Morgan Member")
    visitor.follow("Their record")
    expect(visitor.page.get_by_text("Joined the Race Panel as member")).to_be_visible()


@page("members:staff_contact")
def a_coordinator_records_what_a_member_told_them_then_without_saying_how(visitor):
    a_member_of_the_race_panel(visitor)
    coordinating(visitor)
    visitor.open("/staff/panels/race/members/")
    visitor.follow("Morgan Member")
    visitor.follow("Record how to contact them, or what they agree to")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Record their decision")
    shows_the_error(visitor, "Say how the person told you")
    assert_accessible(visitor.page, "with errors")


@page("members:access_need_change")
def change_the_words_of_an_access_need_then_too_many(visitor):
    membership = a_member_of_the_race_panel(visitor)
    access_need_add(
        actor=membership.person, person=membership.person, item=AccessNeedItem.objects.get(name="Quiet room")
    )
    visitor.sign_in(membership.person)
    visitor.open("/your-access-needs/")
    visitor.follow("Change Quiet room")
    assert_accessible(visitor.page, "as it opens")
    words = visitor.page.get_by_label("In your own words")
    words.evaluate("box => box.removeAttribute('maxlength')")  # as a browser that does not enforce it
    words.fill("x" * 1001)
    visitor.press("Save")
    shows_the_error(visitor, "Keep it to 1,000 characters or fewer")


@page("members:staff_access_needs")
def a_coordinator_records_an_access_need_then_without_saying_how(visitor):
    a_member_of_the_race_panel(visitor)
    coordinating(visitor)
    visitor.open("/staff/panels/race/members/")
    visitor.follow("Morgan Member")
    visitor.follow("Record access needs they told you about")
    assert_accessible(visitor.page, "with none yet")
    visitor.page.get_by_label("What do they need?").select_option(label="Hearing loop")
    visitor.press("Add")
    shows_the_error(visitor, "Say how the person told you")
    assert_accessible(visitor.page, "without saying how")
    visitor.page.get_by_label("By phone").check()
    visitor.press("Add")
    expect(visitor.page.get_by_role("cell", name="Hearing loop", exact=True)).to_be_visible()


@page("members:staff_access_need_remove")
def a_coordinator_removes_an_access_need_then_without_a_reason(visitor):
    membership = a_member_of_the_race_panel(visitor)
    access_need_add(
        actor=visitor.person("coordinator"), person=membership.person,
        item=AccessNeedItem.objects.get(name="Parking space"), method="phone",
    )  # fmt: skip
    coordinating(visitor)
    visitor.open(f"/staff/memberships/{membership.pk}/access-needs/")
    visitor.follow("Remove Parking space")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Remove")
    shows_the_error(visitor, "Say why this is no longer needed")


@page("members:access_need_remove")
def remove_an_access_need_then_sent_without_a_reason(visitor):
    membership = a_member_of_the_race_panel(visitor)
    access_need_add(
        actor=membership.person, person=membership.person, item=AccessNeedItem.objects.get(name="Quiet room")
    )
    visitor.sign_in(membership.person)
    visitor.open("/your-access-needs/")
    visitor.follow("Remove Quiet room")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Remove")
    shows_the_error(visitor, "Say why this is no longer needed")
    assert_accessible(visitor.page, "with an error")


# Meetings.


def a_race_panel_meeting(visitor, *, days: int = 30, invite: bool = True, **fields):
    """A meeting of the Race Panel at a venue, with Morgan Member invited."""
    from tests.meetings.factories import a_meeting

    coordinator = visitor.person("coordinator")
    membership = a_member_of_the_race_panel(visitor)
    meeting = a_meeting(coordinator, Panel.objects.get(slug="race"), days=days, title="Race Panel: buses", **fields)
    if invite:
        meetings.meeting_invite(actor=coordinator, meeting=meeting)
    return meeting, membership.person


def in_the_past(meeting) -> None:
    from meetings.models import Meeting

    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1)
    )


@page("meetings:staff_meetings")
def a_panels_meetings(visitor):
    a_race_panel_meeting(visitor)
    coordinating(visitor)
    visitor.open("/staff/panels/race/")
    visitor.follow("Meetings")
    expect(visitor.page.get_by_role("link", name="Race Panel: buses")).to_be_visible()


@page("meetings:meeting_create")
def set_up_a_meeting_then_sent_empty(visitor):
    coordinating(visitor)
    visitor.open("/staff/panels/race/meetings/")
    visitor.press("Set up a meeting")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Set up the meeting")
    shows_the_error(visitor, "Enter a title")
    shows_the_error(visitor, "Enter the date")
    assert_accessible(visitor.page, "with errors")


@page("meetings:meeting")
def a_meeting_before_and_after_inviting_its_members(visitor):
    meeting, _ = a_race_panel_meeting(visitor, invite=False)
    a_member_of_the_race_panel(visitor, "Sam Second")
    coordinating(visitor)
    visitor.open("/staff/panels/race/meetings/")
    visitor.follow("Race Panel: buses")
    assert_accessible(visitor.page, "before inviting")
    visitor.press("Invite 2 members")
    expect(visitor.page.get_by_text("2 invitations are on their way.")).to_be_visible()
    expect(visitor.page.get_by_role("table", name="Who is invited").locator("tbody tr")).to_have_count(2)


@page("meetings:meeting_edit")
def change_a_meeting_then_with_no_title(visitor):
    meeting, _ = a_race_panel_meeting(visitor)
    coordinating(visitor)
    visitor.open(f"/staff/meetings/{meeting.pk}/")
    visitor.follow("Change the details")
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_label("Title").fill("")
    visitor.press("Save changes")
    shows_the_error(visitor, "Enter a title")


@page("meetings:meeting_cancel")
def cancel_a_meeting_then_without_a_reason(visitor):
    meeting, _ = a_race_panel_meeting(visitor)
    coordinating(visitor)
    visitor.open(f"/staff/meetings/{meeting.pk}/")
    visitor.follow("Cancel the meeting")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Cancel the meeting")
    shows_the_error(visitor, "Say why the meeting is cancelled")


@page("meetings:agenda")
def a_meetings_agenda_with_an_item_then_one_sent_empty(visitor):
    meeting, _ = a_race_panel_meeting(visitor)
    coordinating(visitor)
    visitor.open(f"/staff/meetings/{meeting.pk}/")
    visitor.follow("Change the agenda")
    visitor.page.get_by_label("Item").fill("The bus strategy")
    visitor.press("Add to the agenda")
    expect(visitor.page.get_by_text("1. The bus strategy")).to_be_visible()
    assert_accessible(visitor.page, "with an item")
    visitor.press("Add to the agenda")
    shows_the_error(visitor, "Enter the agenda item")


@page("meetings:papers")
def a_meetings_papers_with_versions_missing_then_one_sent_empty(visitor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    meeting, _ = a_race_panel_meeting(visitor)
    meetings.paper_add(
        actor=visitor.person("coordinator"), meeting=meeting, title="Bus strategy",
        standard=SimpleUploadedFile("bus.txt", b"The strategy"),
    )  # fmt: skip
    coordinating(visitor)
    visitor.open(f"/staff/meetings/{meeting.pk}/")
    visitor.follow("Add papers and their accessible versions")
    expect(visitor.page.get_by_text("Large print, Easy read, Audio")).to_be_visible()
    assert_accessible(visitor.page, "with a paper missing its accessible versions")
    visitor.press("Add the paper")
    shows_the_error(visitor, "Enter a title")
    assert_accessible(visitor.page, "with errors")


def a_meeting_with_arrangements(visitor):
    meeting, person = a_race_panel_meeting(visitor)
    for name in ("BSL interpreter", "Quiet room"):
        access_need_add(actor=person, person=person, item=AccessNeedItem.objects.get(name=name))
    meetings.invitation_reply(invitation=meeting.invitations.get(), reply="attending")
    return meeting, person


@page("meetings:arrangements")
def a_meetings_access_arrangements(visitor):
    meeting, _ = a_meeting_with_arrangements(visitor)
    coordinating(visitor)
    visitor.open(f"/staff/meetings/{meeting.pk}/")
    visitor.follow("Access arrangements")
    expect(visitor.page.get_by_role("link", name="BSL interpreter")).to_be_visible()


@page("meetings:arrangement")
def work_an_arrangement_then_not_possible_without_a_reason(visitor):
    meeting, _ = a_meeting_with_arrangements(visitor)
    coordinating(visitor)
    visitor.open(f"/staff/meetings/{meeting.pk}/arrangements/")
    visitor.follow("BSL interpreter")
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_role("radio", name="Not possible").check()
    visitor.press("Save")
    shows_the_error(visitor, "Say why it is not possible, so the person can be told")


@page("meetings:attendance")
def record_attendance_after_a_meeting(visitor):
    meeting, _ = a_race_panel_meeting(visitor)
    in_the_past(meeting)
    coordinating(visitor)
    visitor.open(f"/staff/meetings/{meeting.pk}/")
    visitor.follow("Record attendance and minutes")
    visitor.page.get_by_role("group", name="Morgan Member").get_by_label("Present").check()
    assert_accessible(visitor.page, "with one marked")


@page("meetings:attendance_totals")
def a_panels_attendance_this_year(visitor):
    meeting, person = a_race_panel_meeting(visitor)
    in_the_past(meeting)
    meetings.attendance_record(
        actor=visitor.person("coordinator"), meeting=meeting.__class__.objects.get(pk=meeting.pk),
        attendance={meeting.invitations.get().pk: "present"},
    )  # fmt: skip
    coordinating(visitor)
    visitor.open("/staff/panels/race/meetings/")
    visitor.follow("Attendance this year")
    expect(visitor.page.get_by_role("cell", name="Morgan Member")).to_be_visible()


@page("meetings:my_meetings")
def your_meetings_as_a_member(visitor):
    meeting, person = a_race_panel_meeting(visitor)
    visitor.sign_in(person)
    visitor.open("/account/")
    visitor.follow("Your meetings")
    expect(visitor.page.get_by_text("Please reply")).to_be_visible()


@page("meetings:my_meeting")
def your_meeting_replied_without_a_choice_then_with_papers(visitor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    meeting, person = a_meeting_with_arrangements(visitor)
    meetings.paper_add(
        actor=visitor.person("coordinator"), meeting=meeting, title="Bus strategy",
        standard=SimpleUploadedFile("bus.txt", b"The strategy"), easy_read=SimpleUploadedFile("easy.txt", b"Easy"),
    )  # fmt: skip
    meetings.papers_release(actor=visitor.person("coordinator"), meeting=meeting)
    visitor.sign_in(person)
    visitor.open("/your-meetings/")
    visitor.follow("Race Panel: buses")
    expect(visitor.page.get_by_role("link", name="Easy read version of Bus strategy")).to_be_visible()
    assert_accessible(visitor.page, "with papers and arrangements")
    words = visitor.page.get_by_label("Anything you want to tell us (optional)")
    words.evaluate("box => box.removeAttribute('maxlength')")  # as a browser that does not enforce it
    words.fill("x" * 501)
    visitor.press("Send my reply")
    shows_the_error(visitor, "Keep it to 500 characters or fewer")


def reply_link(meeting, answer: str = "attending") -> str:
    from meetings.links import reply_token

    return f"/meetings/reply/{reply_token(meeting.invitations.get(), answer)}/"


@page("meetings:reply")
def reply_from_the_link_in_an_invitation_then_confirmed(visitor):
    meeting, _ = a_race_panel_meeting(visitor)
    visitor.open(reply_link(meeting, "not_attending"))
    assert_accessible(visitor.page, "as it opens")
    visitor.page.get_by_label("Anything you want to tell us (optional)").fill("I have a hospital appointment.")
    visitor.press("Send my reply: I cannot come")
    expect(visitor.page.get_by_text("We have noted that you cannot come")).to_be_visible()


@page("meetings:reply", status=400, name="a_reply_link_that_was_cut_short")
def a_reply_link_that_was_cut_short(visitor):
    meeting, _ = a_race_panel_meeting(visitor)
    visitor.open(reply_link(meeting)[:-12] + "/")


@page("meetings:reply", status=410, name="a_reply_link_after_the_meeting")
def a_reply_link_after_the_meeting(visitor):
    meeting, _ = a_race_panel_meeting(visitor)
    in_the_past(meeting)
    visitor.open(reply_link(meeting))


# Signing in with a code sent by email, which applicants can do instead of choosing a password.


def ask_for_a_sign_in_code(visitor, email: str) -> None:
    visitor.open("/accounts/login/")
    visitor.press("Email me a sign-in code")
    visitor.page.get_by_label("Email address").fill(email)
    visitor.press("Send me a code")


@page("account_request_login_code")
def get_a_sign_in_code_then_sent_empty(visitor):
    visitor.open("/accounts/login/")
    visitor.press("Email me a sign-in code")
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Send me a code")
    shows_the_error(visitor, "Enter your email address")


@page("account_confirm_login_code")
def enter_the_sign_in_code_then_a_new_one_sent_then_a_wrong_code(visitor):
    ask_for_a_sign_in_code(visitor, visitor.person("applicant").email)
    expect(
        visitor.page.get_by_text("The code lasts 15 minutes from when you first asked for a code", exact=False)
    ).to_be_visible()
    assert_accessible(visitor.page, "as it opens")
    visitor.press("Send me a new code")
    expect(visitor.page.get_by_text("We have sent a sign-in code to applicant@example.org.")).to_be_visible()
    assert len(mail.outbox) == 2
    assert_accessible(visitor.page, "with a new code sent")
    visitor.page.get_by_label("Sign-in code").fill("WRONG-CODE")
    visitor.press("Sign in")
    shows_the_error(visitor, "The code is not correct. Check the code in the email and try again")


# Error pages.


@page(None, status=404)
def page_not_found(visitor):
    visitor.open("/no-such-page/")


@page("portal:staff_home", status=403)
def not_allowed(visitor):
    visitor.sign_in(visitor.person("applicant"))
    visitor.open("/staff/")


@page("test_server_error", status=500)
def server_error(visitor):
    visitor.request.getfixturevalue("settings").ROOT_URLCONF = "tests.browser.urls"
    visitor.open(f"/{SERVER_ERROR_PATH}")


@pytest.mark.browser
@pytest.mark.parametrize(
    "visit",
    [
        pytest.param(visit, marks=pytest.mark.xfail(strict=True, reason=visit.known_bug)) if visit.known_bug else visit
        for visit in PAGES
    ],
    ids=[visit.name for visit in PAGES],
)
def test_every_page_is_accessible(visitor, visit):
    visit.show(visitor)
    assert (visitor.route, visitor.status) == (visit.route, visit.status), f"ended on {visitor.page.url}"
    assert_accessible(visitor.page)


# Routes a browser cannot show as a page of their own, and why. Every other route with an access
# rule (accounts/access.py) must be visited above; the Django admin is left to Django.
NOT_PAGES = {
    "portal:outbox_resend": "POST only: the 'Send again' button on the messages page",
    "portal:letter_mark_sent": "POST only: the 'Mark as posted' button on the letters pages",
    "portal:letters_download": "an attachment (letters.html) to print, not a page of the service",
    "mfa_download_recovery_codes": "an attachment (recovery-codes.txt)",
    "mfa_login_webauthn": "POST only (the passkey button on the sign-in page); GET redirects to sign in",
    "recruitment:equality_download": "an attachment (the person's own equality answers, as JSON)",
    "members:provider_export": "an attachment (the members' access needs for providers, as CSV)",
    "meetings:staff_paper": "an attachment (a meeting paper, in one of its versions)",
    "meetings:my_paper": "an attachment (a meeting paper, in one of its versions)",
    "meetings:supplier_export": "an attachment (a meeting's arrangements for suppliers, as CSV)",
    "members:my_record_csv": "an attachment (the person's own record, as CSV)",
    "members:my_record_json": "an attachment (the person's own record, as JSON: a consent receipt)",
    "members:person_record_csv": "an attachment (a person's record, as CSV, for administrators)",
    "members:person_record_json": "an attachment (a person's record, as JSON, for administrators)",
    "admin_login_redirect": "redirects to the service's sign-in page; signed in, it is a 403 (not an administrator)",
}


def routes_that_should_be_pages() -> set[str]:
    """Every mounted route outside the Django admin, by name (by pattern if it has none)."""
    return {
        name or route
        for route, name, callback in all_routes()
        if rule_for(route, name, callback) in {PUBLIC, SIGNED_IN, STAFF}
    }


def test_every_page_has_a_browser_test():
    visited = {visit.route for visit in PAGES if visit.status == 200}
    missing = routes_that_should_be_pages() - visited - set(NOT_PAGES)
    assert missing == set(), f"Pages without an accessibility test in tests/browser/test_pages.py: {sorted(missing)}"


def test_the_routes_excused_from_browser_tests_exist_and_are_not_visited():
    assert set(NOT_PAGES) <= routes_that_should_be_pages()
    assert not set(NOT_PAGES) & {visit.route for visit in PAGES}


def test_the_routes_excused_as_redirects_only_redirect(client, db):
    for name in ["mfa_login_webauthn", "admin_login_redirect"]:
        assert client.get(reverse(name)).status_code == 302, name
