"""A balanced-panel target in words on the selection pages ("Where they live: Halton"), never its
stored codes ("area: halton")."""

from django import template

from recruitment.categories import target_label as label

register = template.Library()


@register.filter
def target_label(target: dict) -> str:
    return label(target["category"], target["value"])
