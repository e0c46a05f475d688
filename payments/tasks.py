from celery import shared_task

from . import services


@shared_task(name="payments.tasks.make_involvement_claims")
def make_involvement_claims() -> int:
    return services.involvement_claims_make()


@shared_task(name="payments.tasks.send_benefits_reminders")
def send_benefits_reminders() -> int:
    return services.benefits_reminders_send()
