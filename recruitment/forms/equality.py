"""Which equality questions a panel asks, and loading the City Region's population figures for the
public equality page."""

from django import forms

from accounts import uploads
from accounts.form_helpers import DateField
from recruitment import categories


class ManyFilesInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class ManyFilesField(forms.FileField):
    """One or more files chosen together."""

    widget = ManyFilesInput

    def clean(self, data, initial=None):
        one = super().clean
        if not data:
            one(None, initial)  # says that a file is needed
            return []
        if isinstance(data, (list, tuple)):
            return [one(item, initial) for item in data]
        return [one(data, initial)]


class PopulationFiguresForm(forms.Form):
    source = forms.CharField(
        label="What the figures are",
        max_length=500,
        help_text="For example: ONS Census 2021, TS008 Sex and TS021 Ethnic group, for local authorities.",
        error_messages={"required": "Enter what the figures are, as the ONS names them"},
    )
    source_date = DateField(
        label="When the ONS published them",
        help_text="For example, 2 11 2022",
        error_messages={"required": "Enter the date the ONS published the figures"},
    )
    files = ManyFilesField(
        label="Files from the ONS",
        error_messages={"required": "Choose at least one file downloaded from the ONS", "empty": "The file is empty"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = (
            "CSV files of a Census 2021 custom dataset for lower tier local authorities, one classification "
            f"in each. {uploads.FIGURES.hint()}"
        )


class PanelQuestionsForm(forms.Form):
    monitoring = forms.MultipleChoiceField(
        label="Equality monitoring questions its rounds ask",
        help_text="In the words of the 2021 Census. Each has “Prefer not to say”, and nobody has to answer. "
        "Answers are only ever counted, never used to choose anyone.",
        choices=list(categories.MONITORING_QUESTIONS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    balance = forms.MultipleChoiceField(
        label="What its rounds may balance the panel on",
        help_text="Asked only of applicants who agree to their answers being used to choose the panel. "
        "Whether someone's gender differs from their sex registered at birth is never used: the law protects it.",
        choices=[(key, spec["short"]) for key, spec in categories.BALANCE_QUESTIONS.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
