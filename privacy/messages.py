"""The messages privacy sends, registered with the outbox by key."""

from notifications.kinds import MessageKind, register

REQUEST_DUE = register(
    MessageKind(
        key="privacy.request_due",
        template_prefix="privacy/email/request_due",
        label="Reminder to an administrator: a data protection request is due",
    )  # fmt: skip
)
