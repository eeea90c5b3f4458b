"""The count table: how many of the figures shown each actor (or metric) published each year."""

from __future__ import annotations

import polars as pl
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from mes_tui.core.counts import By, count_table
from mes_tui.present.formats import number
from mes_tui.present.language import _
from mes_tui.ui.safe import one_line

__all__ = ["CountScreen"]


class CountScreen(ModalScreen[tuple[By, str] | None]):
    """Answers (by, id) when a row is chosen (to show only that actor or metric), else None."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close"),
        Binding("t", "switch", "Actors / metrics"),
    ]

    def __init__(self, observations: pl.DataFrame, by: By = "actor") -> None:
        super().__init__()
        self.observations = observations
        self.by: By = by
        self.ids: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="counts"):
            yield Label("", id="counts-title")
            yield DataTable(id="counts-table", cursor_type="row", zebra_stripes=True)
            yield Static(
                Content.assemble(
                    ("t", "bold $accent"),
                    " " + _("actors or metrics") + "  ",
                    ("enter", "bold $accent"),
                    " " + _("shows only that row's figures") + "  ",
                    ("esc", "bold $accent"),
                    " " + _("closes"),
                ),
                classes="hint-line",
            )

    def on_mount(self) -> None:
        self._fill()

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        table.clear(columns=True)
        frame = count_table(self.observations, self.by)
        years = [c for c in frame.columns if c not in ("id", "label", "total")]
        title = (
            _("Figures by actor and year")
            if self.by == "actor"
            else _("Figures by metric and year")
        )
        self.query_one("#counts-title", Label).update(Content.assemble((title, "bold")))
        table.add_column(_("Actor") if self.by == "actor" else _("Metric"), key="label")
        for year in years:
            table.add_column(year, key=year)
        table.add_column(_("Total"), key="total")
        self.ids = frame["id"].to_list()
        for row in frame.iter_rows(named=True):
            table.add_row(
                Text(one_line(row["label"])),  # data: a Text, never read as markup
                *(Text(number(row[y]) if row[y] else "·", justify="right") for y in years),
                Text(number(row["total"]), style="bold", justify="right"),
                key=row["id"],
            )
        table.focus()

    def action_switch(self) -> None:
        self.by = "metric" if self.by == "actor" else "actor"
        self._fill()

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.dismiss((self.by, event.row_key.value))
