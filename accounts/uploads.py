"""What an uploaded file really is, judged by its content, and whether it may be kept for a purpose.

One checker for every upload of the service: meeting papers and their audio and BSL versions now,
receipts for expense claims next. It lives in `accounts`, the lowest layer, for the reason
`accounts.access` does: every app may import `accounts` and it imports no other app, so meetings
and a later payments app share this one list of what is allowed rather than each keeping its own.

The name a person's computer gave the file and the type their browser claimed are never trusted:
a web page named `report.pdf.html`, or a program renamed `minutes.pdf`, is refused by what it
contains. A file that is what we allow but wrongly named (a real PDF called `x.exe`) is kept, with
the extension of what it really is (`x.pdf`): refusing it would only send the person to rename it,
and the stored name then tells the truth about the file that is served.
"""

import codecs
import re
import unicodedata
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import capfirst

HEAD_BYTES = 8192
NAME_MAX_CHARACTERS = 100  # before the extension; the stored path adds about 80 more


@dataclass(frozen=True)
class Kind:
    """A kind of file the service keeps: the extension it is stored with and how it is served."""

    extension: str
    content_type: str


PDF = Kind("pdf", "application/pdf")
DOCX = Kind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
ODT = Kind("odt", "application/vnd.oasis.opendocument.text")
ODS = Kind("ods", "application/vnd.oasis.opendocument.spreadsheet")
ODP = Kind("odp", "application/vnd.oasis.opendocument.presentation")
TEXT = Kind("txt", "text/plain; charset=utf-8")
MP3 = Kind("mp3", "audio/mpeg")
M4A = Kind("m4a", "audio/mp4")
MP4 = Kind("mp4", "video/mp4")
JPEG = Kind("jpg", "image/jpeg")
PNG = Kind("png", "image/png")
HEIC = Kind("heic", "image/heic")
WEBP = Kind("webp", "image/webp")

KINDS = [PDF, DOCX, ODT, ODS, ODP, TEXT, MP3, M4A, MP4, JPEG, PNG, HEIC, WEBP]
OPENDOCUMENT = {f"application/vnd.oasis.opendocument.{name}": kind for name, kind in
                [("text", ODT), ("spreadsheet", ODS), ("presentation", ODP)]}  # fmt: skip
# Recognised from their first bytes by `filetype`. M4A and HEIC come before MP4: all three are
# ISO media files, and many M4A and HEIC files also name MP4 among their compatible brands.
BY_SIGNATURE = [(PDF, "pdf"), (M4A, "m4a"), (HEIC, "heic"), (MP4, "mp4"), (MP3, "mp3"), (JPEG, "jpg"),
                (PNG, "png"), (WEBP, "webp")]  # fmt: skip


@dataclass(frozen=True)
class Purpose:
    """What an upload is for: the kinds allowed, the largest size (a setting, in MB), and the words
    people see. `must_be` finishes "The paper must be ..." and starts the field's hint."""

    kinds: tuple[Kind, ...]
    max_mb_setting: str
    must_be: str
    called: str
    default_name: str

    @property
    def max_mb(self) -> int:
        return getattr(settings, self.max_mb_setting)

    def allowed(self) -> str:
        return f"{self.must_be}, smaller than {self.max_mb} MB"

    def hint(self) -> str:
        return f"{capfirst(self.allowed())}."


PAPER = Purpose(
    kinds=(PDF, DOCX, ODT, ODS, ODP, TEXT), max_mb_setting="UPLOAD_PAPER_MAX_MB",
    must_be="a PDF, Word, OpenDocument or plain text file", called="The paper", default_name="paper",
)  # fmt: skip
# A document sent with a message, attached to every email: smaller than a paper, since mail
# servers refuse large messages (and base64 makes an attachment a third bigger).
ATTACHMENT = Purpose(
    kinds=(PDF, DOCX, ODT, ODS, ODP, TEXT), max_mb_setting="UPLOAD_ATTACHMENT_MAX_MB",
    must_be="a PDF, Word, OpenDocument or plain text file", called="The document", default_name="document",
)  # fmt: skip
# What an officer brings to a panel (a draft Equality Impact Assessment, plans): documents that may
# become a meeting's papers, so as large as a paper, but never plain text.
BRIEFING = Purpose(
    kinds=(PDF, DOCX, ODT, ODS, ODP), max_mb_setting="UPLOAD_PAPER_MAX_MB",
    must_be="a PDF, Word or OpenDocument file", called="The document", default_name="document",
)  # fmt: skip
# Audio versions of papers, and BSL videos of them. Recordings are often MP4 files however they
# were made, so MP4 is allowed for audio too.
RECORDING = Purpose(
    kinds=(MP3, M4A, MP4), max_mb_setting="UPLOAD_RECORDING_MAX_MB",
    must_be="an MP3, M4A or MP4 file", called="The recording", default_name="recording",
)  # fmt: skip
# Figures downloaded from the Office for National Statistics, as CSV (plain text).
FIGURES = Purpose(
    kinds=(TEXT,), max_mb_setting="UPLOAD_FIGURES_MAX_MB",
    must_be="a CSV file", called="The file", default_name="figures",
)  # fmt: skip
RECEIPT = Purpose(
    kinds=(JPEG, PNG, HEIC, WEBP, PDF), max_mb_setting="UPLOAD_RECEIPT_MAX_MB",
    must_be="a photo (JPEG, PNG, HEIC or WebP) or a PDF", called="The receipt", default_name="receipt",
)  # fmt: skip


