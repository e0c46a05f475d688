"""Forms for reviewers, and for the coordinator checking what they read."""

from django import forms

from recruitment.models import Round


class ReviewForm(forms.Form):
    """A score and a comment for each of the round's criteria. Scores may be left empty while
    saving for later; the service insists on all of them when sending."""

    def __init__(self, *args, round_: Round, criteria, existing: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        scale = [(str(n), str(n)) for n in range(round_.score_max + 1)]
        for criterion in self.criteria:
            score, comment = existing.get(criterion.pk, (None, ""))
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=f"Score for {criterion.name}", choices=scale, coerce=int, required=False,
                empty_value=None, widget=forms.RadioSelect(attrs={"class": "govuk-radios--inline"}),
                initial=None if score is None else str(score),
            )  # fmt: skip
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=f"Comment on {criterion.name}", required=False, max_length=2000, initial=comment,
                widget=forms.Textarea(attrs={"rows": 3}),
            )  # fmt: skip

    def sections(self):
        return [(c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def scores(self) -> dict[int, tuple[int | None, str]]:
        data = self.cleaned_data
        return {c.pk: (data.get(f"score_{c.pk}"), data.get(f"comment_{c.pk}", "")) for c in self.criteria}


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label="Why do you have a conflict of interest?", max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: you know the applicant, work with them or are related to them.",
        error_messages={"required": "Say briefly why you have a conflict of interest"},
    )  # fmt: skip


class ModerationForm(forms.Form):
    score = forms.DecimalField(
        label="Moderated score", min_value=0, max_digits=6, decimal_places=2,
        error_messages={"required": "Enter the moderated score", "invalid": "Enter a number, like 7 or 7.5"},
    )  # fmt: skip
    reason = forms.CharField(
        label="Why this score?", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why you chose this score"},
    )  # fmt: skip


class RedactionForm(forms.Form):
    redacted_text = forms.CharField(
        label="The answer as reviewers will read it", widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Replace the person's name, email address or phone number with words like [name removed]. "
        "If nothing needs removing, save it unchanged.",
        error_messages={"required": "Enter the answer as reviewers should read it"},
    )  # fmt: skip
