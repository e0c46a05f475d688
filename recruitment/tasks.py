from celery import shared_task

from . import services


@shared_task(name="recruitment.tasks.run_lottery", acks_late=True)
def run_lottery(selection_id: int) -> str:
    return services.selection_run_lottery(selection_id=selection_id).status


@shared_task(name="recruitment.tasks.start_due_reviews")
def start_due_reviews() -> list[int]:
    return services.review_start_due()
