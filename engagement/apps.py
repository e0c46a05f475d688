from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "engagement"
    verbose_name = "Engagement"

    def ready(self) -> None:
        from . import messages  # noqa: F401 - registers the message kinds
