from django import forms

from .models import Channel


class FixForm(forms.Form):
    channel = forms.ChoiceField(
        label="How should it go now?", widget=forms.RadioSelect, choices=Channel.choices,
        error_messages={"required": "Choose how to send it"},
    )  # fmt: skip
    to_address = forms.EmailField(
        label="Email address", required=False, max_length=254,
        help_text="If you chose email: the corrected address, just for this message.",
        error_messages={"invalid": "Enter an email address in the right format, like name@example.com"},
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )  # fmt: skip

    def __init__(self, *args, channels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [(value, label) for value, label in Channel.choices if value in channels]
