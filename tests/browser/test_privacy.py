"""A person downloads everything held about them, from a signed-out start, and reads it."""

import io
import zipfile

import pytest
from playwright.sync_api import expect

from members.services import access_need_add
from tests.browser.conftest import AXE
from tests.factories import catalogue_item

pytestmark = pytest.mark.browser


def test_a_member_downloads_everything_held_about_them_and_can_read_it(visitor):
    page = visitor.page
    member = visitor.person("member")
    access_need_add(actor=member, person=member, item=catalogue_item("BSL interpreter"), details="=HYPERLINK(1)")

    visitor.sign_in_with_the_form(member.email)
    visitor.follow("Your record")
    expect(page.get_by_role("heading", name="Everything we hold about you")).to_be_visible()
    with page.expect_download() as started:
        page.get_by_role("link", name="Download everything we hold about you (ZIP file)").click()
    download = started.value
    assert download.suggested_filename.startswith(f"information-held-about-person-{member.pk}-")
    archive = zipfile.ZipFile(io.BytesIO(download.path().read_bytes()))
    assert {"summary.html", "summary.pdf", "data.json"} <= set(archive.namelist())
    # A formula typed as a need stays text in the spreadsheet.
    assert "'=HYPERLINK(1)" in archive.read("csv/members-accessneed.csv").decode()

    # The summary is a page of its own, to read offline: it must be as accessible as the service.
    page.set_content(archive.read("summary.html").decode())
    expect(page.get_by_role("heading", level=1)).to_have_text("Information we hold about you")
    expect(page.get_by_role("heading", name="Your access needs", exact=True)).to_be_visible()
    expect(page.get_by_text(member.full_name).first).to_be_visible()
    assert AXE.run(page).response["violations"] == []
