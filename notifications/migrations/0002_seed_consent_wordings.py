from django.db import migrations


def seed(apps, schema_editor):
    from notifications.seed import seed_consent_wordings

    seed_consent_wordings(apps)


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
