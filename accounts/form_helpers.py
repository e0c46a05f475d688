"""Helpers every app's forms and views share: reading a POST, putting a service's errors on a
form, and checking a phone number. They live in `accounts`, the bottom layer, so every app may
import them; accounts/forms.py keeps the sign-in forms."""

from django import forms

PHONE_CHARACTERS = set("0123456789 +()-")


def clean_phone_number(value: str) -> str:
    """A UK or international phone number as people write it, spaces and brackets allowed."""
    phone = value.strip()
    digits = [c for c in phone if c.isdigit()]
    if phone and (set(phone) - PHONE_CHARACTERS or not 10 <= len(digits) <= 15):
        raise forms.ValidationError("Enter a phone number, like 0151 123 4567 or 07700 900 982")
    return phone


def posted(request):
    """The submitted data on a POST, even when empty (an unticked box sends nothing), else None.
    `request.POST or None` would treat an empty POST as no submission and show no errors."""
    return request.POST if request.method == "POST" else None


def add_errors(form, exc) -> None:
    """Put a service's ValidationError on the form: on the field it names when the form has it,
    otherwise at the top of the error summary."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
