"""The metric detail pane: definition, look-alike warnings, the series over time and a chart."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from mes_tui.core.formatting import format_comparison, format_period, format_value
from mes_tui.core.queries import MetricView
from mes_tui.ui.chart import MetricChart
from mes_tui.ui.glyphs import glyph
from mes_tui.ui.safe import literal, one_line

__all__ = ["MetricDetail", "head_content", "series_content"]


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
            parts += [
                literal(f"{when:<20}"),
                literal(f"{value:>12}", "bold"),
                "  ",
                literal(f"{row['actor_short']}{category}"),
                (f"  {change}" if change else "", "dim"),
                "\n",
            ]
    parts += _derived_parts(view) + _disagreement_parts(view)
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
    """Shows ``view``; it is given, never fetched."""

    BORDER_TITLE = "Metric"
    ALLOW_MAXIMIZE = True
    can_focus = True
    view: reactive[MetricView | None] = reactive(None, always_update=True, repaint=False)

    def compose(self):
        yield Static(head_content(None), id="metric-head")
        yield MetricChart(id="chart")
        yield Static("", id="metric-series")

    def watch_view(self, view: MetricView | None) -> None:
        self.query_one("#metric-head", Static).update(head_content(view))
        self.query_one("#metric-series", Static).update(series_content(view))
        chart = self.query_one(MetricChart)
        chart.display = view is not None and bool(view.chart)
        if view is not None:
            chart.heading = view.metric["label_en"]
            chart.y_label = view.chart_label
            chart.y_right_label = "%" if view.overview else ""
            chart.series = view.chart
        self.border_title = "Overview" if view is not None and view.overview else "Metric"
        self.call_after_refresh(self._fit_chart)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_chart)

    def _fit_chart(self) -> None:
        """The chart takes what the heading leaves of the pane, so its axes stay in view."""
        head = self.query_one("#metric-head", Static)
        room = self.scrollable_content_region.height - head.outer_size.height
        self.query_one(MetricChart).styles.height = max(10, min(room, 30))
