from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("panels/<slug:slug>/", views.panel_detail, name="panel"),
    path("panels/<slug:slug>/easy-read/", views.panel_easy_read, name="panel_easy_read"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("account/", views.dashboard, name="dashboard"),
    path("account/still-here/", views.still_here, name="still_here"),
    path("signed-out/", views.signed_out, name="signed_out"),
    path("account/contact-details/", views.contact_details, name="contact_details"),
    path("account/contact-preferences/", views.contact_preferences, name="contact_preferences"),
    path("account/consents/", views.consents, name="consents"),
    path("account/consents/<slug:purpose>/", views.consent_change, name="consent_change"),
    path("staff/", views.staff_home, name="staff_home"),
    path("staff/panels/<slug:slug>/", views.staff_panel, name="staff_panel"),
]
