from django.core.exceptions import PermissionDenied

from accounts.models import User


def require(actor: User | None, perm: str, obj=None) -> None:
    """Refuse unless the actor holds the permission (for this object, when given)."""
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied
