"""Text fields whose cursor does not blink.

A blinking cursor repaints twice a second: bytes over every SSH link, and screenshots that
differ by the instant they were taken. The cursor stays visible, steady.
"""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Input, TextArea

__all__ = ["SteadyInput", "SteadyTextArea"]


class SteadyInput(Input):
    cursor_blink = reactive(False, init=False)


class SteadyTextArea(TextArea):
    cursor_blink = reactive(False, init=False)
