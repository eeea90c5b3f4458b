"""Shown instead of the explorer when the dataset is invalid: every problem, then a clean exit."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from mes_tui.core.problems import Problem
from mes_tui.present.language import N_, _, ngettext
from mes_tui.ui.footer import KeysFooter
from mes_tui.ui.safe import literal

__all__ = ["DataErrorScreen"]


class DataErrorScreen(Screen):
    BINDINGS = [
        Binding("q", "leave", N_("Quit")),
        Binding("escape", "leave", N_("Quit"), show=False),
    ]

    def __init__(self, data_dir: Path, problems: list[Problem]) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.problems = problems

    def compose(self) -> ComposeResult:
        count = len(self.problems)
        yield Static(
            Content.assemble(
                (_("The dataset cannot be used"), "bold $error"),
                literal(
                    ngettext(": {n} problem in {dir}", ": {n} problems in {dir}", count).format(
                        n=count, dir=self.data_dir
                    )
                ),
                ("\n" + _("Fix them, check with `mes-tui validate DIR`, then start again."), "dim"),
            ),
            id="error-head",
        )
        with VerticalScroll(id="error-list"):
            for problem in self.problems:
                yield Static(literal(str(problem)), classes="problem")
        yield KeysFooter()

    def action_leave(self) -> None:
        count = len(self.problems)
        self.app.exit(
            return_code=1,
            message="mes-tui: "
            + ngettext(
                "{dir}: {n} problem in the dataset", "{dir}: {n} problems in the dataset", count
            ).format(dir=self.data_dir, n=count),
        )
