
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('recruitment', '0008_one_accepted_proposal_and_reasons_that_fit'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalInterviewScore',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('score', models.PositiveSmallIntegerField()),
                ('comment', models.TextField(blank=True, max_length=2000)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical interview score',
                'verbose_name_plural': 'historical interview scores',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalInterviewScorecard',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('submitted_at', models.DateTimeField(blank=True, null=True)),
                ('conflict_declared_at', models.DateTimeField(blank=True, null=True)),
                ('conflict_reason', models.CharField(blank=True, max_length=500)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical interview scorecard',
                'verbose_name_plural': 'historical interview scorecards',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalInterviewSlot',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('starts_at', models.DateTimeField(verbose_name='date and time')),
                ('minutes', models.PositiveSmallIntegerField(default=45, verbose_name='length in minutes')),
                ('place', models.CharField(blank=True, max_length=300, verbose_name='place')),
                ('online_link', models.URLField(blank=True, verbose_name='online joining link')),
                ('created_at', models.DateTimeField(blank=True, editable=False)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical interview slot',
                'verbose_name_plural': 'historical interview slots',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalRoundInterviewer',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('added_at', models.DateTimeField(blank=True, editable=False)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical round interviewer',
                'verbose_name_plural': 'historical round interviewers',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='InterviewScore',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('score', models.PositiveSmallIntegerField()),
                ('comment', models.TextField(blank=True, max_length=2000)),
            ],
            options={
                'ordering': ['criterion__order'],
            },
        ),
        migrations.CreateModel(
            name='InterviewScorecard',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('submitted_at', models.DateTimeField(blank=True, null=True)),
                ('conflict_declared_at', models.DateTimeField(blank=True, null=True)),
                ('conflict_reason', models.CharField(blank=True, max_length=500)),
            ],
            options={
                'ordering': ['id'],
            },
        ),
        migrations.CreateModel(
            name='InterviewSlot',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('starts_at', models.DateTimeField(verbose_name='date and time')),
                ('minutes', models.PositiveSmallIntegerField(default=45, verbose_name='length in minutes')),
                ('place', models.CharField(blank=True, max_length=300, verbose_name='place')),
                ('online_link', models.URLField(blank=True, verbose_name='online joining link')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'ordering': ['starts_at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='RoundInterviewer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('added_at', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'ordering': ['id'],
            },
        ),
        migrations.AddField(
            model_name='historicalinterview',
            name='accepted_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='historicalinterview',
            name='sequence',
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='historicalinterview',
            name='state',
            field=models.CharField(choices=[('choosing', 'Choosing a time'), ('booked', 'Booked'), ('declined', 'Declined'), ('rearrange', 'Asked to rearrange')], default='choosing', max_length=10),
        ),
        migrations.AddField(
            model_name='interview',
            name='accepted_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='interview',
            name='reply_note',
            field=models.TextField(blank=True, max_length=1000),
        ),
        migrations.AddField(
            model_name='interview',
            name='sequence',
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='interview',
            name='state',
            field=models.CharField(choices=[('choosing', 'Choosing a time'), ('booked', 'Booked'), ('declined', 'Declined'), ('rearrange', 'Asked to rearrange')], default='choosing', max_length=10),
        ),
        migrations.AlterField(
            model_name='application',
            name='decision_reason',
            field=models.CharField(blank=True, choices=[('met_criteria', 'Met the criteria'), ('criteria_not_met', 'Did not show enough of the criteria'), ('below_cutoff', 'Scored below the shortlisting cut-off'), ('interview_score', 'Interview score'), ('places', 'More strong candidates than places'), ('balance', 'Balance of the panel'), ('ineligible', 'Did not meet the eligibility requirements'), ('selected', 'Selected for the panel'), ('reserve_list', 'Placed on the reserve list'), ('no_interview', 'Did not take up the interview')], max_length=20),
        ),
        migrations.AlterField(
            model_name='historicalapplication',
            name='decision_reason',
            field=models.CharField(blank=True, choices=[('met_criteria', 'Met the criteria'), ('criteria_not_met', 'Did not show enough of the criteria'), ('below_cutoff', 'Scored below the shortlisting cut-off'), ('interview_score', 'Interview score'), ('places', 'More strong candidates than places'), ('balance', 'Balance of the panel'), ('ineligible', 'Did not meet the eligibility requirements'), ('selected', 'Selected for the panel'), ('reserve_list', 'Placed on the reserve list'), ('no_interview', 'Did not take up the interview')], max_length=20),
        ),
        migrations.AddField(
            model_name='historicalinterviewscore',
            name='criterion',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='recruitment.criterion'),
        ),
        migrations.AddField(
            model_name='historicalinterviewscore',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalinterviewscorecard',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalinterviewscorecard',
            name='interview',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='recruitment.interview'),
        ),
        migrations.AddField(
            model_name='historicalinterviewscorecard',
            name='interviewer',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalinterviewslot',
            name='created_by',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalinterviewslot',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalinterviewslot',
            name='round',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='recruitment.round'),
        ),
        migrations.AddField(
            model_name='historicalroundinterviewer',
            name='added_by',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalroundinterviewer',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalroundinterviewer',
            name='person',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalroundinterviewer',
            name='round',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='recruitment.round'),
        ),
        migrations.AddField(
            model_name='interviewscore',
            name='criterion',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='interview_scores', to='recruitment.criterion'),
        ),
        migrations.AddField(
            model_name='interviewscorecard',
            name='interview',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='scorecards', to='recruitment.interview'),
        ),
        migrations.AddField(
            model_name='interviewscorecard',
            name='interviewer',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='interviewscore',
            name='scorecard',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='scores', to='recruitment.interviewscorecard'),
        ),
        migrations.AddField(
            model_name='historicalinterviewscore',
            name='scorecard',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='recruitment.interviewscorecard'),
        ),
        migrations.AddField(
            model_name='interviewslot',
            name='created_by',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='interviewslot',
            name='interviewers',
            field=models.ManyToManyField(related_name='interview_slots', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='interviewslot',
            name='round',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='interview_slots', to='recruitment.round'),
        ),
        migrations.AddField(
            model_name='historicalinterview',
            name='slot',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='recruitment.interviewslot'),
        ),
        migrations.AddField(
            model_name='interview',
            name='slot',
            field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='interview', to='recruitment.interviewslot'),
        ),
        migrations.AddConstraint(
            model_name='interview',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('slot__isnull', False), ('state', 'booked')), models.Q(models.Q(('state', 'booked'), _negated=True), ('slot__isnull', True)), _connector='OR'), name='interview_booked_has_a_time'),
        ),
        migrations.AddField(
            model_name='roundinterviewer',
            name='added_by',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='roundinterviewer',
            name='person',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='interviewing', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='roundinterviewer',
            name='round',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='interviewers', to='recruitment.round'),
        ),
        migrations.AddConstraint(
            model_name='interviewscorecard',
            constraint=models.UniqueConstraint(fields=('interview', 'interviewer'), name='one_scorecard_per_interviewer'),
        ),
        migrations.AddConstraint(
            model_name='interviewscorecard',
            constraint=models.CheckConstraint(condition=models.Q(('submitted_at__isnull', True), ('conflict_declared_at__isnull', True), _connector='OR'), name='scorecard_submitted_or_conflicted'),
        ),
        migrations.AddConstraint(
            model_name='interviewscore',
            constraint=models.UniqueConstraint(fields=('scorecard', 'criterion'), name='one_interview_score_per_criterion'),
        ),
        migrations.AddConstraint(
            model_name='interviewslot',
            constraint=models.CheckConstraint(condition=models.Q(('online_link', ''), ('place', ''), _negated=True), name='slot_has_place_or_link'),
        ),
        migrations.AddConstraint(
            model_name='interviewslot',
            constraint=models.CheckConstraint(condition=models.Q(('minutes__gte', 10)), name='slot_at_least_ten_minutes'),
        ),
        migrations.AddConstraint(
            model_name='roundinterviewer',
            constraint=models.UniqueConstraint(fields=('round', 'person'), name='one_interviewer_role_per_round'),
        ),
    ]
