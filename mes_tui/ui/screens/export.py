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
from textual.widgets import Checkbox, Input, Label, Static

from mes_tui.core.export import ExportError, write_atomic
from mes_tui.core.filters import Filters
from mes_tui.present.export import render
from mes_tui.present.formats import number
from mes_tui.present.language import N_, _, current_language, ngettext
from mes_tui.present.messages import export_error
from mes_tui.ui.safe import literal
from mes_tui.ui.steady import SteadyInput
from mes_tui.ui.tickbox import TickBox

__all__ = ["FORMAT_BY_SUFFIX", "ExportScreen"]

FORMAT_BY_SUFFIX = {".csv": "csv", ".json": "json", ".md": "md", ".markdown": "md"}
MIME_BY_FORMAT = {"csv": "text/csv", "json": "application/json", "md": "text/markdown"}
# What a browser download may be called: plain ASCII, no directory, nothing a header mangles.
DOWNLOAD_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")

# Said only in a browser (mes-tui serve).
HINT_DOWNLOAD = N_("  .csv · .json · .md — each with its citation · enter downloads · esc cancels")
BAD_DOWNLOAD_NAME = N_("A file name only (letters, digits, - _ .): your browser saves the download")
DOWNLOADED = N_("{count} figures sent to your browser as {name}")


class ExportScreen(ModalScreen[Path | None]):
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(
        self, observations: pl.DataFrame, filters: Filters, directory: Path | None = None
    ) -> None:
        super().__init__()
        self.observations = observations
        self.filters = filters
        self.directory = directory or Path.cwd()
        self._confirmed: Path | None = None  # an existing file the user chose to overwrite

    @property
    def to_browser(self) -> bool:
        """Served in a browser: the file is the visitor's download, not a file on the server."""
        return self.app.is_web

    def compose(self) -> ComposeResult:
        stem = _("mes-figures")  # the file's name, in the reader's language
        name = self.directory / f"{stem}-{date.today().isoformat()}.csv"
        count = self.observations.height
        with Vertical(classes="dialog"):
            yield Label(
                Content.assemble(
                    (
                        ngettext("Export {n} figure", "Export {n} figures", count).format(
                            n=number(count, exact=True)
                        ),
                        "bold",
                    ),
                    (" " + _("each with its citation"), "dim")
                    if not self.to_browser
                    else (_(HINT_DOWNLOAD), "dim"),
                )
            )
            # In the working directory the name alone says where it goes, and fits at 80 columns.
            here = self.to_browser or self.directory == Path.cwd()
            yield SteadyInput(name.name if here else str(name), id="export-path")
            # CSV for French spreadsheets (";", decimal comma, BOM): offered, and ticked in French.
            yield TickBox(
                _("CSV for a French spreadsheet (; and decimal comma)"),
                value=current_language() == "fr",
                id="export-french-csv",
            )
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
        if self.to_browser and DOWNLOAD_NAME.fullmatch(event.value.strip()) is None:
            error.update(literal(_(BAD_DOWNLOAD_NAME), "$error"))
            return
        try:
            path = Path(event.value.strip()).expanduser()
        except RuntimeError as failure:  # "~someone" with no such user
            error.update(literal(str(failure), "$error"))
            return
        fmt = FORMAT_BY_SUFFIX.get(path.suffix.lower())
        if fmt is None:
            error.update(literal(_("End the name with .csv, .json or .md"), "$error"))
            return
        french = self.query_one("#export-french-csv", Checkbox).value
        dialect = "fr" if french else "rfc4180"
        if self.to_browser:
            self._download(path.name, fmt, dialect)
            return
        overwrite = path == self._confirmed
        try:
            write_atomic(
                path,
                render(self.observations, fmt, dialect=dialect),  # type: ignore[arg-type]
                force=overwrite,
            )
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
                error.update(literal(export_error(failure), "$error"))
            return
        count = self.observations.height
        self.app.notify(
            ngettext("{n} figure written to {path}", "{n} figures written to {path}", count).format(
                n=number(count, exact=True), path=path
            ),
            markup=False,
            title=_("Exported"),
        )
        self.dismiss(path)

    @on(Input.Changed, "#export-path")
    def _renamed(self) -> None:
        self._confirmed = None  # a new name asks again
        self.query_one("#export-error", Static).update("")

    def _download(self, name: str, fmt: str, dialect: str) -> None:
        self.app.deliver_text(
            io.StringIO(render(self.observations, fmt, dialect=dialect)),  # type: ignore[arg-type]
            save_filename=name,
            mime_type=MIME_BY_FORMAT[fmt],
        )
        self.app.notify(
            _(DOWNLOADED).format(count=number(self.observations.height, exact=True), name=name),
            markup=False,
            title=_("Exported"),
        )
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
