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


@pytest.mark.django_db
def test_meeting_papers_are_printed_after_the_letter_in_the_persons_format_or_said_to_follow(
    signed_in, administrator, coordinator, race_panel
):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction
    from pypdf import PdfReader

    from accounts.models import ContactChannel, ContactFormat, User
    from accounts.pdf import pdf_from_html
    from meetings import services as meetings
    from tests.factories import members_of
    from tests.meetings.factories import a_meeting

    def pdf(words: str, name: str):
        return SimpleUploadedFile(name, pdf_from_html(f"<p>{words}</p>"), content_type="application/pdf")

    large, easy = members_of(coordinator, race_panel, 2)
    for person, format in [(large, ContactFormat.LARGE_PRINT), (easy, ContactFormat.EASY_READ)]:
        User.objects.filter(pk=person.pk).update(
            contact_channel=ContactChannel.POST, contact_format=format, address="1 Dale Street", postcode="L2 2DH"
        )
    meeting = a_meeting(coordinator, race_panel)
    with transaction.atomic():
        meetings.meeting_invite(actor=coordinator, meeting=meeting)
        meetings.paper_add(actor=coordinator, meeting=meeting, title="Bus strategy",
                           standard=pdf("Bus strategy, standard", "bus.pdf"),
                           large_print=pdf("BUS STRATEGY IN LARGE PRINT", "bus-large.pdf"))  # fmt: skip
        meetings.papers_release(actor=coordinator, meeting=meeting)
    response = signed_in(administrator).get("/staff/letters/download/")
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(response.content)).pages]
    by_person = {}
    for n, page in enumerate(pages):
        for person in (large, easy):
            if person.full_name in page and "papers for" in page:
                by_person[person] = n
    large_letter = by_person[large]
    assert "Printed for you after this letter, in large print: Bus strategy." in pages[large_letter]
    assert pages[large_letter + 1] == "BUS STRATEGY IN LARGE PRINT"
    easy_letter = pages[by_person[easy]]
    assert "To follow by post in easy read, within 2 working days: Bus strategy." in easy_letter
    assert not any(page == "Bus strategy, standard" for page in pages)  # neither asked for standard print
    papers_letters = " ".join(pages[n] for n in by_person.values())
    assert not EMAIL_WORDING.search(papers_letters) and "/your-meetings/" not in papers_letters
