from django import forms

from accounts import uploads
from accounts.form_helpers import DateField
from accounts.models import TOLD_STAFF, ContactChannel, ContactFormat, User
from notifications.models import CallOutcome, ConsentDecision, ConsentPurpose

from .models import (
    ROLES_WITHOUT_A_PANEL,
    AccessNeedItem,
    ImpairmentCategory,
    Membership,
    MembershipRole,
    MembershipStatus,
    Panel,
    StaffRoleKind,
)
from .services import attachment_check


class MembershipAddForm(forms.Form):
    email = forms.EmailField(
        label="Their email address", required=False, max_length=254,
        help_text="If they already have an account, we use it. Leave empty if they do not use email.",
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )  # fmt: skip
    full_name = forms.CharField(
        label="Their full name", max_length=200, error_messages={"required": "Enter their name"}
    )
    role = forms.ChoiceField(label="Role", choices=MembershipRole.choices, initial=MembershipRole.MEMBER)
    term_start = DateField(label="Term starts", error_messages={"required": "Enter when the term starts"})
    term_end = DateField(label="Term ends", error_messages={"required": "Enter when the term ends"})
    reason = forms.CharField(
        label="Why are they joining?", max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For example: co-opted for their experience of housing.",
        error_messages={"required": "Say why this person is joining the panel"},
    )  # fmt: skip


class RenewForm(forms.Form):
    term_end = DateField(label="New end of the term", error_messages={"required": "Enter the new end of the term"})
    reason = forms.CharField(label="Reason", required=False, max_length=500)


class ChangeForm(forms.Form):
    role = forms.ChoiceField(label="Role", choices=MembershipRole.choices)
    status = forms.ChoiceField(
        label="Status", widget=forms.RadioSelect,
        choices=[(MembershipStatus.ACTIVE, "Active"), (MembershipStatus.PAUSED, "Paused (for example, a break)")],
    )  # fmt: skip
    reason = forms.CharField(label="Reason", max_length=500, error_messages={"required": "Say why"})


class EndForm(forms.Form):
    reason = forms.CharField(
        label="Why is the membership ending?", max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why the membership is ending"},
    )  # fmt: skip


