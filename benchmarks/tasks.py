"""The baseline the outbox is measured against: the plainest useful Celery email task."""

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from notifications.models import Message


@shared_task(name="benchmarks.baseline_send")
def baseline_send(message_id: int) -> None:
    message = Message.objects.get(pk=message_id)
    body = render_to_string("notifications/email/future_opportunity_message.txt", message.context)
    EmailMessage(message.context["title"], body, settings.DEFAULT_FROM_EMAIL, [message.to_address]).send()
