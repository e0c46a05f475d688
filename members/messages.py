"""The messages members sends, registered with the outbox by key."""

from notifications.kinds import MessageKind, register
from notifications.models import Channel

TERM_ENDING = register(
    MessageKind(
        key="members.term_ending", template_prefix="members/email/term_ending", label="Reminder: a term is ending"
    )
)
TERM_ENDING_COORDINATOR = register(
    MessageKind(
        key="members.term_ending_coordinator",
        template_prefix="members/email/term_ending_coordinator",
        label="Reminder to a coordinator: a member's term is ending",
    )  # fmt: skip
)
ACCESS_NEEDS_REVIEW = register(
    MessageKind(
        key="members.access_needs_review",
        template_prefix="members/email/access_needs_review",
        label="A request to check access needs are still right",
    )  # fmt: skip
)
INTERESTS_DUE = register(
    MessageKind(
        key="members.interests_due",
        template_prefix="members/email/interests_due",
        label="A request to declare or confirm interests",
    )  # fmt: skip
)
# Written by a coordinator to their panel's members. It is part of serving on the panel, so, like
# an invitation to a meeting, it needs no consent to news.
# Its words are the coordinator's, different each time, so no one BSL video can sign them.
PANEL_MESSAGE = register(
    MessageKind(
        key="members.panel_message",
        template_prefix="members/email/panel_message",
        label="A message to the panel",
        one_video_for_all=False,
    )  # fmt: skip
)
# With a document: by email or post, since a call cannot hand anyone a document.
PANEL_MESSAGE_WITH_DOCUMENT = register(
    MessageKind(
        key="members.panel_message_with_document",
        template_prefix="members/email/panel_message",
        channels=(Channel.EMAIL, Channel.LETTER),
        label="A message to the panel, with a document",
        one_video_for_all=False,
    )  # fmt: skip
)
