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
from mes_tui.ui.footer import KeysFooter
from mes_tui.ui.safe import literal

__all__ = ["DataErrorScreen"]


class DataErrorScreen(Screen):
    BINDINGS = [Binding("q", "leave", "Quit"), Binding("escape", "leave", "Quit", show=False)]

    def __init__(self, data_dir: Path, problems: list[Problem]) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.problems = problems

    def compose(self) -> ComposeResult:
        count = len(self.problems)
        yield Static(
            Content.assemble(
                ("The dataset cannot be used", "bold $error"),
                literal(f": {count} problem{'s' if count != 1 else ''} in {self.data_dir}"),
                ("\nFix them, check with `mes-tui validate DIR`, then start again.", "dim"),
            ),
            id="error-head",
        )
        with VerticalScroll(id="error-list"):
            for problem in self.problems:
                yield Static(literal(str(problem)), classes="problem")
        yield KeysFooter()

    def action_leave(self) -> None:
        self.app.exit(
            return_code=1,
            message=f"mes-tui: {self.data_dir}: {len(self.problems)} problem(s) in the dataset",
        )
