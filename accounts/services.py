import logging

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from .access import require
from .models import ContactChannel, ContactFormat, User
from .personal_data import Erasure

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
    require(actor, "accounts.create_offline_person")
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


@transaction.atomic
def person_details_update(
    *, actor: User, person: User, full_name: str, phone: str, address: str, postcode: str, best_time_to_call: str = ""
) -> User:
    """A person's name and how to reach them, changed by them (or by staff allowed to act for them).
    The way they asked to be contacted must stay possible: someone who asked for letters keeps an
    address."""
    require(actor, "accounts.change_person_details", person)
    full_name, phone, address, postcode = full_name.strip(), phone.strip(), address.strip(), postcode.strip()
    best_time_to_call = best_time_to_call.strip()
    if person.contact_channel == ContactChannel.POST and not (address and postcode):
        raise ValidationError(
            {"address": "You asked us to write to you, so we need your address and postcode. Choose another way first"}
        )
    if person.contact_channel == ContactChannel.PHONE and not phone:
        raise ValidationError({"phone": "You asked us to phone you, so we need a number. Choose another way first"})
    given = {"full_name": full_name, "phone": phone, "best_time_to_call": best_time_to_call, "address": address,
             "postcode": postcode}  # fmt: skip
    changed = [name for name, value in given.items() if getattr(person, name) != value]
    if not changed:
        return person
    for name in changed:
        setattr(person, name, given[name])
    person._history_user = actor
    person.full_clean(exclude=["password"])
    person.save(update_fields=changed)
    logger.info("person %s: contact details changed by person %s", person.pk, actor.pk)
    return person


# Who is a stand-in: nobody real has no name, no email address and no way to sign in.
STAND_IN = Q(full_name="", email__isnull=True, is_active=False)


def stand_ins(count: int) -> list[User]:
    """People who are no one: each takes the place of a real person on a record kept only to be
    counted (an anonymised application or membership), so its counts and constraints hold. They
    have no name, address or password, cannot sign in and receive nothing."""
    return User.objects.bulk_create(
        [
            User(password=make_password(None), is_active=False, contact_channel=ContactChannel.EMAIL)
            for _ in range(count)
        ]
    )


def person_erase(person: User, *, apply: bool) -> Erasure:
    """What erasing leaves of the person's own account: nothing that says who they were. The row
    stays, empty, so records that must be kept (the consent ledger, the data protection request
    that asked for this) point at no one; sign-in addresses, authenticators and sessions go.
    With `apply` False, only says what would happen."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.sessions.models import Session

    done = Erasure()
    addresses = EmailAddress.objects.filter(user=person)
    authenticators = Authenticator.objects.filter(user=person)
    named = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(User), object_id=str(person.pk))
    done.remove("Name, email address, phone number and postal address", 1)
    done.remove("Email addresses used to sign in", addresses.count())
    done.remove("Ways of signing in (authenticator apps, recovery codes)", authenticators.count())
    done.remove("Earlier versions of their details", person.history.count())
    done.keep("Changes they made in the administration", LogEntry.objects.filter(user=person).count(),
              "A record of staff work: it keeps their number, not their name.")  # fmt: skip
    if not apply:
        return done
    sessions = [s.pk for s in Session.objects.iterator() if s.get_decoded().get("_auth_user_id") == str(person.pk)]
    Session.objects.filter(pk__in=sessions).delete()
    addresses.delete()
    authenticators.delete()
    named.update(object_repr=f"person {person.pk}")
    blank = {"email": None, "full_name": "", "phone": "", "best_time_to_call": "", "address": "", "postcode": ""}
    person.history.model.objects.filter(id=person.pk).update(**blank)
    User.objects.filter(pk=person.pk).update(**blank, is_active=False, password=make_password(None))
    person.refresh_from_db()
    logger.info("person %s erased from accounts", person.pk)
    return done
