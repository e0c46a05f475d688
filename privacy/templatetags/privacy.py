from django import template

from privacy.export import section_name as _section_name

register = template.Library()


@register.filter
def section_name(label: str) -> str:
    """A section's name in the export: its file in the csv folder and its anchor in the summary."""
    return _section_name(label)
