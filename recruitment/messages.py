"""The messages recruitment sends, registered with the outbox by key."""

from notifications.kinds import MessageKind, register

APPLICATION_SUBMITTED = register(
    MessageKind(
        key="recruitment.application_submitted",
        template_prefix="recruitment/email/application_submitted",
        label="Confirmation that an application was sent",
    )  # fmt: skip
)
APPLICATION_WITHDRAWN = register(
    MessageKind(
        key="recruitment.application_withdrawn",
        template_prefix="recruitment/email/application_withdrawn",
        label="Confirmation that an application was withdrawn",
    )  # fmt: skip
)
INTERVIEW_INVITATION = register(
    MessageKind(
        key="recruitment.interview_invitation",
        template_prefix="recruitment/email/interview_invitation",
        label="An invitation to interview",
    )  # fmt: skip
)
# Outcomes, one kind per outcome so each can say the right thing plainly. Released in a batch.
OUTCOMES = {
    status: register(
        MessageKind(
            key=f"recruitment.outcome_{status}",
            template_prefix=f"recruitment/email/outcome_{status}",
            label="The outcome of an application",
        )  # fmt: skip
    )
    for status in ("not_shortlisted", "appointed", "reserve", "unsuccessful")
}
