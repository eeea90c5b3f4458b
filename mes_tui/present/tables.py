"""Plain-text tables of untrusted text for the terminal: aligned, cut to fit, control
characters shown as escapes, never sent raw."""

from __future__ import annotations

from collections.abc import Sequence

from mes_tui.present.formats import one_line

__all__ = ["plain_table"]


def plain_table(
    headers: tuple[str, ...],
    rows: Sequence[Sequence[object]],
    *,
    width: int | None = None,
    right: tuple[int, ...] = (),
    shrink: tuple[tuple[int, int], ...] = (),
) -> str:
    """Aligned columns of untrusted text.

    ``shrink`` lists (column, narrowest width) to give up room from, in order, until the table
    fits ``width`` (None: never cut).
    """
    cells = [tuple(one_line(str(c or "")) for c in row) for row in rows]
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
            for i, (v, w) in enumerate(zip(values, widths, strict=False))
        ]
        return "  ".join(parts).rstrip()

    return "\n".join([line(headers)] + [line(row) for row in cells]) + "\n"


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"
