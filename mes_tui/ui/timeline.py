"""The timeline: observations and events in date order, grouped by year.

A virtual list: it draws only the lines on screen, formatting their rows on demand, so a
million figures scroll as fast as fifty.
"""

from __future__ import annotations

import polars as pl
from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from mes_tui.core.records import RecordKey
from mes_tui.core.text import match_spans
from mes_tui.core.timeline import TimelineRow, TimelineRows
from mes_tui.present.formats import number, period, period_width, value
from mes_tui.present.language import N_, _, current_language, ngettext
from mes_tui.ui.glyphs import glyph
from mes_tui.ui.safe import one_line

__all__ = ["Timeline"]

_COLUMNS = (
    ("year", N_("Year")),
    ("when", N_("When")),
    ("label", N_("Figure")),
    ("value", N_("Value")),
    ("actor", N_("Actor")),
)


def _cells(row: TimelineRow) -> tuple[str, str, str]:
    """When, what and the value of a line, in the reader's language."""
    when = period(row.start, row.end, row.precision)
    label = row.label_fr if current_language() == "fr" and row.label_fr else row.label
    if row.category is not None:
        label = f"{label} · {row.category}"
    figure = "" if row.value is None else value(row.value, row.unit or "count", row.qualifier)
    return when, label, figure


