"""The administrators' screens for what did not go out by itself: messages that failed or were
stopped, and letters waiting to be printed and posted."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.access import Lookup, staff

from . import services
from .models import Channel, Message, MessageStatus
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
    """Every waiting letter as one printable page, one letter per sheet."""
    waiting = [(message, services.letter_render(message)) for message in letters_waiting()]
    response = render(request, "notifications/staff/letters_download.html", {"letters": waiting})
    response["Content-Disposition"] = 'attachment; filename="letters.html"'
    return response


@require_POST
@staff(MANAGE_OUTBOX, WAITING_LETTER, area=MANAGE_OUTBOX)
def letter_mark_sent(request, message):
    services.letter_mark_sent(actor=request.user, message=message)
    messages.success(request, f"Letter {message.pk} is marked as posted.")
    return redirect("notifications:letters")
