from django import forms

from accounts.form_helpers import DateField
from accounts.models import TOLD_US, User

from .models import RequestKind, RequestStatus, RetentionAction


class RequestForm(forms.Form):
    kind = forms.ChoiceField(
        label="What do they ask for?", choices=RequestKind.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose what they ask for"},
    )  # fmt: skip
    received_on = DateField(
        label="When did it reach us?", help_text="For example, 27 3 2027. The month to answer starts on this day.",
        error_messages={"required": "Enter the date it reached us"},
    )  # fmt: skip
    received_how = forms.ChoiceField(
        label="How did it reach us?", choices=TOLD_US, widget=forms.RadioSelect,
        error_messages={"required": "Choose how it reached us"},
    )  # fmt: skip
    identity_check = forms.CharField(
        label="How did we check it is them?", max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For example: they asked from their signed-in account, or they confirmed their postcode and "
        "date of application by phone. Do not write down documents' numbers.",
        error_messages={"required": "Say how we checked it is them"},
    )  # fmt: skip
    details = forms.CharField(
        label="What did they ask?", required=False, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip


class CloseForm(forms.Form):
    status = forms.ChoiceField(
        label="What happened?", widget=forms.RadioSelect,
        choices=[(RequestStatus.DONE, "We answered it"), (RequestStatus.REFUSED, "We refused it")],
        error_messages={"required": "Choose whether we answered or refused it"},
    )  # fmt: skip
    outcome = forms.CharField(
        label="What we did, or why we refused", max_length=4000, widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what we did, or why we refused"},
    )  # fmt: skip


class FindPersonForm(forms.Form):
    email = forms.EmailField(
        label="Their email address", max_length=254,
        help_text="For someone without an email address, open their record from the administration's list of people.",
        error_messages={"required": "Enter their email address",
                        "invalid": "Enter an email address in the correct format, like name@example.com"},
    )  # fmt: skip

    def clean_email(self):
        person = User.objects.filter(email__iexact=self.cleaned_data["email"]).first()
        if person is None:
            raise forms.ValidationError("There is nobody with this email address")
        return person


class RetentionRuleForm(forms.Form):
    months = forms.IntegerField(
        label="How many months", min_value=1, max_value=1200,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
        error_messages={"required": "Enter how many months", "invalid": "Enter the number of months, like 12",
                        "min_value": "Keep records for at least 1 month",
                        "max_value": "Enter at most 1200 months (100 years)"},
    )  # fmt: skip
    action = forms.ChoiceField(
        label="Then", widget=forms.RadioSelect, choices=RetentionAction.choices,
        error_messages={"required": "Choose whether to anonymise or delete"},
    )  # fmt: skip


class LegalHoldForm(FindPersonForm):
    reason = forms.CharField(
        label="Why must their information be kept?", max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For example: a complaint to the Information Commissioner's Office is open.",
        error_messages={"required": "Say why their information must be kept"},
    )  # fmt: skip


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label="I have checked what goes and what must stay, and their identity",
        error_messages={"required": "Confirm you have checked what erasing does"},
    )
