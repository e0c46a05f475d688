"""The day's letters as one PDF for the print room: A4, one letter to a sheet, each in the format
its person asked for, the address where a window envelope shows it. Papers a message carries
(meeting papers, by file name) are printed after their letter in the person's format where that
version is a PDF; any other is listed in the letter as following by post."""

import io
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from pypdf import PdfWriter

from accounts.models import ContactFormat
from accounts.pdf import pdf_from_html

from .models import Message
from .services import letter_render

# Which version of a paper suits each format; anyone else gets the standard one.
VERSION_FOR = {ContactFormat.LARGE_PRINT: "large_print", ContactFormat.EASY_READ: "easy_read"}
FOLLOW_WORKING_DAYS = 2


@dataclass
class Enclosures:
    printed: list[str] = field(default_factory=list)  # titles printed after the letter
    to_follow: list[str] = field(default_factory=list)  # titles to print some other way and post
    files: list[str] = field(default_factory=list)  # the PDFs printed, by storage name
    version: str = "standard"


def enclosures_of(message: Message) -> Enclosures:
    """The papers a letter carries, in its person's format: printed with it where that version is
    a PDF we hold, otherwise to follow (a Word file to print, or a version still to be made)."""
    wanted = VERSION_FOR.get(message.recipient.contact_format if message.recipient else "", "standard")
    found = Enclosures(version=wanted.replace("_", " "))
    for paper in message.context.get("papers") or []:
        name = paper.get("files", {}).get(wanted, "")
        if name.lower().endswith(".pdf") and default_storage.exists(name):
            found.printed.append(paper["title"])
            found.files.append(name)
        else:
            found.to_follow.append(paper["title"])
    return found


def _render(letters: list[tuple]) -> bytes:
    context = {"letters": letters, "site_name": settings.SITE_NAME, "contact_phone": settings.CONTACT_PHONE,
               "follow_days": FOLLOW_WORKING_DAYS}  # fmt: skip
    return pdf_from_html(render_to_string("notifications/staff/letters_pdf.html", context))


def letters_pdf(messages: list[Message]) -> bytes:
    """Letters without papers are drawn together in one go; each letter with papers is drawn on its
    own and followed by its papers' pages."""
    plain, with_papers = [], []
    for message in messages:
        found = enclosures_of(message)
        (with_papers if message.context.get("papers") else plain).append((message, letter_render(message), found))
    if not with_papers:
        return _render(plain)
    writer = PdfWriter()
    if plain:
        writer.append(io.BytesIO(_render(plain)))
    for letter in with_papers:
        writer.append(io.BytesIO(_render([letter])))
        for name in letter[2].files:
            with default_storage.open(name, "rb") as paper:
                writer.append(io.BytesIO(paper.read()))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
