"""A metric's chart as text (``mes-tui chart``) or SVG (the same, with its sources), drawn by
the same code as the explorer's chart."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

import plotext  # type: ignore[import-untyped]

from mes_tui.core.queries import MetricView
from mes_tui.present import chart as chart_words
from mes_tui.present.analysis import metric_label
from mes_tui.present.language import _
from mes_tui.ui.chart_draw import draw_panel, legend_entries
from mes_tui.ui.safe import one_line

__all__ = ["one_value", "render_svg", "render_text"]

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def one_value(view: MetricView) -> bool:
    """A metric with a single published value is shown as a value card, not a chart."""
    return not view.overview and sum(p.points for p in view.panels) == 1


def _label(view: MetricView) -> str:
    """The metric's name in the reader's language; the overview's when there is no metric."""
    return _("Adoption overview") if view.overview else metric_label(view.metric)


def render_text(
    views: Sequence[MetricView],
    *,
    width: int = 80,
    height: int = 24,
    colour: bool = False,
    unicode: bool = True,
    from_zero: bool = True,
    sources: bool = True,
) -> str:
    """Every panel of ``views`` stacked (small multiples, each with its own y axis), each
    followed by its legend, then the sources of every figure drawn."""
    panels = [panel for view in views for panel in view.panels]
    out: list[str] = []
    each = max(8, height // max(1, len(panels)))
    for view in views:
        if one_value(view):
            out += [*chart_words.card_lines(_label(view), view.sources[0]), ""]
            continue
        for panel in view.panels:
            plotext.theme("clear")
            draw_panel(
                plotext,
                panel,
                chart_words.panel_title(panel, one_line(_label(view)), view.overview),
                from_zero=from_zero,
                unicode=unicode,
                colour=colour,
                width=width,
                height=each,
            )
            drawn = plotext.build()
            out.append(drawn if colour else _ANSI.sub("", drawn))
            out.append(chart_words.legend_text(legend_entries(panel, unicode), width))
            out.append("")
    if sources:
        rows = [row for view in views for row in view.sources]
        out += chart_words.source_lines(rows)
    return "\n".join(line.rstrip() for part in out for line in part.split("\n")) + "\n"


def render_svg(views: Sequence[MetricView], *, width: int = 100, height: int = 30) -> str:
    """The chart and its sources as an SVG document (text in a terminal's look)."""
    from rich.console import Console
    from rich.text import Text

    text = render_text(views, width=width, height=height, colour=True)
    console = Console(
        record=True, width=width, file=io.StringIO(), force_terminal=True, color_system="truecolor"
    )
    console.print(Text.from_ansi(text), soft_wrap=True)
    title = " · ".join(one_line(_label(view)) for view in views) or "mes-tui"
    return console.export_svg(title=title)
