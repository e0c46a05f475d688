"""Times as GOV.UK's style guide writes them: 5pm, 5:30pm, midday, midnight (not 5:00p.m.); and a
moment with its day: 5:30pm on Monday 2 March 2026."""

from datetime import date, datetime

from django import template
from django.utils import dateformat, timezone

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


def _a_day_alone(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _moment(value: datetime | str | None) -> datetime | None:
    """A message's context is stored as JSON, so a time reaches its templates as an ISO string. A day
    alone ("2026-03-02") is not a moment: written as midnight it would be wrong."""
    if isinstance(value, str):
        if _a_day_alone(value):
            return None
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return None
    return value if isinstance(value, datetime) else None


@register.filter
def govuk_date_time(value: datetime | str | None) -> str:
    """5:30pm on Monday 2 March 2026, in UK time; nothing for a value that is not a moment, so that
    a template can leave out the sentence instead of showing a broken one."""
    moment = _moment(value)
    if moment is None:
        return ""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return f"{govuk_time(moment)} on {dateformat.format(moment, 'l j F Y')}"
