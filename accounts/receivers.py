"""Connections to allauth's signals. Kept to bookkeeping that allauth leaves to the project."""

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.signals import authenticator_added
from django.dispatch import receiver


@receiver(authenticator_added)
def count_new_authenticator_as_second_factor(sender, request, user, authenticator, **kwargs) -> None:
    """Setting up an authenticator proves possession of it (the person entered a code from it or
    used the passkey), so this session has passed a second factor and may reach staff pages."""
    if request is not None:
        record_authentication(request, user, method="mfa", type=authenticator.type)
