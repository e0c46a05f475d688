"""Django's admin works in Chromium under the service's Content-Security-Policy: its own script
files run, and the browser blocks nothing on its pages."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import POLICY_VIOLATIONS, Visitor, assert_accessible, open_context


@pytest.mark.browser
def test_the_admin_runs_its_scripts_and_the_policy_blocks_nothing(
    chromium, live_server, request, transactional_db, administrator
):
    # A context of its own: the admin keeps its colour theme in local storage, and the service
    # keeps nothing there, so the shared context stays clean.
    context = open_context(chromium, live_server.url)
    try:
        visitor = Visitor(context.new_page(), live_server.url, request)
        visitor.sign_in(administrator)
        for path in [
            "/admin/",
            "/admin/meetings/venue/",
            "/admin/meetings/venue/add/",
            f"/admin/accounts/user/{administrator.pk}/change/",
        ]:
            visitor.open(path)
            assert visitor.status == 200, path
            # The admin's theme.js marks the page as it runs.
            assert visitor.page.locator("html").get_attribute("data-theme") == "auto", path
        assert POLICY_VIOLATIONS.take() == []
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("who", ["coordinator", "applicant"])
def test_people_who_are_not_administrators_are_told_plainly_in_an_accessible_page(visitor, who):
    """Signed in without the administrator role, /admin/ answers with the service's own page,
    checked like every other page (axe-core, layout, reflow, title), never a loop back to sign in."""
    visitor.sign_in(visitor.person(who))
    visitor.open("/admin/")
    expect(visitor.page.get_by_role("heading", level=1)).to_have_text(
        "The administration pages are only for administrators"
    )
    assert visitor.status == 403
    assert_accessible(visitor.page, f"as the {who}")
