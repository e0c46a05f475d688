"""allauth's forms with the service's limits and GOV.UK-style wording."""

import time
from datetime import UTC, datetime

from allauth.account import app_settings as account_settings
from allauth.account import forms as account_forms
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes import forms as recovery_code_forms
from allauth.mfa.totp import forms as totp_forms
from allauth.mfa.webauthn import forms as webauthn_forms
from django import forms
from django.conf import settings
from django.contrib.auth.password_validation import MinimumLengthValidator, get_default_password_validators
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.formats import date_format

from .models import User

EMAIL_MAX_LENGTH = User._meta.get_field("email").max_length


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


# allauth's forms, in the service's words. allauth raises each error with a code (the keys of
# its adapters' `error_messages`), as do Django's password validators; the wording is replaced by
# code once allauth has made every check, so its checks stay its own and only the words are ours.

TRIED_TOO_OFTEN = "You have tried too many times. Wait a few minutes, then try again"
ERROR_WORDS = {
    "too_many_login_attempts": TRIED_TOO_OFTEN,
    "rate_limited": TRIED_TOO_OFTEN,
    "duplicate_email": "This email address is already on your account",
    "enter_current_password": "Your current password is not correct. Check it and try again",
    "incorrect_password": "The password is not correct. Check it and try again",
    "add_email_blocked": (
        "You cannot add an email address while two-step verification is on. Contact us to change your email address"
    ),
    "unverified_email": "Confirm your email address before you set up two-step verification",
    "cannot_delete_authenticator": "You cannot turn off two-step verification on this account",
    "cannot_generate_recovery_codes": "Set up an authenticator app or a passkey before you get recovery codes",
    "password_too_short": "Your password must be %(min_length)d characters or more",
    "password_too_similar": "Your password is too like your %(verbose_name)s. Choose a different password",
    "password_too_common": "This password is too easy to guess. Choose a different password",
    "password_entirely_numeric": "Your password must include letters or symbols, not only numbers",
    "password_mismatch": "The passwords do not match",
}
WRONG_SIGN_IN_DETAILS = "The email address or password is not correct. Check both and try again"
WRONG_SIGN_IN_CODE = "The code is not correct. Check the code in the email and try again"
WRONG_AUTHENTICATOR_CODE = "The code is not correct. Enter the code your authenticator app shows now"
PASSKEY_NOT_CHECKED = "We could not check your passkey. Try again, or use another way"


def sign_in_code_works_until(request) -> datetime:
    """When the codes sent for this sign-in stop working. allauth counts from the first code it
    sent, so a new code sent later does not last any longer; without a sign-in under way (the
    first code is being sent), from now."""
    from allauth.account.internal.stagekit import get_pending_stage

    stage = get_pending_stage(request) if request is not None else None
    started = stage.state.get("at") if stage is not None and stage.key == "login_by_code" else None
    return datetime.fromtimestamp((started or time.time()) + account_settings.LOGIN_BY_CODE_TIMEOUT, tz=UTC)


def sign_in_code_lasts() -> str:
    """How long a sign-in code lasts, in words, from the timeout allauth enforces (not from our own
    setting), so the page and the email can never promise longer than the code works."""
    minutes = max(1, account_settings.LOGIN_BY_CODE_TIMEOUT // 60)
    return "1 minute" if minutes == 1 else f"{minutes} minutes"


def new_password_hint() -> str:
    lengths = [v.min_length for v in get_default_password_validators() if isinstance(v, MinimumLengthValidator)]
    length = f"Use {max(lengths)} characters or more. " if lengths else ""
    return f"{length}Three or more random words together make a password that is strong and easy to remember."


class InOurWords(forms.Form):
    """Puts allauth's and Django's errors in the service's words (ERROR_WORDS, then the form's own
    `error_words`), and takes away the placeholders allauth adds: GOV.UK forms use labels and
    hints, since a placeholder disappears as soon as someone types."""

    error_words: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)

    def word(self, name: str, label: str, *, required: str = "", hint: str = "", **messages: str) -> forms.Field:
        field = self.fields[name]
        field.label = label
        field.help_text = hint
        if required:
            messages["required"] = required
        field.error_messages.update(messages)
        return field

    def word_email(self, name: str, *, required: str, hint: str = "") -> None:
        field = self.word(
            name, "Email address", required=required, hint=hint,
            invalid="Enter an email address in the correct format, like name@example.com",
            max_length=f"Email address must be {EMAIL_MAX_LENGTH} characters or fewer",
        )  # fmt: skip
        field.max_length = EMAIL_MAX_LENGTH
        field.validators.append(MaxLengthValidator(EMAIL_MAX_LENGTH))

    def full_clean(self):
        super().full_clean()
        words = {**ERROR_WORDS, **self.error_words}
        for errors in self._errors.values():
            errors.data = [
                forms.ValidationError(words[error.code], code=error.code, params=error.params)
                if error.code in words
                else error
                for error in errors.as_data()
            ]


