"""The ledger and the outbox are read-only in the admin: they are records of what happened."""

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .kinds import _registry
from .models import BslVideo, ConsentRecord, ConsentWording, Message


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ConsentRecord)
class ConsentRecordAdmin(ReadOnlyAdmin):
    list_display = ["id", "person", "purpose", "decision", "method", "recorded_at"]
    list_filter = ["purpose", "decision", "method"]


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin):
    list_display = ["id", "kind", "recipient", "channel", "status", "attempts", "due_at", "sent_at"]
    list_filter = ["status", "channel", "kind"]
    exclude = ["context"]


@admin.register(ConsentWording)
class ConsentWordingAdmin(admin.ModelAdmin):
    """A wording is never edited once published: a new version is added instead, so every ledger
    row still points at the words that person saw."""

    list_display = ["purpose", "version", "published_at"]
    fields = ["purpose", "text"]

    def save_model(self, request, obj, form, change):
        published = services.consent_wording_publish(actor=request.user, purpose=obj.purpose, text=obj.text)
        obj.pk, obj.version = published.pk, published.version

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class BslVideoForm(forms.ModelForm):
    kind = forms.ChoiceField(label="Message", choices=())
    url = forms.URLField(label="Link to the video", max_length=500, assume_scheme="https")

    class Meta:
        model = BslVideo
        fields = ["kind", "url"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        signed = [(key, kind.label or key) for key, kind in _registry.items() if kind.one_video_for_all]
        self.fields["kind"].choices = sorted(signed, key=lambda choice: choice[1])


@admin.register(BslVideo)
class BslVideoAdmin(SimpleHistoryAdmin):
    """Links to BSL videos of what each kind of message says, sent to people who asked for BSL."""

    form = BslVideoForm
    list_display = ["kind", "url", "updated_at"]
