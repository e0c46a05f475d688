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
