"""Journeys through the service in Chromium: by mouse, and by keyboard alone."""

import re

import pytest
from playwright.sync_api import Page, expect

from accounts.models import RecordedMethod
from notifications import services as outbox
from notifications.models import ConsentDecision, ConsentPurpose, ConsentRecord, Message
from recruitment import services as recruitment
from recruitment.models import Application, ApplicationStatus, BalanceResponse
from tests.browser.conftest import assert_accessible
from tests.browser.keyboard import assert_focus_is_visible, press_enter_and_arrive, tab_to
from tests.factories import PASSWORD
from tests.recruitment.factories import a_round_in_review, first_to_review, round_with_questions
from tests.sign_in import authenticator_code

pytestmark = pytest.mark.browser


def test_staff_member_sets_up_an_authenticator_app_for_real(visitor):
    page = visitor.page
    coordinator = visitor.person("coordinator")

    visitor.sign_in_with_the_form(coordinator.email)
    assert visitor.route == "portal:dashboard"
    assert_accessible(page)

    visitor.open("/staff/")
    assert visitor.route == "mfa_index"
    expect(page.get_by_text("Set up two-step verification before you use these pages.")).to_be_visible()
    assert_accessible(page)

    visitor.follow("Set up an authenticator app")
    assert visitor.route == "account_reauthenticate"  # changing security settings asks for the password
    assert_accessible(page)
    page.get_by_label("Password").fill(PASSWORD)
    visitor.press("Continue")

    assert visitor.route == "mfa_activate_totp"
    assert_accessible(page)
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Code from the app").fill(authenticator_code(secret))
    visitor.press("Turn on two-step verification")

    assert visitor.route == "mfa_view_recovery_codes"
    recovery_codes = page.get_by_label("Codes you have not used").input_value().split()
    assert len(recovery_codes) == 10
    assert_accessible(page)

    visitor.open("/staff/")
    assert (visitor.route, visitor.status) == ("portal:staff_home", 200)
    assert_accessible(page)
    page.get_by_role("link", name="Race Panel").click()
    assert (visitor.path, visitor.status) == ("/staff/panels/race/", 200)
    expect(page.get_by_role("heading", level=1)).to_have_text("Race Panel")
    assert_accessible(page)

    page.get_by_role("link", name="Sign out").click()
    assert visitor.route == "account_logout"
    visitor.press("Sign out")
    visitor.open("/staff/")
    assert visitor.route == "account_login"

    visitor.sign_in_with_the_form(coordinator.email)
    assert visitor.route == "mfa_authenticate"
    assert_accessible(page)
    page.get_by_label("Code from your authenticator app").fill(authenticator_code(secret))
    visitor.press("Continue")
    assert visitor.route == "portal:staff_home"  # where they were going when asked to sign in
    visitor.open("/staff/panels/race/")
    assert visitor.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Race Panel")


def test_sign_in_by_keyboard_alone(visitor):
    page = visitor.page
    applicant = visitor.person("applicant")
    visitor.open("/")

    page.keyboard.press("Tab")
    assert assert_focus_is_visible(page)["text"] == "Skip to main content"
    tab_to(page, "link", "Sign in")
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/login/")

    tab_to(page, "textbox", "Email address")
    page.keyboard.type(applicant.email)
    page.keyboard.press("Tab")
    assert assert_focus_is_visible(page)["label"] == "Password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Shift+Tab")
    assert assert_focus_is_visible(page)["label"] == "Email address"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    page.wait_for_url("**/account/")
    assert visitor.route == "portal:dashboard"
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")


def test_error_summary_links_move_focus_to_the_field(visitor):
    page = visitor.page
    visitor.open("/accounts/signup/")
    page.get_by_label("Email address").fill("not-an-email-address")
    page.get_by_label("Create a password").fill(PASSWORD)
    page.get_by_label("Type the password again").fill(PASSWORD)
    visitor.press("Create account")

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()  # GOV.UK Frontend moves focus to the summary on load
    email = page.get_by_label("Email address")
    error = "Enter an email address in the correct format, like name@example.com"
    expect(email).to_have_accessible_description(re.compile(re.escape(error)))  # read out with the field

    page.keyboard.press("Tab")
    expect(summary.get_by_role("link", name=error)).to_be_focused()
    page.keyboard.press("Enter")
    expect(email).to_be_focused()

    page.get_by_label("Create a password").focus()
    summary.get_by_role("link", name=error).click()
    expect(email).to_be_focused()


