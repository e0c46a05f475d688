from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from accounts.models import User
from members.models import AccessNeedItem, Membership, Panel
from members.services import membership_create

PASSWORD = "a-long-test-password-1"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create and obj.email and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class PanelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Panel
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Test Panel {n}")
    slug = factory.Sequence(lambda n: f"test-panel-{n}")
    summary = "A panel for testing."
    description = "It advises on tests."


def add_totp(user: User) -> tuple[str, object]:
    """Give a person an authenticator app, as allauth would after they scanned the code."""
    secret = generate_totp_secret()
    return secret, TOTP.activate(user, secret).instance


def a_membership(
    coordinator, panel: Panel, person: User | None = None, *, days: int = 900, **user_fields
) -> Membership:
    """`person` (someone new, with `user_fields`, if not given) joins `panel` today for a term of
    `days`, added by the panel's coordinator."""
    start = timezone.localdate()
    return membership_create(
        actor=coordinator, panel=panel, person=person or UserFactory(**user_fields), term_start=start,
        term_end=start + timedelta(days=days), reason="co-opted",
    )  # fmt: skip


def members_of(coordinator, panel: Panel, count: int, **user_fields) -> list[User]:
    """`count` new people, each a current member of `panel`."""
    return [a_membership(coordinator, panel, **user_fields).person for _ in range(count)]


def catalogue_item(name: str) -> AccessNeedItem:
    """An access need from the catalogue every installation starts with (members/seed.py)."""
    return AccessNeedItem.objects.get(name=name)
