"""Typed polars frames built from validated records, joined with their labels."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

if TYPE_CHECKING:
    from mes_tui.core.models import Record

__all__ = ["SCHEMAS", "Frames", "build_frames", "folded", "folded_concat", "records_frame"]

# What the frames hold, beyond the data: a change of a derived column (the search key) must
# not be read from a cache written before it.
LAYOUT = 3

_STR = pl.String()
_LIST = pl.List(pl.String)
SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "sources": {
        "id": _STR,
        "title": _STR,
        "description": _STR,
        "description_fr": _STR,
        "outlet": _STR,
        "url": _STR,
        "published": pl.Date(),
        "published_precision": _STR,
        "date_note": _STR,
        "language": _STR,
        "kind": _STR,
        "text_file": _STR,
        "sha256": _STR,
        "excerpts": _LIST,
        "origin": _STR,
        "note": _STR,
    },
    "actors": {
        "id": _STR,
        "short": _STR,
        "name": _STR,
        "kind": _STR,
        "parent": _STR,
        "members": _LIST,
        "note": _STR,
        "short_fr": _STR,
        "name_fr": _STR,
    },
    "metrics": {
        "id": _STR,
        "label_en": _STR,
        "label_fr": _STR,
        "short": _STR,
        "unit": _STR,
        "kind": _STR,
        "family": _STR,
        "definition": _STR,
        "counts": _STR,
        "denominator": _STR,
        "lookalikes": _LIST,
        "lookalike_note": _STR,
        "definition_fr": _STR,
        "lookalike_note_fr": _STR,
        "denominator_fr": _STR,
    },
    "observations": {
        "id": _STR,
        "metric": _STR,
        "value": pl.Float64(),
        "unit": _STR,
        "qualifier": _STR,
        "value_text": _STR,
        "category": _STR,
        "period_start": pl.Date(),
        "period_end": pl.Date(),
        "period_precision": _STR,
        "period_text": _STR,
        "period_note": _STR,
        "scope": _STR,
        "scope_detail": _STR,
        "scope_code": _STR,
        "actor": _STR,
        "speaker": _STR,
        "attribution": _STR,
        "commissioned_by": _STR,
        "source": _STR,
        "quote": _STR,
        "note": _STR,
    },
    "events": {
        "id": _STR,
        "title": _STR,
        "title_fr": _STR,
        "kind": _STR,
        "date_start": pl.Date(),
        "date_end": pl.Date(),
        "precision": _STR,
        "planned": pl.Boolean(),
        "actor": _STR,
        "source": _STR,
        "quote": _STR,
        "note": _STR,
    },
}


@dataclass(frozen=True)
class Frames:
    """The dataset as the app and the CLI use it."""

    root: Path
    observations: pl.DataFrame
    events: pl.DataFrame
    metrics: pl.DataFrame
    actors: pl.DataFrame
    sources: pl.DataFrame
    texts: dict[str, str] = field(default_factory=dict)


def records_frame(records: Iterable[Record], kind: str) -> pl.DataFrame:
    schema = SCHEMAS[kind]
    rows = [record.model_dump() for record in records]
    return pl.DataFrame(rows, schema=schema) if rows else pl.DataFrame(schema=schema)


def folded(expr: pl.Expr) -> pl.Expr:
    """Accent- and case-insensitive form of a text column (matches ``core.text.fold``)."""
    return (
        expr.fill_null("")
        .str.replace_all("[\u2019\u2018\u02bc]", "'")
        .str.normalize("NFD")
        .str.replace_all(r"\p{Mn}", "")
        .str.to_lowercase()
        .str.replace_all(r"[\s\u00a0\u202f\u2009\u2007]+", " ")
    )


def folded_concat(frame: pl.DataFrame, columns: list[str], separator: str) -> pl.Series:
    """``columns`` folded and joined by ``separator``, row by row, as a Categorical series.

    Rows repeat: a million observations hold a few dozen distinct quotes and labels. So the
    key is made once for each distinct combination of the columns' values and given to every
    row that has it (which shares its text), instead of a million strings joined and folded.
    """
    if frame.height == 0:
        return pl.Series(dtype=pl.Categorical)
    # Each row's combination, numbered 0..K-1 from the columns' category codes.
    combination = frame.select(
        pl.struct(pl.col(c).cast(pl.Categorical).to_physical() for c in columns)
        .rank("dense")
        .cast(pl.Int64)
        .sub(1)
        .alias("combination")
    ).with_row_index("row")
    first = combination.unique("combination", keep="first").sort("combination")
    distinct = (
        frame[first["row"]]
        .select(
            pl.concat_str(
                [pl.when(pl.col(c).is_not_null()).then(folded(pl.col(c))) for c in columns],
                separator=separator,
                ignore_nulls=True,
            )
        )
        .to_series()
    )
    return distinct.gather(combination["combination"]).cast(pl.Categorical)


def _with_labels(frame: pl.DataFrame, labels: list[tuple[pl.DataFrame, str]]) -> pl.DataFrame:
    """``frame`` with the columns of each label table (unique ``key``) joined on ``key``.

    Only the key column goes through each join and the frame's own columns are shared, not
    copied: with a million rows, a join of the whole frame would copy hundreds of megabytes."""
    extra: list[pl.Series] = []
    for table, key in labels:
        joined = frame.select(key).join(table, on=key, how="left", maintain_order="left")
        extra += joined.drop(key).get_columns()
    return frame.with_columns(extra)


def build_frames(root: Path, raw: dict[str, pl.DataFrame], texts: dict[str, str]) -> Frames:
    """Join observations and events with the labels of their metric, actor and source."""
    actors = raw["actors"]
    metrics = raw["metrics"]
    sources = raw["sources"]
    metric_labels = metrics.select(
        pl.col("id").alias("metric"),
        pl.col("label_en").alias("metric_label"),
        pl.col("label_fr").alias("metric_label_fr"),
        pl.coalesce("short", "label_en").alias("metric_short"),
        pl.col("kind").alias("metric_kind"),
        "family",
        pl.col("denominator").alias("metric_denominator"),
        pl.col("denominator_fr").alias("metric_denominator_fr"),
    )
    actor_labels = actors.select(
        pl.col("id").alias("actor"),
        pl.col("short").alias("actor_short"),
        pl.col("name").alias("actor_name"),
        pl.col("short_fr").alias("actor_short_fr"),
        pl.col("name_fr").alias("actor_name_fr"),
        pl.col("kind").alias("actor_kind"),
        # Filtering by an actor also finds its joint statements and its local offices.
        pl.concat_list(pl.col("id"), pl.col("members"), pl.col("parent"))
        .list.drop_nulls()
        .alias("actor_ids"),
    )
    sponsor_labels = actors.select(
        pl.col("id").alias("commissioned_by"), pl.col("short").alias("commissioned_by_short")
    )
    source_labels = sources.select(
        pl.col("id").alias("source"),
        pl.col("title").alias("source_title"),
        pl.col("description").alias("source_description"),
        pl.col("kind").alias("source_kind"),
        pl.col("url").alias("source_url"),
        pl.col("outlet").alias("source_outlet"),
        pl.col("published").alias("source_published"),
        pl.col("published_precision").alias("source_precision"),
    )
    observations = _with_labels(
        raw["observations"].sort(["period_end", "period_start", "id"]),
        [
            (metric_labels, "metric"),
            (actor_labels, "actor"),
            (sponsor_labels, "commissioned_by"),
            (source_labels, "source"),
        ],
    ).with_columns(pl.col("period_end").alias("date"))
    observations = observations.with_columns(
        folded_concat(
            observations,
            [
                "quote",
                "metric_label",
                "metric_label_fr",
                "category",
                "actor_short",
                "actor_name",
                "actor_name_fr",
                "speaker",
                "source_title",
                "source_outlet",
                "scope_detail",
                "note",
            ],
            separator=" \u2502 ",
        ).alias("search_key")
    )
    events = _with_labels(
        raw["events"].sort(["date_end", "date_start", "id"]),
        [
            (actor_labels.select("actor", "actor_short", "actor_short_fr", "actor_ids"), "actor"),
            (source_labels, "source"),
        ],
    ).with_columns(pl.col("date_end").alias("date"))
    events = events.with_columns(
        folded_concat(
            events,
            ["title", "title_fr", "quote", "actor_short", "source_title", "note"],
            separator=" \u2502 ",
        ).alias("search_key")
    )
    return Frames(
        root=root,
        observations=observations,
        events=events,
        metrics=metrics,
        actors=actors,
        sources=sources,
        texts=texts,
    )
