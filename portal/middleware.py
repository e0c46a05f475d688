"""Staff, and officers (ADR 0024), must use two-factor authentication before they reach any staff
route (officers' pages are declared with the staff rule) or the admin; staff also
before any page where they act for someone else (accounts.two_factor.SecondFactorRequired): a
coordinator opens an application they recorded for someone through the applicant's own pages."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from accounts.access import STAFF
from accounts.two_factor import SecondFactorRequired, has_second_factor, session_passed_second_factor


class StaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.STAFF_REQUIRE_TWO_FACTOR or not request.user.is_authenticated:
            return None
        is_staff_route = getattr(view_func, "access_rule", None) == STAFF or request.path.startswith(
            reverse("admin:index")
        )
        if not is_staff_route or not request.user.has_perm("portal.use_second_factor"):
            return None
        if session_passed_second_factor(request) and has_second_factor(request.user):
            return None
        return self._ask_for_it(request)

    def process_exception(self, request, exception):
        if isinstance(exception, SecondFactorRequired):
            return self._ask_for_it(request)
        return None

    @staticmethod
    def _ask_for_it(request):
        if not has_second_factor(request.user):
            messages.info(request, "Set up two-step verification before you use these pages.")
            return redirect("mfa_index")
        return redirect(f"{reverse('mfa_reauthenticate')}?next={request.get_full_path()}")