def _fit(text: str, width: int, right: bool = False) -> str:
    """``text`` in exactly ``width`` cells: cut with an ellipsis, or padded."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width) if not right else " " * (width - cell_len(text)) + text


# The date column is as wide as the widest period shown, up to this: "févr. 2022 – sept.
# 2023"; a wider one (a span of days across months) takes the room from its own label.
WHEN_AT_MOST = 23


class Timeline(ScrollView, can_focus=True):
    """Shows ``entries``; posts ``Timeline.Picked`` when the cursor lands on a row."""

    ALLOW_MAXIMIZE = True
    COMPONENT_CLASSES = {
        "timeline--header",
        "timeline--cursor",
        "timeline--event",
        "timeline--year",
        "timeline--value",
        "timeline--match",
    }
    DEFAULT_CSS = """
    Timeline { background: $surface; }
    Timeline > .timeline--header { text-style: bold; background: $panel; }
    Timeline > .timeline--cursor { background: $block-cursor-blurred-background; }
    Timeline:focus > .timeline--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    Timeline > .timeline--event { text-style: italic; }
    Timeline > .timeline--year { text-style: bold; }
    Timeline > .timeline--value { text-style: bold; }
    Timeline > .timeline--match { text-style: bold underline; color: $text-warning; }
    """
    BINDINGS = [
        Binding("up", "cursor(-1)", N_("Previous row"), show=False),
        Binding("down", "cursor(1)", N_("Next row"), show=False),
        Binding("pageup", "page(-1)", N_("Page up"), show=False),
        Binding("pagedown", "page(1)", N_("Page down"), show=False),
        Binding("home", "first", N_("First row"), show=False),
        Binding("end", "last", N_("Last row"), show=False),
    ]

    entries: reactive[TimelineRows] = reactive(TimelineRows, always_update=True, repaint=False)
    current: reactive[RecordKey | None] = reactive(None, repaint=False)
    terms: reactive[tuple[str, ...]] = reactive(())  # search terms to mark, folded
    cursor_row: reactive[int] = reactive(0, init=False)

    class Picked(Message):
        def __init__(self, key: RecordKey | None) -> None:
            self.key = key
            super().__init__()

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._cache: dict[int, tuple[TimelineRow, tuple[str, str, str]]] = {}
        self.border_title = _("Timeline")
        self._widths = self._fit_columns(80)
        self._widths_for: tuple[int, bool] = (80, False)
        self._line_widths = pl.Series(dtype=pl.Int32)
        self._when_for: tuple[object, str] = (None, "")

    # ── data ─────────────────────────────────────────────────────────────────────────────
    def watch_entries(self, rows: TimelineRows) -> None:
        self._cache.clear()
        self._widths_for = (-1, False)  # the date column follows the periods shown
        self.virtual_size = Size(self.scrollable_content_region.width, len(rows) + 1)
        self._say_count()
        if not len(rows):
            self.set_reactive(Timeline.cursor_row, 0)
            self.refresh()
            self.post_message(self.Picked(None))
            return
        index = rows.index_of(self.current)
        self.move_cursor(row=index if index is not None else 0, announce=True)
        self.refresh()

    def _say_count(self) -> None:
        count = len(self.entries)
        self.border_subtitle = ngettext("{n} row", "{n} rows", count).format(
            n=number(count, exact=True)
        )

    def refresh_words(self) -> None:
        """Say it again in the current language."""
        self._cache.clear()
        self._widths_for = (-1, False)  # the year's heading may have another width
        self.border_title = _("Timeline")
        self._say_count()
        self.refresh()

    def _row(self, index: int) -> tuple[TimelineRow, tuple[str, str, str]]:
        found = self._cache.get(index)
        if found is None:
            if len(self._cache) > 2048:
                self._cache.clear()
            row = self.entries[index]
            found = self._cache[index] = (row, _cells(row))
        return found

    # ── cursor ───────────────────────────────────────────────────────────────────────────
    @property
    def row_count(self) -> int:
        return len(self.entries)

    def move_cursor(self, *, row: int, announce: bool = True, scroll: bool = True) -> None:
        """Put the cursor on ``row`` (clamped), keep it in view, and say which row it is."""
        if not self.row_count:
            return
        row = max(0, min(row, self.row_count - 1))
        previous, top = self.cursor_row, self.scroll_offset.y
        changed = row != previous
        self.set_reactive(Timeline.cursor_row, row)
        if scroll:
            self._scroll_to_cursor()
        if self.scroll_offset.y == top:
            # Only the two lines the cursor leaves and lands on change: over SSH, a key press
            # then costs two lines, not the whole pane (line 0 is the header).
            self.refresh_line(previous + 1)
            self.refresh_line(row + 1)
        else:
            self.refresh()
        if changed or announce:
            self.post_message(self.Picked(self.entries.key(row)))

    def _visible_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)  # the header takes a line

    def _scroll_to_cursor(self) -> None:
        top, rows, row = int(self.scroll_offset.y), self._visible_rows(), self.cursor_row
        if row < top:
            self.scroll_to(y=row, animate=False, immediate=True)
        elif row >= top + rows:
            self.scroll_to(y=row - rows + 1, animate=False, immediate=True)

    def action_cursor(self, step: int) -> None:
        self.move_cursor(row=self.cursor_row + step, announce=False)

    def action_page(self, direction: int) -> None:
        self.move_cursor(row=self.cursor_row + direction * self._visible_rows(), announce=False)

    def action_first(self) -> None:
        self.move_cursor(row=0, announce=False)

    def action_last(self) -> None:
        self.move_cursor(row=self.row_count - 1, announce=False)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None and offset.y >= 1:
            self.move_cursor(row=int(self.scroll_offset.y) + offset.y - 1, announce=False)

    # ── layout and drawing ───────────────────────────────────────────────────────────────
    @staticmethod
    def _fit_columns(width: int, grouped: bool = False, when: int = 19) -> dict[str, int]:
        """Column widths for ``width`` cells: the date (as wide as the dataset's longest
        period, ``when``) and the value first (a row whose value is wider still takes it from
        its label: they are never cut), the figure label up to 36; room beyond that widens the
        actor and the value, and the rest goes back to the label. Grouped, the first column
        holds the group's name."""
        gaps = len(_COLUMNS) + 1  # a cell before each column, and one at the end
        # The first column is as wide as its heading in the reader's language ("Year",
        # "Année"); grouped, it holds the group's name.
        first = 14 if grouped else max(4, cell_len(_("Year")))
        # The dates line up unless that would leave the figure's label under 20 cells.
        room = width - gaps - first - 12 - 10 - 20
        when = max(min(when, 19), min(when, room), cell_len(_("When")))
        widths = {"year": first, "when": when, "value": 12, "actor": 10}
        label = width - gaps - sum(widths.values())
        for key, target in (("actor", 18), ("value", 12), ("actor", 24)):
            grow = max(0, min(label - 36, target - widths[key]))
            widths[key] += grow
            label -= grow
        widths["label"] = max(8, label)
        return widths

    def _longest_when(self, rows: TimelineRows) -> int:
        """The widest period of the lines shown, in the reader's language, up to
        ``WHEN_AT_MOST`` (a wider one takes the room from its own label): the dates line up.
        Each line's width is measured once per dataset and language."""
        index, lang = rows.timeline, current_language()
        if self._when_for[0] is not index or self._when_for[1] != lang:
            self._line_widths = pl.concat(
                [
                    index.events.select(
                        period_width(pl.col("date_start"), pl.col("date_end"), pl.col("precision"))
                    ).to_series(),
                    index.observations.select(
                        period_width(
                            pl.col("period_start"), pl.col("period_end"), pl.col("period_precision")
                        )
                    ).to_series(),
                ]
            )
            self._when_for = (index, lang)
        if not len(rows):
            return WHEN_AT_MOST
        widest = self._line_widths.gather(rows.rows()).max()
        return min(WHEN_AT_MOST, int(widest)) if isinstance(widest, int) else WHEN_AT_MOST

    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self.row_count + 1)
        self._scroll_to_cursor()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        grouped = self.entries.timeline.arrangement.group is not None
        if (width, grouped) != self._widths_for:  # columns follow the width actually drawn
            widest = self._longest_when(self.entries)
            self._widths = self._fit_columns(width, grouped, widest)
            self._widths_for = (width, grouped)
        base = self.rich_style
        if y == 0:
            style = base + self.get_component_rich_style("timeline--header")
            cells = [_(title) for _key, title in _COLUMNS]
            if self.entries.timeline.arrangement.group is not None:
                cells[0] = _("Group")
            return self._strip(cells, [style] * len(cells), style, width, mark=False)
        index = int(self.scroll_offset.y) + y - 1
        if not self.row_count and y in (2, 3):
            return self._empty_line(y - 2, width, base)
        if index >= self.row_count:
            return Strip.blank(width, base)
        row, (when, label, figure) = self._row(index)
        line = base
        if row.is_event:
            line += self.get_component_rich_style("timeline--event")
        # The cursor goes on last, so that it wins over the bold of the year and value cells.
        cursor = (
            self.get_component_rich_style("timeline--cursor")
            if index == self.cursor_row
            else Style()
        )
        group = self.entries.group(index)
        if group is not None:
            first = index == 0 or self.entries.group(index - 1) != group
            head = (group or _("events")) if first else ""
        else:
            first = index == 0 or self.entries.year(index - 1) != row.year
            head = str(row.year) if first else ""
        mark = glyph("planned" if row.planned else "event") + " " if row.is_event else ""
        actor = (row.actor_fr if current_language() == "fr" else None) or row.actor
        cells = [head, when, mark + label, figure, actor]
        strong = line + self.get_component_rich_style("timeline--value", partial=True) + cursor
        year = line + self.get_component_rich_style("timeline--year", partial=True) + cursor
        line += cursor
        return self._strip(cells, [year, line, line, strong, line], line, width)

    def _empty_line(self, line: int, width: int, base: Style) -> Strip:
        """What an empty view says: that nothing matches, and the keys that widen it."""
        texts = (
            [("  " + _("No figure matches these filters."), Style(bold=True))],
            [
                ("  " + _("Widen them:") + " ", Style()),
                ("x", Style(bold=True)),
                (" " + _("clears all") + " · ", Style()),
                ("b", Style(bold=True)),
                (" " + _("goes back") + " · ", Style()),
                ("/", Style(bold=True)),
                (" " + _("search") + " · ", Style()),
                ("m a d", Style(bold=True)),
                (" " + _("choose"), Style()),
            ],
        )[line]
        return Strip([Segment(text, base + style) for text, style in texts]).adjust_cell_length(
            width, base
        )

    def _strip(
        self, cells: list[str], styles: list[Style], fill: Style, width: int, mark: bool = True
    ) -> Strip:
        segments = [Segment(" ", fill)]
        match = self.get_component_rich_style("timeline--match", partial=True)
        widths = dict(self._widths)
        for key, text in (("when", cells[1]), ("value", cells[3])):
            extra = cell_len(one_line(text)) - widths[key]
            if extra > 0:  # never cut a date or a value: this row's label gives the room
                widths[key] += extra
                widths["label"] = max(1, widths["label"] - extra)
        for (key, _title), text, style in zip(_COLUMNS, cells, styles, strict=True):
            shown = _fit(one_line(text), widths[key], right=key == "value")
            spans = match_spans(shown, list(self.terms)) if mark and self.terms else []
            at = 0
            for start, end in spans:
                if start >= at:
                    segments += [
                        Segment(shown[at:start], style),
                        Segment(shown[start:end], style + match),
                    ]
                    at = end
            segments.append(Segment(shown[at:], style))
            segments.append(Segment(" ", fill))
        return Strip(segments).adjust_cell_length(width, fill)
