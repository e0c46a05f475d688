from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("staff/panels/<slug:slug>/members/", views.panel_roster, name="roster"),
    path("staff/panels/<slug:slug>/members/add/", views.membership_add, name="membership_add"),
    path("staff/panels/<slug:slug>/members/access-needs.csv", views.provider_export, name="provider_export"),
    path("staff/memberships/<int:pk>/", views.membership_detail, name="membership"),
    path("staff/memberships/<int:pk>/renew/", views.membership_renew, name="membership_renew"),
    path("staff/memberships/<int:pk>/change/", views.membership_change, name="membership_change"),
    path("staff/memberships/<int:pk>/end/", views.membership_end, name="membership_end"),
    path("staff/memberships/<int:pk>/access-needs/", views.staff_access_needs, name="staff_access_needs"),
    path("staff/memberships/<int:pk>/access-needs/add/", views.staff_access_need_add, name="staff_access_need_add"),
    path(
        "staff/memberships/<int:pk>/access-needs/still-right/",
        views.staff_access_needs_confirm,
        name="staff_access_needs_confirm",
    ),  # fmt: skip
    path(
        "staff/memberships/<int:pk>/access-needs/<int:need_pk>/remove/",
        views.staff_access_need_remove,
        name="staff_access_need_remove",
    ),
    path("staff/memberships/<int:pk>/interests/", views.staff_interests, name="staff_interests"),
    path("staff/memberships/<int:pk>/contact/", views.staff_contact, name="staff_contact"),
    path(
        "staff/memberships/<int:pk>/contact/preferences/",
        views.staff_contact_preferences,
        name="staff_contact_preferences",
    ),  # fmt: skip
    path("staff/memberships/<int:pk>/contact/consent/", views.staff_consent_record, name="staff_consent_record"),
    path("staff/panels/<slug:slug>/messages/", views.panel_messages, name="panel_messages"),
    path("staff/panels/<slug:slug>/messages/write/", views.panel_message_write, name="panel_message_write"),
    path("staff/panel-messages/<int:pk>/", views.panel_message, name="panel_message"),
    path("staff/panel-messages/<int:pk>/change/", views.panel_message_change, name="panel_message_change"),
    path("staff/panel-messages/<int:pk>/send/", views.panel_message_send, name="panel_message_send"),
    path("staff/calls/", views.calls, name="calls"),
    path("staff/calls/<int:pk>/", views.call_make, name="call_make"),
    path("staff/roles/", views.staff_roles, name="staff_roles"),
    path("staff/roles/<int:pk>/remove/", views.staff_role_remove, name="staff_role_remove"),
    path("staff/people/<int:pk>/record/", views.person_record, name="person_record"),
    path("staff/people/<int:pk>/record.csv", views.person_record_download, {"fmt": "csv"}, name="person_record_csv"),
    path("staff/people/<int:pk>/record.json", views.person_record_download, {"fmt": "json"}, name="person_record_json"),
    path("your-panels/", views.my_panels, name="my_panels"),
    path("your-record/", views.my_record, name="my_record"),
    path("your-record.csv", views.my_record_download, {"fmt": "csv"}, name="my_record_csv"),
    path("your-record.json", views.my_record_download, {"fmt": "json"}, name="my_record_json"),
    path("your-interests/", views.my_interests, name="my_interests"),
    path("your-interests/declare/", views.interests_declare, name="interests_declare"),
    path("your-interests/still-right/", views.interests_confirm, name="interests_confirm"),
    path("your-access-needs/", views.my_access_needs, name="my_access_needs"),
    path("your-access-needs/add/", views.my_access_need_add, name="my_access_need_add"),
    path("your-access-needs/about-you/", views.my_access_profile_update, name="my_access_profile_update"),
    path("your-access-needs/still-right/", views.my_access_needs_confirm, name="my_access_needs_confirm"),
    path("your-access-needs/<int:pk>/change/", views.access_need_change, name="access_need_change"),
    path("your-access-needs/<int:pk>/remove/", views.access_need_remove, name="access_need_remove"),
]
