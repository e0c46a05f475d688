from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings

from accounts import uploads
from accounts.form_helpers import DateField
from members.models import Panel

from . import services
from .models import Arrangement, ArrangementStatus, Attendance, MeetingFormat, Paper, Venue
from .services.arrangements import statuses_for
from .services.papers import PAPER_FILES

LONDON = ZoneInfo("Europe/London")
TIME = forms.TimeInput(attrs={"type": "time", "class": "govuk-input--width-5"}, format="%H:%M")


class MeetingForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200, error_messages={"required": "Enter a title"})
    panels = forms.ModelMultipleChoiceField(
        label="Which panels is it for?", queryset=Panel.objects.none(), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose the panels this meeting is for"},
    )  # fmt: skip
    day = DateField(label="Date", error_messages={"required": "Enter the date"})
    start = forms.TimeField(
        label="Starts at", widget=TIME,
        error_messages={"required": "Enter when it starts", "invalid": "Enter a time, like 10:00"},
    )  # fmt: skip
    end = forms.TimeField(
        label="Ends at", widget=TIME,
        error_messages={"required": "Enter when it ends", "invalid": "Enter a time, like 12:00"},
    )  # fmt: skip
    format = forms.ChoiceField(
        label="How will people take part?", choices=MeetingFormat.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose how people will take part"},
    )  # fmt: skip
    venue = forms.ModelChoiceField(
        label="Venue", queryset=Venue.objects.filter(is_active=True), required=False, empty_label="Choose a venue",
        help_text="For meetings in person. Each venue's access facts are sent with the invitation.",
        error_messages={"invalid_choice": "Choose a venue from the list"},
    )  # fmt: skip
    room = forms.CharField(label="Room or floor", max_length=200, required=False)
    online_link = forms.URLField(
        label="Joining link", max_length=500, required=False, assume_scheme="https",
        help_text="For meetings online, for example a Teams or Zoom link.",
        error_messages={"invalid": "Enter a web address, like https://meet.example.org/panel"},
    )  # fmt: skip
    description = forms.CharField(
        label="What the meeting is for", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    reminder_days = forms.CharField(
        label="Remind people coming this many days before", required=False, max_length=40,
        help_text="Numbers of days, with commas between them. For example: 7, 1. Leave empty for no reminders.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
    )  # fmt: skip

    def __init__(self, *args, panels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["panels"].queryset = panels
        self.fields["reminder_days"].initial = ", ".join(str(day) for day in settings.MEETING_REMINDER_DAYS)

    def clean_reminder_days(self) -> list[int]:
        words = [word.strip() for word in self.cleaned_data["reminder_days"].replace(" ", ",").split(",")]
        if not all(word.isdecimal() and word.isascii() for word in words if word):
            raise forms.ValidationError("Enter numbers of days, with commas between them, like 7, 1")
        return [int(word) for word in words if word]

    def clean(self):
        cleaned = super().clean()
        start, end, day = cleaned.get("start"), cleaned.get("end"), cleaned.get("day")
        if start and end and end <= start:
            self.add_error("end", "The meeting must end after it starts")
        if day and start:
            cleaned["starts_at"] = datetime.combine(day, start, tzinfo=LONDON)
        if day and end:
            cleaned["ends_at"] = datetime.combine(day, end, tzinfo=LONDON)
        return cleaned

    def meeting_fields(self) -> dict:
        data = self.cleaned_data
        names = ["title", "format", "venue", "room", "online_link", "description", "starts_at", "ends_at"]
        names.append("reminder_days")
        return {name: data.get(name) if name != "venue" else data.get("venue") for name in names}

    @staticmethod
    def initial_for(meeting) -> dict:
        start, end = meeting.starts_at.astimezone(LONDON), meeting.ends_at.astimezone(LONDON)
        return {
            "title": meeting.title, "panels": list(meeting.panels.all()), "day": start.date(),
            "start": start.time().replace(second=0), "end": end.time().replace(second=0), "format": meeting.format,
            "venue": meeting.venue, "room": meeting.room, "online_link": meeting.online_link,
            "description": meeting.description, "reminder_days": ", ".join(str(day) for day in meeting.reminder_days),
        }  # fmt: skip


class CancelForm(forms.Form):
    reason = forms.CharField(
        label="Why is it cancelled?", max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Everyone invited is told this.", error_messages={"required": "Say why the meeting is cancelled"},
    )  # fmt: skip


class ReinstateForm(forms.Form):
    reason = forms.CharField(
        label="Why is it going ahead?", max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why the meeting is going ahead"},
    )  # fmt: skip


class AgendaItemForm(forms.Form):
    title = forms.CharField(label="Item", max_length=300, error_messages={"required": "Enter the agenda item"})
    details = forms.CharField(
        label="Details", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


EMPTY = {"empty": "The selected file is empty"}


class PaperForm(forms.Form):
    title = forms.CharField(label="Title of the paper", max_length=300, error_messages={"required": "Enter a title"})
    standard = forms.FileField(label="The paper", error_messages={"required": "Choose the file of the paper", **EMPTY})
    large_print = forms.FileField(label="Large print version", required=False, error_messages=EMPTY)
    easy_read = forms.FileField(label="Easy read version", required=False, error_messages=EMPTY)
    audio = forms.FileField(label="Audio version", required=False, error_messages=EMPTY)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ["standard", "large_print", "easy_read"]:
            self.fields[name].help_text = uploads.PAPER.hint()
        self.fields["audio"].help_text = uploads.RECORDING.hint()

    def clean(self):
        # Each file is judged here as well as by the service, so that every error shows at once.
        cleaned = super().clean()
        for version in PAPER_FILES:
            if cleaned.get(version):
                try:
                    services.paper_file_check(version, cleaned[version])
                except forms.ValidationError as exc:
                    self.add_error(version, exc)
        return cleaned


class PaperVersionForm(forms.Form):
    version = forms.ChoiceField(
        label="Which version is it?", choices=list(Paper.VERSIONS.items()), widget=forms.RadioSelect,
        error_messages={"required": "Choose which version this is"},
    )  # fmt: skip
    upload = forms.FileField(label="The file", error_messages={"required": "Choose the file", **EMPTY})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        documents, recordings = uploads.PAPER.allowed(), uploads.RECORDING.allowed()
        self.fields["upload"].help_text = f"Large print and easy read: {documents}. Audio: {recordings}."

    def clean(self):
        cleaned = super().clean()
        version, upload = cleaned.get("version"), cleaned.get("upload")
        if version in PAPER_FILES and upload:
            try:
                services.paper_file_check(version, upload, called="The file")
            except forms.ValidationError as exc:
                self.add_error("upload", exc)
        return cleaned


class ReplyForm(forms.Form):
    reply = forms.ChoiceField(
        label="Are you coming?", widget=forms.RadioSelect,
        choices=[("attending", "Yes, I am coming"), ("not_attending", "No, I cannot come")],
        error_messages={"required": "Say whether you are coming"},
    )  # fmt: skip
    apologies = forms.CharField(
        label="Anything you want to tell us", required=False, max_length=500,
        help_text="If you cannot come, you can send your apologies or a comment for the meeting.",
        widget=forms.Textarea(attrs={"rows": 2}), error_messages={"max_length": "Keep it to 500 characters or fewer"},
    )  # fmt: skip


class LinkReplyForm(forms.Form):
    """Confirming the reply a link carries: only apologies can be added."""

    apologies = ReplyForm.base_fields["apologies"]


class ArrangementForm(forms.ModelForm):
    class Meta:
        model = Arrangement
        fields = ["status", "owner", "status_reason"]
        labels = {"status_reason": "Notes, or why it is not possible"}
        widgets = {"status": forms.RadioSelect}
        help_texts = {"status_reason": "If it is not possible, say why: the person is told."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Once the meeting is cancelled, what is left is to cancel what was booked.
        allowed = statuses_for(self.instance.meeting, self.instance.status)
        choices = [(value, label) for value, label in ArrangementStatus.choices if value in allowed]
        self.fields["status"].choices = choices


MARKS = [(value, label) for value, label in Attendance.choices if value]


class AttendanceForm(forms.Form):
    minutes = forms.CharField(
        label="Minutes", required=False, max_length=50000, widget=forms.Textarea(attrs={"rows": 8})
    )

    def __init__(self, *args, invitations, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitations = invitations
        for invitation in invitations:
            self.fields[f"attendance_{invitation.pk}"] = forms.ChoiceField(
                label=invitation.person.display_name, required=False, initial=invitation.attendance or None,
                widget=forms.RadioSelect(attrs={"class": "govuk-radios--inline"}), choices=MARKS,
            )  # fmt: skip

    def marks(self) -> dict[int, str]:
        return {inv.pk: self.cleaned_data.get(f"attendance_{inv.pk}") or "" for inv in self.invitations}


class ItemInterestForm(forms.Form):
    item = forms.ModelChoiceField(label="Which item?", queryset=None, empty_label="Choose an item",
                                  error_messages={"required": "Choose the item"})  # fmt: skip
    person = forms.ModelChoiceField(label="Who declared it?", queryset=None, empty_label="Choose a person",
                                    error_messages={"required": "Choose who declared it"})  # fmt: skip
    interest = forms.CharField(label="The interest", max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
                               help_text="For example, I am a trustee of a charity that bids for this work.",
                               error_messages={"required": "Say what the interest is"})  # fmt: skip

    def __init__(self, *args, meeting, **kwargs):
        from accounts.models import User

        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = meeting.agenda.all()
        self.fields["item"].label_from_instance = lambda item: f"{item.order}. {item.title}"
        self.fields["person"].queryset = User.objects.filter(invitations__meeting=meeting).order_by("full_name")
        self.fields["person"].label_from_instance = lambda person: person.display_name
