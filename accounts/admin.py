from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import User


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin):
    """Read-only: people manage their own details, and roles are given on the staff roles page."""

    list_display = ["id", "email", "full_name", "contact_channel", "is_active", "date_joined"]
    search_fields = ["email", "full_name"]
    list_filter = ["contact_channel", "is_active"]
    exclude = ["password", "groups", "user_permissions"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
