from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("recruitment", "0010_interviews_recorded_before_get_a_time_each"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='interview',
            name='interview_has_place_or_link',
        ),
        migrations.RemoveField(
            model_name='historicalinterview',
            name='notes',
        ),
        migrations.RemoveField(
            model_name='historicalinterview',
            name='online_link',
        ),
        migrations.RemoveField(
            model_name='historicalinterview',
            name='place',
        ),
        migrations.RemoveField(
            model_name='historicalinterview',
            name='starts_at',
        ),
        migrations.RemoveField(
            model_name='interview',
            name='notes',
        ),
        migrations.RemoveField(
            model_name='interview',
            name='online_link',
        ),
        migrations.RemoveField(
            model_name='interview',
            name='place',
        ),
        migrations.RemoveField(
            model_name='interview',
            name='starts_at',
        ),
    ]
