"""The reader's cursor on a chart: every figure drawn, in date order, so ← and → step from one
to the next across all series (and across the overview's small multiples). Pure; no UI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mes_tui.core.queries import ChartPanel

__all__ = ["ChartPoint", "chart_points", "step"]


@dataclass(frozen=True, slots=True)
class ChartPoint:
    """One figure as drawn: which panel and series, where (its date and value), which id."""

    panel: int
    series: int
    day: date
    value: float
    id: str


def chart_points(panels: tuple[ChartPanel, ...]) -> tuple[ChartPoint, ...]:
    """Every figure of ``panels`` that has an id, by date, then panel, then series."""
    points = [
        ChartPoint(p, s, day, amount, fid)
        for p, panel in enumerate(panels)
        for s, series in enumerate(panel.series)
        for day, amount, fid in zip(series.dates, series.values, series.ids, strict=False)
        if fid
    ]
    return tuple(sorted(points, key=lambda point: (point.day, point.panel, point.series)))


def step(points: tuple[ChartPoint, ...], current: int | None, by: int) -> int | None:
    """The index ``by`` steps from ``current``, clamped at both ends (None: from outside the
    chart, so → starts at the first figure and ← at the latest); None when there is none."""
    if not points:
        return None
    if current is None:
        return 0 if by > 0 else len(points) - 1
    return max(0, min(len(points) - 1, current + by))
