"""The footer, with its keys from the first frame."""

from __future__ import annotations

from typing import Any

from textual.widgets import Footer

from mes_tui.ui.textual_private import footer_keys_at_once

__all__ = ["KeysFooter"]


class KeysFooter(Footer):
    """Textual's footer, drawn with its keys at once (see ``footer_keys_at_once``): a start
    must not look unfinished for a frame or two."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        footer_keys_at_once(self)
