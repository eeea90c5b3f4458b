"""The filtered view as CSV, JSON or Markdown, each figure with its citation, written safely."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import polars as pl

from mes_tui.core.formatting import format_citation, format_period, format_source, format_value
from mes_tui.core.queries import MetricView, record_frame
from mes_tui.core.tables import json_value as _json_value
from mes_tui.core.tables import md_text as _md
from mes_tui.core.tables import plain_table

if TYPE_CHECKING:
    from mes_tui.core.frames import Frames

__all__ = [
    "FORMATS",
    "PUBLIC_COLUMNS",
    "ExportError",
    "chart_sources",
    "citations",
    "copy_text",
    "plain_table",
    "public_frame",
    "render",
    "with_sources",
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
    "source_url",
    "quote",
    "note",
    "citation",
    "derived",
]


class ExportError(Exception):
    """The export could not be written; nothing was changed on disk."""


# The columns a citation reads, and the arguments of ``format_source`` they give.
_CITED = {
    "speaker": "speaker",
    "actor_short": "actor_short",
    "actor_name": "actor_name",
    "source_title": "title",
    "source_description": "description",
    "source_kind": "kind",
    "source_outlet": "outlet",
    "source_url": "url",
    "source_published": "published",
    "source_precision": "precision",
}


def citations(frame: pl.DataFrame) -> pl.Series:
    """Each row's citation (``formatting.format_citation``): written once for each distinct
    speaker, actor and source, and shared by the rows that have them."""
    columns = [c for c in _CITED if c in frame.columns]
    if frame.height == 0:
        return pl.Series("citation", [], dtype=pl.String)
    distinct = frame.select(columns).unique(maintain_order=True)
    written = distinct.with_columns(
        pl.Series(
            "citation",
            [
                format_citation(**{_CITED[c]: v for c, v in row.items()})
                for row in distinct.iter_rows(named=True)
            ],
            dtype=pl.String,
        )
    )
    joined = frame.select(columns).join(
        written, on=columns, how="left", nulls_equal=True, maintain_order="left"
    )
    return joined["citation"]


def public_frame(observations: pl.DataFrame) -> pl.DataFrame:
    """The observations with the stable public columns (and a citation)."""
    # Every published figure says it is not derived: derived figures (``mes-tui metric``)
    # carry ``derived: true`` with the ids they come ``from`` and their ``formula``.
    return observations.with_columns(
        citations(observations), pl.lit(False).alias("derived")
    ).select(PUBLIC_COLUMNS)


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


def _display_rows(observations: pl.DataFrame) -> list[dict[str, Any]]:
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
    for row, citation in zip(rows, citations, strict=True):
        label = row["metric_label"] + (f" ({row['category']})" if row["category"] else "")
        period = format_period(row["period_start"], row["period_end"], row["period_precision"])
        value = format_value(row["value"], row["unit"], row["qualifier"])
        lines.append(f"- **{_md(label)}**: {value}, {period} — {_md(row['actor_short'])}  ")
        lines.append(f"  > {_md(row['quote'])}  ")
        lines.append(f"  — {_md(citation)} `[{row['id']}]`")
    if not rows:
        lines.append("No figure matches these filters.")
    return "\n".join(lines) + "\n"


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
    return table + f"{len(rows)} figure{'s' if len(rows) != 1 else ''}\n"


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
        raise ExportError(f"{path} already exists; choose another name or allow overwriting")
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
            raise ExportError(f"{path} appeared while writing; nothing was overwritten")
        os.replace(temp, path)
    except BaseException as error:
        Path(temp).unlink(missing_ok=True)
        if isinstance(error, (OSError, ValueError)):  # ValueError: a NUL byte in the name
            reason = getattr(error, "strerror", None) or str(error)
            raise ExportError(f"cannot write {str(path)[:80]!r}: {reason}") from None
        raise


def copy_text(frames: Frames, key: str) -> str:
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
    cited = format_source(
        describe=False, **{_CITED[c]: row.get(c) for c in _CITED if c.startswith("source_")}
    )
    return f"“{row['quote']}” — in {cited}. [mes-tui id {rid}]"


def chart_sources(frames: Frames, ids: list[str]) -> tuple[dict[str, Any], ...]:
    """The figures ``ids`` (in date order) with what a chart lists under it: value, period,
    and the citation of who said it where and when."""
    wanted = frames.observations.filter(pl.col("id").is_in(ids))
    return tuple(
        wanted.with_columns(citations(wanted))
        .sort("period_end", "period_start", "id")
        .select(
            "id",
            "value",
            "unit",
            "qualifier",
            "period_start",
            "period_end",
            "period_precision",
            "actor_short",
            "source",
            "citation",
        )
        .to_dicts()
    )


def with_sources(frames: Frames, view: MetricView) -> MetricView:
    """``view`` with the figures its charts draw, each with its citation (listed under a
    chart, in ``mes-tui chart`` and in an exported SVG)."""
    ids = [i for panel in view.panels for series in panel.series for i in series.ids]
    return replace(view, sources=chart_sources(frames, ids))
