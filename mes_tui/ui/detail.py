"""The metric detail pane: definition, look-alike warnings, the series over time and a chart."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from mes_tui.core.queries import MetricView
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
from mes_tui.present.formats import change, colon, period, quoted, unit_suffix, value
from mes_tui.present.language import _, current_language, ngettext
from mes_tui.present.latest import SPAN_WORDS
from mes_tui.present.series import series_label
from mes_tui.ui.chart import MetricChart
from mes_tui.ui.glyphs import glyph
from mes_tui.ui.safe import literal

__all__ = ["MetricDetail", "head_content", "series_content"]


def head_content(view: MetricView | None) -> Content:
    if view is None:
        return Content(_("Select a figure to see its metric."))
    if view.overview:
        return Content.assemble(
            literal(_("Adoption overview"), "bold"),
            "\n",
            _(
                "Activated accounts (left axis, millions) and activation rates (right axis, %) "
                "over time. Each rate has its own denominator: they are not one series."
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
        parts += [
            (_("Share of: "), "dim"),
            literal(in_language(metric, "denominator"), "bold"),
            "\n",
        ]
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
            (_("Every value, oldest first (change from the previous value)") + "\n", "bold"),
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
            moved = change(row["change"], row["change_pct"], row["unit"])
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
                " · " + _("share of {base}").format(base=in_language(other, "denominator"))
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
    """Shows ``view``; it is given, never fetched."""

    ALLOW_MAXIMIZE = True
    can_focus = True
    view: reactive[MetricView | None] = reactive(None, always_update=True, repaint=False)

    def compose(self):
        self.border_title = _("Metric")
        yield Static(head_content(None), id="metric-head")
        yield MetricChart(id="chart")
        yield Static("", id="metric-series")

    def watch_view(self) -> None:
        self.refresh_words()

    def refresh_words(self) -> None:
        """Say it again (the language changed, or the view)."""
        view = self.view
        self.query_one("#metric-head", Static).update(head_content(view))
        self.query_one("#metric-series", Static).update(series_content(view))
        chart = self.query_one(MetricChart)
        chart.display = view is not None and bool(view.chart)
        if view is not None:
            chart.heading = _("Adoption overview") if view.overview else metric_label(view.metric)
            axis = unit_suffix(view.chart_unit)
            if view.chart_millions:
                axis = _("millions") + (" €" if view.chart_unit == "eur" else "")
            chart.y_label = axis
            chart.y_right_label = "%" if view.overview else ""
            chart.series = tuple(
                s.__class__(series_label(s.label, view.overview), s.dates, s.values, s.axis)
                for s in view.chart
            )
        self.border_title = _("Overview") if view is not None and view.overview else _("Metric")
        self.call_after_refresh(self._fit_chart)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_chart)

    def _fit_chart(self) -> None:
        """The chart takes what the heading leaves of the pane, so its axes stay in view."""
        head = self.query_one("#metric-head", Static)
        room = self.scrollable_content_region.height - head.outer_size.height
        self.query_one(MetricChart).styles.height = max(10, min(room, 30))
