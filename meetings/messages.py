"""The messages meetings sends, registered with the outbox by key."""

from notifications.kinds import MessageKind, register
from notifications.models import Channel

# The reply links are signed and work until the meeting ends: blanked from the stored copy once sent.
REPLY_LINKS = frozenset({"attending_url", "not_attending_url"})

INVITATION = register(
    MessageKind(
        key="meetings.invitation",
        template_prefix="meetings/email/invitation",
        secret_keys=REPLY_LINKS,
        label="A meeting invitation",
    )  # fmt: skip
)
UPDATE = register(
    MessageKind(
        key="meetings.update",
        template_prefix="meetings/email/update",
        secret_keys=REPLY_LINKS,
        label="A change to a meeting",
    )  # fmt: skip
)
CANCELLATION = register(
    MessageKind(key="meetings.cancellation", template_prefix="meetings/email/cancellation", label="A meeting cancelled")
)
REMINDER = register(
    MessageKind(key="meetings.reminder", template_prefix="meetings/email/reminder", label="A meeting reminder")
)
ARRANGEMENTS = register(
    MessageKind(
        key="meetings.arrangements",
        template_prefix="meetings/email/arrangements",
        label="What has been arranged for a meeting",
    )  # fmt: skip
)
PAPERS = register(
    MessageKind(
        key="meetings.papers",
        template_prefix="meetings/email/papers",
        channels=(Channel.EMAIL, Channel.LETTER),  # papers are to read: by post for someone who asked for calls
        label="Meeting papers are ready",
    )
)
BOOK_BY = register(
    MessageKind(
        key="meetings.book_by",
        template_prefix="meetings/email/book_by",
        label="Reminder to a coordinator: support to book for a meeting",
    )  # fmt: skip
)
REINSTATED = register(
    MessageKind(
        key="meetings.reinstated",
        template_prefix="meetings/email/reinstated",
        secret_keys=REPLY_LINKS,
        label="A cancelled meeting going ahead after all",
    )  # fmt: skip
)
BOOKINGS_TO_CANCEL = register(
    MessageKind(
        key="meetings.bookings_to_cancel",
        template_prefix="meetings/email/bookings_to_cancel",
        label="To a coordinator: support to cancel for a cancelled meeting",
    )  # fmt: skip
)
