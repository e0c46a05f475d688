"""Equality monitoring counts, ready to show: how many people giving each answer reached each stage,
through disclosure control (recruitment/disclosure.py, ADR 0021).

Each person is counted at the furthest stage they reached, read from the application's history, so
someone shortlisted and later unsuccessful or withdrawn still counts as shortlisted. All questions
are counted in one query, grouped by that furthest stage, whatever the number of applications.
No individual answer leaves the database.
"""

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Max, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest

from accounts import spreadsheets
from recruitment import categories, disclosure
from recruitment.models import Application, ApplicationStatus, MonitoringResponse, Round

# The furthest stage each status shows a person reached: 0 applied, 1 shortlisted, 2 interviewed,
# 3 appointed. Reserve is shortlisted unless the history shows an interview too.
_STAGE_OF = {
    ApplicationStatus.SHORTLISTED: 1,
    ApplicationStatus.INVITED: 1,
    ApplicationStatus.RESERVE: 1,
    ApplicationStatus.INTERVIEWED: 2,
    ApplicationStatus.APPOINTED: 3,
}


def _stage_of_status() -> Case:
    return Case(
        *[When(status=status, then=Value(stage)) for status, stage in _STAGE_OF.items()],
        default=Value(0),
        output_field=IntegerField(),
    )


@dataclass(frozen=True)
class Question:
    field: str
    title: str
    answers: list[tuple[str, str]]  # (key, label) in the order shown
    groups: dict[str, list[str]]  # each answer's key: the stored values it counts


def _question(field: str) -> Question:
    model_field = MonitoringResponse._meta.get_field(field)
    if field == "ethnicity":  # counted by the five broad groups: the detailed ones are too small
        groups = {
            key: [value for value, _ in dict(categories.ETHNICITY)[label]] for key, label in categories.ETHNIC_GROUPS
        }
        answers = list(categories.ETHNIC_GROUPS)
    else:
        answers = [(value, label) for value, label in model_field.flatchoices if value != categories.PREFER_NOT[0]]
        groups = {value: [value] for value, _ in answers}
    answers += [categories.PREFER_NOT, (disclosure.NOT_ANSWERED, "Not answered")]
    groups[categories.PREFER_NOT[0]] = [categories.PREFER_NOT[0]]
    return Question(field=field, title=str(model_field.verbose_name), answers=answers, groups=groups)


def questions() -> list[Question]:
    return [_question(field.name) for field in MonitoringResponse._meta.fields if field.choices]


def _furthest_counts(applications, questions: list[Question]) -> dict[str, dict[str, list[int]]]:
    """For each question and answer, how many went no further than each stage: one query."""
    history = (
        Application.history.model.objects.filter(id=OuterRef("pk"))
        .order_by()
        .values("id")
        .annotate(furthest=Max(_stage_of_status()))
        .values("furthest")
    )
    counts = {}
    for question in questions:
        answered = Q()
        for key, values in question.groups.items():
            counts[f"{question.field}|{key}"] = Count("pk", filter=Q(**{f"monitoring__{question.field}__in": values}))
            answered |= Q(**{f"monitoring__{question.field}__in": values})
        counts[f"{question.field}|{disclosure.NOT_ANSWERED}"] = Count("pk", filter=~answered)
    rows = (
        applications.annotate(stage=Greatest(_stage_of_status(), Coalesce(Subquery(history), Value(0))))
        .order_by()
        .values("stage")
        .annotate(**counts)
    )
    found = {
        question.field: {key: [0] * len(disclosure.STAGES) for key, _ in question.answers} for question in questions
    }
    for row in rows:
        for name, count in row.items():
            if name != "stage":
                field, key = name.split("|")
                found[field][key][row["stage"]] += count
    return found


def sent_applications(round_: Round):
    return Application.objects.filter(round=round_, submitted_at__isnull=False)


def round_equality_tables(round_: Round, rules: disclosure.Rules | None = None) -> list[disclosure.Table]:
    """Every monitoring question's funnel for one round, ready to show."""
    rules = rules or disclosure.rules()
    asked = questions()
    counts = _furthest_counts(sent_applications(round_), asked)
    return [disclosure.protect(q.title, q.answers, counts[q.field], rules) for q in asked]


def tables_csv(tables: list[disclosure.Table], out) -> None:
    """The same tables as a spreadsheet, hidden cells and all: exactly what the page shows."""
    writer = spreadsheets.writer(out)
    writer.writerow(["question", "answer", *[stage.lower() for stage in disclosure.STAGES]])
    for table in tables:
        if table.too_few:
            writer.writerow([table.question, TOO_FEW, *[""] * len(disclosure.STAGES)])
            continue
        for row in table.rows:
            writer.writerow([table.question, row.label, *[str(cell) for cell in row.cells]])
        writer.writerow([table.question, EVERYONE, *table.totals])


TOO_FEW = "too few people to report"
EVERYONE = "Everyone"
