"""The metric detail pane: definition, look-alike warnings, the series over time and a chart."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from mes_tui.core.export import ExportError, write_atomic
from mes_tui.core.queries import ChartSeries, MetricView
from mes_tui.present import chart as chart_words
from mes_tui.present.analysis import (
    derived_formula,
    derived_note,
    derived_value,
    disagreement_reason,
    in_language,
    kind_name,
    metric_label,
    unit_name,
)
from mes_tui.present.formats import colon, comparison, period, quoted, value
from mes_tui.present.language import N_, _, current_language, ngettext
from mes_tui.present.latest import SPAN_WORDS
from mes_tui.present.messages import export_error
from mes_tui.ui.chart import MetricChart
from mes_tui.ui.chart_draw import legend_entries
from mes_tui.ui.chart_render import one_value, render_svg
from mes_tui.ui.glyphs import glyph, unicode_ok
from mes_tui.ui.safe import literal

__all__ = ["CHART_SLOTS", "MetricDetail", "head_content", "series_content"]

CHART_SLOTS = 2  # the overview's small multiples: accounts, then the rates by their base


def head_content(view: MetricView | None) -> Content:
    if view is None:
        return Content(_("Select a figure to see its metric."))
    if view.overview:
        return Content.assemble(
            literal(_("Adoption overview"), "bold"),
            "\n",
            _(
                "Activated accounts (millions), then the activation rates (%), each on its own "
                "chart. Each rate has its own base: they are not one series."
            ),
            "\n",
        )
    metric = view.metric
    french = current_language() == "fr"
    first, second = (
        (metric.get("label_fr"), metric["label_en"])
        if french
        else (metric["label_en"], metric.get("label_fr"))
    )
    parts: list = [literal(first or metric["label_en"], "bold")]
    if second and second != first:
        parts += [("  ", ""), literal(second, "italic dim")]
    parts += ["\n", literal(in_language(metric, "definition")), "\n"]
    if metric.get("denominator"):
        parts += [(_("Share of: "), "dim"), literal(metric["denominator"], "bold"), "\n"]
    if metric.get("lookalike_note"):
        parts += [
            (f"{glyph('warning')} ", "bold $warning"),
            literal(in_language(metric, "lookalike_note"), "$warning"),
            "\n",
        ]
    return Content.assemble(*parts)


def series_content(view: MetricView | None) -> Content:
    if view is None:
        return Content("")
    parts: list = []
    if view.series:
        latest = view.series[-1]
        parts += [
            (_("Latest") + "  ", "dim"),
            literal(value(latest["value"], latest["unit"], latest["qualifier"]), "bold $accent"),
            literal(
                f"  {period(latest['period_start'], latest['period_end'], latest['period_precision'])}"
                f" · {latest['actor_short']}"
            ),
            "\n\n",
            (_("Every value, oldest first (against the previous comparable one)") + "\n", "bold"),
        ]
        if view.earlier:
            parts += [
                (
                    "… "
                    + ngettext(
                        "{n} earlier value (the latest {shown} follow; narrow the filters or "
                        "export to see them all)",
                        "{n} earlier values (the latest {shown} follow; narrow the filters or "
                        "export to see them all)",
                        view.earlier,
                    ).format(n=value(view.earlier, "count", exact=True), shown=len(view.series))
                    + "\n",
                    "dim",
                )
            ]
        for row in view.series:
            when = period(row["period_start"], row["period_end"], row["period_precision"])
            figure = value(row["value"], row["unit"], row["qualifier"])
            moved = comparison(row)
            category = f" · {row['category']}" if row["category"] else ""
            if row.get("scope", "national") != "national":
                category += f" · {row['scope_detail'] or row['scope']}"
            parts += [
                literal(f"{when:<20}"),
                literal(f"{figure:>12}", "bold"),
                "  ",
                literal(f"{row['actor_short']}{category}"),
                (f"  {moved}" if moved else "", "dim"),
                "\n",
            ]
    parts += _latest_parts(view) + _derived_parts(view) + _disagreement_parts(view)
    if view.lookalikes:
        title = (
            _("Definitions side by side: do not confuse with")
            if not view.overview
            else _("Series shown")
        )
        parts += ["\n", (f"{title}\n", "bold")]
        for other in view.lookalikes:
            share = (
                " · " + _("share of {base}").format(base=other["denominator"])
                if other.get("denominator")
                else ""
            )
            parts += [
                ("• ", "dim"),
                literal(metric_label(other), "bold"),
                literal(f"  ({unit_name(other['unit'])}{share})", "dim"),
                "\n  ",
                literal(in_language(other, "definition")),
                "\n",
            ]
    return Content.assemble(*parts)


def _latest_parts(view: MetricView) -> list:
    """Where it stands now (the overview): the latest national figure of each headline."""
    if not view.latest:
        return []
    parts: list = [
        (_("Where it stands now"), "bold"),
        (" — " + _("latest national figures") + "\n", "dim"),
    ]
    for figure in view.latest:
        what = figure.metric_short + (" " + _(SPAN_WORDS[figure.span]) if figure.span else "")
        when = period(figure.period_start, figure.period_end, figure.period_precision)
        shown = value(figure.value, figure.unit, figure.qualifier)
        parts += [
            literal(f"{what:<32}"),
            literal(f"{shown:>9}", "bold $accent"),
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
        (f"{mark} " + _("Derived here, not published"), "bold $secondary"),
        (" — " + _("computed from the figures above") + "\n", "dim"),
    ]
    for row in view.derived:
        parts += [
            (f"{mark} ", "bold $secondary"),
            literal(derived_value(row), "bold $secondary"),
            literal(f"  {kind_name(row['kind'])}", "dim"),
            "\n  ",
            literal(derived_formula(row)),
            "\n",
            literal("  " + _("from {ids}").format(ids=", ".join(row["from"])), "dim"),
            "\n",
        ]
        if note := derived_note(row):
            parts += [literal(f"  {note}", "dim italic"), "\n"]
    return parts


def _disagreement_parts(view: MetricView) -> list:
    """Published figures that do not agree, with both quotes."""
    if not view.disagreements:
        return []
    mark = glyph("disagreement")
    parts: list = [
        "\n",
        (f"{mark} " + _("Disagreements"), "bold $error"),
        (" — " + _("published figures that do not fit together") + "\n", "dim"),
    ]
    for row in view.disagreements:
        parts += [(f"{mark} ", "bold $error"), literal(disagreement_reason(row)), "\n"]
        for side in ("a", "b"):
            parts += [
                literal(f"  {row[f'actor_short_{side}']}, {row[f'id_{side}']}{colon()}", "dim"),
                literal(quoted(row[f"quote_{side}"]), "italic"),
                "\n",
            ]
    return parts


class MetricDetail(VerticalScroll):
    """Shows ``view``; it is given, never fetched. Its chart is one panel, or the overview's
    small multiples (a chart per unit, never two axes), each with its legend below it; a
    metric with one value gets a value card instead."""

    ALLOW_MAXIMIZE = True
    BINDINGS = [
        Binding("0", "toggle_zero", N_("Y from 0 / fit")),
        Binding("S", "save_chart", N_("Save chart SVG"), key_display="S"),
    ]
    can_focus = True
    view: reactive[MetricView | None] = reactive(None, always_update=True, repaint=False)
    from_zero: reactive[bool] = reactive(True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._legends: dict[int, list[tuple[str, ChartSeries]]] = {}

    def compose(self):
        self.border_title = _("Metric")
        yield Static(head_content(None), id="metric-head")
        yield Static("", id="chart-card")
        for index in range(CHART_SLOTS):
            yield MetricChart(id="chart" if index == 0 else f"chart-{index + 1}")
            yield Static("", id=f"legend-{index + 1}", classes="chart-legend")
        yield Static("", id="chart-mode", classes="chart-legend")
        yield Static("", id="metric-series")

    def _charts(self) -> list[MetricChart]:
        return list(self.query(MetricChart))

    def watch_view(self) -> None:
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
            legend = self.query_one(f"#legend-{index + 1}", Static)
            shown = not card and index < len(panels) and bool(panels[index].series)
            chart.display = legend.display = shown
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
        self.border_title = _("Overview") if view is not None and view.overview else _("Metric")
        self.call_after_refresh(self._fit_chart)

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

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_chart)

    def _fit_chart(self) -> None:
        """The charts share what the heading leaves of the pane, so their axes stay in view."""
        width = max(20, self.scrollable_content_region.width - 2)
        for index, entries in self._legends.items():
            legend = self.query_one(f"#legend-{index + 1}", Static)
            legend.update(literal(chart_words.legend_text(entries, width)))
        head = self.query_one("#metric-head", Static)
        room = self.scrollable_content_region.height - head.outer_size.height
        shown = [c for c in self._charts() if c.display] or self._charts()[:1]
        each = room // len(shown) - 3
        for chart in shown:
            chart.styles.height = max(10, min(each, 30))
