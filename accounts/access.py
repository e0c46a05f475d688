"""Every route declares who may reach it, in one of three ways:

- `@public`: anyone, signed in or not;
- `@signed_in`: any signed-in person (their own things only; views look objects up through the
  owner);
- `@staff(perm)`: a signed-in member of staff holding a named permission (see each app's
  rules.py). Staff routes also need two-factor authentication (portal.middleware).

The permission-matrix test lists every URL pattern and fails when a view carries no rule.
Third-party routes (allauth, the admin) are declared in THIRD_PARTY_RULES by URL name.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def require(actor, perm: str, obj=None) -> None:
    """Refuse (PermissionDenied) unless the actor holds the permission, for this object when one is
    given. Every service checks its permission through this, and so do views that act on an
    object their route's rule does not cover."""
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied


PUBLIC = "public"
SIGNED_IN = "signed-in"
STAFF = "staff"


def public(view):
    view.access_rule = PUBLIC
    return view


# Where a signed-out person was going when they were asked to sign in. It travels as `next` too,
# but some ways through signing in drop that (a code that expired, a link used in another tab);
# after any sign-in without a `next`, this is where they are taken (notifications.adapters).
AFTER_SIGN_IN = "after_sign_in"


def login_required(view):
    """Django's login_required, which also remembers in the session where the person was going."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        if not request.user.is_authenticated:
            request.session[AFTER_SIGN_IN] = request.get_full_path()
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return checked


def signed_in(view):
    wrapped = login_required(view)
    wrapped.access_rule = SIGNED_IN
    return wrapped


def staff(perm: str):
    """Signed in and holding `perm`. Object-level checks (this panel, this message) are made by the
    view's lookup, which answers 404 for anything the person may not see."""

    def decorator(view):
        @wraps(view)
        def checked(request, *args, **kwargs):
            if not request.user.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped = login_required(checked)
        wrapped.access_rule = STAFF
        wrapped.access_perm = perm
        return wrapped

    return decorator


# allauth's own pages: signing in, signing up and recovering an account are public; managing an
# account (email addresses, password, two-factor) needs a signed-in person, which allauth enforces.
THIRD_PARTY_RULES = {
    "account_signup": PUBLIC,
    "account_login": PUBLIC,
    "account_logout": PUBLIC,
    "account_reauthenticate": SIGNED_IN,
    "account_inactive": PUBLIC,
    "account_email_verification_sent": PUBLIC,
    "account_confirm_email": PUBLIC,
    "account_email": SIGNED_IN,
    "account_change_password": SIGNED_IN,
    "account_set_password": SIGNED_IN,
    "account_reset_password": PUBLIC,
    "account_reset_password_done": PUBLIC,
    "account_reset_password_from_key": PUBLIC,
    "account_reset_password_from_key_done": PUBLIC,
    "account_request_login_code": PUBLIC,
    "account_confirm_login_code": PUBLIC,
    "account_confirm_password_reset_code": PUBLIC,
    "account_confirm_email_verification_code": PUBLIC,
    "account_confirm_phone_verification_code": PUBLIC,
    "mfa_authenticate": PUBLIC,
    "mfa_reauthenticate": SIGNED_IN,
    "mfa_reauthenticate_webauthn": SIGNED_IN,
    "mfa_index": SIGNED_IN,
    "mfa_activate_totp": SIGNED_IN,
    "mfa_deactivate_totp": SIGNED_IN,
    "mfa_view_recovery_codes": SIGNED_IN,
    "mfa_generate_recovery_codes": SIGNED_IN,
    "mfa_download_recovery_codes": SIGNED_IN,
    "mfa_list_webauthn": SIGNED_IN,
    "mfa_add_webauthn": SIGNED_IN,
    "mfa_remove_webauthn": SIGNED_IN,
    "mfa_edit_webauthn": SIGNED_IN,
    "mfa_login_webauthn": PUBLIC,
    "mfa_signup_webauthn": PUBLIC,
    "mfa_trust": PUBLIC,
}
ADMIN_RULE = "administrator (the Django admin)"
