"""Message kinds, known by key.

An app that sends a message registers its kind here with plain data: the template prefix, the
channels it may use, the consent purpose it needs (if any) and which context keys are secrets to
be blanked once sent. The outbox never imports the models of the apps that use it.
"""

from dataclasses import dataclass, field

from .models import Channel, ConsentPurpose


@dataclass(frozen=True)
class MessageKind:
    key: str
    # Templates: "<prefix>_subject.txt", "<prefix>_message.txt", optional "<prefix>_message.html"
    # and "<prefix>_message_easy_read.txt".
    template_prefix: str
    # The ways it may go: a person who asked for a call gets one where the kind allows it (a
    # coordinator rings them with what it says), otherwise a letter.
    channels: tuple[str, ...] = (Channel.EMAIL, Channel.LETTER, Channel.PHONE)
    purpose: str = ""
    secret_keys: frozenset[str] = field(default_factory=frozenset)
    # What the message is, in a few words, for a person's record ("Reminder: your term is ending").
    label: str = ""
    # Messages about signing in and the account itself, which only the person and administrators
    # see in the person's record.
    about_the_account: bool = False
    # Whether one BSL video, set by an administrator for the kind, signs every message of it. Not
    # for messages whose words are written afresh each time (a coordinator writing to a panel).
    one_video_for_all: bool = True


_registry: dict[str, MessageKind] = {}

# allauth's messages carry one-time links and codes; they are blanked from the stored copy once sent.
ALLAUTH_SECRET_KEYS = frozenset({"activate_url", "key", "password_reset_url", "code", "uid", "login_code"})
ALLAUTH_PREFIXES = ("account/email/", "mfa/email/")


def register(kind: MessageKind) -> MessageKind:
    _registry[kind.key] = kind
    return kind


def label(key: str) -> str:
    """What a message of this kind is, in words; for a kind no longer registered, its key."""
    try:
        return get(key).label or key
    except KeyError:
        return key


def get(key: str) -> MessageKind:
    if key in _registry:
        return _registry[key]
    if key.startswith(ALLAUTH_PREFIXES):
        # Messages about an account go to the address being verified or reset, never by post.
        return MessageKind(
            key=key, template_prefix=key, channels=(Channel.EMAIL,), secret_keys=ALLAUTH_SECRET_KEYS,
            label="A message about your account or signing in", about_the_account=True,
        )  # fmt: skip
    raise KeyError(f"Unknown message kind {key!r}")


FUTURE_OPPORTUNITY = register(
    MessageKind(
        key="notifications.future_opportunity",
        template_prefix="notifications/email/future_opportunity",
        purpose=ConsentPurpose.FUTURE_OPPORTUNITIES,
        label="News of a chance to take part",
    )
)
CONSENT_RECEIPT = register(
    MessageKind(
        key="notifications.consent_receipt",
        template_prefix="notifications/email/consent_receipt",
        channels=(Channel.EMAIL, Channel.LETTER),  # a receipt is a document to keep
        label="A receipt for a consent given or withdrawn",
    )
)
