from django import forms

from accounts.form_helpers import clean_phone_number
from accounts.models import ContactChannel, ContactFormat
from notifications.models import ConsentDecision


class ContactDetailsForm(forms.Form):
    full_name = forms.CharField(
        label="Full name", max_length=200, error_messages={"required": "Enter your full name"},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )  # fmt: skip
    phone = forms.CharField(
        label="Phone number", max_length=40, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )  # fmt: skip
    best_time_to_call = forms.CharField(
        label="Best time to call you", max_length=100, required=False,
        help_text="If you asked us to phone you. For example, weekday mornings.",
        error_messages={"max_length": "Keep the best time to call to 100 characters or fewer"},
    )  # fmt: skip
    address = forms.CharField(
        label="Address", required=False, max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
        error_messages={"max_length": "Keep the address to 500 characters or fewer"},
    )  # fmt: skip
    postcode = forms.CharField(
        label="Postcode", max_length=12, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "class": "govuk-input--width-10"}),
        error_messages={"max_length": "Enter a real postcode, like L1 8JQ"},
    )  # fmt: skip

    def clean_phone(self):
        return clean_phone_number(self.cleaned_data["phone"])


class ContactPreferencesForm(forms.Form):
    channel = forms.ChoiceField(
        label="How should we contact you?", choices=ContactChannel.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose how we should contact you"},
    )  # fmt: skip
    format = forms.ChoiceField(
        label="In what format?", choices=ContactFormat.choices, widget=forms.RadioSelect,
        help_text="Letters and papers come in this format. Easy read emails use short sentences, one idea each.",
        error_messages={"required": "Choose a format"},
    )  # fmt: skip


class ConsentForm(forms.Form):
    decision = forms.ChoiceField(
        label="Do you agree to this?", widget=forms.RadioSelect,
        choices=[(ConsentDecision.GIVEN, "Yes, I agree"), (ConsentDecision.WITHDRAWN, "No, I do not agree")],
        error_messages={"required": "Choose yes or no"},
    )  # fmt: skip
