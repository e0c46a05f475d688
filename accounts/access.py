"""Every route declares who may reach it, once, where the view is defined:

- `@public`: anyone, signed in or not;
- `@signed_in`: any signed-in person (their own things only: such views look objects up through
  the owner);
- `@staff(perm)`: a signed-in member of staff holding a named permission (see each app's
  rules.py). Staff routes also need two-factor authentication (portal.middleware).

A route that acts on one object names the permission and how the object is found from its URL:
`@staff("recruitment.manage_round", Lookup("round_", Round))` or
`@signed_in("recruitment.change_application", Lookup("application", Application))`. The decorator
finds the object, checks the permission on it and passes it to the view, so a view body never
checks a permission itself (tests/accounts/test_access_in_views.py fails if one does). Anything
missing or not the person's to see is a 404: a guessed id learns nothing.

The permission-matrix test lists every URL pattern and fails when a view carries no rule.
Third-party routes (allauth, the admin) are declared in THIRD_PARTY_RULES by URL name.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404


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


class Lookup:
    """How a route finds the object it acts on: from the URL argument `url_kwarg`, matched to
    `field` of `queryset` (a model, a queryset, or a function returning one, for a queryset that
    depends on the moment it is asked), given to the view as the keyword `name`. The
    permission is checked on the object, or on what `on` leads to from it ("panel",
    "application.round"). `after(request, obj)` runs once the permission is granted (asking staff
    for their second factor, say)."""

    def __init__(
        self,
        name: str,
        queryset: type[Model] | QuerySet | Callable[[], QuerySet],
        *,
        url_kwarg: str = "pk",
        field: str = "pk",
        on: str = "",
        after=None,
    ):
        self.name, self.url_kwarg, self.field, self.on, self.after = name, url_kwarg, field, on, after
        self.queryset = queryset._default_manager.all() if isinstance(queryset, type) else queryset

    def find(self, request, kwargs: dict):
        """The object the URL names (404 when there is none), taking its argument from kwargs."""
        value = kwargs.pop(self.url_kwarg)
        queryset = self.queryset() if callable(self.queryset) else self.queryset
        try:
            return queryset.get(**{self.field: value})
        except queryset.model.DoesNotExist:
            raise Http404 from None

    def target(self, obj):
        for attribute in filter(None, self.on.split(".")):
            obj = getattr(obj, attribute)
        return obj


class _SignedInPerson(Lookup):
    """The person signed in, for routes about themselves that still need a permission (a current
    member's register of interests, say)."""

    def __init__(self):
        self.name, self.on, self.after = "person", "", None

    def find(self, request, kwargs: dict):
        return request.user


THE_PERSON = _SignedInPerson()


def _on_object(view, perm: str, lookup: Lookup):
    """The view, reached only when the object is found and the person holds `perm` on it."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        obj = lookup.find(request, kwargs)
        if not request.user.has_perm(perm, lookup.target(obj)):
            raise Http404
        if lookup.after:
            lookup.after(request, obj)
        kwargs[lookup.name] = obj
        return view(request, *args, **kwargs)

    return checked


def _declare(wrapped, rule: str, perm: str | None, lookup: Lookup | None):
    wrapped.access_rule = rule
    wrapped.access_perm = perm
    wrapped.access_lookup = lookup
    return wrapped


def signed_in(view_or_perm=None, lookup: Lookup | None = None):
    """`@signed_in` on its own, or `@signed_in(perm, Lookup(...))` for a route acting on one
    object the person must hold `perm` on (their own application, say)."""
    if callable(view_or_perm):
        return _declare(login_required(view_or_perm), SIGNED_IN, None, None)
    perm = view_or_perm

    def decorator(view):
        return _declare(login_required(_on_object(view, perm, lookup)), SIGNED_IN, perm, lookup)

    return decorator


# Every member of staff, whatever their role, holds this: routes acting on one object check it
# first, so someone who is not staff at all is refused (403) rather than told nothing exists.
STAFF_AREA = "members.view_staff_area"


def staff(perm: str, lookup: Lookup | None = None, *, area: str = STAFF_AREA):
    """Signed in and holding `perm`: without a lookup, as a role (403 otherwise); with one, on the
    object the URL names, after holding `area` (403 without it; 404 for an object that is not
    theirs to see)."""

    def decorator(view):
        if lookup is None:
            need, inner = perm, view
        else:
            need, inner = area, _on_object(view, perm, lookup)

        @wraps(view)
        def checked(request, *args, **kwargs):
            if not request.user.has_perm(need):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return _declare(login_required(checked), STAFF, perm, lookup)

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
