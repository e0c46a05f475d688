from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("account/consents/receipts/<int:number>/", views.consent_receipt, name="consent_receipt"),
    path("account/consents/receipts/<int:number>/pdf/", views.consent_receipt_pdf, name="consent_receipt_pdf"),
    path("staff/messages/", views.outbox_attention, name="outbox_attention"),
    path("staff/messages/<int:pk>/resend/", views.outbox_resend, name="outbox_resend"),
    path("staff/messages/<int:pk>/fix/", views.message_fix, name="message_fix"),
    # The email provider's reports of bounces, signed (MAILGUN_WEBHOOK_SIGNING_KEY) and behind the
    # shared secret (ANYMAIL_WEBHOOK_SECRET, as basic auth): notifications/receivers.py.
    path("email/mailgun/tracking/", views.provider_reports, name="provider_reports"),
    path("staff/letters/", views.letters, name="letters"),
    path("staff/letters/download/", views.letters_download, name="letters_download"),
    path("staff/letters/<int:pk>/", views.letter_print, name="letter_print"),
    path("staff/letters/<int:pk>/sent/", views.letter_mark_sent, name="letter_mark_sent"),
]
