from celery import shared_task

from . import services


@shared_task(name="meetings.tasks.sweep_meetings")
def sweep_meetings() -> dict[str, int]:
    return services.meetings_sweep()
