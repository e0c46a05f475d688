"""Connections to allauth's and Django's signals. Kept to bookkeeping that they leave to the project."""

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.signals import authenticator_added
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from . import idle

# Every sign-in, whichever way (password, emailed code, a test's force_login), starts the clock.
user_logged_in.connect(idle.on_sign_in, dispatch_uid="accounts.idle.on_sign_in")


@receiver(authenticator_added)
def count_new_authenticator_as_second_factor(sender, request, user, authenticator, **kwargs) -> None:
    """Setting up an authenticator proves possession of it (the person entered a code from it or
    used the passkey), so this session has passed a second factor and may reach staff pages."""
    if request is not None:
        record_authentication(request, user, method="mfa", type=authenticator.type)
