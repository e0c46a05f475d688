"""The messages payments sends, registered with the outbox by key. They go the way each person
asked: email, a letter, or a call."""

from notifications.kinds import MessageKind, register

CLAIM_APPROVED = register(
    MessageKind(
        key="payments.claim_approved", template_prefix="payments/email/claim_approved", label="Your claim is approved"
    )  # fmt: skip
)
CLAIM_QUERIED = register(
    MessageKind(
        key="payments.claim_queried",
        template_prefix="payments/email/claim_queried",
        label="A question about your claim",
        one_video_for_all=False,
    )  # fmt: skip
)
BENEFITS_YEARLY = register(
    MessageKind(
        key="payments.benefits_yearly",
        template_prefix="payments/email/benefits_yearly",
        label="Once a year: being paid, and your benefits",
    )  # fmt: skip
)
CLAIM_REJECTED = register(
    MessageKind(
        key="payments.claim_rejected",
        template_prefix="payments/email/claim_rejected",
        label="Your claim is not approved",
        one_video_for_all=False,
    )  # fmt: skip
)
CLAIM_PAID = register(
    MessageKind(key="payments.claim_paid", template_prefix="payments/email/claim_paid", label="Your claim is paid")
)
