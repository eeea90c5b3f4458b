"""The metric pane: the metric's head, then three views of its figures — Chart (one panel, or
the overview's small multiples, each with its legend below it, never over data; a cursor that
reads figures off; series shown or hidden), Table (every listed value) and Sources (who said
each figure drawn, where and when). A metric with one value gets a value card, not a chart."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from textual import on
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import ContentSwitcher, DataTable, Static

from mes_tui.core.chart_cursor import ChartPoint, chart_points, step
from mes_tui.core.export import ExportError, write_atomic
from mes_tui.core.queries import ChartSeries, MetricView
from mes_tui.present import chart as chart_words
from mes_tui.present.analysis import metric_label
from mes_tui.present.language import N_, _
from mes_tui.present.messages import export_error
from mes_tui.ui.chart import MetricChart
from mes_tui.ui.chart_draw import CURSOR_MARKER, legend_entries
from mes_tui.ui.chart_render import one_value, render_svg
from mes_tui.ui.glyphs import unicode_ok
from mes_tui.ui.metric_content import head_content, series_content
from mes_tui.ui.metric_table import MetricTable
from mes_tui.ui.safe import literal

__all__ = ["CHART_SLOTS", "VIEWS", "MetricDetail"]

CHART_SLOTS = 2  # the overview's small multiples: accounts, then the rates by their base
VIEWS = tuple(chart_words.VIEW_NAMES)  # chart, table, sources: the order ``v`` steps through
_CHART_ACTIONS = frozenset({"cursor", "toggle_series", "toggle_zero", "save_chart"})
# Below this many rows the overview's two charts stand side by side (each keeps its height).
SIDE_BY_SIDE_BELOW = 34
SIDE_BY_SIDE_WIDTH = 70  # ... when the pane is wide enough for two charts of 35 columns


class MetricDetail(VerticalScroll):
    """Shows ``view``; it is given, never fetched. Says which figure the reader picks with
    the chart's cursor or the table (``FigurePicked``): the screen selects it in the timeline."""

    ALLOW_MAXIMIZE = True
    BINDINGS = [
        Binding("v", "next_view", N_("View")),
        Binding("right", "cursor(1)", N_("Next figure"), key_display="← →"),
        Binding("left", "cursor(-1)", N_("Previous figure"), show=False),
        Binding("space", "toggle_series", N_("Show/hide series"), key_display="space"),
        Binding("0", "toggle_zero", N_("Y from 0 / fit")),
        Binding("S", "save_chart", N_("Save chart SVG"), key_display="S"),
    ]
    can_focus = True
    view: reactive[MetricView | None] = reactive(None, always_update=True, repaint=False)
    from_zero: reactive[bool] = reactive(True)
    shown_view: reactive[str] = reactive("chart")
    cursor: reactive[int | None] = reactive(None)  # an index into the chart's points
    hidden: reactive[frozenset[tuple[int, int]]] = reactive(frozenset)  # (panel, series)

    class FigurePicked(Message):
        """The reader picked the figure ``id`` (the chart's cursor, or Enter in the table)."""

        def __init__(self, figure_id: str) -> None:
            super().__init__()
            self.figure_id = figure_id

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._legends: dict[int, list[tuple[str, ChartSeries]]] = {}
        self._legends_said: dict[int, str] = {}
        self._points: tuple[ChartPoint, ...] = ()

    def compose(self):
        self.border_title = _("Metric")
        yield Static(head_content(None), id="metric-head")
        yield Static("", id="view-tabs")
        with ContentSwitcher(initial="view-chart", id="metric-views"):
            with Vertical(id="view-chart"):
                yield Static("", id="chart-card")
                yield Static("", id="chart-readout")
                with Vertical(id="chart-slots"):
                    for index in range(CHART_SLOTS):
                        with Vertical(classes="chart-slot"):
                            yield MetricChart(id="chart" if index == 0 else f"chart-{index + 1}")
                            yield Static("", id=f"legend-{index + 1}", classes="chart-legend")
                yield Static("", id="chart-mode", classes="chart-legend")
                yield Static("", id="metric-series")
            yield MetricTable(id="view-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="view-sources")

    # ── what is shown ───────────────────────────────────────────────────────────────────
    def _charts(self) -> list[MetricChart]:
        return list(self.query(MetricChart))

    def watch_view(self) -> None:
        self.cursor = None
        self.hidden = frozenset()
        self._points = chart_points(self.view.panels) if self.view is not None else ()
        self.refresh_words()

    def refresh_words(self) -> None:
        """Say it again (the language changed, or the view)."""
        view = self.view
        self.query_one("#metric-head", Static).update(head_content(view))
        self.query_one("#metric-series", Static).update(series_content(view))
        panels = view.panels if view is not None else ()
        card = view is not None and one_value(view)
        card_static = self.query_one("#chart-card", Static)
        card_static.display = card
        if card and view is not None:
            card_static.update(literal("\n".join(chart_words.card_lines("", view.sources[0]))))
        label = metric_label(view.metric) if view is not None else ""
        for index, chart in enumerate(self._charts()):
            slot = chart.parent
            shown = not card and index < len(panels) and bool(panels[index].series)
            if isinstance(slot, Vertical):
                slot.display = shown
            if not shown or view is None:
                continue
            panel = panels[index]
            chart.unit, chart.scale, chart.from_zero = panel.unit, panel.scale, self.from_zero
            chart.heading = chart_words.panel_title(panel, label, view.overview)
            chart.series = panel.series
            self._legends[index] = legend_entries(panel, unicode_ok())
        mode = self.query_one("#chart-mode", Static)
        mode.display = bool(panels) and not card
        mode.update(literal(chart_words.y_mode(self.from_zero)))
        self.query_one(MetricTable).show(view.series if view is not None else ())
        sources = chart_words.source_lines(view.sources) if view is not None else []
        self.query_one("#view-sources", Static).update(literal("\n".join(sources)))
        self._say_tabs()
        self._say_cursor()
        self.refresh_bindings()
        self.border_title = _("Overview") if view is not None and view.overview else _("Metric")
        self.call_after_refresh(self._fit_chart)

    def _say_tabs(self) -> None:
        """ "Chart · Table · Sources   v: next view", the shown one in bold."""
        parts: list[Content | tuple[str, str] | str] = []
        for name, words in chart_words.VIEW_NAMES.items():
            if parts:
                parts.append((" · ", "dim"))
            parts.append((_(words), "bold reverse" if name == self.shown_view else "dim"))
        parts.append(("   v ", "bold $accent"))
        parts.append((_("next view"), "dim"))
        self.query_one("#view-tabs", Static).update(Content.assemble(*parts))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The chart's keys act, and are shown, in the Chart view only."""
        if action in _CHART_ACTIONS:
            card = self.view is not None and one_value(self.view)  # one value: no axes
            return self.shown_view == "chart" and not (card and action != "save_chart")
        return True

    # ── views ───────────────────────────────────────────────────────────────────────────
    def watch_shown_view(self, name: str) -> None:
        self.query_one(ContentSwitcher).current = f"view-{name}"
        self.refresh_bindings()
        self._say_tabs()
        if name == "table":
            self.query_one(MetricTable).focus()
        elif self.app.focused is self.query_one(MetricTable):
            self.focus()
        self.call_after_refresh(self._fit_chart)

    def action_next_view(self) -> None:
        """Chart → Table → Sources → Chart."""
        self.shown_view = VIEWS[(VIEWS.index(self.shown_view) + 1) % len(VIEWS)]

    @on(DataTable.RowSelected, "#view-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.post_message(self.FigurePicked(event.row_key.value))

    # ── the chart's cursor and series ───────────────────────────────────────────────────
    def action_cursor(self, by: int) -> None:
        """Read off the next (or previous) figure drawn, and select it in the timeline."""
        if self.shown_view != "chart" or not self._points:
            return
        self.cursor = step(self._points, self.cursor, by)

    def watch_cursor(self, cursor: int | None) -> None:
        point = self._points[cursor] if cursor is not None and self._points else None
        for index, chart in enumerate(self._charts()):
            chart.mark = (point.day, point.value) if point and point.panel == index else None
        self._say_cursor()
        if point is not None:
            self.post_message(self.FigurePicked(point.id))

    def _say_cursor(self) -> None:
        readout = self.query_one("#chart-readout", Static)
        point = self._points[self.cursor] if self.cursor is not None and self._points else None
        rows = {row["id"]: row for row in self.view.sources} if self.view is not None else {}
        if point is None or point.id not in rows:
            readout.display = bool(self._points) and not (self.view and one_value(self.view))
            readout.update(Content.styled(_("← → read the figures off the chart"), "dim"))
            return
        readout.display = True
        glyph, series = self._legends[point.panel][point.series]
        words = chart_words.readout(glyph, series, rows[point.id])
        if (point.panel, point.series) in self.hidden:
            words += " " + _("(hidden)")
        readout.update(Content.assemble((f"{CURSOR_MARKER} ", "bold $accent"), literal(words)))

    def action_toggle_series(self) -> None:
        """Hide the series under the cursor, or show it again."""
        if self.cursor is None or not self._points:
            self.notify(_("Put the cursor on a series first (← →)."), severity="warning")
            return
        point = self._points[self.cursor]
        self.hidden = self.hidden ^ {(point.panel, point.series)}

    def watch_hidden(self, hidden: frozenset[tuple[int, int]]) -> None:
        for index, chart in enumerate(self._charts()):
            chart.hidden = frozenset(s for p, s in hidden if p == index)
        self._say_cursor()
        self._say_legends()

    # ── the y axis and the SVG ──────────────────────────────────────────────────────────
    def watch_from_zero(self, from_zero: bool) -> None:
        for chart in self._charts():
            chart.from_zero = from_zero
        self.query_one("#chart-mode", Static).update(literal(chart_words.y_mode(from_zero)))

    def action_toggle_zero(self) -> None:
        """Counts and shares start at 0 by default; this fits the y axis to the values."""
        self.from_zero = not self.from_zero

    def action_save_chart(self) -> None:
        """Save the chart with its sources as SVG in the working directory, never over a file;
        served in a browser, the visitor downloads it and nothing is written on the server."""
        if self.view is None or not self.view.panels:
            self.notify(_("No chart to save."), severity="warning")
            return
        name = str(self.view.metric.get("id") or "overview")
        svg = render_svg([self.view])
        if self.app.is_web:
            self.app.deliver_text(
                io.StringIO(svg),
                save_filename=f"mes-tui-{name}.svg",
                mime_type="image/svg+xml",
            )
            self.notify(_("The chart and its sources are sent to your browser."), markup=False)
            return
        for attempt in range(1, 1000):
            path = Path(f"mes-tui-{name}{'' if attempt == 1 else f'-{attempt}'}.svg")
            try:
                write_atomic(path, svg)
            except ExportError as error:
                if path.exists():
                    continue
                self.notify(export_error(error), severity="error", markup=False)
                return
            self.notify(
                _("Saved the chart and its sources to {path}").format(path=path.resolve()),
                markup=False,
            )
            return

    # ── sizes ───────────────────────────────────────────────────────────────────────────
    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_chart)

    def _say_legends(self) -> None:
        width = max(20, self.scrollable_content_region.width - 2)
        slots = self.query_one("#chart-slots", Vertical)
        if slots.has_class("-side"):
            width = max(20, width // CHART_SLOTS - 1)
        for index, entries in self._legends.items():
            legend = self.query_one(f"#legend-{index + 1}", Static)
            hidden = frozenset(s for p, s in self.hidden if p == index)
            text = chart_words.legend_text(entries, width, hidden=hidden)
            if self._legends_said.get(index) != text:  # a legend updated is a layout more
                self._legends_said[index] = text
                legend.update(literal(text))

    def _fit_chart(self) -> None:
        """The charts share what the heading leaves of the pane, so their axes stay in view;
        on a short pane the overview's two charts stand side by side. The table takes the
        room left below the heading and scrolls inside it."""
        height = self.scrollable_content_region.height
        head = self.query_one("#metric-head", Static).outer_size.height
        room = height - head - 2  # the view tabs and the cursor's readout
        shown = [c for c in self._charts() if c.parent is not None and c.parent.display]
        slots = self.query_one("#chart-slots", Vertical)
        wide = self.scrollable_content_region.width >= SIDE_BY_SIDE_WIDTH
        side = len(shown) > 1 and height < SIDE_BY_SIDE_BELOW and wide
        slots.set_class(side, "-side")
        self._say_legends()
        each = room - 4 if side else room // max(1, len(shown)) - 3
        for chart in shown or self._charts()[:1]:
            chart.styles.height = max(10, min(each, 30))
        self.query_one(MetricTable).styles.height = max(6, room)
