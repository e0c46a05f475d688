"""Forms for proposing a balanced panel and deciding about it."""

from django import forms


class SelectionForm(forms.Form):
    """How to propose a panel, and a minimum and maximum for each value of each category the
    coordinator may balance on. Empty boxes mean no target."""

    method = forms.ChoiceField(
        label="How should the panel be proposed?", widget=forms.RadioSelect,
        error_messages={"required": "Choose how to propose the panel"},
    )  # fmt: skip
    seats = forms.IntegerField(
        label="Number of seats", min_value=1, max_value=100,
        error_messages={"required": "Enter the number of seats", "invalid": "Enter a whole number, like 10",
                        "min_value": "The panel needs at least 1 seat"},
    )  # fmt: skip
    merit_bar = forms.DecimalField(
        label="Merit bar for the lottery", required=False, min_value=0, max_value=100, max_digits=5,
        decimal_places=1, help_text="Only candidates with at least this interview score go into the lottery.",
        error_messages={"invalid": "Enter a number from 0 to 100"},
    )  # fmt: skip

    def __init__(self, *args, categories: dict, methods: list, counts: dict | None = None, **kwargs):
        """`counts`: how many candidates in the pool count towards each (category, value)."""
        super().__init__(*args, **kwargs)
        counts = counts or {}
        self.fields["method"].choices = methods
        self.categories = []
        for key, spec in categories.items():
            rows = []
            for value, label in spec["choices"]:
                for bound in ("min", "max"):
                    self.fields[f"{bound}__{key}__{value}"] = forms.IntegerField(
                        label=f"{'Minimum' if bound == 'min' else 'Maximum'} for {label}", required=False,
                        min_value=0, max_value=100, widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
                        error_messages={"invalid": "Enter a whole number", "min_value": "Enter 0 or more"},
                    )  # fmt: skip
                rows.append(
                    (label, counts.get((key, value), 0), self[f"min__{key}__{value}"], self[f"max__{key}__{value}"])
                )
            self.categories.append((spec["label"], rows))

    def clean(self):
        data = super().clean()
        if data.get("method") == "lottery" and data.get("merit_bar") is None and "merit_bar" not in self.errors:
            self.add_error("merit_bar", "Enter the interview score candidates must reach")
        return data

    def targets(self) -> list[dict]:
        seats = self.cleaned_data["seats"]
        found = []
        for name, minimum in self.cleaned_data.items():
            if not name.startswith("min__"):
                continue
            _, key, value = name.split("__", 2)
            maximum = self.cleaned_data.get(f"max__{key}__{value}")
            if minimum is None and maximum is None:
                continue
            found.append(
                {
                    "category": key,
                    "value": value,
                    "minimum": minimum or 0,
                    "maximum": seats if maximum is None else maximum,
                }
            )
        return found


class SelectionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision", widget=forms.RadioSelect,
        choices=[("accepted", "Accept this panel"), ("rejected", "Reject this proposal")],
        error_messages={"required": "Choose whether to accept or reject the proposal"},
    )  # fmt: skip
    reason = forms.CharField(
        label="Reason", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed to reject it, or to accept it in place of one already accepted. Kept with the proposal.",
    )  # fmt: skip


CHOOSE_LEAVER = "Choose the member who is leaving"


class ReplacementForm(forms.Form):
    leaving = forms.ModelChoiceField(
        label="Who is leaving the panel?", queryset=None, empty_label="Choose a member",
        error_messages={"required": CHOOSE_LEAVER, "invalid_choice": CHOOSE_LEAVER},
    )  # fmt: skip

    def __init__(self, *args, appointed, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leaving"].queryset = appointed
        self.fields["leaving"].label_from_instance = lambda a: f"{a.applicant.display_name} ({a.reference})"
