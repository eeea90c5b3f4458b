"""Draws one chart panel on plotext (the explorer's widget and ``mes-tui chart`` share it).

Series are told apart by marker, so the chart reads without colour; the legend is not drawn
inside the plot (it would cover data) but returned, for the caller to show beside it. Points
are joined only within one series; a flow is drawn over its period and never joined.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from mes_tui.core.calendar_axis import calendar_ticks, day_number
from mes_tui.core.queries import ChartPanel, ChartSeries
from mes_tui.core.value_axis import value_axis
from mes_tui.present import chart as chart_words

__all__ = ["ASCII_MARKERS", "CURSOR_MARKER", "UNICODE_MARKERS", "draw_panel", "legend_entries"]

UNICODE_MARKERS = ("●", "■", "▲", "◆", "✚", "★", "▼", "○", "□", "△", "◇", "✕", "☆", "▽")
ASCII_MARKERS = ("o", "x", "+", "*", "#", "@", "%", "&", "=", "~", "^", "v", "$", "?")
CURSOR_MARKER = "X"  # the figure under the reader's cursor: readable in any terminal
# Named colours exist in every palette, 16-colour terminals included.
_COLOURS = ("cyan", "magenta", "green", "yellow", "blue", "red", "white", "orange")


def legend_entries(panel: ChartPanel, unicode: bool = True) -> list[tuple[str, ChartSeries]]:
    """Each series of ``panel`` with its marker, in drawing order."""
    glyphs = UNICODE_MARKERS if unicode else ASCII_MARKERS
    return [(glyphs[i % len(glyphs)], s) for i, s in enumerate(panel.series)]


def draw_panel(
    plt: Any,
    panel: ChartPanel,
    title: str,
    *,
    from_zero: bool = True,
    unicode: bool = True,
    colour: bool = True,
    width: int = 80,
    height: int | None = None,
    hidden: frozenset[int] = frozenset(),
    mark: tuple[date, float] | None = None,
) -> list[tuple[str, ChartSeries]]:
    """Plot ``panel`` on ``plt`` (cleared first; ``width`` × ``height`` when a height is
    given, else the size the caller's widget has); returns each series' marker. The series
    whose index is in ``hidden`` are left out (the axes still fit every series, so showing
    one again moves nothing); ``mark`` (a figure's date and value) is drawn as the reader's
    cursor: a vertical line through it."""
    plt.clf()
    if height is not None:
        plt.limit_size(False, False)  # the size asked for, not the terminal's
        plt.plotsize(width, height)
    line = "braille" if unicode else "."
    legend = legend_entries(panel, unicode)
    days = [d for s in panel.series for d in (*s.dates, *s.starts)]
    if not days:
        plt.title(chart_words.no_values())
        return []
    values = [v / panel.scale for s in panel.series for v in s.values]
    for index, (glyph, series) in enumerate(legend):
        if index in hidden:
            continue
        style: dict[str, Any] = {"color": _COLOURS[index % len(_COLOURS)]} if colour else {}
        ys = [v / panel.scale for v in series.values]
        ends = [day_number(d) for d in series.dates]
        if series.spans:  # each figure over its own period, never joined to the next
            for start, end, y in zip(series.starts, series.dates, ys, strict=True):
                plt.plot(
                    [day_number(start), day_number(end + timedelta(days=1))],
                    [y, y],
                    marker=glyph,
                    **style,
                )
        elif len(ends) > 1:  # a thin line joins the points of this series only
            plt.plot(ends, ys, marker=line, **style)
        plt.scatter(ends, ys, marker=glyph, **style)
    first, last = min(days), max(days)
    room = max(timedelta(days=20), (last - first) / 30)
    if last - first < timedelta(days=120):  # a short span still shows months around it
        room = timedelta(days=150)
    low, high = first - room, last + room
    ticks = calendar_ticks(low, high, most=max(2, min(8, width // 10)))
    plt.xlim(day_number(low), day_number(high))
    plt.xticks([day_number(t.day) for t in ticks], [chart_words.tick_label(t) for t in ticks])
    axis = value_axis(values, panel.unit, from_zero=from_zero)
    plt.ylim(axis.low, axis.high)
    plt.yticks(list(axis.ticks), [chart_words.value_tick_label(t) for t in axis.ticks])
    if mark is not None:
        plt.vline(day_number(mark[0]), **({"color": "white"} if colour else {}))
        plt.scatter([day_number(mark[0])], [mark[1] / panel.scale], marker=CURSOR_MARKER)
    plt.title(chart_words.fit(title, width - 4))
    return legend
