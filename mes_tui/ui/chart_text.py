"""Every word and number a chart shows, in one place: tick labels, panel titles, legend,
value card, the y-axis mode and the sources under a chart. (The interface's language and
number formats will come through here.)"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mes_tui.core.calendar_axis import Tick
from mes_tui.core.formatting import format_number, format_period, format_value
from mes_tui.core.queries import OVERVIEW_RATES, ChartPanel, ChartSeries
from mes_tui.ui.safe import one_line

__all__ = [
    "card_lines",
    "fit",
    "legend_text",
    "no_values",
    "panel_title",
    "source_lines",
    "tick_label",
    "value_tick_label",
    "y_mode",
]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_UNIT_WORDS = {"percent": "%", "eur": "€", "ratio": "×", "month": "months"}


def tick_label(tick: Tick) -> str:
    """ "2023" on 1 January, "Mar" on the 1st of another month."""
    return str(tick.day.year) if tick.unit == "year" else _MONTHS[tick.day.month - 1]


def value_tick_label(value: float) -> str:
    return format_number(value)


def panel_title(panel: ChartPanel, label: str, overview: bool = False) -> str:
    """ "Activated accounts (millions)", "Activation rates by their base (%)"."""
    if panel.key == OVERVIEW_RATES:
        return "Activation rates, each over its own base (%)"
    if overview:
        label = "Activated accounts"
    unit = _UNIT_WORDS.get(panel.unit, "")
    if panel.scale == 1e6:
        unit = "millions" + (" €" if panel.unit == "eur" else "")
    return one_line(f"{label} ({unit})" if unit else label)


def series_words(series: ChartSeries) -> str:
    """Who, which definition, which scope: "CNAM · doctors · local · goal"."""
    parts = [series.label]
    if series.category:
        parts.append(series.category)
    if series.scope and series.scope != "national":
        parts.append(series.scope)
    if series.goal:
        parts.append("goal")
    return one_line(" · ".join(parts))


def legend_text(entries: Iterable[tuple[str, ChartSeries]], width: int = 78) -> str:
    """Each series' marker and words, packed into lines of at most ``width`` columns, then
    how flows are drawn when there are any."""
    lines: list[str] = []
    spans = False
    for glyph, series in entries:
        entry = f"{glyph} {series_words(series)}"
        spans = spans or series.spans
        if lines and len(lines[-1]) + 3 + len(entry) <= width:
            lines[-1] += "   " + entry
        else:
            lines.append(entry)
    if spans:
        lines.append("each figure is drawn over the period it counts")
    return "\n".join(lines)


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` columns with an ellipsis (plotext drops a longer title)."""
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


def y_mode(from_zero: bool) -> str:
    return "y from 0 · 0: fit to values" if from_zero else "y fitted to values · 0: from 0"


def no_values() -> str:
    return "no values to chart"


def card_lines(label: str, row: dict[str, Any]) -> list[str]:
    """A metric with one value: the value, its period, who said it; no chart."""
    value = format_value(row["value"], row["unit"], row["qualifier"])
    period = format_period(row["period_start"], row["period_end"], row["period_precision"])
    return [
        one_line(label),
        value,
        one_line(f"{period} · {row['actor_short']}"),
        "one published value: nothing to chart",
    ]


def source_lines(rows: Iterable[dict[str, Any]]) -> list[str]:
    """ "Sources:" then one line per figure: id, value, period, citation."""
    lines = ["Sources:"]
    for row in rows:
        value = format_value(row["value"], row["unit"], row["qualifier"])
        period = format_period(row["period_start"], row["period_end"], row["period_precision"])
        cited = row.get("citation") or f"source {row.get('source')}"
        lines.append("  " + one_line(f"[{row['id']}] {value}, {period} — {cited}"))
    return lines
