"""Forms for running a round and for applying to it."""

from django import forms
from django.core.validators import MinValueValidator
from django.utils import timezone

from accounts.form_helpers import clean_phone_number
from accounts.models import APPLICATION_RECEIVED, ContactChannel, ContactFormat
from recruitment import categories
from recruitment.models import MonitoringResponse, Question, Round
from recruitment.services import word_count


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def format_value(self, value):
        if hasattr(value, "astimezone") and timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%dT%H:%M") if hasattr(value, "strftime") else value


class RoundForm(forms.ModelForm):
    REVIEW_FIELDS = ["reviewers_per_application", "score_max", "disagreement_threshold", "term_years"]
    balance_questions = forms.MultipleChoiceField(
        label="Questions to help build a balanced panel (optional)",
        help_text="Applicants answer these only if they agree to their answers being used to choose the panel.",
        choices=categories.BALANCE_QUESTION_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Round
        fields = [
            "title", "opens_at", "closes_at", "places", "role_description", "role_description_easy_read",
            "reviewers_per_application", "score_max", "disagreement_threshold", "term_years",
        ]  # fmt: skip
        widgets = {"opens_at": DateTimeInput(), "closes_at": DateTimeInput()}
        help_texts = {
            "opens_at": "UK time. For example, 9:00am on the first day.",
            "closes_at": "UK time. Drafts must be sent before this moment.",
        }
        error_messages = {
            "title": {"required": "Enter a title for the round"},
            "opens_at": {"required": "Enter when the round opens", "invalid": "Enter a real date and time"},
            "closes_at": {"required": "Enter when the round closes", "invalid": "Enter a real date and time"},
            "places": {"required": "Enter the number of places", "min_value": "There must be at least 1 place"},
            "role_description": {"required": "Describe the role in plain English"},
            "role_description_easy_read": {"required": "Describe the role in easy read"},
            "reviewers_per_application": {"required": "Enter how many reviewers read each application"},
            "score_max": {"required": "Enter the highest score"},
            "disagreement_threshold": {"required": "Enter the moderation threshold"},
            "term_years": {"required": "Enter the length of a term"},
        }

    def __init__(self, *args, balance: list[str] | None = None, **kwargs):
        """`balance` is what the panel's rounds may balance on (selectors.panel_questions)."""
        super().__init__(*args, **kwargs)
        allowed = categories.DEFAULT_BALANCE if balance is None else balance
        if allowed:
            self.fields["balance_questions"].choices = [
                (key, label) for key, label in categories.BALANCE_QUESTION_CHOICES if key in allowed
            ]
        else:
            del self.fields["balance_questions"]
        self.fields["places"].min_value = 1
        # How review works has sensible defaults; most coordinators never change them.
        for name in self.REVIEW_FIELDS:
            self.fields[name].required = False
        for name, lowest in [("reviewers_per_application", 1), ("score_max", 1), ("term_years", 1)]:
            self.fields[name].min_value = lowest
            self.fields[name].validators.append(MinValueValidator(lowest, message=f"Enter {lowest} or more"))
        if self.instance.pk and "balance_questions" in self.fields:
            self.fields["balance_questions"].initial = self.instance.balance_questions

    def clean(self):
        data = super().clean()
        for name in self.REVIEW_FIELDS:
            if data.get(name) is None and name not in self.errors:
                data[name] = getattr(self.instance, name) if self.instance.pk else Round._meta.get_field(name).default
        return data


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["text", "easy_read", "guidance", "word_limit"]
        widgets = {
            "text": forms.TextInput(),
            "easy_read": forms.Textarea(attrs={"rows": 3}),
            "guidance": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"word_limit": "Leave empty for no limit."}
        error_messages = {"text": {"required": "Enter the question"}}


class CriterionForm(forms.Form):
    name = forms.CharField(label="Criterion", max_length=200, error_messages={"required": "Enter the criterion"})
    marking_guide = forms.CharField(
        label="Marking guide",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What each mark means, so every reviewer scores the same way.",
        error_messages={"required": "Enter the marking guide"},
    )


class AboutYouForm(forms.Form):
    full_name = forms.CharField(
        label="Full name", max_length=200, error_messages={"required": "Enter your full name"},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )  # fmt: skip
    phone = forms.CharField(
        label="Phone number", max_length=40, required=False,
        help_text="We will only call if you ask us to, or to arrange an interview.",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )  # fmt: skip
    address = forms.CharField(
        label="Address", required=False, max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
    )  # fmt: skip
    postcode = forms.CharField(
        label="Postcode", max_length=12, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "class": "govuk-input--width-10"}),
    )  # fmt: skip
    local_authority_area = forms.ChoiceField(
        label="Where do you live?",
        choices=categories.LocalAuthorityArea.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select where you live"},
    )
    contact_channel = forms.ChoiceField(
        label="How should we contact you?",
        choices=ContactChannel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how we should contact you"},
    )
    contact_format = forms.ChoiceField(
        label="In what format?",
        choices=ContactFormat.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a format"},
    )
    interview_adjustments = forms.CharField(
        label="What do you need at an interview?",
        help_text="For example a BSL interpreter, a step-free room, extra time or a video call. "
        "Tell us what you need, not why.",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
    )

    def clean_phone(self):
        return clean_phone_number(self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean()
        channel = cleaned.get("contact_channel")
        if channel == ContactChannel.POST and not (cleaned.get("address") and cleaned.get("postcode")):
            self.add_error("address", "Enter your address and postcode so we can write to you")
        if channel == ContactChannel.PHONE and not cleaned.get("phone"):
            self.add_error("phone", "Enter a phone number so we can call you")
        return cleaned


EASY_READ_ID = "question-easy-read"


class AnswerForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 10}), required=False, max_length=20000)

    def __init__(self, *args, question: Question, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        field = self.fields["text"]
        field.label = question.text
        hint = question.guidance
        if question.word_limit:
            hint = f"{hint} You can use up to {question.word_limit} words.".strip()
            # GOV.UK Frontend's character count (in words) works on this class.
            field.widget.attrs["class"] = "govuk-js-character-count"
        field.help_text = hint
        self._describe()

    def full_clean(self):
        super().full_clean()
        self._describe()

    def _describe(self) -> None:
        """What is read out with the answer box: the question in easy read, the hint, the live word
        count below the box ("-info") and any error."""
        described = [
            name
            for name, shown in [
                (EASY_READ_ID, self.question.easy_read),
                ("id_text_helptext", self.fields["text"].help_text),
                ("id_text-info", self.question.word_limit),
                ("id_text_error", self._errors is not None and "text" in self._errors),
            ]
            if shown
        ]
        if described:
            self.fields["text"].widget.attrs["aria-describedby"] = " ".join(described)

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if self.question.word_limit and word_count(text) > self.question.word_limit:
            raise forms.ValidationError(f"Your answer must be {self.question.word_limit} words or fewer")
        return text


class DeclarationForm(forms.Form):
    declaration = forms.BooleanField(
        label="I confirm that the information I have given is true, to the best of my knowledge",
        error_messages={"required": "Confirm that the information you have given is true"},
    )


class MonitoringForm(forms.ModelForm):
    class Meta:
        model = MonitoringResponse
        fields = [
            "age_band",
            "sex",
            "gender_same_as_sex",
            "sexual_orientation",
            "ethnicity",
            "disability",
            "religion",
            "caring",
        ]
        labels = {key: words for key, words in categories.MONITORING_QUESTIONS.items() if key != "gender_same_as_sex"}
        widgets = dict.fromkeys(fields, forms.RadioSelect)

    def __init__(self, *args, asked: list[str] | None = None, **kwargs):
        """`asked` is the monitoring questions the panel's rounds ask (selectors.panel_questions)."""
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if asked is not None and name not in asked:
                del self.fields[name]
        for field in self.fields.values():
            field.required = False
            # Model choice fields add an empty "---------" option; every question here already has
            # "Prefer not to say", and leaving it unanswered is allowed.
            field.choices = [choice for choice in field.choices if choice[0] != ""]


class BalanceForm(forms.Form):
    consent = forms.ChoiceField(
        label="Can we use your answers when we choose the panel?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes or no"},
    )

    def __init__(self, *args, round_: Round, wording_text: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].help_text = wording_text
        for key in round_.balance_questions:
            spec = categories.BALANCE_QUESTIONS[key]
            self.fields[key] = forms.ChoiceField(
                label=spec["label"], choices=spec["choices"], widget=forms.RadioSelect, required=False
            )

    def answers(self) -> dict[str, str]:
        return {key: value for key, value in self.cleaned_data.items() if key != "consent" and value}


class KeepInTouchForm(forms.Form):
    future_opportunities = forms.BooleanField(
        label="Yes, tell me about future opportunities to take part", required=False
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why are you withdrawing?",
        help_text="This helps us improve. You do not have to tell us.",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DeadlineForm(forms.Form):
    deadline = forms.DateTimeField(
        label="New deadline for this person", widget=DateTimeInput(),
        error_messages={"required": "Enter the new deadline", "invalid": "Enter a real date and time"},
    )  # fmt: skip
    reason = forms.CharField(
        label="Reason", max_length=500, error_messages={"required": "Say why this person needs more time"},
        help_text="For example: needs the questions in BSL, or was in hospital.",
    )  # fmt: skip


class AssistedApplicationForm(forms.Form):
    method = forms.ChoiceField(
        label="How did you receive the application?", choices=APPLICATION_RECEIVED, widget=forms.RadioSelect,
        error_messages={"required": "Select how you received the application"},
    )  # fmt: skip
    full_name = forms.CharField(
        label="Their full name", max_length=200, error_messages={"required": "Enter their name"}
    )
    email = forms.EmailField(
        label="Their email address", required=False, max_length=254,
        help_text="Leave empty if they do not use email: we will write to them or phone them instead.",
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )  # fmt: skip
