"""The timeline: observations and events in date order, grouped by year."""

from __future__ import annotations

from textual import on
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import DataTable

from mes_tui.core.queries import TimelineRow
from mes_tui.ui.safe import cell

__all__ = ["Timeline"]


class Timeline(DataTable):
    """Shows ``entries``; posts ``Timeline.Picked`` when the cursor lands on a row."""

    BORDER_TITLE = "Timeline"
    entries: reactive[tuple[TimelineRow, ...]] = reactive(tuple, always_update=True)
    current: reactive[str | None] = reactive(None)

    class Picked(Message):
        def __init__(self, key: str | None) -> None:
            self.key = key
            super().__init__()

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)

    _widths: dict[str, int] = {}

    def on_mount(self) -> None:
        self._widths = self._fit(self.size.width)
        for key, title in (("year", "Year"), ("when", "When"), ("label", "Figure"),
                           ("value", "Value"), ("actor", "Actor")):
            self.add_column(title, key=key, width=self._widths[key])

    @staticmethod
    def _fit(width: int) -> dict[str, int]:
        """Column widths for a table ``width`` cells wide.

        The figure label gets up to 36 cells first; room beyond that widens the actor, the
        date and the value, and whatever is left goes back to the label.
        """
        padding = 2 * 5 + 2  # one cell of padding each side of each column, and the scrollbar
        widths = {"year": 4, "when": 14, "value": 10, "actor": 10}
        label = width - padding - sum(widths.values())
        for key, target in (("actor", 18), ("when", 19), ("value", 12), ("actor", 24)):
            grow = max(0, min(label - 36, target - widths[key]))
            widths[key] += grow
            label -= grow
        widths["label"] = max(12, label)
        return widths

    def on_resize(self) -> None:
        widths = self._fit(self.size.width)
        if widths != self._widths and self.columns:
            self._widths = widths
            for key, column in self.columns.items():
                column.width = widths[str(key.value)]
            self.watch_entries(self.entries)

    def watch_entries(self, rows: tuple[TimelineRow, ...]) -> None:
        if not self.columns:
            return
        self.clear()
        widths = self._widths
        last_year = None
        for row in rows:
            style = "italic" if row.is_event else ""
            label = ("◇ " if row.planned else "◆ ") + row.label if row.is_event else row.label
            self.add_row(
                cell(str(row.year) if row.year != last_year else "", "bold"),
                cell(row.when, style, width=widths["when"]),
                cell(label, style, width=widths["label"]),
                cell(row.value, "bold", width=widths["value"], justify="right"),
                cell(row.actor, style, width=widths["actor"]),
                key=row.key,
            )
            last_year = row.year
        self._restore_cursor()
        self.border_subtitle = f"{len(rows)} row{'s' if len(rows) != 1 else ''}"
        if not rows:
            self.post_message(self.Picked(None))

    def _restore_cursor(self) -> None:
        if not self.row_count:
            return
        index = 0
        if self.current is not None:
            try:
                index = self.get_row_index(self.current)
            except Exception:  # the selected row was filtered out
                index = 0
        self.move_cursor(row=index, scroll=True)
        # A repopulated table highlights its first row without telling: say it.
        key = self.coordinate_to_cell_key((index, 0)).row_key.value
        self.post_message(self.Picked(key))

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.row_key is not None and event.row_key.value is not None:
            self.post_message(self.Picked(event.row_key.value))
