"""On PostgreSQL the database itself refuses to change or delete a consent record, so the ledger
stays append-only even against a stray query. (TRUNCATE, used only to empty test databases, is
not a row change and is not blocked.)"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION notifications_consent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'consent records are append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER notifications_consentrecord_append_only
    BEFORE UPDATE OR DELETE ON notifications_consentrecord
    FOR EACH ROW EXECUTE FUNCTION notifications_consent_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS notifications_consentrecord_append_only ON notifications_consentrecord;
DROP FUNCTION IF EXISTS notifications_consent_append_only();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("notifications", "0002_seed_consent_wordings")]

    operations = [migrations.RunPython(create, drop)]
