import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction

from .models import ContactChannel, ContactFormat, User

logger = logging.getLogger(__name__)


@transaction.atomic
def person_create_offline(
    *,
    actor: User,
    full_name: str,
    email: str | None = None,
    address: str = "",
    postcode: str = "",
    phone: str = "",
    contact_channel: str = ContactChannel.POST,
    contact_format: str = ContactFormat.STANDARD,
) -> User:
    """Record a person who contacts us by post, phone or BSL video rather than online. They have no
    usable password, so they cannot sign in (with an email address they can later choose one by
    resetting it); staff act for them, and without an email address their messages go by letter."""
    if not actor.has_perm("accounts.create_offline_person"):
        raise PermissionDenied
    person = User(
        email=email or None,
        full_name=full_name,
        address=address,
        postcode=postcode,
        phone=phone,
        contact_channel=contact_channel,
        contact_format=contact_format,
    )
    person.set_unusable_password()
    person._history_user = actor
    person.full_clean()
    person.save()
    logger.info("person %s recorded offline by person %s", person.pk, actor.pk)
    return person
