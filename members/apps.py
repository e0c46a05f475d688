from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "Panels and roles"

    def ready(self) -> None:
        from . import messages  # noqa: F401 - registers the message kinds
