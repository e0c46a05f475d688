from celery import shared_task

from . import retention


@shared_task(name="privacy.tasks.apply_retention")
def apply_retention() -> dict[str, int]:
    return retention.retention_apply()
