from django.contrib import admin
from django.urls import include, path, reverse_lazy
from django.views.generic import RedirectView

from accounts.access import public

admin.site.site_header = "Equality Panels administration"
admin.site.site_title = "Equality Panels"
# The admin has no sign-in page of its own: it uses the service's, with allauth's rate limits and
# two-factor authentication, instead of a second, weaker door.
admin_login = public(RedirectView.as_view(url=reverse_lazy("account_login"), query_string=True))

urlpatterns = [
    path("admin/login/", admin_login, name="admin_login_redirect"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("recruitment.urls")),
    path("", include("members.urls")),
    path("", include("meetings.urls")),
    path("", include("portal.urls")),
]
