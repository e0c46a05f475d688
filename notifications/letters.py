"""The day's letters as one PDF for the print room: A4, one letter to a sheet, each in the format
its person asked for, the address where a window envelope shows it."""

from django.conf import settings
from django.template.loader import render_to_string

from accounts.pdf import pdf_from_html

from .models import Message
from .services import letter_render


def letters_pdf(messages: list[Message]) -> bytes:
    letters = [(message, letter_render(message)) for message in messages]
    context = {"letters": letters, "site_name": settings.SITE_NAME, "contact_phone": settings.CONTACT_PHONE}
    return pdf_from_html(render_to_string("notifications/staff/letters_pdf.html", context))
