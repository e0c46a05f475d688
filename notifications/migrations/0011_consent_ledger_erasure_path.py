"""The ledgers stay append-only in the database, with one way in: erasure may blank the name of
whoever decided on a person's behalf, and nothing else, and only with
`SET LOCAL notifications.ledger_erasure = 'on'` in its transaction (notifications.ledger, ADR 0019).
A consent record's place in its person's chain is unique."""

from django.db import migrations, models

FUNCTION = """
CREATE OR REPLACE FUNCTION notifications_ledger_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND coalesce(current_setting('notifications.ledger_erasure', true), '') = 'on'
       AND NEW.on_behalf_by = ''
       AND (to_jsonb(NEW) - 'on_behalf_by') = (to_jsonb(OLD) - 'on_behalf_by') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '% rows are append-only: % refused', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;
"""
TABLES = ["notifications_consentrecord", "notifications_contactpreferencerecord"]
OLD_TRIGGERS = {
    "notifications_consentrecord": "notifications_consentrecord_append_only",
    "notifications_contactpreferencerecord": "notifications_contactpreferencerecord_append_only",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {OLD_TRIGGERS[table]} ON {table}", params=None)
        schema_editor.execute(
            f"CREATE TRIGGER {table}_ledger BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION notifications_ledger_append_only()",
            params=None,
        )


def drop(apps, schema_editor):
    """Back to 0010: the contact-preference ledger keeps its old trigger (0005); the consent
    ledger's comes back when 0010 is undone."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_ledger ON {table}", params=None)
    schema_editor.execute("DROP FUNCTION IF EXISTS notifications_ledger_append_only()", params=None)
    table = "notifications_contactpreferencerecord"
    schema_editor.execute(
        f"CREATE TRIGGER {OLD_TRIGGERS[table]} BEFORE UPDATE OR DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION notifications_consent_append_only()",
        params=None,
    )


class Migration(migrations.Migration):
    dependencies = [("notifications", "0010_consent_ledger_chained")]

    operations = [
        migrations.AddConstraint(
            model_name="consentrecord",
            constraint=models.UniqueConstraint(fields=("person", "sequence"), name="consent_person_sequence"),
        ),
        migrations.RunPython(create, drop),
    ]
