"""Every URL pattern of the service, and the access rule each one declares."""

import inspect

from django.urls import URLPattern, URLResolver, get_resolver

from accounts.access import ADMIN_RULE, THIRD_PARTY_RULES


def all_routes(resolver=None, prefix="", namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from all_routes(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), f"{namespace}{entry.name}" if entry.name else "", entry.callback


def rule_for(route: str, name: str, callback) -> str | None:
    declared = getattr(callback, "access_rule", None) or THIRD_PARTY_RULES.get(name)
    if not declared and route.startswith("admin/") and (name.startswith("admin:") or not name):
        return ADMIN_RULE
    return declared


def post_only(callback) -> bool:
    """A route only sent one form of another page (django's require_POST): what it shows, when the
    form is sent wrong, is that page again with the errors."""
    return inspect.getclosurevars(callback).nonlocals.get("request_method_list") == ["POST"]
