"""Mark messages queued before messages carried a topic with the panel they were about, from the
panel's name in their context, so a person's record shows coordinators only their panels' messages."""

from django.db import migrations


def mark(apps, schema_editor):
    Message = apps.get_model("notifications", "Message")
    Panel = apps.get_model("members", "Panel")
    panels = dict(Panel.objects.values_list("name", "pk"))
    for message in Message.objects.filter(topic="").only("pk", "context").iterator():
        panel_id = panels.get((message.context or {}).get("panel"))
        if panel_id:
            Message.objects.filter(pk=message.pk).update(topic=f"panel:{panel_id}")


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0007_register_of_interests"),
        ("notifications", "0006_message_topic"),
    ]

    operations = [migrations.RunPython(mark, migrations.RunPython.noop)]
