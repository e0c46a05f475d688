from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.http import Http404
from django.shortcuts import redirect
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

    def delete_view(self, request, object_id, extra_context=None):
        """A person is never deleted here: their applications, consents, messages and history name
        them, and a plain delete would either be refused or lose records that must stay. Erasing
        them is a data protection request for erasure, which shows what goes and what stays first:
        the administrator is taken to log one."""
        person = self.get_object(request, unquote(object_id))
        if person is None or not self.has_view_permission(request, person):
            raise Http404
        return redirect(f"{reverse('privacy:request_new', args=[person.pk])}?kind=erasure")
