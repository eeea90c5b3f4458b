"""The footer, with its keys from the first frame."""

from __future__ import annotations

from textual.widgets import Footer

from mes_tui.present.language import _

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

    def compose(self):
        """Textual's keys, each description said in the current language."""
        for widget in super().compose():
            description = getattr(widget, "description", None)  # a key, not a group
            if isinstance(description, str) and description:
                widget.description = _(description)
            yield widget
