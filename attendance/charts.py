"""A server-rendered bar chart of attendance per agency: inline SVG, no script, with the table
on the same page as its accessible alternative."""

from __future__ import annotations

from dataclasses import dataclass

from .statistics import StatsRow

LABEL_WIDTH = 230
BAR_WIDTH = 330
ROW_HEIGHT = 26
BAR_HEIGHT = 18
# GOV.UK colours for present, substitute, apologies, absent and not recorded.
SEGMENTS = (
    ("present", "Present", "#00703c"),
    ("substitute", "Substitute", "#1d70b8"),
    ("apologies", "Apologies", "#ffdd00"),
    ("absent", "Absent", "#d4351c"),
    ("not_recorded", "Not recorded", "#b1b4b6"),
)


@dataclass(frozen=True)
class Segment:
    """One coloured part of a bar."""

    x: float
    width: float
    fill: str
    label: str
    count: int


@dataclass(frozen=True)
class Bar:
    """One agency's bar: its parts share out everyone expected, plus substitutes."""

    name: str
    y: int
    text_y: int
    rate: str
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Chart:
    """Everything the SVG template needs."""

    width: int
    height: int
    label_width: int
    bar_end: int
    bar_height: int
    bars: tuple[Bar, ...]
    legend: tuple[tuple[str, str], ...]


def attendance_chart(rows: tuple[StatsRow, ...]) -> Chart:
    """Stacked horizontal bars, one per agency, each the full width (shares, not totals)."""
    bars = []
    for index, row in enumerate(rows):
        total = row.expected + row.substitute
        x = float(LABEL_WIDTH)
        segments = []
        for field, label, fill in SEGMENTS:
            count = getattr(row, field)
            if not count or not total:
                continue
            width = BAR_WIDTH * count / total
            segments.append(Segment(round(x, 2), round(width, 2), fill, label, count))
            x += width
        y = index * ROW_HEIGHT + 4
        name = row.name if len(row.name) <= 34 else f"{row.name[:33]}…"
        bars.append(Bar(name, y, y + BAR_HEIGHT - 4, row.rate_percent, tuple(segments)))
    return Chart(
        width=LABEL_WIDTH + BAR_WIDTH + 50,
        height=max(1, len(bars)) * ROW_HEIGHT + 8,
        label_width=LABEL_WIDTH - 8,
        bar_end=LABEL_WIDTH + BAR_WIDTH + 6,
        bar_height=BAR_HEIGHT,
        bars=tuple(bars),
        legend=tuple((label, fill) for _, label, fill in SEGMENTS),
    )
