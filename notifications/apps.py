from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Messages and consent"

    def ready(self) -> None:
        from . import receivers, tasks  # noqa: F401 - the Celery tasks, which services queue by name; bounces
