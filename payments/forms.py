"""Forms for payments. Each says what went wrong in GOV.UK's words; the services check everything
again."""

from django import forms
from django.conf import settings

from accounts import uploads
from accounts.form_helpers import DateField, depends_on_a_choice
from accounts.models import RecordedMethod, User
from members.models import Panel

from .models import EXPENSE_KINDS, Activity, Choice, LineKind, Unit
from .money import parse_pounds
from .selectors import current_members


class PoundsField(forms.CharField):
    """An amount of money typed in pounds ("12.50"), cleaned to whole pence."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 12)
        super().__init__(**kwargs)
        self.widget.attrs.update({"class": "govuk-input govuk-input--width-5", "inputmode": "decimal",
                                  "spellcheck": "false"})  # fmt: skip

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        try:
            pence = parse_pounds(text)
        except ValueError:
            raise forms.ValidationError("Enter an amount in pounds and pence, like 12.50") from None
        if pence <= 0:
            raise forms.ValidationError("Enter an amount more than £0")
        if pence > 100_000_00:
            raise forms.ValidationError("Enter an amount of £100,000 or less")
        return pence


class PaymentChoiceForm(forms.Form):
    choice = forms.ChoiceField(label="How would you like to be paid for your time?", choices=Choice.choices,
                               widget=forms.RadioSelect,
                               error_messages={"required": "Choose how you would like to be paid"})  # fmt: skip
    warning_read = forms.BooleanField(
        label="I have read about payments and benefits",
        error_messages={"required": "Confirm you have read about payments and benefits"},
    )


class ExpenseClaimForm(forms.Form):
    panel = forms.ModelChoiceField(label="Which panel was it for?", queryset=Panel.objects.none(),
                                   widget=forms.RadioSelect, empty_label=None,
                                   error_messages={"required": "Choose the panel"})  # fmt: skip
    about = forms.CharField(label="What did you take part in?", max_length=200,
                            help_text="For example, the Race Panel meeting in Liverpool, or your interview",
                            error_messages={"required": "Say what you took part in"})  # fmt: skip
    happened_on = DateField(label="When was it?", help_text="For example, 27 3 2027")
    in_advance = forms.BooleanField(
        label="I need my travel paid before I go",
        required=False,
        help_text="For a meeting or interview still to come. You can claim travel only, before the journey.",
    )

    def __init__(self, *args, panels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["panel"].queryset = panels
        if len(panels) == 1:
            self.fields["panel"].initial = panels[0].pk


class ClaimLineForm(forms.Form):
    kind = forms.ChoiceField(label="What was the cost?", widget=forms.RadioSelect,
                             choices=[(kind.value, kind.label) for kind in EXPENSE_KINDS],
                             error_messages={"required": "Choose what the cost was"})  # fmt: skip
    description = forms.CharField(label="Details", max_length=300, required=False,
                                  help_text="For example, the train from Southport to Liverpool and back")  # fmt: skip
    amount = PoundsField(label="How much did it cost, in pounds?", required=False,
                         help_text="Not needed for mileage. For example, 12.50")  # fmt: skip
    miles = forms.IntegerField(label="Miles travelled, there and back", required=False, min_value=1, max_value=2000,
                               error_messages={"invalid": "Enter the miles as a whole number, like 24",
                                               "min_value": "Enter at least 1 mile",
                                               "max_value": "Enter 2,000 miles or fewer"})  # fmt: skip
    reason = forms.CharField(label="Why did you need a taxi?", max_length=500, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text="Only for a taxi. For example, there is no step-free bus")  # fmt: skip
    receipt = forms.FileField(label="A photo or PDF of the receipt", required=False,
                              error_messages={"empty": "The selected file is empty"})  # fmt: skip
    receipt_by_post = forms.BooleanField(label="I will post the receipt instead", required=False)

    def __init__(self, *args, in_advance: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        rate = settings.MILEAGE_PENCE_PER_MILE
        self.fields["miles"].help_text = f"Only for mileage, which is paid at {rate}p a mile."
        self.fields["receipt"].help_text = "Needed for everything except mileage. " + uploads.RECEIPT.hint()
        if in_advance:
            self.fields["kind"].choices = [(k.value, k.label) for k in EXPENSE_KINDS if k in {
                LineKind.FARES, LineKind.MILEAGE, LineKind.TAXI}]  # fmt: skip
            self.fields["amount"].help_text = "What you expect it to cost. For example, 12.50"
        depends_on_a_choice(self, "amount", "miles", "reason", "receipt")

    def clean_receipt(self):
        upload = self.cleaned_data.get("receipt")
        return uploads.checked_upload(upload, uploads.RECEIPT) if upload else None

    def clean(self):
        cleaned = super().clean()
        return {
            "kind": cleaned.get("kind"), "description": cleaned.get("description", ""),
            "amount_pence": cleaned.get("amount"), "miles": cleaned.get("miles"), "reason": cleaned.get("reason", ""),
            "receipt": cleaned.get("receipt"), "receipt_by_post": cleaned.get("receipt_by_post", False),
        }  # fmt: skip


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label="Your decision", widget=forms.RadioSelect,
                                 choices=[("approve", "Approve the claim"), ("query", "Ask a question about it"),
                                          ("reject", "Do not approve it")],
                                 error_messages={"required": "Choose whether to approve the claim"})  # fmt: skip
    query = forms.CharField(label="Your question, or why you are not approving it", max_length=1000,
                            required=False, widget=forms.Textarea(attrs={"rows": 3}),
                            help_text="Not needed to approve. They are told it; a question lets them change "
                                      "the claim and send it again.")  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        depends_on_a_choice(self, "query")

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        return {"approve": decision == "approve", "reject": decision == "reject", "query": cleaned.get("query", "")}


class RateForm(forms.Form):
    activity = forms.ChoiceField(label="Activity", choices=Activity.choices, widget=forms.RadioSelect,
                                 error_messages={"required": "Choose the activity"})  # fmt: skip
    unit = forms.ChoiceField(label="Paid by", choices=Unit.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Choose how it is paid"})  # fmt: skip
    amount_pence = PoundsField(label="Amount, in pounds", help_text="For example, 25.00",
                               error_messages={"required": "Enter the amount"})  # fmt: skip
    effective_from = DateField(label="From", help_text="Today or later. For example, 6 4 2027")


class TimeClaimForm(forms.Form):
    person = forms.ModelChoiceField(label="Who is it for?", queryset=User.objects.none(), empty_label="Choose a member",
                                    error_messages={"required": "Choose the member"})  # fmt: skip
    activity = forms.ChoiceField(label="Activity", choices=Activity.choices, widget=forms.RadioSelect,
                                 error_messages={"required": "Choose the activity"})  # fmt: skip
    about = forms.CharField(label="What was it?", max_length=200, help_text="For example, Chairing skills training",
                            error_messages={"required": "Say what it was"})  # fmt: skip
    happened_on = DateField(label="When was it?", help_text="For example, 27 3 2027")
    minutes = forms.IntegerField(label="How long was it, in minutes?", min_value=1, max_value=1440,
                                 help_text="For example, 90 for an hour and a half",
                                 error_messages={"required": "Enter how long it was, in minutes",
                                                 "invalid": "Enter the minutes as a whole number, like 90",
                                                 "min_value": "Enter at least 1 minute",
                                                 "max_value": "Enter 1,440 minutes (a day) or fewer"})  # fmt: skip

    def __init__(self, *args, panel: Panel, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = current_members(panel)
        self.fields["person"].label_from_instance = lambda person: person.display_name

    def clean(self):
        cleaned = super().clean()
        return {"person": cleaned.get("person"), "activity": cleaned.get("activity"), "about": cleaned.get("about"),
                "happened_on": cleaned.get("happened_on"), "minutes": cleaned.get("minutes")}  # fmt: skip


class MarkPaidForm(forms.Form):
    paid_on = DateField(label="When was it paid?", help_text="For example, 27 3 2027")


class RecordClaimForm(forms.Form):
    """A claim written by a coordinator for someone who sent it by post or gave it by phone."""

    person = forms.ModelChoiceField(label="Who is it for?", queryset=User.objects.none(), empty_label="Choose someone",
                                    error_messages={"required": "Choose who the claim is for"})  # fmt: skip
    about = forms.CharField(label="What did they take part in?", max_length=200,
                            help_text="For example, the Race Panel meeting in Liverpool, or their interview",
                            error_messages={"required": "Say what they took part in"})  # fmt: skip
    happened_on = DateField(label="When was it?", help_text="For example, 27 3 2027")
    in_advance = forms.BooleanField(label="They need their travel paid before they go", required=False)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["person"].label_from_instance = lambda person: person.display_name


# The ways a member can tell a coordinator their choice.
TOLD_BY = (RecordedMethod.PHONE, RecordedMethod.PAPER, RecordedMethod.EMAIL, RecordedMethod.BSL_VIDEO,
           RecordedMethod.IN_PERSON)  # fmt: skip


class RecordChoiceForm(forms.Form):
    """A member's choice, told to a coordinator by phone or post."""

    person = forms.ModelChoiceField(label="Whose choice is it?", queryset=User.objects.none(),
                                    empty_label="Choose a member",
                                    error_messages={"required": "Choose the member"})  # fmt: skip
    choice = forms.ChoiceField(label="How would they like to be paid for their time?", choices=Choice.choices,
                               widget=forms.RadioSelect,
                               error_messages={"required": "Choose how they would like to be paid"})  # fmt: skip
    method = forms.ChoiceField(label="How did they tell you?", widget=forms.RadioSelect,
                               choices=[(m.value, m.label) for m in TOLD_BY],
                               error_messages={"required": "Say how they told you"})  # fmt: skip
    warning_read = forms.BooleanField(
        label="They have had the information about payments and benefits, read to them or in a letter",
        error_messages={"required": "Confirm they have had the information about payments and benefits"},
    )

    def __init__(self, *args, panel: Panel, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = current_members(panel)
        self.fields["person"].label_from_instance = lambda person: person.display_name
