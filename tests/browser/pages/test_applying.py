"""Applying, in Chromium: a round's pages, an application from its start to what happens after
sending it, and the applicant's list of applications. How the page scripts work:
tests/browser/pages/registry.py."""

import pytest
from playwright.sync_api import expect

from accounts.models import ContactChannel
from members.models import Panel
from recruitment import services as recruitment
from recruitment.models import Application
from tests.browser.conftest import assert_accessible
from tests.browser.pages.registry import Pages
from tests.browser.pages.steps import coordinating, shows_the_error
from tests.factories import PASSWORD
from tests.recruitment.factories import (
    ABOUT_YOU,
    a_draft,
    a_round,
    a_sent_application,
)

pytestmark = pytest.mark.browser

page = Pages()


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


test_every_page_is_accessible = page.test()
