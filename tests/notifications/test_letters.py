"""Letters read as letters: every kind of message that may go by post says how to answer by phone
or by writing back, never by replying to an email or following a link."""

import re

import pytest

import meetings.messages  # noqa: F401 - each app registers its kinds when imported
import members.messages  # noqa: F401
import privacy.messages  # noqa: F401
import recruitment.messages  # noqa: F401
from notifications import kinds
from notifications.models import Channel
from notifications.rendering import render_message

EMAIL_WORDING = re.compile(r"this email|these emails|reply to|replying|click|calendar file|links? (below|above)", re.I)
BY_POST = sorted(key for key, kind in kinds._registry.items() if Channel.LETTER in kind.channels)


@pytest.mark.parametrize("easy_read", [False, True], ids=["standard", "easy read"])
@pytest.mark.parametrize("key", BY_POST)
def test_a_letter_has_no_email_wording(key, easy_read):
    letter = render_message(kinds.get(key), {"name": "Sam"}, easy_read=easy_read, letter=True)
    assert not EMAIL_WORDING.search(f"{letter.subject}\n{letter.text}"), letter.text


def test_every_kind_that_may_go_by_post_is_checked():
    assert len(BY_POST) >= 15


@pytest.mark.django_db
def test_the_days_letters_download_as_one_pdf_each_on_its_own_sheet(signed_in, administrator):
    import io

    from pypdf import PdfReader

    from accounts.models import ContactChannel, ContactFormat
    from tests.factories import UserFactory
    from tests.notifications.factories import an_opportunity, opportunities_consent

    for n, format in enumerate([ContactFormat.STANDARD, ContactFormat.LARGE_PRINT]):
        person = UserFactory(
            full_name=f"Les Post {n}", contact_channel=ContactChannel.POST, contact_format=format,
            address=f"{n} Dale Street\nLiverpool", postcode="L2 2DH",
        )  # fmt: skip
        opportunities_consent(person)
        an_opportunity(person, key=f"letters:{n}")
    response = signed_in(administrator).get("/staff/letters/download/")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="letters-')
    pages = PdfReader(io.BytesIO(response.content)).pages
    assert len(pages) == 2
    assert [round(float(page.mediabox.width) / 72 * 25.4) for page in pages] == [210, 210]  # A4
    for n, sheet in enumerate(pages):
        text = sheet.extract_text()
        assert f"Les Post {n}" in text and f"{n} Dale Street" in text and "We need 2 members." in text
        assert not EMAIL_WORDING.search(text)
    standard, large = (_smallest_text(sheet) for sheet in pages)
    assert 12 <= standard < 16 <= large  # points: nothing smaller, and large print 16 or more


def _smallest_text(sheet) -> float:
    """The smallest text on a sheet, in points (WeasyPrint draws in CSS pixels, 0.75 pt each)."""
    sizes = []

    def seen(text, cm, tm, font, size):
        if text.strip():
            sizes.append(round(size * tm[0] * 0.75, 1))

    sheet.extract_text(visitor_text=seen)
    return min(sizes)
