"""Which keys matter most, and what each does in a line: the footer and the help read this.

The bindings themselves live with the screens (``BINDINGS``); this module only ranks them and
describes them by task, so a key that does nothing on a screen is never advertised there.
"""

from __future__ import annotations

from mes_tui.present.language import N_

__all__ = ["FOOTER_ORDER", "FOOTER_PRIORITY", "HELP_GROUPS", "LEGEND", "MOVE_KEYS"]

# Which keys the footer keeps when it cannot show them all, most needed first: help and quit
# always, then finding figures, the way to the metric pane, taking figures away.
FOOTER_PRIORITY = (
    "app.help",
    "app.quit",
    "search",
    "pick_metrics",
    "pick_actors",
    "show_pane('detail')",
    "pick_dates",
    "export",
    "history_back",
    "copy_quote",
    "clear_filters",
    "open_source",
    "app.command_palette",
    "count_table",
    "sort",
    "zoom",
    "group",
    "toggle_overview",
    "copy_command",
)
# The order they are drawn in, once chosen.
FOOTER_ORDER = (
    "search",
    "pick_metrics",
    "pick_actors",
    "pick_dates",
    "clear_filters",
    "history_back",
    "show_pane('detail')",
    "open_source",
    "copy_quote",
    "export",
    "sort",
    "group",
    "count_table",
    "zoom",
    "toggle_overview",
    "copy_command",
    "app.command_palette",
    "app.help",
    "app.quit",
)

# (task, [(action, what it does, in one line)]).  Marked for the catalogue; said through
# ``_`` where shown.
HELP_GROUPS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        N_("Find figures"),
        (
            ("search", N_('search quotes, notes, labels, actors; "two words" finds the phrase')),
            ("pick_metrics", N_("choose metrics: type to narrow, space ticks, enter applies")),
            ("pick_actors", N_("choose who said it (joint statements included)")),
            ("pick_dates", N_("a date range: YYYY, YYYY-MM or YYYY-MM-DD")),
            ("pick_scopes", N_("choose scopes: national, a région, a département…")),
            ("clear_filters", N_("clear every filter")),
            ("history_back", N_("back to the previous filters")),
            ("history_forward", N_("forward again")),
        ),
    ),
    (
        N_("Read a figure"),
        (
            ("show_pane('timeline')", N_("the timeline")),
            ("show_pane('quote')", N_("the source quote: exact words, speaker, source")),
            ("show_pane('detail')", N_("the metric: definition, values, chart, derived figures")),
            ("toggle_overview", N_("the adoption overview chart in the metric pane, and back")),
            ("open_source", N_("the whole source document, at the quote")),
            ("zoom", N_("give the focused pane the whole screen (again: restore)")),
        ),
    ),
    (
        N_("In the metric pane"),
        (
            ("next_view", N_("Chart, Table or Sources view")),
            ("cursor(1)", N_("read the figures off the chart; the timeline follows")),
            ("toggle_series", N_("hide the series under the cursor, or show it again")),
            ("toggle_zero", N_("y axis from 0, or fitted to the values")),
            ("save_chart", N_("save the chart with its sources as SVG")),
        ),
    ),
    (
        N_("Arrange"),
        (
            ("sort", N_("sort the timeline by date, value or actor")),
            ("group", N_("group the timeline by metric or actor, or not")),
            ("count_table", N_("count the figures by actor × year or metric × year")),
        ),
    ),
    (
        N_("Take it away"),
        (
            ("copy_quote", N_("copy the quote with its citation")),
            ("export", N_("write the figures shown to CSV, JSON or Markdown")),
            ("copy_command", N_("copy the command line that reopens this view")),
        ),
    ),
    (
        N_("The app"),
        (
            ("app.command_palette", N_("the palette: any metric, actor, source, pane or action")),
            ("app.help", N_("this help")),
            ("back", N_("leave the search, a zoom, or go back to the timeline")),
            ("app.quit", N_("quit")),
        ),
    ),
)

MOVE_KEYS = N_("↑ ↓ PgUp PgDn Home End move in a list · Tab and Shift+Tab move between panes")

# (glyph name in ui.glyphs, what it means)
LEGEND = (
    ("event", N_("an event (a milestone), not a figure")),
    ("planned", N_("a planned event, announced before it happened")),
    ("derived", N_("derived here from published figures, not published")),
    ("disagreement", N_("two published figures that do not fit together")),
    ("warning", N_("a look-alike metric: do not compare the two")),
)
