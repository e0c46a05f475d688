"""The administrators' screens for what did not go out by itself (messages that failed or were
stopped, letters waiting to be printed and posted), and each person's consent receipts."""

import json
import time

from anymail.webhooks.mailgun import MailgunTrackingWebhookView
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from accounts.access import Lookup, public, signed_in, staff
from accounts.form_helpers import add_errors, posted
from accounts.pdf import pdf_from_html

from . import kinds, services
from .forms import FixForm
from .letters import letters_pdf
from .models import Channel, ConsentRecord, Message, MessageStatus
from .receipts import receipt_of
from .selectors import letters_waiting, messages_needing_attention

PAGE_SIZE = 50

# A role over every message, not a say over some: anyone else is refused outright (403), the
# same as on the lists, rather than told a message does not exist.
MANAGE_OUTBOX = "notifications.manage_outbox"

FAILED_EMAIL = Lookup("message", Message.objects.filter(status=MessageStatus.FAILED, channel=Channel.EMAIL))
# A function, not a queryset: which letters are waiting depends on the moment of asking.
WAITING_LETTER = Lookup("message", letters_waiting)


@staff(MANAGE_OUTBOX)
def outbox_attention(request):
    page = Paginator(messages_needing_attention(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/staff/messages.html", {"page": page})


@require_POST
@staff(MANAGE_OUTBOX, FAILED_EMAIL, area=MANAGE_OUTBOX)
def outbox_resend(request, message):
    services.message_resend(actor=request.user, message=message)
    messages.success(request, f"Message {message.pk} has been queued to send again.")
    return redirect("notifications:outbox_attention")


# A message that could not be delivered; whose it is to fix is the permission's to say.
NOT_DELIVERED = Lookup("message", Message.objects.filter(status=MessageStatus.FAILED).select_related("recipient"))


@staff("notifications.fix_message", NOT_DELIVERED)
def message_fix(request, message):
    back = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = ""
    initial = {"channel": message.channel, "to_address": message.to_address}
    form = FixForm(posted(request), initial=initial, channels=kinds.get(message.kind).channels)
    if request.method == "POST" and form.is_valid():
        try:
            services.message_fix(actor=request.user, message=message, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            who = message.recipient.display_name if message.recipient else message.to_address
            messages.success(request, f"The message to {who} is on its way again.")
            return redirect(back or "portal:staff_home")
    return render(request, "notifications/staff/message_fix.html", {"message": message, "form": form, "next": back})


@csrf_exempt
@require_POST
@public
def provider_reports(request):
    """The email provider's reports of what happened to messages after they left (bounces): its
    signature and the shared secret are checked by django-anymail, then receivers.py acts. Until
    the provider's signing key is set there is nothing here."""
    if not (settings.ANYMAIL.get("MAILGUN_WEBHOOK_SIGNING_KEY") and settings.ANYMAIL.get("WEBHOOK_SECRET")):
        raise Http404
    if not _fresh_and_first(request):
        return HttpResponseBadRequest("A report must be recent and sent once.")
    return MailgunTrackingWebhookView.as_view()(request)


REPORT_MAX_AGE_SECONDS = 15 * 60


def _fresh_and_first(request) -> bool:
    """Mailgun signs a timestamp and a one-time token, not the report itself: a signature is
    believed only while recent, and only once, so a captured one cannot carry a forged report.
    (The signature itself is checked by django-anymail next.)"""
    try:
        signature = json.loads(request.body)["signature"]
        age = time.time() - float(signature["timestamp"])
        token = str(signature["token"])
    except (ValueError, KeyError, TypeError):
        return True  # anymail refuses what it cannot read
    if not -60 < age < REPORT_MAX_AGE_SECONDS:
        return False
    return cache.add(f"provider-report-token:{token[:100]}", 1, timeout=REPORT_MAX_AGE_SECONDS + 60)


@staff(MANAGE_OUTBOX)
def letters(request):
    page = Paginator(letters_waiting(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/staff/letters.html", {"page": page})


@staff(MANAGE_OUTBOX, WAITING_LETTER, area=MANAGE_OUTBOX)
def letter_print(request, message):
    context = {"message": message, "letter": services.letter_render(message)}
    return render(request, "notifications/staff/letter_print.html", context)


@staff(MANAGE_OUTBOX)
def letters_download(request):
    """Every waiting letter as one PDF for the print room: A4, one letter to a sheet, each in the
    format its person asked for, the address where a window envelope shows it."""
    response = HttpResponse(letters_pdf(list(letters_waiting())), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="letters-{timezone.localdate():%Y-%m-%d}.pdf"'
    return response


@require_POST
@staff(MANAGE_OUTBOX, WAITING_LETTER, area=MANAGE_OUTBOX)
def letter_mark_sent(request, message):
    services.letter_mark_sent(actor=request.user, message=message)
    messages.success(request, f"Letter {message.pk} is marked as posted.")
    return redirect("notifications:letters")


def _own_record(request, number: int) -> ConsentRecord:
    """A receipt is found by its place in the signed-in person's own chain: nobody reaches anyone
    else's."""
    return get_object_or_404(ConsentRecord.objects.select_related("wording"), person=request.user, sequence=number)


@signed_in
def consent_receipt(request, number):
    receipt = receipt_of(_own_record(request, number))
    return render(request, "notifications/consent_receipt.html", {"receipt": receipt, "receipt_sequence": number})


@signed_in
def consent_receipt_pdf(request, number):
    receipt = receipt_of(_own_record(request, number))
    context = {"receipt": receipt, "person_name": request.user.full_name}
    html = render_to_string("notifications/consent_receipt_print.html", context, request=request)
    response = HttpResponse(pdf_from_html(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="consent-receipt-{receipt.number}.pdf"'
    return response
