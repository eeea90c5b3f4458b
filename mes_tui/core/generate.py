"""Large datasets made from the bundled one, for benchmarks and tests of scale.

Each generated observation is a copy of a real one (same metric, value, words, quote, source,
so it still validates) under a new id, with its period moved back by up to four years (whole
years for a date known only to the month, quarter or year); notes are dropped. The other
files (sources, texts, actors, metrics, events) are copied as they are.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl

from mes_tui.core.bulk import BULK_FILE
from mes_tui.core.frames import SCHEMAS, Frames

__all__ = ["generate_dataset", "generate_observations"]


def generate_observations(frames: Frames, count: int, seed: int = 0) -> pl.DataFrame:
    """``count`` observations cycled from ``frames`` (columns as ``SCHEMAS["observations"]``)."""
    base = frames.observations.select(list(SCHEMAS["observations"])).with_row_index("k")
    index = pl.int_range(0, count, eager=True, dtype=pl.Int64).alias("i")
    days = (pl.col("i") * 7919 + seed * 104_729) % 1461
    # A date known only to the month (quarter, year) moves by whole years, and a month's last
    # day stays its last day ("fin septembre"): the copy keeps the shape of its period.
    years = pl.format("-{}y", days // 366)
    day_precision = pl.col("period_precision") == "day"

    def moved(column: str) -> pl.Expr:
        date = pl.col(column)
        by_years = date.dt.offset_by(years)
        return (
            pl.when(day_precision)
            .then(date - pl.duration(days=days))
            .when(date == date.dt.month_end())
            .then(by_years.dt.month_end())
            .otherwise(by_years)
        )

    return (
        pl.DataFrame(index)
        .with_columns((pl.col("i") % base.height).cast(pl.UInt32).alias("k"))
        .join(base, on="k", how="left", maintain_order="left")
        .with_columns(
            pl.concat_str(pl.col("id"), pl.lit("-g"), pl.col("i").cast(pl.String)).alias("id"),
            moved("period_start").alias("period_start"),
            moved("period_end").alias("period_end"),
            pl.lit(None, pl.String).alias("note"),
            pl.lit(None, pl.String).alias("period_note"),
        )
        .select(list(SCHEMAS["observations"]))
    )


def generate_dataset(frames: Frames, out: Path, count: int, seed: int = 0) -> Path:
    """Write a dataset of ``count`` observations to the new directory ``out``."""
    out.mkdir(parents=True, exist_ok=False)
    for name in ("sources.toml", "actors.toml", "metrics.toml", "events.toml"):
        shutil.copy2(frames.root / name, out / name)
    shutil.copytree(frames.root / "sources", out / "sources")
    generate_observations(frames, count, seed).write_csv(out / BULK_FILE)
    return out
