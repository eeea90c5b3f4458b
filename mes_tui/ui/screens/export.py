"""Export the filtered view: a file name the user confirms, the format from its extension."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from mes_tui.core.export import ExportError, write_atomic
from mes_tui.present.export import render
from mes_tui.core.filters import Filters
from mes_tui.present.formats import number
from mes_tui.present.language import _, ngettext
from mes_tui.ui.steady import SteadyInput
from mes_tui.ui.safe import literal

__all__ = ["ExportScreen", "FORMAT_BY_SUFFIX"]

FORMAT_BY_SUFFIX = {".csv": "csv", ".json": "json", ".md": "md", ".markdown": "md"}


class ExportScreen(ModalScreen[Path | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self, observations: pl.DataFrame, filters: Filters, directory: Path | None = None
    ) -> None:
        super().__init__()
        self.observations = observations
        self.filters = filters
        self.directory = directory or Path.cwd()
        self._confirmed: Path | None = None  # an existing file the user chose to overwrite

    def compose(self) -> ComposeResult:
        name = self.directory / f"mes-figures-{date.today().isoformat()}.csv"
        count = self.observations.height
        with Vertical(classes="dialog"):
            yield Label(
                Content.assemble(
                    (
                        ngettext("Export {n} figure", "Export {n} figures", count).format(
                            n=number(count)
                        ),
                        "bold",
                    ),
                    (" " + _("each with its citation"), "dim"),
                )
            )
            yield SteadyInput(str(name), id="export-path")
            yield Static("", id="export-error")
            yield Static(
                Content.assemble(
                    _("The name's ending sets the format: .csv .json .md") + "\n",
                    ("enter", "bold $accent"),
                    " " + _("writes") + "  ",
                    ("esc", "bold $accent"),
                    " " + _("cancels"),
                ),
                classes="hint-line",
                id="export-keys",
            )

    @on(Input.Submitted, "#export-path")
    def _write(self, event: Input.Submitted) -> None:
        error = self.query_one("#export-error", Static)
        try:
            path = Path(event.value.strip()).expanduser()
        except RuntimeError as failure:  # "~someone" with no such user
            error.update(literal(str(failure), "$error"))
            return
        fmt = FORMAT_BY_SUFFIX.get(path.suffix.lower())
        if fmt is None:
            error.update(literal("End the name with .csv, .json or .md", "$error"))
            return
        overwrite = path == self._confirmed
        try:
            write_atomic(path, render(self.observations, fmt), force=overwrite)  # type: ignore[arg-type]
        except ExportError as failure:
            if failure.exists:
                self._confirmed = path
                error.update(
                    Content.assemble(
                        literal(_("{name} already exists.").format(name=path.name) + " ", "$error"),
                        ("enter", "bold $accent"),
                        " " + _("again overwrites it; or change the name."),
                    )
                )
            else:
                error.update(literal(str(failure), "$error"))
            return
        self.app.notify(
            f"{self.observations.height} figures written to {path}", markup=False, title="Exported"
        )
        self.dismiss(path)

    @on(Input.Changed, "#export-path")
    def _renamed(self) -> None:
        self._confirmed = None  # a new name asks again
        self.query_one("#export-error", Static).update("")

    def action_cancel(self) -> None:
        self.dismiss(None)
