"""Untrusted text (quotes, titles, names) becomes Content that is never read as markup.

``visible`` first turns control characters into escapes, so a quote holding an escape
sequence, a bell or a right-to-left override is shown, never obeyed.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from mes_tui.core.text import visible

__all__ = ["cell", "literal", "one_line"]


def one_line(text: str | None) -> str:
    return " ".join(visible(text or "").split())


def literal(text: str | None, style: str = "") -> Content:
    """Content showing ``text`` exactly (control characters made visible)."""
    content = Content(visible(text or ""))
    return content.stylize(style) if style else content


def cell(
    text: str | None, style: str = "", width: int | None = None, justify: str = "left"
) -> Text:
    """A DataTable cell: a Rich Text, which DataTable never parses as markup."""
    flat = one_line(text)
    if width is not None and len(flat) > width:
        flat = flat[: max(width - 1, 0)] + "…"
    return Text(flat, style=style, no_wrap=True, overflow="ellipsis", justify=justify)  # type: ignore[arg-type]
