"""{% equality_chart table number %}: a table of equality counts as a bar chart (recruitment/charts.py)."""

from django import template

from recruitment.charts import funnel_chart

register = template.Library()


@register.inclusion_tag("recruitment/_equality_chart.html")
def equality_chart(table, number):
    return {"chart": funnel_chart(table), "number": number, "question": table.question}
