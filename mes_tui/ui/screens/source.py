"""The full source document, scrolled to the quote, which is selected (highlighted)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static, TextArea
from textual.widgets.text_area import Selection

from mes_tui.core.text import find_span, visible
from mes_tui.present.analysis import in_language
from mes_tui.present.citation import source_words
from mes_tui.present.language import N_, _
from mes_tui.ui.footer import KeysFooter
from mes_tui.ui.safe import literal
from mes_tui.ui.steady import SteadyTextArea

__all__ = ["SourceScreen", "location"]


def location(text: str, offset: int) -> tuple[int, int]:
    """(row, column) of a character offset, as TextArea counts them."""
    before = text[:offset]
    row = before.count("\n")
    return row, offset - (before.rfind("\n") + 1)


class SourceScreen(Screen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back")),
        Binding("q", "app.pop_screen", N_("Back"), show=False),
        Binding("n", "find_quote", N_("Back to the quote")),
    ]

    def __init__(self, source: dict, text: str, quote: str | None) -> None:
        super().__init__()
        self.source = source
        # Control characters are shown as escapes; offsets are found in the shown text.
        self.text = visible(text) if text else _("(this source has no text: only its citation)")
        self.quote = quote

    def compose(self) -> ComposeResult:
        source = self.source
        # Its title as published, or what it is: never a description shown as a title.
        cited = source_words(
            source.get("title"),
            source.get("outlet"),
            source["published"],
            source["published_precision"],
            description=in_language(source, "description"),
            kind=source.get("kind"),
            url=source.get("url"),
            bare=True,
            describe=True,
        )
        yield Static(
            Content.assemble(
                literal(cited, "bold"),
                "\n",
                literal(source.get("date_note") or "", "dim italic"),
            ),
            id="source-head",
        )
        area = SteadyTextArea(
            self.text, read_only=True, soft_wrap=True, show_line_numbers=False, id="source-text"
        )
        yield area
        yield KeysFooter()

    def on_mount(self) -> None:
        self.action_find_quote()
        self.query_one(TextArea).focus()

    def action_find_quote(self) -> None:
        area = self.query_one(TextArea)
        span = find_span(self.text, visible(self.quote)) if self.quote else None
        if span is None:
            return
        area.selection = Selection(location(self.text, span[0]), location(self.text, span[1]))
        self.call_after_refresh(area.scroll_cursor_visible, center=True, animate=False)
