"""The in-terminal chart: one series per actor (or per definition), told apart by marker
and colour, on a real date axis."""

from __future__ import annotations

import locale

from textual.reactive import reactive
from textual_plotext import PlotextPlot

from mes_tui.core.queries import ChartSeries
from mes_tui.ui.themes import ANSI_THEMES

__all__ = ["MetricChart", "markers"]

_UNICODE_MARKERS = ("●", "■", "▲", "◆", "✚", "★", "▼", "○")
_ASCII_MARKERS = ("o", "x", "+", "*", "#", "@", "%", "&")
# Named colours exist in every palette, 16-colour terminals included.
_COLOURS = ("cyan", "magenta", "green", "yellow", "blue", "red", "white", "orange")


def markers() -> tuple[str, ...]:
    """Marker glyphs the terminal can print: ASCII when the locale is not UTF-8."""
    encoding = (locale.getpreferredencoding(False) or "").lower().replace("-", "")
    return _UNICODE_MARKERS if encoding in ("utf8", "utf16", "utf32") else _ASCII_MARKERS


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
        for index, serie in enumerate(self.series):
            xs = [day.isoformat() for day in serie.dates]
            plt.plot(
                xs, list(serie.values),
                marker=glyphs[index % len(glyphs)],
                color=_COLOURS[index % len(_COLOURS)],
                label=serie.label,
                yside=serie.axis,
            )
        if not self.series:
            plt.title("no values to chart")
        else:
            plt.title(self.heading)
            plt.ylabel(self.y_label, yside="left")
            if any(s.axis == "right" for s in self.series):
                plt.ylabel(self.y_right_label, yside="right")
        self.refresh()
