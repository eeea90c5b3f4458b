"""The footer, with its keys from the first frame."""

from __future__ import annotations

from textual.widgets import Footer

__all__ = ["KeysFooter"]


class KeysFooter(Footer):
    """Textual's footer, drawn with its keys at once.

    Textual's footer stays empty until the screen's bindings first change, which comes a
    refresh later: the keys would pop in after the first screen, and a start would look
    unfinished for a frame or two. The bindings are known when the footer is composed.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.set_reactive(Footer._bindings_ready, True)
