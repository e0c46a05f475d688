from django.db import migrations


def seed(apps, schema_editor):
    from members.seed import seed_panels, seed_site

    seed_panels(apps)
    seed_site(apps)


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial"), ("sites", "0002_alter_domain_unique")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
