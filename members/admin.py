from django.contrib import admin
from django.contrib.auth.models import Group
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import AccessNeedItem, Panel, StaffRole


@admin.register(Panel)
class PanelAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "mailbox", "order", "is_active", "co_chairs_allowed"]
    prepopulated_fields = {"slug": ["name"]}

    def has_delete_permission(self, request, obj=None):
        # Panels are referred to by rounds, roles and history; an old panel is made inactive.
        return False


@admin.register(StaffRole)
class StaffRoleAdmin(SimpleHistoryAdmin):
    """Granting and removing roles goes through the services, so permission checks, history and
    the admin-site flag are the same as anywhere else."""

    list_display = ["user", "role", "panel", "granted_at"]
    list_filter = ["role", "panel"]
    raw_id_fields = ["user"]
    fields = ["user", "role", "panel"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        obj.pk = services.staff_role_grant(actor=request.user, user=obj.user, role=obj.role, panel=obj.panel).pk

    def delete_model(self, request, obj):
        services.staff_role_revoke(actor=request.user, staff_role=obj)

    def delete_queryset(self, request, queryset):
        for staff_role in queryset:
            services.staff_role_revoke(actor=request.user, staff_role=staff_role)


@admin.register(AccessNeedItem)
class AccessNeedItemAdmin(SimpleHistoryAdmin):
    """The access-needs catalogue is data administrators keep. An item people have chosen is made
    inactive rather than deleted, so their records stay whole."""

    list_display = ["name", "category", "lead_time_days", "provision", "who_acts", "is_active"]
    list_filter = ["category", "provision", "is_active"]

    def has_delete_permission(self, request, obj=None):
        return False


# Roles are staff roles, not Django groups.
admin.site.unregister(Group)
