"""Forms for officers, and for triage. Each says what went wrong in GOV.UK's words; the services
check everything again."""

from django import forms
from django.template.defaultfilters import linebreaksbr
from django.utils import timezone
from django.utils.html import format_html

from accounts import uploads
from accounts.form_helpers import DateField, depends_on_a_choice
from accounts.models import RecordedMethod
from members.models import Panel

from .models import EngagementStatus, Format, Outcome, Route, Stage


class OfficerRegisterForm(forms.Form):
    full_name = forms.CharField(label="Your full name", max_length=200,
                                help_text="Coordinators, chairs and panel members see it on your requests.",
                                error_messages={"required": "Enter your full name"})  # fmt: skip
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
        depends_on_a_choice(self, "reason", "panel")


class ScheduleForm(forms.Form):
    route = forms.ChoiceField(
        label="How will the panel give its advice?", widget=forms.RadioSelect, choices=Route.choices,
        error_messages={"required": "Choose how the panel will give its advice"},
    )  # fmt: skip
    meeting = forms.ModelChoiceField(
        label="At which meeting?", required=False, queryset=None, empty_label="Choose a meeting",
        help_text="Only for an item at a meeting. Its documents join the meeting's papers.",
    )  # fmt: skip
    closes_on = DateField(label="Members answer by", required=False,
                          help_text="Only for a written consultation. For example, 27 3 2027")  # fmt: skip

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        depends_on_a_choice(self, "meeting", "closes_on")
        self.fields["meeting"].label_from_instance = lambda meeting: (
            f"{meeting.title}, {timezone.localtime(meeting.starts_at):%-d %B %Y}"
        )


def _question_fields(form: forms.Form, questions: list[str], prefix: str, label: str, **options) -> None:
    for number, question in enumerate(questions, start=1):
        form.fields[f"{prefix}_{number}"] = forms.CharField(
            label=f"{label} {number}: {question}", required=False, max_length=5000,
            widget=forms.Textarea(attrs={"rows": 4}), **options,
        )  # fmt: skip


class AnswersForm(forms.Form):
    """A member's answers, one box per question; any may be left empty."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        _question_fields(self, questions, "answer", "Question")

    def answers(self) -> dict[int, str]:
        return {
            int(name.split("_")[1]): value for name, value in self.cleaned_data.items() if name.startswith("answer_")
        }


class RecordAnswersForm(AnswersForm):
    """Answers that reached the coordinator by letter, phone, email or BSL video."""

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "person": forms.ModelChoiceField(
                label="Whose answers?", queryset=members, empty_label="Choose a member",
                error_messages={"required": "Choose whose answers they are"},
            ),
            "method": forms.ChoiceField(
                label="How did they reach you?", widget=forms.RadioSelect,
                choices=[(RecordedMethod.PAPER, "By letter"), (RecordedMethod.PHONE, "By phone"),
                         (RecordedMethod.EMAIL, "By email"), (RecordedMethod.BSL_VIDEO, "By BSL video")],
                error_messages={"required": "Choose how the answers reached you"},
            ),
            **self.fields,
        }  # fmt: skip
        self.fields["person"].label_from_instance = lambda person: person.display_name


class AdviceForm(forms.Form):
    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        _question_fields(self, questions, "advice", "The panel's advice on question",
                         help_text="In the panel's words, from the meeting or the members' answers.")  # fmt: skip

    def advice(self) -> dict[int, str]:
        return {int(name.split("_")[1]): value for name, value in self.cleaned_data.items()}


class ResponseForm(forms.Form):
    def __init__(self, *args, points, **kwargs):
        super().__init__(*args, **kwargs)
        for point in points:
            # Hints are shown as HTML (forms/govuk_field.html): these words are escaped first.
            said = format_html("Your question: {}<br>The panel's advice: {}", point.question,
                               linebreaksbr(point.advice, autoescape=True))  # fmt: skip
            self.fields[f"outcome_{point.number}"] = forms.ChoiceField(
                label=f"Advice {point.number}: did you accept it?", widget=forms.RadioSelect,
                choices=Outcome.choices, help_text=said,
                error_messages={"required": f"Say whether you accepted advice {point.number}"},
            )  # fmt: skip
            self.fields[f"done_{point.number}"] = forms.CharField(
                label=f"Advice {point.number}: what did you do, and why?", max_length=5000,
                widget=forms.Textarea(attrs={"rows": 4}),
                error_messages={"required": f"Say what you did about advice {point.number}, and why"},
            )  # fmt: skip

    def answers(self) -> dict[int, tuple[str, str]]:
        numbers = {int(name.split("_")[1]) for name in self.cleaned_data}
        return {n: (self.cleaned_data[f"outcome_{n}"], self.cleaned_data[f"done_{n}"]) for n in numbers}


class PublicationForm(forms.Form):
    summary = forms.CharField(
        label="What changed because of the panel's advice", max_length=3000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text="For the public page. Plain English, no names of members. The chair and the officer must agree it.",
        error_messages={"required": "Say what changed because of the panel's advice"},
    )  # fmt: skip
