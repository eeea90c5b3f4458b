"""The timeline: observations and events in date order, as a frame and a lazy sequence.

A dataset may hold a million figures; the explorer shows a screenful. ``TimelineRows`` keeps
the sorted frame and formats a row only when it is asked for, so the cost of a view does not
grow with the size of the dataset.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import overload

import polars as pl

from mes_tui.core.formatting import format_period, format_value

__all__ = ["TimelineRow", "TimelineRows", "timeline_frame", "timeline_rows"]


@dataclass(frozen=True, slots=True)
class TimelineRow:
    key: str  # "obs:<id>" or "event:<id>"
    year: int
    when: str
    label: str
    value: str
    actor: str
    is_event: bool
    planned: bool = False


def timeline_frame(observations: pl.DataFrame, events: pl.DataFrame) -> pl.DataFrame:
    """Observations and events in date order (an event first on a tie), unformatted."""
    obs = observations.select(
        pl.concat_str(pl.lit("obs:"), "id").alias("key"),
        pl.col("period_start").alias("start"), pl.col("period_end").alias("end"),
        pl.col("period_precision").alias("precision"),
        pl.when(pl.col("category").is_not_null())
        .then(pl.concat_str("metric_short", pl.lit(" · "), "category"))
        .otherwise("metric_short").alias("label"),
        "value", "unit", "qualifier", "actor_short",
        pl.lit(False).alias("is_event"), pl.lit(False).alias("planned"),
    )
    evs = events.select(
        pl.concat_str(pl.lit("event:"), "id").alias("key"),
        pl.col("date_start").alias("start"), pl.col("date_end").alias("end"), "precision",
        pl.col("title").alias("label"),
        pl.lit(None, pl.Float64).alias("value"), pl.lit(None, pl.String).alias("unit"),
        pl.lit(None, pl.String).alias("qualifier"), "actor_short",
        pl.lit(True).alias("is_event"), "planned",
    )
    return pl.concat([evs, obs], how="vertical_relaxed").sort(
        ["end", "is_event", "start", "key"], descending=[False, True, False, False],
        maintain_order=True,
    )


class TimelineRows(Sequence[TimelineRow]):
    """The timeline as a sequence whose rows are formatted on demand."""

    def __init__(self, frame: pl.DataFrame | None = None) -> None:
        self.frame = frame if frame is not None else timeline_frame(
            pl.DataFrame(schema=_OBS_COLUMNS), pl.DataFrame(schema=_EVENT_COLUMNS))
        self._keys: pl.Series | None = None

    def __len__(self) -> int:
        return self.frame.height

    @overload
    def __getitem__(self, index: int) -> TimelineRow: ...
    @overload
    def __getitem__(self, index: slice) -> list[TimelineRow]: ...

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                return [self[i] for i in range(start, stop, step)]
            return [_row(r) for r in self.frame.slice(start, stop - start).iter_rows(named=True)]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return _row(self.frame.row(index, named=True))

    def __iter__(self) -> Iterator[TimelineRow]:
        for row in self.frame.iter_rows(named=True):
            yield _row(row)

    def year(self, index: int) -> int:
        return self.frame.item(index, "end").year

    def key(self, index: int) -> str:
        return self.frame.item(index, "key")

    def index_of(self, key: str | None) -> int | None:
        """Where the row of ``key`` stands, or None."""
        if key is None or not len(self):
            return None
        if self._keys is None:
            self._keys = self.frame.get_column("key")
        found = self._keys.index_of(key)
        return None if found is None else int(found)


def _row(row: dict) -> TimelineRow:
    return TimelineRow(
        key=row["key"],
        year=row["end"].year,
        when=format_period(row["start"], row["end"], row["precision"]),
        label=row["label"],
        value="" if row["is_event"] else format_value(row["value"], row["unit"], row["qualifier"]),
        actor=row["actor_short"] or "",
        is_event=row["is_event"],
        planned=bool(row["planned"]),
    )


def timeline_rows(observations: pl.DataFrame, events: pl.DataFrame) -> TimelineRows:
    return TimelineRows(timeline_frame(observations, events))


_OBS_COLUMNS = {"id": pl.String, "period_start": pl.Date, "period_end": pl.Date,
                "period_precision": pl.String, "category": pl.String, "metric_short": pl.String,
                "value": pl.Float64, "unit": pl.String, "qualifier": pl.String,
                "actor_short": pl.String}
_EVENT_COLUMNS = {"id": pl.String, "date_start": pl.Date, "date_end": pl.Date,
                  "precision": pl.String, "title": pl.String, "actor_short": pl.String,
                  "planned": pl.Boolean}
