"""Forms for officers, and for triage. Each says what went wrong in GOV.UK's words; the services
check everything again."""

from django import forms

from accounts import uploads
from accounts.form_helpers import DateField
from members.models import Panel

from .models import EngagementStatus, Format, Stage


class OfficerRegisterForm(forms.Form):
    team = forms.CharField(label="Your team or directorate", max_length=150,
                           error_messages={"required": "Enter your team or directorate"})  # fmt: skip
    job_title = forms.CharField(label="Your job title", max_length=150,
                                error_messages={"required": "Enter your job title"})  # fmt: skip


class OfficerRefuseForm(forms.Form):
    reason = forms.CharField(
        label="Why are you refusing?", max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The officer is told this.", error_messages={"required": "Say why, so the officer knows"},
    )  # fmt: skip


class RequestForm(forms.Form):
    title = forms.CharField(label="The project or policy", max_length=200,
                            error_messages={"required": "Enter the project or policy"})  # fmt: skip
    background = forms.CharField(
        label="What it is and who it affects", max_length=5000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text="In plain English: panel members are not experts in your field.",
        error_messages={"required": "Say what it is and who it affects"},
    )  # fmt: skip
    stage = forms.ChoiceField(label="How far along is it?", choices=Stage.choices, widget=forms.RadioSelect,
                              error_messages={"required": "Choose how far along it is"})  # fmt: skip
    decision = forms.CharField(
        label="The decision it feeds", max_length=300, help_text="For example, the Mayor's decision on the budget.",
        error_messages={"required": "Enter the decision it feeds"},
    )  # fmt: skip
    decision_date = DateField(label="When is the decision due?", required=False,
                              help_text="If you know. For example, 27 3 2027")  # fmt: skip
    panels = forms.ModelMultipleChoiceField(
        label="Which panels are you asking?", queryset=Panel.objects.none(), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one panel"},
    )  # fmt: skip
    why_panels = forms.CharField(
        label="Why these panels?", max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Who it affects, and what you hope the panels' lived experience will tell you.",
        error_messages={"required": "Say why you are asking these panels"},
    )  # fmt: skip
    questions = forms.CharField(
        label="Your questions for the panel", max_length=5000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Put each question on a line of its own. Ask specific questions: the panel answers each one.",
        error_messages={"required": "Enter at least one question"},
    )  # fmt: skip
    format_wanted = forms.ChoiceField(
        label="How would you like the panel to help?", choices=Format.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose how you would like the panel to help"},
    )  # fmt: skip
    deadline = DateField(label="When do you need the panel's advice by?", help_text="For example, 27 3 2027",
                         error_messages={"required": "Enter when you need the panel's advice by"})  # fmt: skip

    def __init__(self, *args, panels_fixed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if panels_fixed:
            del self.fields["panels"]
        else:
            self.fields["panels"].queryset = Panel.objects.filter(is_active=True).order_by("order", "name")


class DocumentForm(forms.Form):
    title = forms.CharField(label="What is the document?", max_length=200,
                            help_text="For example, Draft Equality Impact Assessment, version 2",
                            error_messages={"required": "Enter what the document is"})  # fmt: skip
    file = forms.FileField(label="The document", error_messages={
        "required": "Choose the document", "empty": "The selected file is empty"})  # fmt: skip
    is_assessment = forms.BooleanField(label="It is an Equality Impact Assessment", required=False)
    is_accessible = forms.BooleanField(
        label="It is an accessible version", required=False,
        help_text="Headings marked as headings, text that can be read aloud, descriptions of pictures and charts.",
    )  # fmt: skip
    not_for_sharing = forms.BooleanField(
        label="Not for sharing until the decision", required=False,
        help_text="Panel members are told to keep it to themselves until the decision is made public.",
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = uploads.BRIEFING.hint()

    def clean_file(self):
        return uploads.checked_upload(self.cleaned_data["file"], uploads.BRIEFING)


class TriageForm(forms.Form):
    decision = forms.ChoiceField(
        label="What does the panel decide?", widget=forms.RadioSelect,
        choices=[(EngagementStatus.ACCEPTED, "Accept it"), (EngagementStatus.DECLINED, "Decline it"),
                 (EngagementStatus.MORE_ASKED, "Ask the officer for more"),
                 (EngagementStatus.REDIRECTED, "Send it to another panel")],
        error_messages={"required": "Choose what the panel decides"},
    )  # fmt: skip
    reason = forms.CharField(
        label="What to tell the officer", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Needed if you decline it, ask for more or send it elsewhere. The officer reads it as you write it.",
    )  # fmt: skip
    panel = forms.ModelChoiceField(
        label="Which panel should take it?", required=False, queryset=Panel.objects.none(),
        empty_label="Choose a panel", help_text="Only if you send it to another panel.",
    )  # fmt: skip

    def __init__(self, *args, here: Panel, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["panel"].queryset = Panel.objects.filter(is_active=True).exclude(pk=here.pk)
