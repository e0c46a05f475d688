from django import template

from payments.money import pounds as in_pounds

register = template.Library()


@register.filter
def pounds(pence) -> str:
    """£12.50 for 1250 pence; nothing for nothing."""
    return "" if pence is None else in_pounds(int(pence))
