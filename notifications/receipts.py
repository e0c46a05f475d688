"""The consent receipt: what a person agreed to or withdrew, in words they can keep.

One receipt per ledger record, as a page, a PDF and a message. The message is a core message (it
needs no consent), so it goes out after a withdrawal too, by the person's own channel.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from .models import ConsentDecision, ConsentPurpose, ConsentRecord

# Consent is the lawful basis for each of these extras; where the purpose touches special category
# data (health in access needs, characteristics used to balance a panel) it is explicit consent.
LAWFUL_BASIS = {
    ConsentPurpose.FUTURE_OPPORTUNITIES: "Your consent (UK GDPR Article 6(1)(a)).",
    ConsentPurpose.SHARE_ACCESS_NEEDS: (
        "Your explicit consent (UK GDPR Article 6(1)(a) and, because access needs can say something "
        "about your health, Article 9(2)(a))."
    ),
    ConsentPurpose.BALANCE_SELECTION: (
        "Your explicit consent (UK GDPR Article 6(1)(a) and, for characteristics such as disability or "
        "ethnicity, Article 9(2)(a))."
    ),
    ConsentPurpose.PUBLISH_NAME_PHOTO: "Your consent (UK GDPR Article 6(1)(a)).",
}

# Where each decision can be changed online; the others are changed on an application's page, or by
# asking us.
WITHDRAW_ONLINE = {
    ConsentPurpose.FUTURE_OPPORTUNITIES,
    ConsentPurpose.SHARE_ACCESS_NEEDS,
    ConsentPurpose.PUBLISH_NAME_PHOTO,
}


@dataclass(frozen=True)
class Receipt:
    number: str
    controller: str
    contact_email: str
    contact_phone: str
    purpose: str
    lawful_basis: str
    decision: str
    wording: str
    wording_version: int
    how: str
    when: str
    on_behalf_by: str
    change_how: str
    given: bool
    # The start of the record's hash in the ledger's chain (notifications.ledger): the person
    # holds it, so the record they were given can be checked against the ledger at any time.
    fingerprint: str

    def as_context(self) -> dict:
        return dict(self.__dict__)


def receipt_of(record: ConsentRecord) -> Receipt:
    purpose = ConsentPurpose(record.purpose)
    given = record.decision == ConsentDecision.GIVEN
    how = record.get_method_display()
    if record.recorded_by_id is not None:
        how = f"{how}, recorded for you by a member of our staff"
    if purpose in WITHDRAW_ONLINE:
        change = f"Sign in at {settings.SITE_URL}/account/consents/ and choose Change"
    else:
        change = f"Sign in at {settings.SITE_URL}/applications/ and open your application"
    change += f", or email {settings.CONTACT_EMAIL} or call {settings.CONTACT_PHONE}."
    return Receipt(
        number=record.receipt_number,
        controller=settings.AUTHORITY_NAME,
        contact_email=settings.CONTACT_EMAIL,
        contact_phone=settings.CONTACT_PHONE,
        purpose=purpose.label,
        lawful_basis=LAWFUL_BASIS[purpose],
        decision="You agreed" if given else "You withdrew your agreement",
        wording=record.wording.text,
        wording_version=record.wording.version,
        how=how,
        when=_when(record.recorded_at),
        on_behalf_by=record.on_behalf_by,
        change_how=change,
        given=given,
        fingerprint=" ".join(record.row_hash[i : i + 4] for i in range(0, 20, 4)),
    )


def _when(moment) -> str:
    local = timezone.localtime(moment)
    return f"{local:%-d %B %Y} at {local:%-I:%M}{local:%p}".replace("AM", "am").replace("PM", "pm")


def receipt_context(record: ConsentRecord) -> dict:
    """What the receipt message says: plain data, kept with the message."""
    return {
        "name": record.person.full_name,
        "receipt": receipt_of(record).as_context(),
        "receipt_url": f"{settings.SITE_URL}/account/consents/receipts/{record.sequence}/",
    }
