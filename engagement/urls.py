from django.urls import path

from . import views

app_name = "engagement"

urlpatterns = [
    path("bring-work/", views.officer_start, name="officer_start"),
    path("bring-work/register/", views.officer_register, name="officer_register"),
    path("bring-work/requests/", views.officer_home, name="officer_home"),
    path("bring-work/requests/new/", views.request_write, name="request_write"),
    path("bring-work/requests/<int:pk>/", views.request_detail, name="request"),
    path("bring-work/requests/<int:pk>/change/", views.request_change, name="request_change"),
    path("bring-work/requests/<int:pk>/documents/add/", views.request_document_add, name="request_document_add"),
    path("bring-work/requests/<int:pk>/send/", views.request_submit, name="request_submit"),
    path("bring-work/documents/<int:pk>/", views.document, name="document"),
    path("bring-work/documents/<int:pk>/remove/", views.request_document_remove, name="request_document_remove"),
    path("staff/officers/", views.officers, name="officers"),
    path("staff/officers/<int:pk>/approve/", views.officer_approve, name="officer_approve"),
    path("staff/officers/<int:pk>/refuse/", views.officer_refuse, name="officer_refuse"),
    path("staff/panels/<slug:slug>/requests/", views.panel_requests, name="panel_requests"),
    path("staff/requests/<int:pk>/", views.engagement_detail, name="engagement"),
    path("staff/requests/<int:pk>/decide/", views.engagement_triage, name="engagement_triage"),
    path("your-panels/<slug:slug>/requests/", views.chair_requests, name="chair_requests"),
    path("your-panels/requests/<int:pk>/", views.chair_engagement, name="chair_engagement"),
    path("your-panels/documents/<int:pk>/", views.chair_document, name="chair_document"),
]
