"""The messages recruitment sends, registered with the outbox by key."""

from notifications.kinds import MessageKind, register

APPLICATION_SUBMITTED = register(
    MessageKind(key="recruitment.application_submitted", template_prefix="recruitment/email/application_submitted")
)
APPLICATION_WITHDRAWN = register(
    MessageKind(key="recruitment.application_withdrawn", template_prefix="recruitment/email/application_withdrawn")
)
