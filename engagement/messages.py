"""The messages engagement sends, registered with the outbox by key. Officers are the authority's
staff at work, so what goes to them goes by email only (ADR 0024)."""

from notifications.kinds import MessageKind, register
from notifications.models import Channel

EMAIL_ONLY = (Channel.EMAIL,)

OFFICER_WAITING = register(
    MessageKind(
        key="engagement.officer_waiting",
        template_prefix="engagement/email/officer_waiting",
        channels=EMAIL_ONLY,
        label="To an administrator: an officer asks to bring work to the panels",
    )  # fmt: skip
)
OFFICER_DECIDED = register(
    MessageKind(
        key="engagement.officer_decided",
        template_prefix="engagement/email/officer_decided",
        channels=EMAIL_ONLY,
        label="Whether you can bring work to the panels",
    )  # fmt: skip
)
REQUEST_RECEIVED = register(
    MessageKind(
        key="engagement.request_received",
        template_prefix="engagement/email/request_received",
        channels=EMAIL_ONLY,
        label="Your request to the panels has arrived",
    )  # fmt: skip
)
REQUEST_TO_TRIAGE = register(
    MessageKind(
        key="engagement.request_to_triage",
        template_prefix="engagement/email/request_to_triage",
        channels=EMAIL_ONLY,
        label="To a coordinator: a request for the panel to decide on",
    )  # fmt: skip
)
TRIAGE_DECIDED = register(
    MessageKind(
        key="engagement.triage_decided",
        template_prefix="engagement/email/triage_decided",
        channels=EMAIL_ONLY,
        label="What a panel decided about your request",
    )  # fmt: skip
)
SCHEDULED = register(
    MessageKind(
        key="engagement.scheduled",
        template_prefix="engagement/email/scheduled",
        channels=EMAIL_ONLY,
        label="When and how a panel will advise on your request",
    )  # fmt: skip
)
ADVICE_SENT = register(
    MessageKind(
        key="engagement.advice_sent",
        template_prefix="engagement/email/advice_sent",
        channels=EMAIL_ONLY,
        label="A panel's advice on your request",
    )  # fmt: skip
)
RESPONSE_REMINDER = register(
    MessageKind(
        key="engagement.response_reminder",
        template_prefix="engagement/email/response_reminder",
        channels=EMAIL_ONLY,
        label="Reminder: answer a panel's advice",
    )  # fmt: skip
)
RESPONSE_OVERDUE = register(
    MessageKind(
        key="engagement.response_overdue",
        template_prefix="engagement/email/response_overdue",
        channels=EMAIL_ONLY,
        label="To an administrator: an officer has not answered a panel's advice",
    )  # fmt: skip
)
# To members, the way each asked to be reached: being asked for their advice, and hearing what
# came of it, are part of serving on the panel, so they need no consent to news.
CONSULTATION_OPEN = register(
    MessageKind(
        key="engagement.consultation_open",
        template_prefix="engagement/email/consultation_open",
        label="The panel is asked for its advice in writing",
        one_video_for_all=False,
    )  # fmt: skip
)
CONSULTATION_REMINDER = register(
    MessageKind(
        key="engagement.consultation_reminder",
        template_prefix="engagement/email/consultation_reminder",
        label="Reminder: a written consultation closes soon",
        one_video_for_all=False,
    )  # fmt: skip
)
ADVICE_TO_APPROVE = register(
    MessageKind(
        key="engagement.advice_to_approve",
        template_prefix="engagement/email/advice_to_approve",
        label="To a chair: the panel's advice is ready to approve",
        one_video_for_all=False,
    )  # fmt: skip
)
ANSWER_ARRIVED = register(
    MessageKind(
        key="engagement.answer_arrived",
        template_prefix="engagement/email/answer_arrived",
        label="What an officer did with the panel's advice",
        one_video_for_all=False,
    )  # fmt: skip
)
PUBLICATION_TO_AGREE = register(
    MessageKind(
        key="engagement.publication_to_agree",
        template_prefix="engagement/email/publication_to_agree",
        label='Words to agree for "You said, we did"',
        one_video_for_all=False,
    )  # fmt: skip
)
