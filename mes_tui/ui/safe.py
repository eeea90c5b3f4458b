"""Untrusted text (quotes, titles, names) becomes Content that is never read as markup.

``visible`` first turns control characters into escapes, so a quote holding an escape
sequence, a bell or a right-to-left override is shown, never obeyed.
"""

from __future__ import annotations

from textual.content import Content

from mes_tui.core.text import visible

__all__ = ["literal", "one_line"]


def one_line(text: str | None) -> str:
    return " ".join(visible(text or "").split())


def literal(text: str | None, style: str = "") -> Content:
    """Content showing ``text`` exactly (control characters made visible)."""
    content = Content(visible(text or ""))
    return content.stylize(style) if style else content
