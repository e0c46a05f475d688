"""Membership, in Chromium: a panel's members and their terms, and a member's own panels, access
needs, register of interests and record, as they and their coordinator see them. How the page
scripts work: tests/browser/pages/registry.py."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from members.models import AccessNeedItem, AccessProfile, Membership, StaffRole
from members.services import access_need_add
from notifications import services as outbox
from notifications.models import ConsentDecision, ConsentPurpose
from tests.browser.conftest import assert_accessible
from tests.browser.pages.registry import Pages
from tests.browser.pages.steps import coordinating, shows_a_problem, shows_the_error
from tests.factories import a_membership

pytestmark = pytest.mark.browser

page = Pages()


def the_membership(visitor) -> Membership:
    """Morgan Member's membership of the Race Panel (the `member` of tests/conftest.py)."""
    return visitor.person("member").memberships.get()


@page("members:roster")
def a_panels_members_current_then_ending_soon_then_former(visitor):
    visitor.person("member")
    a_membership(visitor.person("coordinator"), visitor.person("race_panel"), full_name="Enid Ending", days=30)
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
    membership = the_membership(visitor)
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
    membership = the_membership(visitor)
    visitor.sign_in(membership.person)
    visitor.open("/account/")
    visitor.follow("Your panels")
    expect(visitor.page.get_by_role("heading", name="Race Panel")).to_be_visible()


@page("members:my_access_needs")
def your_access_needs_empty_then_with_an_error_then_with_needs(visitor):
    membership = the_membership(visitor)
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
    membership = the_membership(visitor)
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
    visitor.person("member")
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
    membership = the_membership(visitor)
    person = membership.person
    outbox.consent_record(
        person=person, actor=person, purpose=ConsentPurpose.SHARE_ACCESS_NEEDS, decision=ConsentDecision.GIVEN
    )
    access_need_add(actor=person, person=person, item=AccessNeedItem.objects.get(name="Hearing loop"))
    visitor.sign_in(person)
    visitor.open("/account/")
    visitor.follow("Your record")
    expect(visitor.page.get_by_text("Access need added: Hearing loop")).to_be_visible()


@page("members:person_record")
def a_members_record_as_their_coordinator(visitor):
    visitor.person("member")
    coordinating(visitor)
    visitor.open("/staff/panels/race/members/")
    visitor.follow("Morgan Member")
    visitor.follow("Their record")
    expect(visitor.page.get_by_text("Joined the Race Panel as member")).to_be_visible()


@page("members:staff_consent_record", opens_on="members:staff_contact")
def a_coordinator_records_what_a_member_told_them_then_without_saying_how(visitor):
    visitor.person("member")
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
    membership = the_membership(visitor)
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
    visitor.person("member")
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
    membership = the_membership(visitor)
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
    membership = the_membership(visitor)
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


# Staff roles, which administrators give and take away.


@page("members:staff_roles")
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


@page("members:staff_role_remove")
def remove_a_staff_role_then_try_to_remove_your_own(visitor):
    administrator = visitor.person("administrator")
    visitor.sign_in(administrator)
    visitor.open(f"/staff/roles/{StaffRole.objects.get(user=visitor.person('coordinator')).pk}/remove/")
    assert_accessible(visitor.page, "as it opens")
    visitor.open(f"/staff/roles/{StaffRole.objects.get(user=administrator).pk}/remove/")
    visitor.press("Remove role")
    shows_a_problem(visitor)


test_every_page_is_accessible = page.test()
