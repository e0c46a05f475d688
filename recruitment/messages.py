"""The messages recruitment sends, registered with the outbox by key."""

from notifications.kinds import MessageKind, register
from notifications.models import Channel

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
        label="An invitation to choose an interview time",
    )  # fmt: skip
)
INTERVIEW_BOOKED = register(
    MessageKind(
        key="recruitment.interview_booked",
        template_prefix="recruitment/email/interview_booked",
        label="An interview time, with a calendar file",
    )  # fmt: skip
)
INTERVIEW_CANCELLED = register(
    MessageKind(
        key="recruitment.interview_cancelled",
        template_prefix="recruitment/email/interview_cancelled",
        label="An interview time given up",
    )  # fmt: skip
)
INTERVIEW_REMINDER = register(
    MessageKind(
        key="recruitment.interview_reminder",
        template_prefix="recruitment/email/interview_reminder",
        label="Reminder: your interview is tomorrow",
    )  # fmt: skip
)
# To the panel's coordinators: an applicant declined their interview or asked for another time.
INTERVIEW_REPLY = register(
    MessageKind(
        key="recruitment.interview_reply",
        template_prefix="recruitment/email/interview_reply",
        channels=(Channel.EMAIL,),
        label="An applicant's reply to an interview",
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
