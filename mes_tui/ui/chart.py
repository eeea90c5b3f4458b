"""The in-terminal chart: one panel of series told apart by marker (colour only helps), on a
calendar axis, y from 0 for counts and shares unless the reader fits it to the values. The
legend is drawn beside it by the metric pane (``present.chart.legend_text``), never over data."""

from __future__ import annotations

from datetime import date

from textual.reactive import reactive
from textual_plotext import PlotextPlot

from mes_tui.core.queries import ChartPanel, ChartSeries
from mes_tui.ui.chart_draw import ASCII_MARKERS, UNICODE_MARKERS, draw_panel
from mes_tui.ui.glyphs import unicode_ok
from mes_tui.ui.safe import one_line
from mes_tui.ui.themes import ANSI_THEMES

__all__ = ["MetricChart", "markers"]


def markers() -> tuple[str, ...]:
    """Marker glyphs the terminal can print: ASCII when the locale is not UTF-8."""
    return UNICODE_MARKERS if unicode_ok() else ASCII_MARKERS


class MetricChart(PlotextPlot):
    """Plots ``series`` (in ``unit``, divided by ``scale``); redraws whenever they, the
    y-axis mode or the app's theme change."""

    ALLOW_MAXIMIZE = True
    series: reactive[tuple[ChartSeries, ...]] = reactive(tuple, always_update=True)
    heading: reactive[str] = reactive("")
    unit: reactive[str] = reactive("count")
    scale: reactive[float] = reactive(1.0)
    from_zero: reactive[bool] = reactive(True)
    hidden: reactive[frozenset[int]] = reactive(frozenset)  # indexes of series not drawn
    mark: reactive[tuple[date, float] | None] = reactive(None)  # the reader's cursor

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

    def watch_from_zero(self) -> None:
        self.replot()

    def on_resize(self) -> None:
        self.replot()  # the title and the ticks are fitted to the width

    def watch_hidden(self) -> None:
        self.replot()

    def watch_mark(self) -> None:
        self.replot()

    @property
    def panel(self) -> ChartPanel:
        return ChartPanel("", self.unit, self.series, scale=self.scale)

    def replot(self) -> None:
        # plotext's output is read back as ANSI text: data must not carry live escapes.
        draw_panel(
            self.plt,
            self.panel,
            one_line(self.heading),
            from_zero=self.from_zero,
            unicode=unicode_ok(),
            width=self.size.width or 80,
            hidden=self.hidden,
            mark=self.mark,
        )
        self.refresh()