class NewPasswordMixin(InOurWords):
    """A new password typed twice. The two are compared here, so that the mismatch has our code
    and words (allauth adds its own error without a code, and only when this check has passed)."""

    def clean_password2(self):
        password1, password2 = self.cleaned_data.get("password1"), self.cleaned_data.get("password2")
        if password1 and password2 and password1 != password2:
            raise forms.ValidationError(ERROR_WORDS["password_mismatch"], code="password_mismatch")
        return password2


class SignupForm(HoneypotMixin, NewPasswordMixin, account_forms.SignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.word_email(
            "email", required="Enter your email address",
            hint="We will send you a link to confirm it. We will not share it with anyone.",
        )  # fmt: skip
        self.word("password1", "Create a password", required="Enter a password", hint=new_password_hint())
        self.word("password2", "Type the password again", required="Type your password again")


def _password_pause_minutes() -> int:
    """How long wrong passwords for one address stop its password sign in (allauth's "login_failed"
    limit per address, "5/5m/key": five in five minutes)."""
    for rate in settings.ACCOUNT_RATE_LIMITS["login_failed"].split(","):
        if rate.endswith("/key"):
            period = rate.split("/")[1]
            amount, unit = int(period[:-1] or 1), period[-1]
            return max(1, amount * {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit] // 60)
    return 5


class LoginForm(InOurWords, account_forms.LoginForm):
    """Too many wrong passwords for an address pause its password sign in, but never lock the
    person out: anyone can keep a named person's password from working by guessing, so the page
    sends them to sign in with a code from their email, which still works."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.word_email("login", required="Enter your email address")
        self.word("password", "Password", required="Enter your password")
        if "remember" in self.fields:
            days = settings.SESSION_COOKIE_AGE // (24 * 60 * 60)
            self.word(
                "remember", f"Keep me signed in on this device for {days} days",
                hint="Only choose this on a device that nobody else uses.",
            )  # fmt: skip

    def clean(self):
        # allauth says a wrong email address or password only at the top of the form; GOV.UK forms
        # also say it at the field, which the error summary links to.
        try:
            return super().clean()
        except forms.ValidationError as error:
            if error.code == "email_password_mismatch":
                self.add_error("login", forms.ValidationError(WRONG_SIGN_IN_DETAILS, code=error.code))
                return self.cleaned_data
            if error.code == "too_many_login_attempts":
                minutes = _password_pause_minutes()
                self.add_error(
                    "password",
                    forms.ValidationError(
                        "There have been too many wrong passwords for this email address. Sign in with a "
                        f"code sent to your email instead, or try your password again in {minutes} minutes",
                        code="password_paused",
                    ),
                )
                return self.cleaned_data
            raise


class RequestLoginCodeForm(InOurWords, account_forms.RequestLoginCodeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.word_email("email", required="Enter your email address")


class ConfirmLoginCodeForm(InOurWords, account_forms.ConfirmLoginCodeForm):
    error_words = {"incorrect_code": WRONG_SIGN_IN_CODE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        code = self.word("code", "Sign-in code", required="Enter the code from your email")
        code.widget.attrs.update({"spellcheck": "false", "autocapitalize": "characters"})


class ResetPasswordForm(InOurWords, account_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.word_email("email", required="Enter your email address", hint="The address you use to sign in")


class ResetPasswordKeyForm(NewPasswordMixin, account_forms.ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.word("password1", "New password", required="Enter a new password", hint=new_password_hint())
        self.word("password2", "Type the new password again", required="Type the new password again")


class ChangePasswordForm(NewPasswordMixin, account_forms.ChangePasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.word("oldpassword", "Current password", required="Enter your current password")
        self.word("password1", "New password", required="Enter a new password", hint=new_password_hint())
        self.word("password2", "Type the new password again", required="Type the new password again")


class SetPasswordForm(NewPasswordMixin, account_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.word("password1", "Create a password", required="Enter a password", hint=new_password_hint())
        self.word("password2", "Type the password again", required="Type the password again")


class AddEmailForm(InOurWords, account_forms.AddEmailForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.word_email(
            "email", required="Enter the email address you want to add",
            hint="We will send a link to this address. It is added once you open the link.",
        )  # fmt: skip


class ReauthenticateForm(InOurWords, account_forms.ReauthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.word("password", "Password", required="Enter your password")


# Two-step verification (allauth.mfa).


class AuthenticatorCodeMixin(InOurWords):
    """A code from an authenticator app, at the second step of signing in (AuthenticateForm) and to
    confirm it's you before a change (MFAReauthenticateForm). Recovery codes go in the same box,
    which is all the box is for when someone has a passkey and no app."""

    error_words = {"incorrect_code": WRONG_AUTHENTICATOR_CODE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        types = set(Authenticator.objects.filter(user=self.user).values_list("type", flat=True))
        self.has_app = Authenticator.Type.TOTP in types
        self.has_passkey = Authenticator.Type.WEBAUTHN in types
        if self.has_app:
            code = self.word(
                "code", "Code from your authenticator app",
                required="Enter the 6-digit code from your authenticator app",
                hint="Or enter one of your recovery codes.",
            )  # fmt: skip
        else:
            code = self.word("code", "Recovery code", required="Enter one of your recovery codes")
            self.error_words = {"incorrect_code": "The recovery code is not correct, or it has been used already"}
        code.widget.attrs.update({"inputmode": "numeric", "spellcheck": "false"})


class AuthenticateForm(AuthenticatorCodeMixin, mfa_forms.AuthenticateForm):
    pass


class MFAReauthenticateForm(AuthenticatorCodeMixin, mfa_forms.ReauthenticateForm):
    pass


class ActivateTOTPForm(InOurWords, totp_forms.ActivateTOTPForm):
    error_words = {"incorrect_code": WRONG_AUTHENTICATOR_CODE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        code = self.word(
            "code", "Code from the app", required="Enter the 6-digit code from your authenticator app",
            hint="The app shows a new 6-digit code every 30 seconds.",
        )  # fmt: skip
        code.widget.attrs.update({"inputmode": "numeric", "spellcheck": "false"})


class DeactivateTOTPForm(InOurWords, totp_forms.DeactivateTOTPForm):
    pass


class GenerateRecoveryCodesForm(InOurWords, recovery_code_forms.GenerateRecoveryCodesForm):
    pass


class AddWebAuthnForm(InOurWords, webauthn_forms.AddWebAuthnForm):
    error_words = {"incorrect_code": PASSKEY_NOT_CHECKED}

    def __init__(self, *args, **kwargs):
        # allauth names a passkey left unnamed "Master key" (then "Backup key"); ours says when it
        # was added, which tells two apart as well.
        kwargs.setdefault("initial", {}).setdefault("name", self.default_name())
        super().__init__(*args, **kwargs)
        self.word("name", "Name for this passkey", hint="So you can tell your passkeys apart, like ‘My phone’")
        self.fields["name"].required = False
        self.word("credential", "Passkey", required=PASSKEY_NOT_CHECKED, invalid=PASSKEY_NOT_CHECKED)
        if "passwordless" in self.fields:
            self.word(
                "passwordless", "I want to sign in with this passkey, without a password",
                hint="Your device will check it's you each time, with your fingerprint, face or PIN.",
            )  # fmt: skip

    @staticmethod
    def default_name() -> str:
        return f"Passkey added on {date_format(timezone.localdate(), 'j F Y')}"

    def clean_name(self) -> str:
        return self.cleaned_data["name"].strip() or self.default_name()


class EditWebAuthnForm(InOurWords, webauthn_forms.EditWebAuthnForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.word("name", "Name for this passkey", required="Enter a name for the passkey")


class PasskeyMixin(InOurWords):
    """Signing in, or confirming it's you, with a passkey: the browser posts what the device
    answered. With JavaScript off, or when the device gives no answer, it posts nothing."""

    error_words = {"incorrect_code": PASSKEY_NOT_CHECKED}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.word("credential", "Passkey", required=PASSKEY_NOT_CHECKED, invalid=PASSKEY_NOT_CHECKED)


class AuthenticateWebAuthnForm(PasskeyMixin, webauthn_forms.AuthenticateWebAuthnForm):
    pass


class ReauthenticateWebAuthnForm(PasskeyMixin, webauthn_forms.ReauthenticateWebAuthnForm):
    pass


class LoginWebAuthnForm(PasskeyMixin, webauthn_forms.LoginWebAuthnForm):
    pass
