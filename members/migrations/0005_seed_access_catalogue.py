from django.db import migrations


def seed(apps, schema_editor):
    from members.seed import seed_access_catalogue

    seed_access_catalogue(apps)


class Migration(migrations.Migration):
    dependencies = [("members", "0004_access_profiles")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
