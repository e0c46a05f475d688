import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from accounts.models import User
from members.models import Panel

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
