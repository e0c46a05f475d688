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
    path("staff/requests/<int:pk>/schedule/", views.engagement_schedule, name="engagement_schedule"),
    path("staff/requests/<int:pk>/answers/record/", views.consultation_record, name="consultation_record"),
    path("staff/requests/<int:pk>/advice/", views.advice_write, name="advice_write"),
    path("staff/requests/<int:pk>/what-changed/", views.publication_write, name="publication_write"),
    path("staff/panels/<slug:slug>/requests/by-year/", views.panel_engagement_stats, name="panel_stats"),
    path("staff/panels/<slug:slug>/requests/by-year.csv", views.panel_engagement_stats_csv, name="panel_stats_csv"),
    path("bring-work/advice/<int:pk>/answer/", views.respond, name="respond"),
    path("bring-work/advice/<int:pk>/agree/", views.officer_publication_agree, name="officer_publication_agree"),
    path("your-panels/requests/<int:pk>/approve/", views.chair_advice_approve, name="chair_advice_approve"),
    path("your-panels/requests/<int:pk>/agree/", views.chair_publication_agree, name="chair_publication_agree"),
    path("your-panels/<slug:slug>/work/", views.member_work, name="member_work"),
    path("your-panels/work/<int:pk>/", views.member_engagement, name="member_engagement"),
    path("your-panels/work/<int:pk>/answer/", views.member_answer, name="member_answer"),
    path("your-panels/work/documents/<int:pk>/", views.member_document, name="member_document"),
    path("panels/<slug:slug>/you-said-we-did/", views.you_said_we_did, name="you_said_we_did"),
    path("equality-impact-assessments/", views.assessments, name="assessments"),
    path("your-panels/<slug:slug>/requests/", views.chair_requests, name="chair_requests"),
    path("your-panels/requests/<int:pk>/", views.chair_engagement, name="chair_engagement"),
    path("your-panels/documents/<int:pk>/", views.chair_document, name="chair_document"),
]
