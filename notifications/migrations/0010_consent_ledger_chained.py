"""Every consent record gets its place in its person's chain and the hashes that link it to the
record before (notifications.ledger). Existing records are chained in the order they were written.
The append-only trigger is lifted for the fill and put back, with erasure's one path, next."""

import hashlib
import json
from datetime import UTC

from django.db import migrations, models

GENESIS = "0" * 64


def _hash(record, previous):
    # A copy of notifications.ledger.chain_hash as it was when this migration was written.
    fields = {
        "person": record.person_id,
        "sequence": record.sequence,
        "purpose": record.purpose,
        "wording": record.wording_id,
        "wording_version": record.wording.version,
        "wording_text": hashlib.sha256(record.wording.text.encode()).hexdigest(),
        "decision": record.decision,
        "method": record.method,
        "recorded_by": record.recorded_by_id,
        "recorded_at": record.recorded_at.astimezone(UTC).isoformat(),
        "previous": previous,
    }
    return hashlib.sha256(json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def lift_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "DROP TRIGGER IF EXISTS notifications_consentrecord_append_only ON notifications_consentrecord",
            params=None,
        )


def restore_trigger(apps, schema_editor):
    # As migration 0003 made it.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE TRIGGER notifications_consentrecord_append_only BEFORE UPDATE OR DELETE "
            "ON notifications_consentrecord FOR EACH ROW EXECUTE FUNCTION notifications_consent_append_only()",
            params=None,
        )


def chain(apps, schema_editor):
    ConsentRecord = apps.get_model("notifications", "ConsentRecord")
    person, sequence, previous = None, 0, GENESIS
    batch = []
    records = ConsentRecord.objects.select_related("wording").order_by("person_id", "recorded_at", "id")
    for record in records.iterator(chunk_size=2000):
        if record.person_id != person:
            person, sequence, previous = record.person_id, 0, GENESIS
        sequence += 1
        record.sequence, record.previous_hash = sequence, previous
        record.row_hash = previous = _hash(record, previous)
        batch.append(record)
        if len(batch) == 2000:
            ConsentRecord.objects.bulk_update(batch, ["sequence", "previous_hash", "row_hash"])
            batch = []
    ConsentRecord.objects.bulk_update(batch, ["sequence", "previous_hash", "row_hash"])


class Migration(migrations.Migration):
    dependencies = [("notifications", "0009_message_context_inserted_row_by_row")]

    operations = [
        migrations.RunPython(lift_trigger, restore_trigger),
        migrations.AddField(
            model_name="consentrecord",
            name="sequence",
            field=models.PositiveIntegerField(default=0),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="consentrecord",
            name="previous_hash",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="consentrecord",
            name="row_hash",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(chain, migrations.RunPython.noop),
    ]
