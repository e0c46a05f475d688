"""Bar charts of equality tables, drawn on the server as SVG (templates/recruitment/_equality_chart.html).

Each answer gets a bar for each stage. Stages differ by pattern as well as colour, so the chart
reads in greyscale and for people who do not see colour; a count the table hides has no bar, only
the words "not shown". The table beside the chart is its text alternative and holds the same
numbers; the chart adds nothing the table does not say.
"""

from dataclasses import dataclass

from recruitment.disclosure import STAGES, Table

WIDTH = 420
LABEL_HEIGHT = 20
BAR_HEIGHT = 12
BAR_GAP = 3
GROUP_GAP = 14
VALUE_ROOM = 80  # space after the longest bar for its number
# One per stage: a colour with 3:1 contrast or more against white, and a pattern of its own.
STYLES = [
    {"colour": "#1d70b8", "pattern": "solid"},
    {"colour": "#00703c", "pattern": "stripes"},
    {"colour": "#4c2c92", "pattern": "dots"},
    {"colour": "#d4351c", "pattern": "checks"},
]


@dataclass(frozen=True)
class Bar:
    stage: int
    y: int
    width: float
    value: str  # the number, or "not shown"


@dataclass(frozen=True)
class Group:
    label: str
    y: int
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Chart:
    height: int
    groups: tuple[Group, ...]
    legend: tuple[tuple[str, dict], ...]
    width: int = WIDTH


def funnel_chart(table: Table) -> Chart | None:
    """The chart of a table, or None when the table shows nothing."""
    if table.too_few:
        return None
    most = max((cell.value for row in table.rows for cell in row.cells if cell.shown), default=0) or 1
    room = WIDTH - VALUE_ROOM
    groups, y = [], 0
    for row in table.rows:
        top = y + LABEL_HEIGHT
        bars = tuple(
            Bar(
                stage=stage,
                y=top + stage * (BAR_HEIGHT + BAR_GAP),
                width=round(room * cell.value / most, 1) if cell.shown else 0,
                value=str(cell.value) if cell.shown else "not shown",
            )
            for stage, cell in enumerate(row.cells)
        )
        groups.append(Group(label=row.label, y=y, bars=bars))
        y = top + len(STAGES) * (BAR_HEIGHT + BAR_GAP) + GROUP_GAP
    legend = tuple(zip(STAGES, STYLES, strict=True))
    return Chart(height=y, groups=tuple(groups), legend=legend)


def shares_chart(rows: list[dict], series: list[tuple[str, str, str]]) -> Chart:
    """A chart of the public page's shares: for each answer, a bar for each group of people (panel
    members, applicants, the City Region). `series` is each group's (count key, share key, name);
    a share the page does not show has no bar, only the words the table has."""
    room = WIDTH - VALUE_ROOM
    groups, y = [], 0
    for row in rows:
        top = y + LABEL_HEIGHT
        bars = []
        for number, (count_key, share_key, _) in enumerate(series):
            share = row.get(share_key, "")
            words = share or (row.get(count_key) or "not known")
            width = round(room * int(share.rstrip("%")) / 100, 1) if share else 0
            bars.append(Bar(stage=number, y=top + number * (BAR_HEIGHT + BAR_GAP), width=width, value=words))
        groups.append(Group(label=row["answer"], y=y, bars=tuple(bars)))
        y = top + len(series) * (BAR_HEIGHT + BAR_GAP) + GROUP_GAP
    legend = tuple((name, STYLES[number]) for number, (_, _, name) in enumerate(series))
    return Chart(height=y, groups=tuple(groups), legend=legend)
