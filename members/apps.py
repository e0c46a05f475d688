from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "Panels and roles"

    def ready(self) -> None:
        from notifications.topics import register_mailboxes

        from . import messages  # noqa: F401 - registers the message kinds
        from .selectors import panel_mailboxes

        register_mailboxes("panel", panel_mailboxes)
