"""The filtered view as CSV, JSON or Markdown, each figure with its citation, written safely."""

from __future__ import annotations

import json
import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Literal

import polars as pl

from mes_tui.core.formatting import format_period, format_value
from mes_tui.core.queries import record_frame
from mes_tui.core.text import visible

__all__ = [
    "FORMATS",
    "PUBLIC_COLUMNS",
    "ExportError",
    "copy_text",
    "plain_table",
    "public_frame",
    "render",
    "write_atomic",
]

Format = Literal["table", "csv", "json", "md"]
FORMATS: tuple[str, ...] = ("table", "csv", "json", "md")

# The columns a script can rely on, in order.
PUBLIC_COLUMNS = [
    "id",
    "metric",
    "metric_label",
    "value",
    "unit",
    "qualifier",
    "value_text",
    "category",
    "period_start",
    "period_end",
    "period_precision",
    "period_text",
    "scope",
    "scope_detail",
    "actor",
    "actor_name",
    "speaker",
    "attribution",
    "commissioned_by",
    "source",
    "source_title",
    "source_outlet",
    "source_published",
    "quote",
    "note",
    "citation",
    "derived",
]


class ExportError(Exception):
    """The export could not be written; nothing was changed on disk. ``exists``: because the
    file is already there (allowing an overwrite would help; nothing else would)."""

    def __init__(self, message: str, *, exists: bool = False) -> None:
        super().__init__(message)
        self.exists = exists


def _date_words(column: str, precision: str) -> pl.Expr:
    return (
        pl.when(pl.col(precision) == "year")
        .then(pl.col(column).dt.strftime("%Y"))
        .when(pl.col(precision) == "month")
        .then(pl.col(column).dt.strftime("%b %Y"))
        .otherwise(pl.col(column).dt.strftime("%-d %b %Y"))
    )


def citation_expr() -> pl.Expr:
    """ "Hela Ghariani (DNS), in “Title”, Outlet, Feb 2025": who said it, where, when."""
    who = (
        pl.when(pl.col("speaker").is_not_null())
        .then(pl.concat_str([pl.col("speaker"), pl.lit(" ("), pl.col("actor_short"), pl.lit(")")]))
        .otherwise(pl.col("actor_name"))
    )
    return pl.concat_str(
        [
            who,
            pl.lit(", in “"),
            pl.col("source_title"),
            pl.lit("”"),
            pl.when(pl.col("source_outlet").is_not_null())
            .then(pl.lit(", ") + pl.col("source_outlet"))
            .otherwise(pl.lit("")),
            pl.lit(", "),
            _date_words("source_published", "source_precision"),
        ]
    ).alias("citation")


def public_frame(observations: pl.DataFrame) -> pl.DataFrame:
    """The observations with the stable public columns (and a citation)."""
    # Every published figure says it is not derived: derived figures (``mes-tui metric``)
    # carry ``derived: true`` with the ids they come ``from`` and their ``formula``.
    return observations.with_columns(citation_expr(), pl.lit(False).alias("derived")).select(
        PUBLIC_COLUMNS
    )


