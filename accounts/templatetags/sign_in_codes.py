"""How long a sign-in code lasts, for the page that asks for it and for the email that carries it.
The email is rendered by the outbox from a stored context without the request or the settings, so
the template asks for it here rather than being given it."""

from django import template

from accounts.forms import sign_in_code_lasts, sign_in_code_works_until

register = template.Library()


@register.simple_tag
def code_lasts() -> str:
    """'15 minutes', from the timeout allauth enforces."""
    return sign_in_code_lasts()


@register.simple_tag(takes_context=True)
def code_works_until(context):
    """When the code on the page stops working (a new code does not last longer than the first)."""
    return sign_in_code_works_until(context.get("request"))
