"""Text normalisation shared by validation, search and display (pure, no I/O)."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["SPACE_CHARS", "find_span", "fold", "match_spans", "squash_spaces", "visible"]

# Spaces a French typesetter uses: no-break, narrow no-break, thin, figure space.
SPACE_CHARS = "\u00a0\u202f\u2009\u2007"
_SPACES = re.compile(rf"[\s{SPACE_CHARS}]+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def squash_spaces(text: str) -> str:
    """Turn every run of white space (no-break spaces included) into one plain space."""
    return _SPACES.sub(" ", text).strip()


def fold(text: str) -> str:
    """Lower-case, strip accents and unify apostrophes: the form search compares."""
    decomposed = unicodedata.normalize("NFD", text.translate(_APOSTROPHES))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold())


def match_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Where the folded ``terms`` occur in ``text`` as search compares them (accents, case
    and runs of spaces ignored), as (start, end) offsets into ``text`` itself, in order."""
    folded: list[str] = []
    origin: list[int] = []  # for each folded character, the offset it comes from
    for offset, ch in enumerate(text):
        for out in fold(ch) if not _SPACES.fullmatch(ch) else " ":
            if out == " " and folded and folded[-1] == " ":
                continue
            folded.append(out)
            origin.append(offset)
    flat = "".join(folded)
    spans = []
    for term in terms:
        start = flat.find(term) if term else -1
        while start >= 0:
            end = start + len(term)
            spans.append((origin[start], origin[end - 1] + 1))
            start = flat.find(term, end)
    return sorted(spans)


def find_span(haystack: str, needle: str) -> tuple[int, int] | None:
    """Where ``needle`` stands in ``haystack`` if white space is allowed to differ.

    Returns offsets into the original ``haystack`` so a viewer can highlight the exact words.
    """
    tokens = [token for token in _SPACES.split(needle) if token]
    if not tokens:
        return None
    pattern = rf"[\s{SPACE_CHARS}]+".join(re.escape(token) for token in tokens)
    match = re.search(pattern, haystack)
    return (match.start(), match.end()) if match else None


def visible(text: str) -> str:
    """Make control and invisible format characters visible as escapes (``\\x1b``, ``\\u202e``).

    Terminal output of untrusted text goes through this, so an escape sequence, a bell, a
    carriage return or a right-to-left override in a quote is shown, never obeyed.
    """
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch == "\n" or ch == "\t" or ch.isprintable() or ch in SPACE_CHARS:
            out.append(ch)
        elif ord(ch) < 0x100:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(f"\\u{ord(ch):04x}")
    return "".join(out)