def _json_value(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def render(observations: pl.DataFrame, fmt: Format, *, width: int | None = None) -> str:
    """The observations in format ``fmt``; ``table`` fits ``width`` columns (None: no limit)."""
    frame = public_frame(observations)
    if fmt == "csv":
        whole = pl.col("value").round(0) == pl.col("value")
        return frame.with_columns(
            pl.when(whole)
            .then(pl.col("value").cast(pl.Int64).cast(pl.String))
            .otherwise(pl.col("value").cast(pl.String))
            .alias("value")
        ).write_csv()
    if fmt == "json":
        rows = [{key: _json_value(val) for key, val in row.items()} for row in frame.to_dicts()]
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        return _markdown(observations)
    return _table(observations, width)


def _display_rows(observations: pl.DataFrame) -> list[dict]:
    return observations.select(
        "id",
        "metric_label",
        "category",
        "value",
        "unit",
        "qualifier",
        "period_start",
        "period_end",
        "period_precision",
        "actor_short",
        "speaker",
        "quote",
        "source",
    ).to_dicts()


def _markdown(observations: pl.DataFrame) -> str:
    lines = ["# Mon espace santé: published figures", ""]
    rows = _display_rows(observations)
    citations = public_frame(observations)["citation"].to_list()
    for row, citation in zip(rows, citations):
        label = row["metric_label"] + (f" ({row['category']})" if row["category"] else "")
        period = format_period(row["period_start"], row["period_end"], row["period_precision"])
        value = format_value(row["value"], row["unit"], row["qualifier"])
        lines.append(f"- **{_md(label)}**: {value}, {period} — {_md(row['actor_short'])}  ")
        lines.append(f"  > {_md(row['quote'])}  ")
        lines.append(f"  — {_md(citation)} `[{row['id']}]`")
    if not rows:
        lines.append("No figure matches these filters.")
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    flat = " ".join(visible(text).split())
    return "".join("\\" + ch if ch in "\\`*_[]<>|#" else ch for ch in flat)


def _table(observations: pl.DataFrame, width: int | None) -> str:
    rows = [
        (
            format_period(r["period_start"], r["period_end"], r["period_precision"]),
            r["metric_label"] + (f" ({r['category']})" if r["category"] else ""),
            format_value(r["value"], r["unit"], r["qualifier"]),
            r["actor_short"],
            r["id"],
        )
        for r in _display_rows(observations)
    ]
    # Give up width from the metric down to 28, then the id, the actor, the metric again.
    table = plain_table(
        ("DATE", "METRIC", "VALUE", "ACTOR", "ID"),
        rows,
        width=width,
        right=(2,),
        shrink=((1, 28), (4, 16), (3, 8), (1, 10)),
    )
    return table


def plain_table(
    headers: tuple[str, ...],
    rows: list[tuple[str, ...]],
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
    for column, floor in shrink if width else ():
        excess = sum(widths) + 2 * (len(widths) - 1) - width
        if excess > 0:
            widths[column] = max(floor, widths[column] - excess)

    def line(values: tuple[str, ...]) -> str:
        parts = [
            _fit(v, w).rjust(w) if i in right else _fit(v, w).ljust(w)
            for i, (v, w) in enumerate(zip(values, widths))
        ]
        return "  ".join(parts).rstrip()

    return "\n".join([line(headers)] + [line(row) for row in cells]) + "\n"


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def write_atomic(path: Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename.

    An existing file is kept unless ``force``; an interrupted write leaves no partial file.
    """
    path = Path(path)
    try:
        exists = path.exists()
        directory = path.parent if str(path.parent) else Path(".")
        is_dir = directory.is_dir()
    except (OSError, ValueError) as error:  # a name too long, a NUL byte…
        raise ExportError(
            f"cannot write {str(path)[:80]}: {getattr(error, 'strerror', None) or error}"
        ) from None
    if exists and not force:
        raise ExportError(
            f"{path} already exists; choose another name or allow overwriting", exists=True
        )
    if not is_dir:
        raise ExportError(f"{directory} is not a directory")
    try:
        # The temporary name stays short: the final name may be near the system's limit.
        fd, temp = tempfile.mkstemp(prefix=".mes-tui-export.", suffix=".part", dir=directory)
    except OSError as error:
        raise ExportError(f"cannot write in {directory}: {error.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if not force and path.exists():
            raise ExportError(
                f"{path} appeared while writing; nothing was overwritten", exists=True
            )
        # mkstemp makes the file private (0600): give it the mode any new file of the user
        # gets (0666 less the umask), as a shell redirection would.
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except BaseException as error:
        Path(temp).unlink(missing_ok=True)
        if isinstance(error, (OSError, ValueError)):  # ValueError: a NUL byte in the name
            reason = getattr(error, "strerror", None) or str(error)
            raise ExportError(f"cannot write {str(path)[:80]!r}: {reason}") from None
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def copy_text(frames, key: str) -> str:
    """The quote behind a timeline row (``obs:<id>`` or ``event:<id>``) with its citation."""
    kind, _, rid = key.partition(":")
    if kind == "obs":
        row = public_frame(record_frame(frames, key)).to_dicts()[0]
        value = format_value(row["value"], row["unit"], row["qualifier"])
        return (
            f"“{row['quote']}” — {row['citation']}. "
            f"[{row['metric_label']}: {value}; mes-tui id {rid}]"
        )
    row = record_frame(frames, key).to_dicts()[0]
    parts = [
        row["source_title"],
        row["source_outlet"],
        format_period(row["source_published"], row["source_published"], row["source_precision"]),
    ]
    return f"“{row['quote']}” — in {', '.join(p for p in parts if p)}. [mes-tui id {rid}]"
