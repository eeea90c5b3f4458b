"""Export the filtered view: a file name the user confirms, the format from its extension.

In a terminal the file is written where the user says. Served in a browser (``mes-tui serve``)
the visitor is not the server's user: the dialog asks for a file name only, and the file goes to
the visitor's browser as a download; nothing is written on the server.
"""

from __future__ import annotations

import io
import re
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

from mes_tui.core.export import ExportError, render, write_atomic
from mes_tui.core.filters import Filters
from mes_tui.ui.safe import literal
from mes_tui.ui.steady import SteadyInput

__all__ = ["FORMAT_BY_SUFFIX", "ExportScreen"]

FORMAT_BY_SUFFIX = {".csv": "csv", ".json": "json", ".md": "md", ".markdown": "md"}
MIME_BY_FORMAT = {"csv": "text/csv", "json": "application/json", "md": "text/markdown"}
# What a browser download may be called: plain ASCII, no directory, nothing a header mangles.
DOWNLOAD_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")

# Said only in a browser (mes-tui serve).
HINT_DOWNLOAD = "  .csv · .json · .md — each with its citation · enter downloads · esc cancels"
BAD_DOWNLOAD_NAME = "A file name only (letters, digits, - _ .): your browser saves the download"
DOWNLOADED = "{count} figures sent to your browser as {name}"


class ExportScreen(ModalScreen[Path | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self, observations: pl.DataFrame, filters: Filters, directory: Path | None = None
    ) -> None:
        super().__init__()
        self.observations = observations
        self.filters = filters
        self.directory = directory or Path.cwd()

    @property
    def to_browser(self) -> bool:
        """Served in a browser: the file is the visitor's download, not a file on the server."""
        return self.app.is_web

    def compose(self) -> ComposeResult:
        name = self.directory / f"mes-figures-{date.today().isoformat()}.csv"
        with Vertical(classes="dialog"):
            yield Label(
                Content.assemble(
                    (f"Export {self.observations.height} figures", "bold"),
                    (
                        "  .csv · .json · .md — each with its citation"
                        " · enter writes · esc cancels",
                        "dim",
                    )
                    if not self.to_browser
                    else (HINT_DOWNLOAD, "dim"),
                )
            )
            yield SteadyInput(name.name if self.to_browser else str(name), id="export-path")
            yield Static("", id="export-error")

    @on(Input.Submitted, "#export-path")
    def _write(self, event: Input.Submitted) -> None:
        error = self.query_one("#export-error", Static)
        if self.to_browser and DOWNLOAD_NAME.fullmatch(event.value.strip()) is None:
            error.update(literal(BAD_DOWNLOAD_NAME, "$error"))
            return
        try:
            path = Path(event.value.strip()).expanduser()
        except RuntimeError as failure:  # "~someone" with no such user
            error.update(literal(str(failure), "$error"))
            return
        fmt = FORMAT_BY_SUFFIX.get(path.suffix.lower())
        if fmt is None:
            error.update(literal("End the name with .csv, .json or .md", "$error"))
            return
        if self.to_browser:
            self._download(path.name, fmt)
            return
        try:
            write_atomic(path, render(self.observations, fmt))  # type: ignore[arg-type]
        except ExportError as failure:
            error.update(literal(str(failure), "$error"))
            return
        self.app.notify(
            f"{self.observations.height} figures written to {path}", markup=False, title="Exported"
        )
        self.dismiss(path)

    def _download(self, name: str, fmt: str) -> None:
        self.app.deliver_text(
            io.StringIO(render(self.observations, fmt)),  # type: ignore[arg-type]
            save_filename=name,
            mime_type=MIME_BY_FORMAT[fmt],
        )
        self.app.notify(
            DOWNLOADED.format(count=self.observations.height, name=name),
            markup=False,
            title="Exported",
        )
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
