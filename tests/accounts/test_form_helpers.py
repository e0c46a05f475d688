"""GOV.UK's date input (accounts/form_helpers.py): three boxes read as one date, with messages that
say what is missing or wrong, and what was typed kept when it is wrong."""

from datetime import date

import pytest
from django import forms

from accounts.form_helpers import DateField
from tests.forms import date_input


class TermForm(forms.Form):
    starts = DateField(label="Term starts", error_messages={"required": "Enter when the term starts"})
    ends = DateField(label="Term ends", required=False)


def errors_for(**typed) -> dict:
    data = date_input("starts", parts=typed.get("starts", ("", "", ""))) | date_input("ends", parts=("", "", ""))
    form = TermForm(data)
    form.is_valid()
    return form.errors


def test_three_boxes_make_one_date():
    form = TermForm(date_input("starts", date(2027, 3, 27)) | date_input("ends"))
    assert form.is_valid() and form.cleaned_data == {"starts": date(2027, 3, 27), "ends": None}


@pytest.mark.parametrize(
    "typed,message",
    [
        (("", "", ""), "Enter when the term starts"),
        ((" ", " ", " "), "Enter when the term starts"),
        (("27", "", "2027"), "The date must include a month"),
        (("", "", "2027"), "The date must include a day and a month"),
        (("31", "2", "2027"), "Enter a real date"),
        (("1", "1", "27"), "Enter a real date"),
        (("first", "1", "2027"), "Enter a real date"),
    ],
)
def test_a_date_that_is_missing_a_part_or_not_real_says_so(typed, message):
    assert errors_for(starts=typed)["starts"] == [message]


def test_what_was_typed_is_shown_again_in_its_boxes_with_the_error_linked_to_the_day():
    form = TermForm(date_input("starts", parts=("31", "2", "2027")) | date_input("ends"))
    assert not form.is_valid()
    html = str(form["starts"].as_field_group())
    assert 'id="id_starts_0" name="starts_day"' in html
    assert all(f'value="{typed}"' in html for typed in ("31", "2", "2027"))
    assert form["starts"].id_for_label == "id_starts_0"
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Term starts</legend>' in html
    assert "govuk-input--error" in html
