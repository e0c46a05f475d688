from django import forms

from .models import AccessNeedItem, ImpairmentCategory, MembershipRole, MembershipStatus

DATE = forms.DateInput(attrs={"type": "date"})


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
    term_start = forms.DateField(
        label="Term starts", widget=DATE,
        error_messages={"required": "Enter when the term starts", "invalid": "Enter a real date"},
    )  # fmt: skip
    term_end = forms.DateField(
        label="Term ends", widget=DATE,
        error_messages={"required": "Enter when the term ends", "invalid": "Enter a real date"},
    )  # fmt: skip
    reason = forms.CharField(
        label="Why are they joining?", max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For example: co-opted for their experience of housing.",
        error_messages={"required": "Say why this person is joining the panel"},
    )  # fmt: skip


class RenewForm(forms.Form):
    term_end = forms.DateField(
        label="New end of the term", widget=DATE,
        error_messages={"required": "Enter the new end of the term", "invalid": "Enter a real date"},
    )  # fmt: skip
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


class RemoveNeedForm(forms.Form):
    reason = forms.CharField(
        label="Why do you no longer need this?", max_length=500,
        error_messages={"required": "Say why this is no longer needed"},
    )  # fmt: skip


class ProfileForm(forms.Form):
    impairment_category = forms.ChoiceField(
        label="Which describes you best? (optional)", required=False, widget=forms.RadioSelect,
        choices=ImpairmentCategory.choices,
        help_text="Only you see this. We use it only to count, never to decide anything about you.",
    )  # fmt: skip
