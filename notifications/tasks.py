from celery import shared_task

from . import services


@shared_task(name="notifications.tasks.deliver_message", acks_late=True)
def deliver_message(message_id: int) -> str:
    return services.message_deliver(message_id=message_id)


@shared_task(name="notifications.tasks.deliver_messages", acks_late=True)
def deliver_messages(message_ids: list[int]) -> list[str]:
    return services.messages_deliver(message_ids=message_ids)


@shared_task(name="notifications.tasks.sweep_outbox")
def sweep_outbox() -> dict[str, int]:
    return services.outbox_sweep()
