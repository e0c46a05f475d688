"""Forms for shortlisting, decisions and outcomes."""

from django import forms

from accounts.form_helpers import DateField
from recruitment.models import REASONS_FOR, ApplicationStatus, DecisionReason


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


class ReleaseForm(forms.Form):
    term_start = DateField(
        label="Appointed members' terms start on", error_messages={"required": "Enter the date terms start"}
    )

    def __init__(self, *args, appointing: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not appointing:  # nobody joins the panel in this release, so no term starts
            del self.fields["term_start"]
