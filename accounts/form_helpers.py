"""Helpers every app's forms and views share: reading a POST, putting a service's errors on a
form, and checking a phone number. They live in `accounts`, the bottom layer, so every app may
import them; accounts/forms.py keeps the sign-in forms."""

from datetime import date

from django import forms

PHONE_CHARACTERS = set("0123456789 +()-")


def clean_phone_number(value: str) -> str:
    """A UK or international phone number as people write it, spaces and brackets allowed."""
    phone = value.strip()
    digits = [c for c in phone if c.isdigit()]
    if phone and (set(phone) - PHONE_CHARACTERS or not 10 <= len(digits) <= 15):
        raise forms.ValidationError("Enter a phone number, like 0151 123 4567 or 07700 900 982")
    return phone


def depends_on_a_choice(form: forms.Form, *names: str) -> None:
    """Fields needed for some choices only: not marked "(optional)", since for those choices they
    are not; their hints say when, and the service names what is missing."""
    for name in names:
        form.fields[name].depends_on_a_choice = True


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


class DateInput(forms.MultiWidget):
    """GOV.UK's date input: day, month and year in three boxes of their own, which people can type
    in any browser and which never shows an empty box for a date it holds (as a browser's date input
    does for a date in British order). Rendered in a fieldset by forms/govuk_field.html."""

    template_name = "forms/widgets/govuk_date.html"
    PARTS = ("day", "month", "year")

    def __init__(self, attrs=None):
        boxes = {part: forms.TextInput(attrs={"inputmode": "numeric"}) for part in self.PARTS}
        super().__init__(boxes, attrs)

    def decompress(self, value):
        return [value.day, value.month, value.year] if value else [None, None, None]

    def id_for_label(self, id_):
        # The error summary's link goes to the first box, the day (Django numbers the boxes).
        return f"{id_}_0" if id_ else id_


class DateField(forms.MultiValueField):
    """A date from GOV.UK's date input, with GOV.UK's messages: what is missing, or that it is not
    a real date."""

    widget = DateInput
    default_error_messages = {
        "required": "Enter the date",
        "incomplete": "Enter the day, month and year",
        "invalid": "Enter a real date",
    }

    def __init__(self, **kwargs):
        boxes = [forms.CharField(required=False) for _ in DateInput.PARTS]
        super().__init__(fields=boxes, require_all_fields=False, **kwargs)

    def compress(self, values):
        values = [str(v).strip() for v in values or []]
        if not any(values):  # spaces alone are nothing typed
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return None
        missing = [part for part, value in zip(DateInput.PARTS, values, strict=True) if not value]
        if missing:
            raise forms.ValidationError(f"The date must include a {' and a '.join(missing)}", code="incomplete")
        day, month, year = values
        if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