def test_a_whole_application_by_keyboard_alone(visitor):
    page = visitor.page
    applicant = visitor.person("applicant")
    round_ = round_with_questions(count=2)
    visitor.sign_in(applicant)
    visitor.open("/panels/race/")

    tab_to(page, "link", round_.title)
    press_enter_and_arrive(page, f"/rounds/{round_.pk}/")
    tab_to(page, "button", "Start your application")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/applications/\d+/$"))
    application = Application.objects.get(round=round_, applicant=applicant)
    here = f"/applications/{application.pk}"

    tab_to(page, "link", "About you")
    press_enter_and_arrive(page, f"{here}/about-you/")
    tab_to(page, "textbox", "Phone number (optional)")
    page.keyboard.type("0151 000 0002")
    tab_to(page, "radio", "Halton")  # nothing chosen yet: Tab stops on the first place
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="Liverpool")).to_be_checked()
    tab_to(page, "radio", "Email")  # chosen when the account was made: Tab stops on it
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="Phone")).to_be_checked()
    tab_to(page, "radio", "Standard")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="Large print")).to_be_checked()
    tab_to(page, "textbox", re.compile(r"^What do you need at an interview\?"))
    page.keyboard.type("A step-free room.")
    page.keyboard.press("Shift+Tab")  # back one stop: the group of formats, at the one chosen
    expect(page.get_by_role("radio", name="Large print")).to_be_focused()
    tab_to(page, "button", "Save and continue")
    press_enter_and_arrive(page, f"{here}/questions/1/")

    for number in (1, 2):
        tab_to(page, "textbox", f"Question {number}?")
        page.keyboard.type(f"My answer to question {number}.")
        tab_to(page, "button", "Save and continue")
        press_enter_and_arrive(page, f"{here}/questions/2/" if number == 1 else f"{here}/check/")

    declaration = "I confirm that the information I have given is true, to the best of my knowledge"
    tab_to(page, "checkbox", declaration, limit=30)
    page.keyboard.press("Space")
    expect(page.get_by_role("checkbox", name=declaration)).to_be_checked()
    tab_to(page, "button", "Accept and send")
    press_enter_and_arrive(page, f"{here}/equality/")

    tab_to(page, "button", "Skip this page", limit=30)
    press_enter_and_arrive(page, f"{here}/balance/")
    tab_to(page, "radio", "Yes")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="No", exact=True)).to_be_checked()
    tab_to(page, "button", "Save and continue")
    press_enter_and_arrive(page, f"{here}/submitted/")

    application.refresh_from_db()
    expect(page.get_by_role("heading", level=1)).to_have_text("Application sent")
    expect(page.locator(".govuk-panel__body")).to_contain_text(application.reference)
    assert application.status == ApplicationStatus.SUBMITTED
    assert (application.local_authority_area, application.interview_adjustments) == ("liverpool", "A step-free room.")
    assert list(application.answers.order_by("question__order").values_list("text", flat=True)) == [
        "My answer to question 1.",
        "My answer to question 2.",
    ]
    applicant.refresh_from_db()
    assert (applicant.phone, applicant.contact_channel, applicant.contact_format) == (
        "0151 000 0002",
        "phone",
        "large_print",
    )
    assert not BalanceResponse.objects.filter(application=application).exists()
    assert Message.objects.filter(kind="recruitment.application_submitted").count() == 1


def test_a_reviewer_scores_an_application_by_keyboard_alone(visitor):
    page = visitor.page
    reviewer = visitor.person("reviewer")
    # With one more reviewer, two for each application: both read them all.
    round_ = a_round_in_review(visitor.person("coordinator"), 2)
    mine = first_to_review(reviewer)
    code = mine.application.review_code
    visitor.sign_in(reviewer)
    visitor.open("/staff/")

    tab_to(page, "link", "Applications to review")
    press_enter_and_arrive(page, "/review/")
    tab_to(page, "link", round_.title)
    press_enter_and_arrive(page, f"/review/rounds/{round_.pk}/")
    tab_to(page, "link", f"Application {code}")
    press_enter_and_arrive(page, f"/review/{mine.pk}/")

    first, second = round_.criteria.order_by("order")
    first_scores = page.get_by_role("group", name="Score for Criterion 1")
    second_scores = page.get_by_role("group", name="Score for Criterion 2")
    tab_to(page, "radio", "0", limit=30)  # nothing chosen yet: Tab stops on the first score
    expect(first_scores.get_by_role("radio", name="0", exact=True)).to_be_focused()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
        assert_focus_is_visible(page)
    expect(first_scores.get_by_role("radio", name="3", exact=True)).to_be_checked()
    tab_to(page, "textbox", "Comment on Criterion 1 (optional)")
    page.keyboard.type("Clear examples from their own community.")

    page.keyboard.press("Tab")  # on to the next criterion's scores
    expect(second_scores.get_by_role("radio", name="0", exact=True)).to_be_focused()
    assert_focus_is_visible(page)
    page.keyboard.press("Space")
    for _ in range(2):
        page.keyboard.press("ArrowDown")
        assert_focus_is_visible(page)
    expect(second_scores.get_by_role("radio", name="2", exact=True)).to_be_checked()
    tab_to(page, "textbox", "Comment on Criterion 2 (optional)")
    page.keyboard.type("Some understanding of the region.")
    page.keyboard.press("Shift+Tab")  # back one stop: the group of scores, at the one chosen
    expect(second_scores.get_by_role("radio", name="2", exact=True)).to_be_focused()
    assert_focus_is_visible(page)
    page.keyboard.press("ArrowUp")  # a change of mind
    assert_focus_is_visible(page)
    expect(second_scores.get_by_role("radio", name="1", exact=True)).to_be_checked()
    tab_to(page, "button", "Send scores")
    press_enter_and_arrive(page, f"/review/rounds/{round_.pk}/")

    expect(page.get_by_text("Your scores have been sent.")).to_be_visible()
    expect(page.get_by_role("row", name=f"Application {code}")).to_contain_text("Sent")
    mine.refresh_from_db()
    assert mine.submitted_at is not None
    assert {s.criterion: (s.score, s.comment) for s in mine.scores.all()} == {
        first: (3, "Clear examples from their own community."),
        second: (1, "Some understanding of the region."),
    }


