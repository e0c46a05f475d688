"""Times as GOV.UK's style guide writes them: 5pm, 5:30pm, midday, midnight (not 5:00p.m.)."""

from datetime import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def govuk_time(value: datetime | None) -> str:
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    if (value.hour, value.minute) == (12, 0):
        return "midday"
    if (value.hour, value.minute) == (0, 0):
        return "midnight"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"
