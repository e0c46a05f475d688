from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("your-information.zip", views.my_export, name="my_export"),
    path("staff/data-requests/", views.requests, name="requests"),
    path("staff/people/<int:person>/data-requests/new/", views.request_new, name="request_new"),
    path("staff/data-requests/<int:pk>/", views.request_detail, name="request"),
    path("staff/data-requests/<int:pk>/everything-held.zip", views.request_export, name="request_export"),
    path("staff/data-requests/<int:pk>/erase/", views.request_erase, name="request_erase"),
    path("staff/retention/", views.retention_page, name="retention"),
    path("staff/retention/<slug:kind>/", views.retention_rule, name="retention_rule"),
    path("staff/legal-holds/<int:pk>/lift/", views.legal_hold_lift, name="legal_hold_lift"),
]
