from django.urls import path

from . import views

app_name = "payments"

urlpatterns = [
    path("your-payments/", views.payments_home, name="home"),
    path("your-payments/choose/<slug:slug>/", views.payment_choice, name="choice"),
    path("your-payments/claims/new/", views.expense_claim_start, name="claim_start"),
    path("your-payments/claims/<int:pk>/", views.claim_detail, name="claim"),
    path("your-payments/claims/<int:pk>/add-cost/", views.claim_line_add, name="claim_line_add"),
    path("your-payments/claims/<int:pk>/send/", views.claim_submit, name="claim_submit"),
    path("your-payments/costs/<int:pk>/remove/", views.claim_line_remove, name="claim_line_remove"),
    path("your-payments/costs/<int:pk>/receipt/", views.own_receipt, name="own_receipt"),
    path("your-payments/statements/<int:year>/", views.statement, name="statement"),
    path("your-payments/statements/<int:year>.csv", views.statement_csv, name="statement_csv"),
    path("staff/payments/rates/", views.rates, name="rates"),
    path("staff/panels/<slug:slug>/claims/", views.panel_claims, name="panel_claims"),
    path("staff/panels/<slug:slug>/claims/add-time/", views.time_claim_add, name="time_claim_add"),
    path("staff/panels/<slug:slug>/claims/write/", views.claim_record, name="claim_record"),
    path("staff/panels/<slug:slug>/claims/record-choice/", views.choice_record, name="choice_record"),
    path("staff/claims/<int:pk>/", views.staff_claim_detail, name="staff_claim"),
    path("staff/claims/<int:pk>/decide/", views.claim_decide, name="claim_decide"),
    path("staff/claim-costs/<int:pk>/receipt/", views.receipt, name="receipt"),
    path("staff/claim-costs/<int:pk>/receipt-arrived/", views.receipt_arrived, name="receipt_arrived"),
    path("staff/finance/", views.finance_home, name="finance"),
    path("staff/finance/export/", views.claims_export, name="claims_export"),
    path("staff/finance/exports/<int:pk>/", views.batch_detail, name="batch"),
    path("staff/finance/exports/<int:pk>.csv", views.batch_csv, name="batch_csv"),
]
