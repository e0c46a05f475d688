"""The public equality data page: the make-up of the panels' members and of last year's applicants,
all panels together, beside the City Region's population, through the same disclosure control as
every other table of these counts (ADR 0021, 0022).

Ten members is too small a group to report alone, so the page never shows one panel: it shows all
the panels together, and last year's applicants together, or the last three years' where one year
had too few. The page is built as plain data, so what was published is kept exactly as it was.
"""

from datetime import date

from django.db.models import Count, OuterRef, Q, Subquery

from accounts.models import User
from members.models import Membership, MembershipStatus
from recruitment import disclosure, population
from recruitment.models import EqualityPublication, MonitoringResponse, PopulationFigures

from .equality import WINDOW_YEARS, equality_tables, questions

NOT_SHOWN = "not shown"


def population_figures() -> dict:
    """The newest figures loaded, or those shipped with the service (which may be none)."""
    newest = PopulationFigures.objects.first()
    if newest is not None:
        return {"source": newest.source, "source_date": newest.source_date.isoformat(), "figures": newest.figures}
    return population.shipped()


def _members_tables(rules: disclosure.Rules) -> list[disclosure.Table]:
    """Each question's answers among the people on the panels today, each counted once however many
    panels they sit on, from the latest application that made them a member ("Not answered" where
    there is none). Members are people appointed in rounds whose tables staff see, so every answer
    any round hides among its appointees is hidden here too: what this table shows is then no
    more than those tables already let anyone work out."""
    asked = questions()
    people = User.objects.filter(pk__in=Membership.objects.filter(status=MembershipStatus.ACTIVE).values("person"))
    latest = MonitoringResponse.objects.filter(
        application__applicant=OuterRef("pk"), application__membership__isnull=False
    ).order_by("-application__submitted_at", "-pk")
    people = people.annotate(**{f"answer_{q.field}": Subquery(latest.values(q.field)[:1]) for q in asked})
    counts = {
        f"{q.field}|{key}": Count("pk", filter=Q(**{f"answer_{q.field}__in": values}))
        for q in asked
        for key, values in q.groups.items()
    }
    found = people.aggregate(everyone=Count("pk"), **counts)
    everything = equality_tables(rules)
    tables = []
    for question in asked:
        answered = {key: found[f"{question.field}|{key}"] for key in question.groups}
        answered[disclosure.NOT_ANSWERED] = found["everyone"] - sum(answered.values())
        furthest = {key: [count, 0, 0, 0] for key, count in answered.items()}
        hidden = {(key, 0) for key in everything.hidden_appointed(question.field)}
        tables.append(disclosure.protect(question.title, question.answers, furthest, rules, hidden=hidden))
    return tables


def _applicants(today: date, rules: disclosure.Rules) -> tuple[str, list[disclosure.Table]]:
    """Last year's applicants, or the last three years' where one year had too few."""
    year = today.year - 1
    everything = equality_tables(rules)
    one_year = everything.year(year)
    if not one_year[0].too_few:
        return f"People who applied in {year}", one_year
    return f"People who applied from {year - WINDOW_YEARS + 1} to {year}", everything.year(year, WINDOW_YEARS)


def _share(count: int, total: int) -> str:
    return f"{round(100 * count / total)}%" if total else ""


def _column(table: disclosure.Table | None, key: str) -> tuple[str, str]:
    """A count and its share of everyone in the table, or "not shown" and nothing."""
    if table is None or table.too_few:
        return "", ""
    cell = next(row.cells[0] for row in table.rows if row.key == key)
    if not cell.shown:
        return NOT_SHOWN, ""
    return str(cell.value), _share(cell.value, table.totals[0])


def public_equality_content(today: date, rules: disclosure.Rules | None = None) -> dict:
    """The page as it would be published today, as plain data."""
    rules = rules or disclosure.rules()
    members = _members_tables(rules)
    applicants_heading, applicants = _applicants(today, rules)
    figures = population_figures()
    sections = []
    for number, question in enumerate(questions()):
        member_table = members[number]
        applicant_table = applicants[number] if applicants else None
        people = figures["figures"].get(question.field, {})
        counted = sum(people.values())
        rows = []
        for key, label in question.answers:
            members_count, members_share = _column(member_table, key)
            applicants_count, applicants_share = _column(applicant_table, key)
            in_population = key in people and counted
            rows.append(
                {
                    "answer": label,
                    "members": members_count,
                    "members_share": members_share,
                    "applicants": applicants_count,
                    "applicants_share": applicants_share,
                    "population_share": _share(people[key], counted) if in_population else "",
                }
            )
        sections.append({"question": question.title, "rows": rows})
    return {
        "date": today.isoformat(),
        "threshold": rules.threshold,
        "minimum_group": rules.minimum_group,
        "members": {"total": members[0].totals[0], "too_few": members[0].too_few},
        "applicants": {
            "heading": applicants_heading,
            "total": applicants[0].totals[0] if applicants else 0,
            "too_few": not applicants or applicants[0].too_few,
        },
        "population": {
            "source": figures["source"],
            "source_date": figures["source_date"],
            "loaded": bool(figures["figures"]),
        },
        "sections": sections,
    }


def equality_publications():
    return EqualityPublication.objects.only("pk", "published_at")


def current_publication() -> EqualityPublication | None:
    return EqualityPublication.objects.first()
