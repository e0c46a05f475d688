"""Each interview fixed before there were interview times gets a time of its own, booked and
accepted, with the coordinator who arranged it as its interviewer; their notes are kept with the
application's note for the record, since interviews no longer hold notes of their own."""

from django.db import migrations


def give_each_interview_its_time(apps, schema_editor):
    Interview = apps.get_model("recruitment", "Interview")
    InterviewSlot = apps.get_model("recruitment", "InterviewSlot")
    RoundInterviewer = apps.get_model("recruitment", "RoundInterviewer")
    Application = apps.get_model("recruitment", "Application")
    for interview in Interview.objects.select_related("application"):
        application = interview.application
        RoundInterviewer.objects.get_or_create(
            round_id=application.round_id, person_id=interview.invited_by_id,
            defaults={"added_by_id": interview.invited_by_id},
        )  # fmt: skip
        slot = InterviewSlot.objects.create(
            round_id=application.round_id, starts_at=interview.starts_at, minutes=45, place=interview.place,
            online_link=interview.online_link, created_by_id=interview.invited_by_id,
        )  # fmt: skip
        slot.interviewers.add(interview.invited_by_id)
        interview.slot, interview.state, interview.accepted_at = slot, "booked", interview.invited_at
        interview.save(update_fields=["slot", "state", "accepted_at"])
        if interview.notes:
            kept = " ".join(part for part in [application.decision_note, f"Interview notes: {interview.notes}"] if part)
            Application.objects.filter(pk=application.pk).update(decision_note=kept[:1000])


class Migration(migrations.Migration):
    dependencies = [
        ("recruitment", "0009_interview_times_replies_and_scorecards"),
    ]

    operations = [
        migrations.RunPython(give_each_interview_its_time, migrations.RunPython.noop),
    ]
