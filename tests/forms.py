"""What a browser sends for GOV.UK's date input (accounts/form_helpers.py): a day, a month and a
year, each in a box of its own."""

from datetime import date


def date_input(name: str, day: date | None = None, *, parts: tuple[str, str, str] | None = None) -> dict:
    """The three boxes of the date input `name` as posted, from a date or as typed (`parts`)."""
    typed = parts or (("", "", "") if day is None else (str(day.day), str(day.month), str(day.year)))
    return dict(zip((f"{name}_day", f"{name}_month", f"{name}_year"), typed, strict=True))
