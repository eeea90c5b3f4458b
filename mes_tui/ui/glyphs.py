"""The explorer's own symbols, with ASCII stand-ins for terminals whose locale is not UTF-8."""

from __future__ import annotations

import locale
from functools import cache

__all__ = ["glyph", "unicode_ok"]

_GLYPHS = {
    "event": ("◆", "*"),
    "planned": ("◇", "o"),
    "derived": ("≙", "="),
    "disagreement": ("⚡", "!"),
    "warning": ("⚠", "!"),
}


@cache
def unicode_ok() -> bool:
    """Whether the terminal's locale can show more than ASCII.

    In a C locale Python runs in UTF-8 mode and reports utf-8: ask the C library instead.
    """
    try:
        codeset = locale.nl_langinfo(locale.CODESET)
    except (AttributeError, ValueError):
        codeset = locale.getpreferredencoding(False)
    return (codeset or "").lower().replace("-", "") in ("utf8", "utf16", "utf32")


def glyph(name: str) -> str:
    fancy, plain = _GLYPHS[name]
    return fancy if unicode_ok() else plain
