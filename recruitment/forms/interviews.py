"""Forms for the interview stage: interviewers and times, booking a time, and the person's reply.
Interviewers' scorecards use the reviewers' form (a score and comment for each criterion)."""

from django import forms
from django.utils import timezone

from accounts.templatetags.govuk_dates import govuk_date_time
from recruitment.models import InterviewSlot

from .intake import DateTimeInput


def slot_label(slot: InterviewSlot) -> str:
    """Tuesday 12 January 2027 at 10am, 45 minutes, Room 2 or online."""
    return f"{govuk_date_time(timezone.localtime(slot.starts_at))}, {slot.minutes} minutes, {slot.where}"


class InterviewerForm(forms.Form):
    person = forms.ModelChoiceField(
        label="Who will interview?", queryset=None, empty_label="Choose a person",
        help_text="The panel's coordinators and reviewers, and its members (the chair, say).",
        error_messages={"required": "Choose who will interview", "invalid_choice": "Choose who will interview"},
    )  # fmt: skip

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = candidates
        self.fields["person"].label_from_instance = lambda person: person.display_name


class SlotForm(forms.Form):
    starts_at = forms.DateTimeField(
        label="Date and time", widget=DateTimeInput(), help_text="UK time.",
        error_messages={"required": "Enter the date and time", "invalid": "Enter a real date and time"},
    )  # fmt: skip
    minutes = forms.IntegerField(
        label="Length in minutes", min_value=10, max_value=240, initial=45,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={
            "required": "Enter how long the interview lasts", "invalid": "Enter the length as a number of minutes",
            "min_value": "It lasts at least 10 minutes", "max_value": "It lasts at most 240 minutes",
        },
    )  # fmt: skip
    place = forms.CharField(label="Place", required=False, max_length=300, help_text="Leave empty if online only.")
    online_link = forms.URLField(
        label="Online joining link", required=False, max_length=200, assume_scheme="https",
        error_messages={"invalid": "Enter a web address, like https://meet.example.org/abc"},
    )  # fmt: skip
    interviewers = forms.ModelMultipleChoiceField(
        label="Interviewers", queryset=None, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one interviewer"},
    )  # fmt: skip

    def __init__(self, *args, interviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interviewers"].queryset = interviewers
        self.fields["interviewers"].label_from_instance = lambda person: person.display_name


class BookForm(forms.Form):
    """A time for the interview: the person chooses one, or staff choose one for them (and confirm
    what will be arranged)."""

    slot = forms.ModelChoiceField(
        label="Choose a time", queryset=None, widget=forms.RadioSelect, empty_label=None,
        error_messages={"required": "Choose a time", "invalid_choice": "That time is no longer free. Choose another"},
    )  # fmt: skip
    adjustments_confirmed = forms.CharField(
        label="What we will arrange for them", required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Sent to the applicant with the time, and shown to their interviewers.",
    )  # fmt: skip

    def __init__(self, *args, slots, for_staff: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = slots
        self.fields["slot"].label_from_instance = slot_label
        if not for_staff:
            del self.fields["adjustments_confirmed"]


class DeclineForm(forms.Form):
    note = forms.CharField(
        label="Anything you want to tell us", required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip


class RearrangeForm(forms.Form):
    note = forms.CharField(
        label="Which days or times would suit you?", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: weekday mornings, or any time after 2pm on Thursdays.",
        error_messages={"required": "Tell us which days or times would suit you"},
    )  # fmt: skip
