from notifications import services
from notifications.models import ConsentDecision, ConsentPurpose, ConsentRecord, Message

OPPORTUNITY = {"title": "A new panel place", "summary": "We need 2 members.", "url": "/panels/race/"}


def an_opportunity(person, key: str = "opportunity:1", **kwargs) -> Message:
    """A message telling `person` about a new panel place, which needs their consent to be sent."""
    return services.message_queue(
        kind="notifications.future_opportunity", recipient=person, context={"name": person.full_name, **OPPORTUNITY},
        idempotency_key=key, **kwargs,
    )  # fmt: skip


def opportunities_consent(person, decision: str = ConsentDecision.GIVEN) -> ConsentRecord:
    """`person`'s answer to hearing about future opportunities, against the wording in force."""
    wording = services.consent_wording_current(ConsentPurpose.FUTURE_OPPORTUNITIES)
    return services.consent_apply(person=person, wording=wording, decision=decision)
