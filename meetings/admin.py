from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Venue


@admin.register(Venue)
class VenueAdmin(SimpleHistoryAdmin):
    """Administrators keep the venues and their access facts; coordinators choose from them. A venue
    no longer used is made inactive, since past meetings refer to it."""

    list_display = ["name", "postcode", "step_free_route", "accessible_toilet", "hearing_loop", "is_active"]
    list_filter = ["is_active", "step_free_route", "hearing_loop"]

    def has_delete_permission(self, request, obj=None):
        return False
