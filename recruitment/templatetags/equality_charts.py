"""{% equality_chart table number %}: a table of equality counts as a bar chart (recruitment/charts.py);
{% shares_chart_of %} does the same for the public page, whose rows are plain data."""

from datetime import date

from django import template

from recruitment.charts import funnel_chart, shares_chart

register = template.Library()


@register.inclusion_tag("recruitment/_equality_chart.html")
def equality_chart(table, number):
    return {"chart": funnel_chart(table), "number": number, "question": table.question}


@register.inclusion_tag("recruitment/_equality_chart.html")
def shares_chart_of(section, series, number):
    return {"chart": shares_chart(section["rows"], series), "number": number, "question": section["question"]}


@register.filter
def cell(row: dict, key: str) -> str:
    """A published row's value for a column."""
    return row.get(key, "")


@register.filter
def day_in_words(value: str) -> str:
    """A date kept as 2022-11-02, as people write it: 2 November 2022."""
    return f"{(day := date.fromisoformat(value)).day} {day:%B %Y}" if value else ""
