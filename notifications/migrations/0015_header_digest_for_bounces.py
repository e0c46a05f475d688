import hashlib

from django.db import migrations, models


def digests(apps, schema_editor):
    """Messages already in the outbox get the digest their Message-ID header was made from."""
    Message = apps.get_model("notifications", "Message")
    batch = []
    for message in Message.objects.filter(header_digest="").only("pk", "idempotency_key").iterator(chunk_size=2000):
        message.header_digest = hashlib.sha256(message.idempotency_key.encode()).hexdigest()[:40]
        batch.append(message)
        if len(batch) == 2000:
            Message.objects.bulk_update(batch, ["header_digest"])
            batch = []
    Message.objects.bulk_update(batch, ["header_digest"])


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0014_reply_to"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalmessage",
            name="header_digest",
            field=models.CharField(blank=True, db_index=True, max_length=40),
        ),
        migrations.AddField(
            model_name="message",
            name="header_digest",
            field=models.CharField(blank=True, db_index=True, max_length=40),
        ),
        migrations.RunPython(digests, migrations.RunPython.noop),
    ]
