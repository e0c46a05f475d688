from celery import shared_task
from django.conf import settings

from . import services


@shared_task(name="recruitment.tasks.run_lottery", acks_late=True)
def run_lottery(selection_id: int) -> str:
    return services.selection_run_lottery(selection_id=selection_id).status


def queue_lottery(selection_id: int) -> None:
    """A draw can take minutes, so it may have a queue (and worker) of its own, away from messages."""
    run_lottery.apply_async((selection_id,), queue=settings.LOTTERY_QUEUE)


@shared_task(name="recruitment.tasks.start_due_reviews")
def start_due_reviews() -> list[int]:
    return services.review_start_due()
