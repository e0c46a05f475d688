import logging

from celery import shared_task
from django.conf import settings

from . import services

logger = logging.getLogger(__name__)


@shared_task(name="recruitment.tasks.run_lottery", acks_late=True)
def run_lottery(selection_id: int) -> str:
    return services.selection_run_lottery(selection_id=selection_id).status


def queue_lottery(selection_id: int) -> None:
    """A draw can take minutes, so it may have a queue (and worker) of its own, away from messages.
    If the broker cannot be reached the proposal says so, rather than seeming to wait for ever."""
    try:
        run_lottery.apply_async((selection_id,), queue=settings.LOTTERY_QUEUE, retry=False)
    except Exception:
        logger.exception("lottery for selection %s could not be queued", selection_id)
        services.selection_not_started(selection_id=selection_id)


@shared_task(name="recruitment.tasks.start_due_reviews")
def start_due_reviews() -> list[int]:
    return services.review_start_due()