def test_the_word_count_says_how_many_words_are_left_while_typing(visitor):
    applicant = visitor.person("applicant")
    application = recruitment.application_start(actor=applicant, round_=round_with_questions(count=1))
    visitor.sign_in(applicant)
    visitor.open(f"/applications/{application.pk}/questions/1/")
    visitor.page.get_by_label("Question 1?").press_sequentially("one two three")
    status = visitor.page.locator(".govuk-character-count__status")
    expect(status).to_have_text("You have 297 words remaining")


def choose_by_keyboard(page: Page, select, label: str, *, limit: int = 40) -> None:
    """Move through a focused drop-down list with the arrow keys until `label` is chosen."""
    for _ in range(limit):
        if select.evaluate("element => element.options[element.selectedIndex].text") == label:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{label!r} is not in the list")


def test_a_member_adds_two_needs_and_withdraws_a_consent_by_keyboard_and_the_coordinator_sees_both(visitor):
    page = visitor.page
    coordinator = visitor.person("coordinator")
    member = visitor.person("member")
    membership = member.memberships.get()
    outbox.consent_record(
        person=member, actor=member, purpose=ConsentPurpose.SHARE_ACCESS_NEEDS, decision=ConsentDecision.GIVEN
    )
    visitor.sign_in(member)
    visitor.open("/account/")

    tab_to(page, "link", "Your access needs", limit=40)
    press_enter_and_arrive(page, "/your-access-needs/")
    for need, words in [("BSL interpreter", "Two for meetings over an hour."), ("Quiet room", "")]:
        need_list = page.get_by_role("combobox", name="What do you need?")
        tab_to(page, "combobox", "What do you need?", limit=40)
        choose_by_keyboard(page, need_list, need)
        assert_focus_is_visible(page)
        if words:
            tab_to(page, "textbox", "Tell us more, in your own words (optional)")
            page.keyboard.type(words)
        tab_to(page, "button", "Add")
        press_enter_and_arrive(page, "/your-access-needs/")
        expect(page.get_by_text("Your access needs have been saved.")).to_be_visible()
    expect(page.locator(".govuk-summary-list__key")).to_have_text(["BSL interpreter", "Quiet room"])

    tab_to(page, "link", "Change whether we share them", limit=40)
    press_enter_and_arrive(page, "/account/consents/share_access_needs/")
    tab_to(page, "radio", "Yes, I agree")  # the answer on record: Tab stops on it
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="No, I do not agree")).to_be_checked()
    tab_to(page, "button", "Save my answer")
    press_enter_and_arrive(page, "/account/consents/")
    expect(page.get_by_text("You no longer agree to sharing access needs")).to_be_visible()

    # The ledger has the withdrawal, made online by the member, against the words they saw.
    latest = ConsentRecord.objects.filter(person=member, purpose=ConsentPurpose.SHARE_ACCESS_NEEDS).last()
    assert (latest.decision, latest.method, latest.recorded_by, latest.wording.version) == (
        ConsentDecision.WITHDRAWN, RecordedMethod.WEB, None, 1,
    )  # fmt: skip

    # The coordinator sees both: the needs, that they are no longer shared, and the record.
    page.context.clear_cookies()
    visitor.sign_in(coordinator)
    visitor.open(f"/staff/memberships/{membership.pk}/")
    needs = page.get_by_role("table", name="What Morgan Member needs to take part")
    expect(needs.get_by_role("cell", name="BSL interpreter", exact=True)).to_be_visible()
    expect(needs.get_by_role("cell", name="Two for meetings over an hour.")).to_be_visible()
    expect(needs.get_by_role("cell", name="Quiet room", exact=True)).to_be_visible()
    expect(page.get_by_text("They have not agreed to share their name or words with providers.")).to_be_visible()
    visitor.follow("Their record")
    record = page.get_by_role("table", name="What has happened, newest first")
    expect(record).to_contain_text("Withdrew agreement to sharing access needs")
    # The receipt for the withdrawal went out to them, as every decision's does.
    expect(record).to_contain_text("A receipt for a consent given or withdrawn")
    expect(record).to_contain_text("Access need added: BSL interpreter")
    expect(record).to_contain_text("Access need added: Quiet room")
    assert_accessible(page, "the member's record, as their coordinator")
