from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from .models import User


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin):
    """Read-only: people manage their own details, and roles are given on the staff roles page."""

    list_display = ["id", "email", "full_name", "contact_channel", "is_active", "date_joined"]
    search_fields = ["email", "full_name"]
    list_filter = ["contact_channel", "is_active"]
    exclude = ["password", "groups", "user_permissions"]
    readonly_fields = ["record"]

    @admin.display(description="Their record")
    def record(self, obj):
        """The person's timeline (consents, preferences, messages, changes), to read or export."""
        if obj.pk is None:
            return ""
        return format_html(
            '<a href="{}">Read or download their record</a>', reverse("members:person_record", args=[obj.pk])
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
