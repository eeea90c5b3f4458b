"""What the metric pane says in words: the metric's head (labels, definition, base, look-alike
warning) and, under the chart, its values, where it stands now, derived figures,
disagreements and look-alike definitions."""

from __future__ import annotations

from textual.content import Content

from mes_tui.core.queries import MetricView
from mes_tui.present.analysis import (
    derived_formula,
    derived_note,
    derived_value,
    disagreement_reason,
    in_language,
    kind_name,
    metric_label,
    stated_by,
    unit_name,
)
from mes_tui.present.formats import colon, comparison, period, quoted, value
from mes_tui.present.language import _, current_language, ngettext
from mes_tui.present.latest import latest_what, latest_who
from mes_tui.ui.glyphs import glyph
from mes_tui.ui.safe import literal

__all__ = ["head_content", "series_content"]


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
                f" · {in_language(latest, 'actor_short')}"
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
            parts += [
                literal(f"{when:<20}"),
                literal(f"{figure:>12}", "bold"),
                "  ",
                literal(stated_by(row)),
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
        what = latest_what(figure)
        when = period(figure.period_start, figure.period_end, figure.period_precision)
        shown = value(figure.value, figure.unit, figure.qualifier)
        parts += [
            literal(f"{what:<32}"),
            literal(f"{shown:>9}", "bold $accent"),
            literal(f"  {when} · {latest_who(figure)}"),
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
