from celery import shared_task

from . import services


@shared_task(name="payments.tasks.make_involvement_claims")
def make_involvement_claims() -> int:
    return services.involvement_claims_make()