class AccessNeedForm(forms.Form):
    item = forms.ModelChoiceField(
        label="What do you need?", queryset=AccessNeedItem.objects.filter(is_active=True), empty_label="Choose one",
        error_messages={"required": "Choose what you need", "invalid_choice": "Choose what you need from the list"},
    )  # fmt: skip
    details = forms.CharField(
        label="Tell us more, in your own words", required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: an interpreter who knows Liverpool signs, or a seat near the door. "
        "Tell us what you need, not why.",
        error_messages={"max_length": "Keep it to 1,000 characters or fewer"},
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        groups = {}
        for item in self.fields["item"].queryset:
            groups.setdefault(item.get_category_display(), []).append((item.pk, item.name))
        self.fields["item"].choices = [("", "Choose one"), *groups.items()]


class StaffAccessNeedForm(AccessNeedForm):
    """A need a person told staff about, by phone, on paper, by email, BSL video or in person."""

    method = forms.ChoiceField(
        label="How did they tell you?", choices=TOLD_STAFF, widget=forms.RadioSelect,
        error_messages={"required": "Say how the person told you"},
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].label = "What do they need?"
        self.fields["details"].label = "In their own words"
        self.fields["details"].help_text = "Write down what they said they need, not why."


class NeedDetailsForm(forms.Form):
    details = forms.CharField(
        label="In your own words", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Tell us what you need, not why.",
        error_messages={"max_length": "Keep it to 1,000 characters or fewer"},
    )  # fmt: skip


class RemoveNeedForm(forms.Form):
    reason = forms.CharField(
        label="Why is this no longer needed?", max_length=500,
        error_messages={"required": "Say why this is no longer needed"},
    )  # fmt: skip


class ProfileForm(forms.Form):
    impairment_category = forms.ChoiceField(
        label="Which describes you best? (optional)", required=False, widget=forms.RadioSelect,
        choices=ImpairmentCategory.choices,
        help_text="Only you see this. We use it only to count, never to decide anything about you.",
    )  # fmt: skip


class InterestsForm(forms.Form):
    has_interests = forms.TypedChoiceField(
        label="Do you have any interests to declare?", widget=forms.RadioSelect,
        coerce=lambda value: value == "yes", choices=[("yes", "Yes"), ("no", "No, I have none")],
        error_messages={"required": "Say whether you have any interests to declare"},
    )  # fmt: skip
    interests = forms.CharField(
        label="Your interests", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text="One on each line: paid work, unpaid roles (such as trustee, governor or councillor), organisations "
        "you belong to that work with the Combined Authority, contracts with it, and gifts or hospitality worth "
        "more than £50. Leave empty if you have none.",
        error_messages={"max_length": "Keep it to 4,000 characters or fewer"},
    )  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("has_interests") and not cleaned.get("interests", "").strip():
            self.add_error("interests", "List your interests, or say you have none")
        return cleaned


class StaffInterestsForm(InterestsForm):
    method = forms.ChoiceField(
        label="How did they tell you?", choices=TOLD_STAFF, widget=forms.RadioSelect,
        error_messages={"required": "Say how the person told you"},
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["has_interests"].label = "Do they have any interests to declare?"
        self.fields["has_interests"].choices = [("yes", "Yes"), ("no", "No, they have none")]
        self.fields["interests"].label = "Their interests"


class StaffPreferencesForm(forms.Form):
    """How a person told staff they want to be contacted."""

    channel = forms.ChoiceField(
        label="How should we contact them?", choices=ContactChannel.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose how we should contact them"},
    )  # fmt: skip
    format = forms.ChoiceField(
        label="In what format?", choices=ContactFormat.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose a format"},
    )  # fmt: skip
    method = forms.ChoiceField(
        label="How did they tell you?", choices=TOLD_STAFF, widget=forms.RadioSelect,
        error_messages={"required": "Say how the person told you"},
    )  # fmt: skip
    on_behalf_by = forms.CharField(
        label="Who decided, if not the person themselves?", required=False, max_length=200,
        help_text="For example: their appointee, or a carer with authority to decide for them.",
    )  # fmt: skip


class StaffConsentForm(forms.Form):
    """A consent a person gave or withdrew by phone, on paper or in person."""

    purpose = forms.ChoiceField(
        label="What is it about?", widget=forms.RadioSelect,
        choices=[(p.value, p.label) for p in ConsentPurpose if p != ConsentPurpose.BALANCE_SELECTION],
        error_messages={"required": "Choose what they decided about"},
    )  # fmt: skip
    decision = forms.ChoiceField(
        label="What did they decide?", widget=forms.RadioSelect,
        choices=[(ConsentDecision.GIVEN, "They agree"), (ConsentDecision.WITHDRAWN, "They do not agree")],
        error_messages={"required": "Choose what they decided"},
    )  # fmt: skip
    method = forms.ChoiceField(
        label="How did they tell you?", choices=TOLD_STAFF, widget=forms.RadioSelect,
        error_messages={"required": "Say how the person told you"},
    )  # fmt: skip
    on_behalf_by = forms.CharField(
        label="Who decided, if not the person themselves?", required=False, max_length=200,
    )  # fmt: skip


class StaffRoleGrantForm(forms.Form):
    email = forms.EmailField(
        label="Email address of the person",
        help_text="They must already have an account with a confirmed email address.",
    )
    role = forms.ChoiceField(label="Role", choices=StaffRoleKind.choices, widget=forms.RadioSelect)
    panel = forms.ModelChoiceField(
        label="Panel",
        queryset=Panel.objects.filter(is_active=True),
        required=False,
        empty_label="Choose a panel",
        help_text="Not needed for administrators or finance, who work across all panels.",
    )

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = User.objects.filter(email__iexact=email, emailaddress__verified=True).first()
        if user is None:
            raise forms.ValidationError("There is no account with a confirmed email address like this.")
        return user

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") and cleaned["role"] not in ROLES_WITHOUT_A_PANEL and not cleaned.get("panel"):
            self.add_error("panel", "Choose the panel this role is for.")
        return {"user": cleaned.get("email"), "role": cleaned.get("role"), "panel": cleaned.get("panel")}


class CallForm(forms.Form):
    outcome = forms.ChoiceField(
        label="How did the call go?", choices=CallOutcome.choices, widget=forms.RadioSelect,
        error_messages={"required": "Say whether you spoke to them"},
    )  # fmt: skip
    notes = forms.CharField(
        label="Notes", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What they said and anything to do next. Leave out their equality answers and health details.",
        error_messages={"max_length": "Notes must be 2,000 characters or fewer"},
    )  # fmt: skip


class PanelMessageForm(forms.Form):
    """What a coordinator writes to their panel. The document is judged by its content here as
    well as by the service, so that every error shows at once."""

    subject = forms.CharField(label="Subject", max_length=150, error_messages={"required": "Enter a subject"})
    body = forms.CharField(
        label="Message", max_length=10000, widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Write in plain English. We add a greeting with each person's name, and how to answer.",
        error_messages={"required": "Enter the message"},
    )  # fmt: skip
    easy_read = forms.CharField(
        label="Easy read version", required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 8}),
        help_text="For members who asked for easy read: short sentences, one idea in each. "
        "If you leave it empty, they get the message above.",
    )  # fmt: skip
    attachment = forms.FileField(
        label="A document to send with it", required=False, error_messages={"empty": "The selected file is empty"}
    )
    to_everyone = forms.TypedChoiceField(
        label="Who is it for?", widget=forms.RadioSelect, coerce=lambda value: value == "yes",
        choices=[("yes", "Every current member of the panel"), ("no", "Only the members I choose")],
        initial="yes", error_messages={"required": "Choose who the message is for"},
    )  # fmt: skip
    chosen = forms.ModelMultipleChoiceField(
        label="Which members?", required=False, queryset=Membership.objects.none(),
        widget=forms.CheckboxSelectMultiple, help_text="Only if you chose to write to some members.",
    )  # fmt: skip

    def __init__(self, *args, memberships=(), has_attachment: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chosen"].queryset = (
            Membership.objects.filter(pk__in=[m.pk for m in memberships])
            .select_related("person")
            .order_by("person__full_name", "id")
        )
        self.fields["chosen"].label_from_instance = lambda membership: membership.person.display_name
        self.fields["attachment"].help_text = uploads.ATTACHMENT.hint()
        if has_attachment:
            self.fields["attachment"].label = "A new document, to send instead"
            self.fields["remove_attachment"] = forms.BooleanField(label="Send it without a document", required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("to_everyone") is False and not cleaned.get("chosen") and "chosen" not in self.errors:
            self.add_error("chosen", "Choose at least one member to write to")
        if cleaned.get("attachment"):
            try:
                attachment_check(cleaned["attachment"])
            except forms.ValidationError as exc:
                self.add_error("attachment", exc)
        return cleaned
