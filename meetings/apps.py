from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings"

    def ready(self) -> None:
        from . import (
            messages,  # noqa: F401 - registers the message kinds
            tasks,  # noqa: F401 - registers the Celery tasks, which services queue by name
        )
