"""Plain-text tables and cells for the CLI, exports and reports: aligned columns of untrusted
text, Markdown cells and JSON values."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from mes_tui.core.text import visible

__all__ = ["json_value", "md_text", "plain_table"]


def json_value(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def md_text(text: str) -> str:
    flat = " ".join(visible(text).split())
    return "".join("\\" + ch if ch in "\\`*_[]<>|#" else ch for ch in flat)


def plain_table(
    headers: tuple[str, ...],
    rows: Sequence[Sequence[object]],
    *,
    width: int | None = None,
    right: tuple[int, ...] = (),
    shrink: tuple[tuple[int, int], ...] = (),
) -> str:
    """Aligned columns of untrusted text: control characters shown, never sent raw.

    ``shrink`` lists (column, narrowest width) to give up room from, in order, until the table
    fits ``width`` (None: never cut).
    """
    cells = [tuple(" ".join(visible(str(c or "")).split()) for c in row) for row in rows]
    widths = [max([len(h)] + [len(row[i]) for row in cells]) for i, h in enumerate(headers)]
    for column, floor in shrink:
        if width is None:
            break
        excess = sum(widths) + 2 * (len(widths) - 1) - width
        if excess > 0:
            widths[column] = max(floor, widths[column] - excess)

    def line(values: tuple[str, ...]) -> str:
        parts = [
            _fit(v, w).rjust(w) if i in right else _fit(v, w).ljust(w)
            for i, (v, w) in enumerate(zip(values, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    return "\n".join([line(headers)] + [line(row) for row in cells]) + "\n"


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"
