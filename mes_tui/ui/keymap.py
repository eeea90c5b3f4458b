"""Which keys matter most, and what each does in a line: the footer and the help read this.

The bindings themselves live with the screens (``BINDINGS``); this module only ranks them and
describes them by task, so a key that does nothing on a screen is never advertised there.
"""

from __future__ import annotations

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

# (task, [(action, what it does, in one line)]).
HELP_GROUPS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Find figures",
        (
            ("search", 'search quotes, notes, labels, actors; "two words" finds the phrase'),
            ("pick_metrics", "choose metrics: type to narrow, space ticks, enter applies"),
            ("pick_actors", "choose who said it (joint statements included)"),
            ("pick_dates", "a date range: YYYY, YYYY-MM or YYYY-MM-DD"),
            ("clear_filters", "clear every filter"),
            ("history_back", "back to the previous filters"),
            ("history_forward", "forward again"),
        ),
    ),
    (
        "Read a figure",
        (
            ("show_pane('timeline')", "the timeline"),
            ("show_pane('quote')", "the source quote: exact words, speaker, source"),
            ("show_pane('detail')", "the metric: definition, values, chart, derived figures"),
            ("toggle_overview", "the adoption overview chart in the metric pane, and back"),
            ("open_source", "the whole source document, at the quote"),
            ("zoom", "give the focused pane the whole screen (again: restore)"),
        ),
    ),
    (
        "Arrange",
        (
            ("sort", "sort the timeline by date, value or actor"),
            ("group", "group the timeline by metric or actor, or not"),
            ("count_table", "count the figures by actor × year or metric × year"),
        ),
    ),
    (
        "Take it away",
        (
            ("copy_quote", "copy the quote with its citation"),
            ("export", "write the figures shown to CSV, JSON or Markdown"),
            ("copy_command", "copy the command line that reopens this view"),
        ),
    ),
    (
        "The app",
        (
            ("app.command_palette", "the palette: any metric, actor, source, pane or action"),
            ("app.help", "this help"),
            ("back", "leave the search, a zoom, or go back to the timeline"),
            ("app.quit", "quit"),
        ),
    ),
)

MOVE_KEYS = "↑ ↓ PgUp PgDn Home End move in a list · Tab and Shift+Tab move between panes"

# (glyph name in ui.glyphs, what it means)
LEGEND = (
    ("event", "an event (a milestone), not a figure"),
    ("planned", "a planned event, announced before it happened"),
    ("derived", "derived here from published figures, not published"),
    ("disagreement", "two published figures that do not fit together"),
    ("warning", "a look-alike metric: do not compare the two"),
)
