"""The metric detail pane: definition, look-alike warnings, the series over time and a chart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from mes_tui.core.export import ExportError, write_atomic
from mes_tui.core.formatting import format_comparison, format_period, format_value
from mes_tui.core.queries import ChartSeries, MetricView
from mes_tui.ui import chart_text
from mes_tui.ui.chart import MetricChart
from mes_tui.ui.chart_draw import legend_entries
from mes_tui.ui.chart_render import one_value, render_svg
from mes_tui.ui.glyphs import glyph, unicode_ok
from mes_tui.ui.safe import literal, one_line

__all__ = ["CHART_SLOTS", "MetricDetail", "head_content", "series_content"]

CHART_SLOTS = 2  # the overview's small multiples: accounts, then the rates by their base


def head_content(view: MetricView | None) -> Content:
    if view is None:
        return Content("Select a figure to see its metric.")
    metric = view.metric
    parts: list = [literal(metric["label_en"], "bold")]
    if metric.get("label_fr"):
        parts += [("  ", ""), literal(metric["label_fr"], "italic dim")]
    parts += ["\n", literal(metric["definition"]), "\n"]
    if metric.get("denominator"):
        parts += [("Share of: ", "dim"), literal(metric["denominator"], "bold"), "\n"]
    if metric.get("lookalike_note"):
        parts += [
            (f"{glyph('warning')} ", "bold $warning"),
            literal(metric["lookalike_note"], "$warning"),
            "\n",
        ]
    return Content.assemble(*parts)


def series_content(view: MetricView | None) -> Content:
    if view is None:
        return Content("")
    parts: list = []
    if view.series:
        latest = view.series[-1]
        period = format_period(
            latest["period_start"], latest["period_end"], latest["period_precision"]
        )
        parts += [
            ("Latest  ", "dim"),
            literal(
                format_value(latest["value"], latest["unit"], latest["qualifier"]), "bold $accent"
            ),
            literal(f"  {period} · {latest['actor_short']}"),
            "\n\n",
            ("Every value, oldest first (against the previous comparable one)\n", "bold"),
        ]
        if view.earlier:
            parts += [
                (
                    f"… {view.earlier:,} earlier values (the latest {len(view.series)} "
                    "follow; narrow the filters or export to see them all)\n",
                    "dim",
                )
            ]
        for row in view.series:
            when = format_period(row["period_start"], row["period_end"], row["period_precision"])
            value = format_value(row["value"], row["unit"], row["qualifier"])
            change = format_comparison(row)
            category = f" · {row['category']}" if row["category"] else ""
            if row.get("scope", "national") != "national":
                category += f" · {row['scope_detail'] or row['scope']}"
            parts += [
                literal(f"{when:<20}"),
                literal(f"{value:>12}", "bold"),
                "  ",
                literal(f"{row['actor_short']}{category}"),
                (f"  {change}" if change else "", "dim"),
                "\n",
            ]
    parts += _latest_parts(view) + _derived_parts(view) + _disagreement_parts(view)
    if view.lookalikes:
        title = (
            "Definitions side by side: do not confuse with" if not view.overview else "Series shown"
        )
        parts += ["\n", (f"{title}\n", "bold")]
        for other in view.lookalikes:
            share = f" · share of {other['denominator']}" if other.get("denominator") else ""
            parts += [
                ("• ", "dim"),
                literal(other["label_en"], "bold"),
                literal(f"  ({other['unit']}{share})", "dim"),
                "\n  ",
                literal(other["definition"]),
                "\n",
            ]
    return Content.assemble(*parts)


def _latest_parts(view: MetricView) -> list:
    """Where it stands now (the overview): the latest national figure of each headline."""
    if not view.latest:
        return []
    parts: list = [("Where it stands now", "bold"), (" — latest national figures\n", "dim")]
    for figure in view.latest:
        what = figure.metric_short + (f" in a {figure.span}" if figure.span else "")
        when = format_period(figure.period_start, figure.period_end, figure.period_precision)
        parts += [
            literal(f"{what:<32}"),
            literal(
                f"{format_value(figure.value, figure.unit, figure.qualifier):>9}", "bold $accent"
            ),
            literal(f"  {when} · {figure.actor_short}"),
            "\n",
        ]
    return parts


def _derived_parts(view: MetricView) -> list:
    """Figures computed here, each marked ≙ and never shown as a published value."""
    if not view.derived:
        return []
    mark = glyph("derived")
    parts: list = [
        "\n",
        (f"{mark} Derived here, not published", "bold $secondary"),
        (" — computed from the figures above\n", "dim"),
    ]
    for row in view.derived:
        parts += [
            (f"{mark} ", "bold $secondary"),
            literal(row["display"], "bold $secondary"),
            literal(f"  {row['kind'].replace('_', ' ')}", "dim"),
            "\n  ",
            literal(row["formula"]),
            "\n",
            literal(f"  from {', '.join(row['from'])}", "dim"),
            "\n",
        ]
        if row.get("note"):
            parts += [literal(f"  {row['note']}", "dim italic"), "\n"]
    return parts


def _disagreement_parts(view: MetricView) -> list:
    """Published figures that do not agree, with both quotes."""
    if not view.disagreements:
        return []
    mark = glyph("disagreement")
    parts: list = [
        "\n",
        (f"{mark} Disagreements", "bold $error"),
        (" — published figures that do not fit together\n", "dim"),
    ]
    for row in view.disagreements:
        parts += [(f"{mark} ", "bold $error"), literal(row["reason"]), "\n"]
        for side in ("a", "b"):
            parts += [
                literal(f"  {row[f'actor_short_{side}']}, {row[f'id_{side}']}: ", "dim"),
                literal(f"“{one_line(row[f'quote_{side}'])}”", "italic"),
                "\n",
            ]
    return parts


class MetricDetail(VerticalScroll):
    """Shows ``view``; it is given, never fetched. Its chart is one panel, or the overview's
    small multiples (a chart per unit, never two axes), each with its legend below it; a
    metric with one value gets a value card instead."""

    BORDER_TITLE = "Metric"
    ALLOW_MAXIMIZE = True
    BINDINGS = [
        Binding("0", "toggle_zero", "Y from 0 / fit"),
        Binding("S", "save_chart", "Save chart SVG", key_display="S"),
    ]
    can_focus = True
    view: reactive[MetricView | None] = reactive(None, always_update=True, repaint=False)
    from_zero: reactive[bool] = reactive(True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._legends: dict[int, list[tuple[str, ChartSeries]]] = {}

    def compose(self):
        yield Static(head_content(None), id="metric-head")
        yield Static("", id="chart-card")
        for index in range(CHART_SLOTS):
            yield MetricChart(id="chart" if index == 0 else f"chart-{index + 1}")
            yield Static("", id=f"legend-{index + 1}", classes="chart-legend")
        yield Static("", id="chart-mode", classes="chart-legend")
        yield Static("", id="metric-series")

    def _charts(self) -> list[MetricChart]:
        return list(self.query(MetricChart))

    def watch_view(self, view: MetricView | None) -> None:
        self.query_one("#metric-head", Static).update(head_content(view))
        self.query_one("#metric-series", Static).update(series_content(view))
        panels = view.panels if view is not None else ()
        card = view is not None and one_value(view)
        card_static = self.query_one("#chart-card", Static)
        card_static.display = card
        if card and view is not None:
            card_static.update(Content("\n".join(chart_text.card_lines("", view.sources[0]))))
        label = one_line(view.metric["label_en"]) if view is not None else ""
        for index, chart in enumerate(self._charts()):
            legend = self.query_one(f"#legend-{index + 1}", Static)
            shown = not card and index < len(panels) and bool(panels[index].series)
            chart.display = legend.display = shown
            if not shown or view is None:
                continue
            panel = panels[index]
            chart.unit, chart.scale, chart.from_zero = panel.unit, panel.scale, self.from_zero
            chart.heading = chart_text.panel_title(panel, label, view.overview)
            chart.series = panel.series
            self._legends[index] = legend_entries(panel, unicode_ok())
        mode = self.query_one("#chart-mode", Static)
        mode.display = bool(panels) and not card
        mode.update(Content(chart_text.y_mode(self.from_zero)))
        self.border_title = "Overview" if view is not None and view.overview else "Metric"
        self.call_after_refresh(self._fit_chart)

    def watch_from_zero(self, from_zero: bool) -> None:
        for chart in self._charts():
            chart.from_zero = from_zero
        self.query_one("#chart-mode", Static).update(Content(chart_text.y_mode(from_zero)))

    def action_toggle_zero(self) -> None:
        """Counts and shares start at 0 by default; this fits the y axis to the values."""
        self.from_zero = not self.from_zero

    def action_save_chart(self) -> None:
        """Save the chart with its sources as SVG in the working directory, never over a file."""
        if self.view is None or not self.view.panels:
            self.notify("No chart to save.", severity="warning")
            return
        name = str(self.view.metric.get("id") or "overview")
        svg = render_svg([self.view])
        for attempt in range(1, 1000):
            path = Path(f"mes-tui-{name}{'' if attempt == 1 else f'-{attempt}'}.svg")
            try:
                write_atomic(path, svg)
            except ExportError as error:
                if path.exists():
                    continue
                self.notify(one_line(str(error)), severity="error")
                return
            self.notify(f"Saved the chart and its sources to {path.resolve()}")
            return

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_chart)

    def _fit_chart(self) -> None:
        """The charts share what the heading leaves of the pane, so their axes stay in view."""
        width = max(20, self.scrollable_content_region.width - 2)
        for index, entries in self._legends.items():
            legend = self.query_one(f"#legend-{index + 1}", Static)
            legend.update(Content(chart_text.legend_text(entries, width)))
        head = self.query_one("#metric-head", Static)
        room = self.scrollable_content_region.height - head.outer_size.height
        shown = [c for c in self._charts() if c.display] or self._charts()[:1]
        each = room // len(shown) - 3
        for chart in shown:
            chart.styles.height = max(10, min(each, 30))
