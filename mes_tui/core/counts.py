"""How many figures each actor (or metric) published each year: a count table."""

from __future__ import annotations

from typing import Literal

import polars as pl

__all__ = ["count_table"]

By = Literal["actor", "metric"]
_LABEL = {"actor": "actor_short", "metric": "metric_short"}


def count_table(observations: pl.DataFrame, by: By) -> pl.DataFrame:
    """One row per actor (or metric) with its label, one column per year of the figures'
    periods (by their end, as the timeline files them) holding a count, and ``total``; the
    rows by falling total, then label. Years are strings ("2023"), in order."""
    if observations.is_empty():
        return pl.DataFrame(schema={"id": pl.String, "label": pl.String, "total": pl.UInt32})
    long = observations.group_by(
        pl.col("actor" if by == "actor" else "metric").cast(pl.String).alias("id"),
        pl.col(_LABEL[by]).cast(pl.String).alias("label"),
        pl.col("period_end").dt.year().cast(pl.String).alias("year"),
    ).agg(pl.len().alias("n"))
    years = sorted(long["year"].unique().to_list())
    wide = long.pivot(on="year", index=["id", "label"], values="n").fill_null(0)
    wide = wide.select("id", "label", *years).with_columns(
        pl.sum_horizontal(*years).cast(pl.UInt32).alias("total")
    )
    return wide.sort(["total", "label"], descending=[True, False])
