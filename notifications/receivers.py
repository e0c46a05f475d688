"""What the email provider tells us after a message has left: a bounce marks it failed
(services.message_bounced). Received through django-anymail's tracking webhook, which checks the
provider's signature and the shared secret before any of this runs."""

from anymail.signals import tracking
from django.dispatch import receiver

from . import services


@receiver(tracking, dispatch_uid="notifications.bounces")
def record_bounce(sender, event, esp_name, **kwargs) -> None:
    if event.message_id:
        services.message_bounced(
            message_id=event.message_id, event_type=event.event_type, recipient=event.recipient or "",
            description=event.description or "", mta_response=event.mta_response or "",
        )  # fmt: skip
