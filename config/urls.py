from django.contrib import admin
from django.urls import include, path

from portal.views import admin_sign_in

admin.site.site_header = "Equality Panels administration"
admin.site.site_title = "Equality Panels"

urlpatterns = [
    # Before the admin's own URLs, so that its sign-in page is never reached (portal.views).
    path("admin/login/", admin_sign_in, name="admin_login_redirect"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("recruitment.urls")),
    path("", include("members.urls")),
    path("", include("meetings.urls")),
    path("", include("engagement.urls")),
    path("", include("payments.urls")),
    path("", include("notifications.urls")),
    path("", include("privacy.urls")),
    path("", include("portal.urls")),
]
