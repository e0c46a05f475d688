from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("staff/panels/<slug:slug>/members/", views.panel_roster, name="roster"),
    path("staff/panels/<slug:slug>/members/add/", views.membership_add, name="membership_add"),
    path("staff/memberships/<int:pk>/", views.membership_detail, name="membership"),
    path("your-panels/", views.my_panels, name="my_panels"),
    path("your-access-needs/", views.my_access_needs, name="my_access_needs"),
    path("your-access-needs/<int:pk>/remove/", views.access_need_remove, name="access_need_remove"),
]
