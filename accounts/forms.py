"""allauth's forms with the service's limits and GOV.UK-style wording."""

from allauth.account.forms import LoginForm as BaseLoginForm
from allauth.account.forms import SignupForm as BaseSignupForm
from django import forms
from django.core.validators import MaxLengthValidator

from .models import User

EMAIL_MAX_LENGTH = User._meta.get_field("email").max_length


PHONE_CHARACTERS = set("0123456789 +()-")


def clean_phone_number(value: str) -> str:
    """A UK or international phone number as people write it, spaces and brackets allowed."""
    phone = value.strip()
    digits = [c for c in phone if c.isdigit()]
    if phone and (set(phone) - PHONE_CHARACTERS or not 10 <= len(digits) <= 15):
        raise forms.ValidationError("Enter a phone number, like 0151 123 4567 or 07700 900 982")
    return phone


def posted(request):
    """The submitted data on a POST, even when empty (an unticked box sends nothing), else None.
    `request.POST or None` would treat an empty POST as no submission and show no errors."""
    return request.POST if request.method == "POST" else None


def add_errors(form, exc) -> None:
    """Put a service's ValidationError on the form: on the field it names when the form has it,
    otherwise at the top of the error summary."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class HoneypotInput(forms.TextInput):
    """A field people never see or reach (hidden, out of the tab order), which form-filling bots
    fill in. Hidden with the `hidden` attribute rather than moved off screen, so screen readers and
    keyboards skip it too."""

    template_name = "forms/widgets/honeypot.html"

    @property
    def is_hidden(self) -> bool:
        return True


class HoneypotMixin(forms.Form):
    website = forms.CharField(required=False, widget=HoneypotInput, label="Leave this field empty")

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("Sorry, something went wrong. Please try again.")
        return ""


class SignupForm(HoneypotMixin, BaseSignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        email = self.fields["email"]
        email.label = "Email address"
        email.help_text = "We will send you a link to confirm it. We will not share it with anyone."
        email.max_length = EMAIL_MAX_LENGTH
        email.validators.append(MaxLengthValidator(EMAIL_MAX_LENGTH))
        email.error_messages.update(
            {
                "required": "Enter your email address",
                "invalid": "Enter an email address in the correct format, like name@example.com",
                "max_length": f"Email address must be {EMAIL_MAX_LENGTH} characters or fewer",
            }
        )
        email.widget.attrs.pop("placeholder", None)
        self.fields["password1"].label = "Create a password"
        self.fields["password1"].widget.attrs.pop("placeholder", None)
        self.fields["password1"].error_messages["required"] = "Enter a password"
        self.fields["password2"].label = "Type the password again"
        self.fields["password2"].widget.attrs.pop("placeholder", None)
        self.fields["password2"].error_messages["required"] = "Type your password again"


class LoginForm(BaseLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = "Email address"
        self.fields["login"].widget.attrs.pop("placeholder", None)
        self.fields["login"].error_messages["required"] = "Enter your email address"
        self.fields["password"].widget.attrs.pop("placeholder", None)
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.fields["password"].help_text = ""
