from django.urls import path

from . import views

app_name = "recruitment"

urlpatterns = [
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("rounds/<int:pk>/easy-read/", views.round_detail, {"easy_read": True}, name="round_easy_read"),
    path("rounds/<int:pk>/apply/", views.application_start, name="start"),
    path("applications/", views.my_applications, name="my_applications"),
    path("applications/<int:pk>/", views.application_overview, name="application"),
    path("applications/<int:pk>/as-sent/", views.application_as_sent, name="as_sent"),
    path("applications/<int:pk>/about-you/", views.application_about_you, name="about_you"),
    path("applications/<int:pk>/questions/<int:order>/", views.application_question, name="question"),
    path("applications/<int:pk>/check/", views.application_check, name="check"),
    path("applications/<int:pk>/equality/", views.application_equality, name="equality"),
    path("applications/<int:pk>/equality/delete/", views.equality_delete, name="equality_delete"),
    path("applications/<int:pk>/equality/download/", views.equality_download, name="equality_download"),
    path("applications/<int:pk>/balance/", views.application_balance, name="balance"),
    path("applications/<int:pk>/submitted/", views.application_submitted, name="submitted"),
    path("applications/<int:pk>/withdraw/", views.application_withdraw, name="withdraw"),
    path("staff/panels/<slug:slug>/rounds/", views.staff_rounds, name="staff_rounds"),
    path("staff/panels/<slug:slug>/rounds/new/", views.round_create, name="round_create"),
    path("staff/rounds/<int:pk>/", views.round_edit, name="round_edit"),
    path("staff/rounds/<int:pk>/preview/", views.round_preview, name="round_preview"),
    path("staff/rounds/<int:pk>/questions/", views.question_add, name="question_add"),
    path("staff/rounds/<int:pk>/questions/<int:question_pk>/", views.question_edit, name="question_edit"),
    path("staff/rounds/<int:pk>/questions/<int:question_pk>/remove/", views.question_remove, name="question_remove"),
    path("staff/rounds/<int:pk>/criteria/", views.criterion_add, name="criterion_add"),
    path("staff/rounds/<int:pk>/applications/", views.round_applications, name="round_applications"),
    path("staff/rounds/<int:pk>/assisted/", views.assisted_application, name="assisted"),
    path("staff/rounds/<int:pk>/equality/", views.equality_report, name="equality_report"),
    path("staff/applications/<int:pk>/", views.staff_application, name="staff_application"),
    # Review: reviewers' own pages, then the coordinator's
    path("review/", views.review_home, name="review_home"),
    path("review/rounds/<int:pk>/", views.review_round, name="review_round"),
    path("review/rounds/<int:pk>/questions/<int:order>/", views.review_question, name="review_question"),
    path("review/<int:pk>/", views.review_application, name="review_application"),
    path("review/<int:pk>/conflict/", views.review_conflict, name="review_conflict"),
    path("staff/rounds/<int:pk>/review/", views.round_review, name="round_review"),
    path("staff/rounds/<int:pk>/review/start/", views.review_start, name="review_start"),
    path("staff/rounds/<int:pk>/review/share-again/", views.review_fill_gaps, name="review_fill_gaps"),
    path("staff/applications/<int:pk>/scores/", views.application_scores, name="application_scores"),
    path("staff/applications/<int:pk>/moderate/", views.application_moderate, name="application_moderate"),
    path("staff/answers/<int:pk>/redact/", views.answer_redact, name="answer_redact"),
    # Decisions
    path("staff/rounds/<int:pk>/shortlist/", views.shortlist, name="shortlist"),
    path("staff/applications/<int:pk>/decide/", views.application_decide, name="application_decide"),
    path("staff/applications/<int:pk>/interview/", views.application_interview, name="application_interview"),
    path("staff/applications/<int:pk>/interview/invite/", views.interview_invite, name="interview_invite"),
    path("staff/applications/<int:pk>/interview/record/", views.interview_record, name="interview_record"),
    path("staff/rounds/<int:pk>/outcomes/", views.outcomes_release, name="outcomes_release"),
    path("staff/rounds/<int:pk>/selection/", views.selection_new, name="selection_new"),
    path("staff/selections/<int:pk>/", views.selection_detail, name="selection"),
    path("staff/selections/<int:pk>/replay/", views.selection_replay, name="selection_replay"),
    path("staff/selections/<int:pk>/decide/", views.selection_decide, name="selection_decide"),
    path(
        "staff/selections/<int:pk>/replacement/",
        views.selection_replacement_propose,
        name="selection_replacement_propose",
    ),  # fmt: skip
]
