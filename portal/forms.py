from django import forms

from accounts.models import User
from members.models import Panel, StaffRoleKind


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
        help_text="Not needed for administrators, who work across all panels.",
    )

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = User.objects.filter(email__iexact=email, emailaddress__verified=True).first()
        if user is None:
            raise forms.ValidationError("There is no account with a confirmed email address like this.")
        return user

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") and cleaned["role"] != StaffRoleKind.ADMINISTRATOR and not cleaned.get("panel"):
            self.add_error("panel", "Choose the panel this role is for.")
        return {"user": cleaned.get("email"), "role": cleaned.get("role"), "panel": cleaned.get("panel")}
