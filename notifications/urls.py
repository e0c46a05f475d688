from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("account/consents/receipts/<int:number>/", views.consent_receipt, name="consent_receipt"),
    path("account/consents/receipts/<int:number>/pdf/", views.consent_receipt_pdf, name="consent_receipt_pdf"),
    path("staff/messages/", views.outbox_attention, name="outbox_attention"),
    path("staff/messages/<int:pk>/resend/", views.outbox_resend, name="outbox_resend"),
    path("staff/messages/<int:pk>/fix/", views.message_fix, name="message_fix"),
    path("staff/letters/", views.letters, name="letters"),
    path("staff/letters/download/", views.letters_download, name="letters_download"),
    path("staff/letters/<int:pk>/", views.letter_print, name="letter_print"),
    path("staff/letters/<int:pk>/sent/", views.letter_mark_sent, name="letter_mark_sent"),
]
