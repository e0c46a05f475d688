"""Whether a person has a second factor, and whether this session has passed it. Staff need both
before staff pages (portal.middleware) and before any page where they act for someone else."""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator


class SecondFactorRequired(Exception):
    """Raised by a view that shows someone else's details to staff whose session has not passed
    two-step verification; portal.middleware answers it by asking for the second factor."""


def has_second_factor(user) -> bool:
    return Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()


def session_passed_second_factor(request) -> bool:
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def require_second_factor(request) -> None:
    """For views where staff act for someone else (an application they recorded for them)."""
    from django.conf import settings

    if settings.STAFF_REQUIRE_TWO_FACTOR and not (
        session_passed_second_factor(request) and has_second_factor(request.user)
    ):
        raise SecondFactorRequired


def require_second_factor_of_staff(request) -> None:
    """For pages open to anyone signed in that show staff something to protect (what will be arranged
    for someone at their interview): staff pass their second factor first, as on staff pages."""
    from accounts.access import STAFF_AREA

    if request.user.has_perm(STAFF_AREA):
        require_second_factor(request)
