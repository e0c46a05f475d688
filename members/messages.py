"""The messages members sends, registered with the outbox by key."""

from notifications.kinds import MessageKind, register

TERM_ENDING = register(MessageKind(key="members.term_ending", template_prefix="members/email/term_ending"))
TERM_ENDING_COORDINATOR = register(
    MessageKind(key="members.term_ending_coordinator", template_prefix="members/email/term_ending_coordinator")
)
