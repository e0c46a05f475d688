"""Uploads are judged by what they contain, never by their name or the type the browser claimed:
each purpose keeps only its own kinds, up to its own size, under a clean name."""

import io
import struct
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.uploads import PAPER, RECEIPT, RECORDING, checked_upload, content_type_for, kind_of, safe_name

# Small but real examples of each kind, made here rather than kept as files.
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
TEXT = "Minutes of the Race Panel\n\nAgreed: the bus strategy goes to the board. Café at 10am.\n".encode()
MP3_ID3 = b"ID3\x04\x00\x00\x00\x00\x00\x0a" + b"\x00" * 10 + b"\xff\xfb\x90\x64" + b"\x00" * 200
MP3_FRAME = b"\xff\xfb\x90\x64" + b"\x00" * 400
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 100 + b"\xff\xd9"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00" + b"\x00" * 24


def ftyp(major: bytes, *compatible: bytes) -> bytes:
    """The first box of an ISO media file (MP4, M4A, HEIC), then an empty media data box."""
    body = major + b"\x00\x00\x02\x00" + b"".join(compatible)
    return struct.pack(">I", 8 + len(body)) + b"ftyp" + body + struct.pack(">I", 8) + b"mdat"


M4A = ftyp(b"M4A ", b"M4A ", b"mp42", b"isom")
MP4 = ftyp(b"isom", b"isom", b"iso2", b"avc1", b"mp41")
HEIC = ftyp(b"heic", b"mif1", b"heic")


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            # OpenDocument's `mimetype` comes first and uncompressed; the rest are compressed.
            kind = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, content, compress_type=kind)
    return buffer.getvalue()


DOCX = zipped({
    "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                           b'content-types"/>',
    "_rels/.rels": b'<?xml version="1.0"?><Relationships/>',
    "word/document.xml": b'<?xml version="1.0"?><w:document><w:body><w:p><w:r><w:t>Bus</w:t></w:r></w:p></w:body>'
                         b"</w:document>",
})  # fmt: skip


def opendocument(kind: str) -> bytes:
    return zipped({
        "mimetype": f"application/vnd.oasis.opendocument.{kind}".encode(),
        "content.xml": b'<?xml version="1.0"?><office:document-content/>',
        "META-INF/manifest.xml": b'<?xml version="1.0"?><manifest:manifest/>',
    })  # fmt: skip


HTML = b"<!DOCTYPE html>\n<html><body><script>document.location='https://evil.example'</script></body></html>"
SVG = (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
       b"<script>alert(document.cookie)</script></svg>")  # fmt: skip
SVG_BARE = b'  <svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
# A Windows program starts "MZ", then the header's numbers, full of NUL bytes.
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"This program cannot run."
TEXT_WITH_SCRIPT = b"Notes for the meeting\n<script>alert(1)</script>\n"
MACRO_DOCX = zipped({"word/document.xml": b"<w:document/>", "word/vbaProject.bin": b"\xd0\xcf\x11\xe0"})
OTHER_ZIP = zipped({"notes.txt": b"hello"})
NOT_UTF8 = "Caf\xe9 minutes".encode("latin-1")


def upload(content: bytes, name: str = "file", content_type: str = "application/pdf") -> SimpleUploadedFile:
    # The browser's claimed type is always PDF here: it must make no difference.
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    "content,name,stored",
    [
        (PDF, "Bus strategy.pdf", "Bus strategy.pdf"),
        (DOCX, "Bus strategy.docx", "Bus strategy.docx"),
        (opendocument("text"), "Bus strategy.odt", "Bus strategy.odt"),
        (opendocument("spreadsheet"), "Budget.ods", "Budget.ods"),
        (opendocument("presentation"), "Slides.odp", "Slides.odp"),
        (TEXT, "Minutes.txt", "Minutes.txt"),
        (b"\xef\xbb\xbf" + TEXT, "Minutes with a byte order mark.txt", "Minutes with a byte order mark.txt"),
    ],
)
def test_each_kind_of_paper_is_accepted_by_its_content(content, name, stored):
    checked = checked_upload(upload(content, name), PAPER)
    assert checked.name == stored


@pytest.mark.parametrize(
    "content,stored",
    [(MP3_ID3, "Reading.mp3"), (MP3_FRAME, "Reading.mp3"), (M4A, "Reading.m4a"), (MP4, "Reading.mp4")],
)
def test_audio_versions_and_bsl_videos_are_accepted_by_their_content(content, stored):
    assert checked_upload(upload(content, "Reading"), RECORDING).name == stored


@pytest.mark.parametrize(
    "content,stored",
    [(JPEG, "Train ticket.jpg"), (PNG, "Train ticket.png"), (HEIC, "Train ticket.heic"), (WEBP, "Train ticket.webp"),
     (PDF, "Train ticket.pdf")],
)  # fmt: skip
def test_receipts_are_photos_or_pdfs(content, stored):
    assert checked_upload(upload(content, "Train ticket.jpeg"), RECEIPT).name == stored


