"""The footer, with its keys from the first frame."""

from __future__ import annotations

from typing import Any

from textual.widgets import Footer

from mes_tui.present.language import _
from mes_tui.ui.textual_private import footer_keys_at_once

__all__ = ["KeysFooter"]


class KeysFooter(Footer):
    """Textual's footer, drawn with its keys at once (see ``footer_keys_at_once``): a start
    must not look unfinished for a frame or two."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        footer_keys_at_once(self)

    def compose(self):
        """Textual's keys, each description said in the current language."""
        for widget in super().compose():
            description = getattr(widget, "description", None)  # a key, not a group
            if isinstance(description, str) and description:
                widget.description = _(description)  # type: ignore[attr-defined]
            yield widget
