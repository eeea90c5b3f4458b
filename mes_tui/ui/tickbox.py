"""A checkbox whose mark says ticked or not without colour: ``[x]`` or ``[ ]`` (Textual's own
draws ``▐X▌`` in both states, told apart by colour only), as the pickers do."""

from __future__ import annotations

from typing import Any

from textual.widgets import Checkbox

__all__ = ["TickBox"]


class TickBox(Checkbox):
    BUTTON_LEFT = "["
    BUTTON_RIGHT = "]"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._mark()

    def _mark(self) -> None:
        self.BUTTON_INNER = "x" if self.value else " "

    def watch_value(self) -> None:
        self._mark()
        super().watch_value()