@pytest.mark.parametrize(
    "content,name",
    [
        (HTML, "paper.html"),
        (HTML, "report.pdf.html"),
        (HTML, "report.pdf"),
        (SVG, "diagram.svg"),
        (SVG_BARE, "diagram.txt"),
        (EXE, "setup.exe"),
        (EXE, "minutes.pdf"),
        (TEXT_WITH_SCRIPT, "notes.txt"),
        (MACRO_DOCX, "minutes.docx"),
        (OTHER_ZIP, "papers.zip"),
        (NOT_UTF8, "minutes.txt"),
        (b"Minutes\x00\x01\x02", "minutes.txt"),
        (MP3_ID3, "reading.mp3"),
        (JPEG, "scan.jpg"),
    ],
)
def test_anything_else_is_refused_as_a_paper_whatever_its_name(content, name):
    with pytest.raises(ValidationError) as refused:
        checked_upload(upload(content, name), PAPER)
    assert refused.value.messages == ["The paper must be a PDF, Word, OpenDocument or plain text file"]


@pytest.mark.parametrize("purpose,content", [(RECORDING, PDF), (RECORDING, HTML), (RECEIPT, DOCX), (RECEIPT, SVG),
                                             (RECEIPT, TEXT), (RECEIPT, EXE)])  # fmt: skip
def test_each_purpose_keeps_only_its_own_kinds(purpose, content):
    with pytest.raises(ValidationError) as refused:
        checked_upload(upload(content, "file"), purpose)
    assert refused.value.messages == [f"{purpose.called} must be {purpose.must_be}"]


def test_the_error_names_the_file_it_is_about():
    with pytest.raises(ValidationError) as refused:
        checked_upload(upload(HTML), PAPER, called="The large print version")
    assert refused.value.messages == ["The large print version must be a PDF, Word, OpenDocument or plain text file"]


def test_each_purpose_has_its_own_size_limit(settings):
    settings.UPLOAD_PAPER_MAX_MB = 1
    settings.UPLOAD_RECEIPT_MAX_MB = 2
    just_fits = PDF + b"%" * (1024 * 1024 - len(PDF))
    assert checked_upload(upload(just_fits, "big.pdf"), PAPER).name == "big.pdf"
    with pytest.raises(ValidationError) as refused:
        checked_upload(upload(just_fits + b"%", "big.pdf"), PAPER, called="The file")
    assert refused.value.messages == ["The file must be smaller than 1 MB"]
    assert checked_upload(upload(just_fits + b"%", "big.pdf"), RECEIPT).name == "big.pdf"


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError) as refused:
        checked_upload(upload(b"", "empty.pdf"), PAPER)
    assert refused.value.messages == ["The paper is empty"]


@pytest.mark.parametrize(
    "name,stored",
    [
        # What it really is decides the extension: a PDF named as a program is kept as a PDF.
        ("x.exe", "x.pdf"),
        ("report.pdf.html", "report.pdf"),
        ("Bus strategy v1.2 final.PDF", "Bus strategy v1.2 final.pdf"),
        ("no extension", "no extension.pdf"),
        # No folders, from any system.
        ("../../etc/passwd", "passwd.pdf"),
        ("C:\\Users\\ash\\Documents\\Bus strategy.pdf", "Bus strategy.pdf"),
        # No hidden files, control characters, or text that runs right to left to hide the extension.
        (".htaccess", "htaccess.pdf"),
        ("...", "paper.pdf"),
        ("tab\there\nand a newline.pdf", "tab here and a newline.pdf"),
        ("invoice\u202efdp.exe", "invoice fdp.pdf"),
        ('what: "this" <is>?.pdf', "what- -this- -is--.pdf"),
        ("Cyfarfod y Panel – Hydref.pdf", "Cyfarfod y Panel - Hydref.pdf"),
        ("–––.pdf", "paper.pdf"),
        # A sensible length.
        ("a" * 300 + ".pdf", "a" * 100 + ".pdf"),
    ],
)
def test_stored_names_are_clean_and_say_what_the_file_is(name, stored):
    assert checked_upload(upload(PDF, name), PAPER).name == stored


def test_a_name_is_cleaned_the_same_way_for_any_kind():
    from accounts.uploads import MP3

    assert safe_name("Reading.MP3", MP3, default="recording") == "Reading.mp3"
    assert safe_name(". ", MP3, default="recording") == "recording.mp3"
    assert safe_name("", MP3, default="recording") == "recording.mp3"


def test_the_file_can_be_read_again_after_it_is_checked():
    checked = checked_upload(upload(DOCX, "Bus.docx"), PAPER)
    assert checked.read() == DOCX and checked.content_type == content_type_for("Bus.docx")


def test_files_are_served_as_the_kind_their_stored_name_says():
    assert content_type_for("Bus strategy.pdf") == "application/pdf"
    assert content_type_for("Minutes.txt") == "text/plain; charset=utf-8"
    # Files kept before uploads were checked are offered as bytes to download, never as a page.
    assert content_type_for("old.html") == "application/octet-stream"
    assert content_type_for("noextension") == "application/octet-stream"


def test_a_file_that_looks_like_a_zip_but_is_broken_is_refused_not_an_error():
    assert kind_of(upload(b"PK\x03\x04" + b"\x00" * 100, "broken.docx")) is None
