"""The in-terminal chart: one series per actor (or per definition), told apart by marker
and colour, on a real date axis."""

from __future__ import annotations

from datetime import timedelta

from textual.reactive import reactive
from textual_plotext import PlotextPlot

from mes_tui.core.queries import ChartSeries
from mes_tui.present.language import _
from mes_tui.ui.glyphs import unicode_ok
from mes_tui.ui.safe import one_line
from mes_tui.ui.themes import ANSI_THEMES

__all__ = ["MetricChart", "markers"]

_UNICODE_MARKERS = ("●", "■", "▲", "◆", "✚", "★", "▼", "○")
_ASCII_MARKERS = ("o", "x", "+", "*", "#", "@", "%", "&")
# Named colours exist in every palette, 16-colour terminals included.
_COLOURS = ("cyan", "magenta", "green", "yellow", "blue", "red", "white", "orange")


def markers() -> tuple[str, ...]:
    """Marker glyphs the terminal can print: ASCII when the locale is not UTF-8."""
    return _UNICODE_MARKERS if unicode_ok() else _ASCII_MARKERS


class MetricChart(PlotextPlot):
    """Plots ``series``; redraws whenever it or the app's theme changes."""

    ALLOW_MAXIMIZE = True
    series: reactive[tuple[ChartSeries, ...]] = reactive(tuple, always_update=True)
    heading: reactive[str] = reactive("")
    y_label: reactive[str] = reactive("")
    y_right_label: reactive[str] = reactive("")

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._follow_theme())
        self._follow_theme()

    def _follow_theme(self) -> None:
        # plotext's automatic theme draws black axes on black under the ANSI themes.
        self.theme = "clear" if self.app.theme in ANSI_THEMES else "auto"
        self.replot()

    def watch_series(self) -> None:
        self.replot()

    def watch_heading(self) -> None:
        self.replot()

    def replot(self) -> None:
        plt = self.plt
        plt.clf()
        plt.date_form("Y-m-d")
        glyphs = markers()
        line = "braille" if glyphs is _UNICODE_MARKERS else "."
        for index, serie in enumerate(self.series):
            xs = [day.isoformat() for day in serie.dates]
            colour = _COLOURS[index % len(_COLOURS)]
            if len(xs) > 1:  # a thin line joins the points; the markers tell series apart
                plt.plot(xs, list(serie.values), marker=line, color=colour, yside=serie.axis)
            plt.scatter(
                xs,
                list(serie.values),
                marker=glyphs[index % len(glyphs)],
                color=colour,
                label=one_line(serie.label),
                yside=serie.axis,
            )
        self._pad_axes()
        if not self.series:
            plt.title(_("no values to chart"))
        else:
            # plotext's output is read back as ANSI text: data must not carry live escapes.
            plt.title(one_line(self.heading))
            # textual-plotext's stub names ylabel's second parameter xside; plotext's yside.
            plt.ylabel(self.y_label, yside="left")  # type: ignore[call-arg]
            if any(s.axis == "right" for s in self.series):
                plt.ylabel(self.y_right_label, yside="right")  # type: ignore[call-arg]
        self.refresh()

    def _pad_axes(self) -> None:
        """Give a lone date or a lone value room: invisible points widen a degenerate axis."""
        days = [day for serie in self.series for day in serie.dates]
        if not days:
            return
        first, last = min(days), max(days)
        if (last - first).days < 120:
            middle = first + (last - first) / 2
            anchors = [
                (middle - timedelta(days=150)).isoformat(),
                (middle + timedelta(days=150)).isoformat(),
            ]
            for side in {s.axis for s in self.series}:
                values = [v for s in self.series if s.axis == side for v in s.values]
                self.plt.scatter(anchors, [min(values), max(values)], marker=" ", yside=side)
        for side in {s.axis for s in self.series}:
            values = [v for s in self.series if s.axis == side for v in s.values]
            low, high = min(values), max(values)
            if high - low < 1e-9:
                pad = abs(high) * 0.2 or 1.0
                self.plt.scatter(
                    [first.isoformat()] * 2, [max(low - pad, 0), high + pad], marker=" ", yside=side
                )
