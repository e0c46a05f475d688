"""Staff must use two-factor authentication before they reach any page beyond the public ones and
signing in: staff pages and the admin, and also the pages a person uses for themselves, since a
coordinator opens an application they recorded for someone there (with what that person needs at
interview) and a staff session is a staff session wherever it goes."""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from accounts.access import SIGNED_IN, STAFF


def has_second_factor(user) -> bool:
    return Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()


def session_passed_second_factor(request) -> bool:
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


class StaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.STAFF_REQUIRE_TWO_FACTOR or not request.user.is_authenticated:
            return None
        # Public pages and allauth's own (signing in, setting up two-step verification) stay open.
        guarded = getattr(view_func, "access_rule", None) in (STAFF, SIGNED_IN) or request.path.startswith(
            reverse("admin:index")
        )
        if not guarded or not request.user.has_perm("members.view_staff_area"):
            return None
        if session_passed_second_factor(request) and has_second_factor(request.user):
            return None
        if not has_second_factor(request.user):
            messages.info(request, "You have a staff role, so set up two-step verification before you go on.")
            return redirect("mfa_index")
        return redirect(f"{reverse('mfa_reauthenticate')}?next={request.get_full_path()}")