def checked_upload(upload: UploadedFile, purpose: Purpose, *, called: str = "") -> UploadedFile:
    """The upload, renamed to a safe name whose extension says what it is, when it is of a kind the
    purpose allows and small enough. Otherwise ValidationError, in words for the person: `called`
    names the file in them ("The large print version"), the purpose's own word if not given."""
    called = called or purpose.called
    if not upload.size:
        raise ValidationError(f"{called} is empty", code="empty")
    if upload.size > purpose.max_mb * 1024 * 1024:
        raise ValidationError(f"{called} must be smaller than {purpose.max_mb} MB", code="too_big")
    kind = kind_of(upload)
    if kind not in purpose.kinds:
        raise ValidationError(f"{called} must be {purpose.must_be}", code="wrong_kind")
    upload.name = safe_name(upload.name or "", kind, default=purpose.default_name)
    upload.content_type = kind.content_type
    return upload


def kind_of(upload: UploadedFile) -> Kind | None:
    """What the file is, from its content alone; None for anything the service does not keep."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    try:
        if head.startswith(b"PK\x03\x04"):
            return _office_document(upload)
        for kind, extension in BY_SIGNATURE:
            if filetype.get_type(ext=extension).match(head):
                return kind
        # Anything else `filetype` knows (a program, an archive, a font) is not text, even when its
        # first bytes happen to be printable.
        if filetype.guess(head) is None and _is_plain_text(upload, head):
            return TEXT
        return None
    finally:
        upload.seek(0)


def _office_document(upload: UploadedFile) -> Kind | None:
    """Word and OpenDocument files are ZIP archives: told apart by what they hold. Only the names
    and the few bytes of the `mimetype` member are read, so a ZIP bomb is never unpacked."""
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                # A Word file with macros, renamed .docx, is refused rather than passed on.
                return None if any(name.endswith("vbaProject.bin") for name in names) else DOCX
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    return OPENDOCUMENT.get(member.read(100).decode("ascii", "replace").strip())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, RuntimeError, EOFError):
        pass
    return None


# Markup a browser would render as a page or an image with scripts, whatever it is named. Text that
# starts with "<", or has one of these in its first kilobyte, is not taken as plain text.
MARKUP = re.compile(rb"<(!doctype|html|head|body|script|iframe|svg|\?xml|!--)", re.IGNORECASE)


def _is_plain_text(upload: UploadedFile, head: bytes) -> bool:
    """UTF-8 throughout, with no NUL bytes and no markup. Read in chunks, so a large file is never
    held in memory at once."""
    start = head.removeprefix(codecs.BOM_UTF8).lstrip()
    if start.startswith(b"<") or MARKUP.search(head[:1024]):
        return False
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for chunk in upload.chunks():
            if b"\x00" in chunk:
                return False
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def safe_name(name: str, kind: Kind, *, default: str) -> str:
    """A name safe to store and to offer for download: no folders, no control or direction
    characters, no leading dots, at most NAME_MAX_CHARACTERS before the extension, and the
    extension of what the file really is. `x.exe` that is a PDF becomes `x.pdf`; `report.pdf.html`
    that is a PDF becomes `report.pdf`."""
    name = unicodedata.normalize("NFC", re.split(r"[/\\]", name)[-1])
    # Categories C*: control characters, and format characters such as the right-to-left override
    # that makes "evil\u202efdp.exe" look like "evilexe.pdf".
    name = "".join(c if unicodedata.category(c)[0] != "C" else " " for c in name)
    # Letters and digits of any language, spaces, dots and hyphens: what Django's storage keeps too
    # (it turns spaces into underscores), so the name checked here is the name stored.
    name = re.sub(r"[^\w\-. ]", "-", name)
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
    stem = " ".join(stem.split()).lstrip(". -")
    if stem.lower().endswith(f".{kind.extension}"):
        stem = stem[: -len(kind.extension) - 1]
    stem = stem[:NAME_MAX_CHARACTERS].rstrip(". ") or default
    return f"{stem}.{kind.extension}"


def content_type_for(name: str) -> str:
    """How to serve a stored file: by the extension given to it when it was checked. Anything
    stored before checking began, with another extension, is served as bytes to download."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return next((kind.content_type for kind in KINDS if kind.extension == extension), "application/octet-stream")
