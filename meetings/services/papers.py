"""A meeting's agenda and papers. Papers reach members all at once, in every format."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts import uploads
from accounts.access import require
from accounts.models import User
from meetings.models import (
    AgendaItem,
    Meeting,
    Paper,
    Reply,
)
from notifications.services import messages_queue_many

from . import common

logger = logging.getLogger(__name__)


@transaction.atomic
def agenda_item_add(*, actor: User, meeting: Meeting, title: str, details: str = "") -> AgendaItem:
    require(actor, "meetings.manage_meeting", meeting)
    last = meeting.agenda.order_by("-order").values_list("order", flat=True).first() or 0
    item = AgendaItem(meeting=meeting, order=last + 1, title=title.strip(), details=details.strip())
    item._history_user = actor
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def agenda_item_remove(*, actor: User, item: AgendaItem) -> None:
    require(actor, "meetings.manage_meeting", item.meeting)
    item._history_user = actor
    item.delete()


# What each version of a paper may be, and what the person is told it is called when it is not.
PAPER_FILES = {
    "standard": (uploads.PAPER, "The paper"),
    "large_print": (uploads.PAPER, "The large print version"),
    "easy_read": (uploads.PAPER, "The easy read version"),
    "audio": (uploads.RECORDING, "The audio version"),
}


def paper_file_check(version: str, upload, *, called: str = "") -> None:
    """Whether the file may be kept as this version of a paper, judged by its content
    (accounts.uploads): ValidationError in the person's words if not. A file that may be kept is
    given a safe name. The forms ask first, so that every error shows at once."""
    purpose, name_in_words = PAPER_FILES[version]
    uploads.checked_upload(upload, purpose, called=called or name_in_words)


def _paper_files_check(files: dict) -> None:
    errors = {}
    for version, upload in files.items():
        try:
            paper_file_check(version, upload)
        except ValidationError as exc:
            errors[version] = exc.messages
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def paper_add(*, actor: User, meeting: Meeting, title: str, standard, **versions) -> Paper:
    """A paper and any accessible versions of it (large print, easy read, audio)."""
    require(actor, "meetings.manage_meeting", meeting)
    # Locked as releasing locks it: a paper added while the papers go out is in one message or another.
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if unknown := set(versions) - set(Paper.VERSIONS):
        raise TypeError(f"Unknown versions {sorted(unknown)}")
    files = {name: upload for name, upload in {"standard": standard, **versions}.items() if upload}
    _paper_files_check(files)
    paper = Paper(meeting=meeting, title=title.strip(), uploaded_by=actor, **files)
    paper._history_user = actor
    paper.full_clean()
    paper.save()
    if meeting.papers_released_at:  # the others have gone out: this one is announced on its own
        _papers_send(meeting, [paper], key=f"papers-added:{paper.pk}")
    return paper


def _papers_send(meeting: Meeting, papers: list[Paper], *, key: str) -> None:
    """One message to each person invited and not sending apologies, naming the papers, with the
    files by name as plain data so that a letter prints them in the person's format."""
    about = common.about_meeting(meeting)
    enclosed = [
        {"title": paper.title, "files": {version: getattr(paper, version).name for version, _ in paper.versions()}}
        for paper in papers
    ]
    messages_queue_many([
        {"kind": "meetings.papers", "recipient": invitation.person, "topic": about.topic, "reply_to": about.reply_to,
         "idempotency_key": f"{common.message_key(meeting)}{key}:{invitation.pk}",
         "context": {**common.details_for(invitation, about), "papers": enclosed,
                     "added": key != "papers"}}
        for invitation in meeting.invitations.exclude(reply=Reply.NOT_ATTENDING).select_related("person")
    ])  # fmt: skip


@transaction.atomic
def paper_version_add(*, actor: User, paper: Paper, version: str, upload) -> Paper:
    require(actor, "meetings.manage_meeting", paper.meeting)
    if version not in Paper.VERSIONS:
        raise ValidationError({"version": "Choose which version this is"})
    try:
        paper_file_check(version, upload, called="The file")
    except ValidationError as exc:
        raise ValidationError({"upload": exc.messages}) from None
    setattr(paper, version, upload)
    paper._history_user = actor
    paper.full_clean()
    paper.save(update_fields=[version])
    return paper


@transaction.atomic
def papers_release(*, actor: User, meeting: Meeting) -> Meeting:
    """Papers reach members all at once and in every format at the same moment: until release,
    nobody invited sees any of them."""
    require(actor, "meetings.manage_meeting", meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.papers_released_at:
        return meeting
    if not meeting.papers.exists():
        raise ValidationError("Add the papers before you send them.")
    meeting.papers_released_at = timezone.now()
    common.save_with_history(meeting, actor, "papers released", ["papers_released_at"])
    _papers_send(meeting, list(meeting.papers.all()), key="papers")
    return meeting
