"""Forms for shortlisting, interviews and outcomes."""

from django import forms

from recruitment.models import REASONS_FOR, ApplicationStatus, DecisionReason

from .intake import DateTimeInput


class CutoffForm(forms.Form):
    cutoff = forms.DecimalField(
        label="Shortlist everyone scoring at least", min_value=0, max_digits=6, decimal_places=2,
        error_messages={"required": "Enter the cut-off score", "invalid": "Enter a number, like 12 or 12.5"},
    )  # fmt: skip


class DecisionForm(forms.Form):
    status = forms.ChoiceField(
        label="Decision", widget=forms.RadioSelect, error_messages={"required": "Select a decision"}
    )
    reason = forms.ChoiceField(
        label="Reason", choices=[("", "Choose a reason"), *DecisionReason.choices],
        error_messages={"required": "Choose a reason"},
    )  # fmt: skip
    note = forms.CharField(
        label="Note for the record", required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}), help_text="Only coordinators see this.",
    )  # fmt: skip
    feedback = forms.CharField(
        label="Feedback for the applicant", required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Sent with the outcome if they are not shortlisted or not appointed. Keep it short and kind.",
    )  # fmt: skip

    def __init__(self, *args, moves, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s, ApplicationStatus(s).label) for s in moves]
        # The reasons grouped under the outcome they fit; the service refuses any other pairing.
        self.fields["reason"].choices = [
            ("", "Choose a reason"),
            *[
                (f"If {ApplicationStatus(s).label.lower()}", [(r, DecisionReason(r).label) for r in REASONS_FOR[s]])
                for s in moves
            ],
        ]


class InterviewForm(forms.Form):
    starts_at = forms.DateTimeField(
        label="Date and time", widget=DateTimeInput(), help_text="UK time.",
        error_messages={"required": "Enter the date and time", "invalid": "Enter a real date and time"},
    )  # fmt: skip
    place = forms.CharField(label="Place", required=False, max_length=300, help_text="Leave empty if online only.")
    online_link = forms.URLField(
        label="Online joining link", required=False, max_length=200, assume_scheme="https",
        error_messages={"invalid": "Enter a web address, like https://meet.example.org/abc"},
    )  # fmt: skip
    adjustments_confirmed = forms.CharField(
        label="What we will arrange for them", required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="We send this to the applicant so they know what will be in place.",
    )  # fmt: skip


class InterviewScoreForm(forms.Form):
    score = forms.DecimalField(
        label="Interview score (0 to 100)", min_value=0, max_value=100, max_digits=5, decimal_places=1,
        error_messages={
            "required": "Enter the interview score", "invalid": "Enter a number from 0 to 100",
            "min_value": "The score must be from 0 to 100", "max_value": "The score must be from 0 to 100",
        },
    )  # fmt: skip
    notes = forms.CharField(label="Notes", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))


class ReleaseForm(forms.Form):
    term_start = forms.DateField(
        label="Appointed members' terms start on",
        # A date input shows only an ISO date (2027-01-31); a British one leaves it looking empty.
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": "Enter the date terms start", "invalid": "Enter a real date"},
    )  # fmt: skip

    def __init__(self, *args, appointing: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not appointing:  # nobody joins the panel in this release, so no term starts
            del self.fields["term_start"]
