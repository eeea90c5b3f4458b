"""Every word and number a chart shows, in the reader's language: tick labels, panel titles,
the legend, the value card, the y-axis mode and the sources listed under a chart (the explorer,
``mes-tui chart`` and the SVG export share them)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from mes_tui.core.calendar_axis import Tick
from mes_tui.core.queries import OVERVIEW_RATES, ChartPanel, ChartSeries
from mes_tui.present.analysis import in_language
from mes_tui.present.citation import citation
from mes_tui.present.formats import (
    colon,
    month_name,
    number,
    one_line,
    period,
    unit_suffix,
    value,
)
from mes_tui.present.language import N_, _, current_language
from mes_tui.present.series import series_label

__all__ = [
    "VIEW_NAMES",
    "card_lines",
    "fit",
    "legend_text",
    "no_values",
    "panel_title",
    "readout",
    "series_words",
    "source_lines",
    "tick_label",
    "value_tick_label",
    "y_mode",
]

# The metric pane's views, in the order ``v`` steps through them.
VIEW_NAMES = {"chart": N_("Chart"), "table": N_("Table"), "sources": N_("Sources")}


def tick_label(tick: Tick, lang: str | None = None) -> str:
    """ "2023" on 1 January, "mars" / "Mar" on the 1st of another month."""
    return str(tick.day.year) if tick.unit == "year" else month_name(tick.day.month, lang)


def value_tick_label(amount: float, lang: str | None = None) -> str:
    """A y tick: "12,5" / "12.5", "1 450" / "1,450" (the scale is in the panel's title)."""
    return number(amount, lang, exact=True)


def panel_title(
    panel: ChartPanel, label: str, overview: bool = False, lang: str | None = None
) -> str:
    """ "Comptes activés (millions)", "Taux d'activation, chacun sur sa propre base (%)"."""
    if panel.key == OVERVIEW_RATES:
        return _("Activation rates, each over its own base (%)", lang)
    if overview:
        label = _("Activated accounts", lang)
    unit = unit_suffix(panel.unit, lang)
    if panel.scale == 1e6:
        unit = _("millions", lang) + (" €" if panel.unit == "eur" else "")
    return one_line(f"{label} ({unit})" if unit else label)


def series_words(series: ChartSeries, lang: str | None = None) -> str:
    """Who (and where, for a région's line: ``metric_view`` names it so), which definition,
    whether a goal: "CNAM · médecins · objectif"."""
    french = (lang or current_language()) == "fr"
    label = series.label_fr if series.label_fr and french else series.label
    parts = [series_label(label, True, lang)]
    if series.category:
        parts.append(series.category)
    if series.goal:
        parts.append(_("goal", lang))
    return one_line(" · ".join(parts))


def legend_text(
    entries: Iterable[tuple[str, ChartSeries]],
    width: int = 78,
    lang: str | None = None,
    hidden: frozenset[int] = frozenset(),
) -> str:
    """Each series' marker and words (the indexes in ``hidden`` said to be hidden), packed
    into lines of at most ``width`` columns, then how flows are drawn when there are any."""
    lines: list[str] = []
    spans = False
    for index, (glyph, series) in enumerate(entries):
        entry = f"{glyph} {series_words(series, lang)}"
        if index in hidden:
            entry += " " + _("(hidden)", lang)
        spans = spans or series.spans
        if lines and len(lines[-1]) + 3 + len(entry) <= width:
            lines[-1] += "   " + entry
        else:
            lines.append(entry)
    if spans:
        lines.append(_("each figure is drawn over the period it counts", lang))
    return "\n".join(lines)


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` columns with an ellipsis (plotext drops a longer title)."""
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


def y_mode(from_zero: bool, lang: str | None = None) -> str:
    if from_zero:
        return _("y from 0 · 0: fit to values", lang)
    return _("y fitted to values · 0: from 0", lang)


def no_values(lang: str | None = None) -> str:
    return _("no values to chart", lang)


def card_lines(label: str, row: Mapping[str, Any], lang: str | None = None) -> list[str]:
    """A metric with one value: the value, its period, who said it; no chart."""
    amount = value(row["value"], row["unit"], row["qualifier"], lang)
    when = period(row["period_start"], row["period_end"], row["period_precision"], lang)
    return [
        *([one_line(label)] if label else []),
        amount,
        one_line(f"{when} · {in_language(row, 'actor_short', lang)}"),
        _("one published value: nothing to chart", lang),
    ]


def source_lines(rows: Iterable[Mapping[str, Any]], lang: str | None = None) -> list[str]:
    """ "Sources:" then one line per figure: id, value, period, citation."""
    lines = [_("Sources:", lang)]
    for row in rows:
        amount = value(row["value"], row["unit"], row["qualifier"], lang)
        when = period(row["period_start"], row["period_end"], row["period_precision"], lang)
        cited = one_line(citation(row, lang))
        lines.append(f"  [{one_line(row['id'])}] {amount}, {when} — {cited}")
    return lines


def readout(
    glyph: str, series: ChartSeries, row: Mapping[str, Any], lang: str | None = None
) -> str:
    """What the cursor reads off: "● CNAM : 24 M, janv. 2026 [2026-01-…]"."""
    amount = value(row["value"], row["unit"], row["qualifier"], lang)
    when = period(row["period_start"], row["period_end"], row["period_precision"], lang)
    # Only the data is flattened: the words keep their no-break spaces.
    said = f"{series_words(series, lang)}{colon(lang)}{amount}, {when} [{one_line(row['id'])}]"
    return f"{glyph} {said}"
