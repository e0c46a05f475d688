"""Messages to applicants queued before messages carried their round (Message.reference) are given
it from their keys, so a round's delivery report counts them too."""

from django.db import migrations

BY_APPLICATION = ("application-submitted:", "application-withdrawn:", "outcome:")


def name_their_round(apps, schema_editor):
    Message = apps.get_model("notifications", "Message")
    Application = apps.get_model("recruitment", "Application")
    Interview = apps.get_model("recruitment", "Interview")
    round_of_application = dict(Application.objects.values_list("pk", "round_id"))
    round_of_interview = dict(Interview.objects.values_list("pk", "application__round_id"))
    for prefix, rounds in [*((p, round_of_application) for p in BY_APPLICATION), ("interview:", round_of_interview)]:
        found = Message.objects.filter(idempotency_key__startswith=prefix, reference="")
        by_round = {}
        for pk, key in list(found.values_list("pk", "idempotency_key")):
            if ":reply:" in key:  # to the coordinators, not the applicant
                continue
            number = key.removeprefix(prefix).split(":", 1)[0]
            round_id = rounds.get(int(number)) if number.isdecimal() else None
            if round_id is not None:
                by_round.setdefault(round_id, []).append(pk)
        for round_id, pks in by_round.items():
            Message.objects.filter(pk__in=pks).update(reference=f"round:{round_id}")


class Migration(migrations.Migration):
    dependencies = [
        ("recruitment", "0014_panels_choose_their_questions"),
        ("notifications", "0018_message_reference"),
    ]

    operations = [migrations.RunPython(name_their_round, migrations.RunPython.noop)]
