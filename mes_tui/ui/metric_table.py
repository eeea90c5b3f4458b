"""The metric pane's Table view: every listed value of the metric, one row each, with the
change against the previous comparable figure; Enter selects the figure in the timeline."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from rich.text import Text
from textual.widgets import DataTable

from mes_tui.present.analysis import stated_by
from mes_tui.present.formats import comparison, period, value
from mes_tui.present.language import N_, _
from mes_tui.ui.safe import one_line

__all__ = ["COLUMNS", "MetricTable"]

COLUMNS = (N_("Period"), N_("Value"), N_("Change"), N_("Who"), N_("Id"))


class MetricTable(DataTable):
    """The values as a table (rows keyed by observation id)."""

    def show(self, rows: Iterable[Mapping[str, Any]]) -> None:
        self.clear(columns=True)
        for index, title in enumerate(COLUMNS):
            self.add_column(_(title), key=str(index))
        for row in rows:
            figure = value(row["value"], row["unit"], row["qualifier"])
            self.add_row(
                Text(period(row["period_start"], row["period_end"], row["period_precision"])),
                Text(figure, justify="right", style="bold"),
                Text(comparison(row), justify="right"),
                Text(one_line(stated_by(row))),
                Text(one_line(row["id"]), style="dim"),
                key=row["id"],
            )
