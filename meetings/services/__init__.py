"""Every change to meetings: setting one up, its agenda and papers, inviting and replies, access
arrangements and attendance, split by stage. Messages go through the outbox in the same
transaction as the change; reminders are rows due on their day."""

from .arrangements import (
    arrangement_update,
    arrangements_confirm,
    arrangements_refresh,
    meetings_sweep,
)
from .attendance import (
    attendance_record,
    item_interest_record,
)
from .invitations import (
    invitation_reply,
    meeting_invite,
)
from .papers import (
    agenda_item_add,
    agenda_item_remove,
    paper_add,
    paper_file_check,
    paper_version_add,
    papers_release,
)
from .setup import (
    meeting_cancel,
    meeting_change,
    meeting_create,
    meeting_reinstate,
)

__all__ = [
    "agenda_item_add",
    "agenda_item_remove",
    "arrangement_update",
    "arrangements_confirm",
    "arrangements_refresh",
    "attendance_record",
    "item_interest_record",
    "invitation_reply",
    "meeting_cancel",
    "meeting_change",
    "meeting_reinstate",
    "meeting_create",
    "meeting_invite",
    "meetings_sweep",
    "paper_add",
    "paper_file_check",
    "paper_version_add",
    "papers_release",
]
