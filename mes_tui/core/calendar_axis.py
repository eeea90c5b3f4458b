"""A chart's time axis: calendar ticks, and where a figure about a period is drawn.

Ticks fall on calendar boundaries (1 January; the 1st of a month when the span is short),
never on arbitrary days. A figure that covers a period (a flow: documents sent in 2023) is
drawn over that period; any other figure (a stock, a share) is drawn at the end of its period,
with the precision it is known to (a month, a year), never at an invented day. Pure; no UI.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, Literal

__all__ = [
    "MONTH_STEPS",
    "YEAR_STEPS",
    "Placement",
    "Tick",
    "calendar_ticks",
    "place",
]

Precision = Literal["day", "month", "quarter", "year"]
TickUnit = Literal["year", "month"]
YEAR_STEPS: Final = (1, 2, 5, 10, 20, 50)
MONTH_STEPS: Final = (1, 2, 3, 6)


@dataclass(frozen=True, slots=True)
class Tick:
    """A tick on the 1st of a month (``unit`` "month") or on 1 January (``unit`` "year")."""

    day: date
    unit: TickUnit


@dataclass(frozen=True, slots=True)
class Placement:
    """Where one figure goes on the time axis: ``start`` to ``end`` when ``spans`` (a segment
    over its period), else the point ``end``; ``precision`` says how exactly ``end`` is known."""

    start: date
    end: date
    spans: bool
    precision: str


def _months(day: date) -> int:
    return day.year * 12 + day.month - 1


def _month_day(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def calendar_ticks(first: date, last: date, most: int = 6) -> tuple[Tick, ...]:
    """At most ``most`` (≥ 2) ticks within [first, last]: years when the span holds at least
    two of them, else months (every 1, 2, 3 or 6). A span holding no boundary at all gets the
    boundary just before it, so an axis always has a labelled tick."""
    if last < first:
        first, last = last, first
    most = max(2, most)
    years = [y for y in range(first.year, last.year + 1) if date(y, 1, 1) >= first]
    if len(years) >= 2:
        step = next((s for s in YEAR_STEPS if len(years[::s]) <= most), YEAR_STEPS[-1])
        start = next(y for y in years if y % step == 0) if step > 1 else years[0]
        return tuple(Tick(date(y, 1, 1), "year") for y in range(start, last.year + 1, step))
    low = _months(first) + (first.day > 1)
    high = _months(last)
    if high < low:  # within one month: the month it lies in
        return (Tick(date(first.year, first.month, 1), "month"),)
    count = high - low + 1
    step = next((s for s in MONTH_STEPS if (count + s - 1) // s <= most), MONTH_STEPS[-1])
    aligned = next(m for m in range(low, low + step) if m % step == 0) if step > 1 else low
    return tuple(
        Tick(_month_day(m), "year" if m % 12 == 0 else "month")
        for m in range(aligned, high + 1, step)
    )


def place(start: date, end: date, precision: str, covers_period: bool) -> Placement:
    """Where a figure about [start, end] goes: over its period when it counts what happened
    during it (``covers_period``, a flow) and the period is longer than a day; else at its
    end, with its precision."""
    if end < start:
        start, end = end, start
    spans = covers_period and end > start
    return Placement(start=start if spans else end, end=end, spans=spans, precision=precision)


def day_number(day: date) -> int:
    """Days since 1970-01-01: the chart's x coordinate."""
    return (day - date(1970, 1, 1)).days


def span_end(placement: Placement) -> date:
    """The day after a spanning period (so a year ends on the next 1 January tick)."""
    return placement.end + timedelta(days=1) if placement.spans else placement.end
