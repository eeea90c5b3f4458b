"""The timeline: observations and events in date order, as a frame and a lazy sequence.

A dataset may hold a million figures; the explorer shows a screenful. ``TimelineIndex`` sorts
every figure and event once; a filtered view is then a mask over that order, never a new sort
nor a copy. ``TimelineRows`` formats a row only when it is asked for, so the cost of a view
does not grow with the size of the dataset.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import overload

import polars as pl

from mes_tui.core.formatting import format_period, format_value

__all__ = ["TimelineIndex", "TimelineRow", "TimelineRows", "timeline_frame", "timeline_rows"]


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
    """Observations and events in date order (an event first on a tie), unformatted.

    ``row`` is where each line comes from: the events first, then the observations (the
    observation at position i of its frame is row ``events.height + i``)."""
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
    return pl.concat([evs, obs], how="vertical_relaxed").with_row_index("row").sort(
        ["end", "is_event", "start", "key"], descending=[False, True, False, False],
        maintain_order=True,
    )


class TimelineIndex:
    """Every observation and event of a dataset in timeline order, sorted once.

    ``view(observation_mask, event_mask)`` is the timeline of the rows the masks keep (masks as
    made by ``core.filters``), in the same order, without sorting or copying anything."""

    def __init__(self, observations: pl.DataFrame, events: pl.DataFrame) -> None:
        self.frame = timeline_frame(observations, events)
        self.rows = TimelineRows(self.frame)
        self._order = self.frame.get_column("row")
        self._sizes = (events.height, observations.height)

    def view(self, observation_mask: pl.Series, event_mask: pl.Series) -> TimelineRows:
        if (event_mask.len(), observation_mask.len()) != self._sizes:
            raise ValueError("the masks are not of the frames this timeline was made from")
        if event_mask.all() and observation_mask.all():
            return self.rows
        keep = pl.concat([event_mask, observation_mask]).gather(self._order)
        return TimelineRows(self.frame, keep.arg_true(), keys=self.rows.keys)


class TimelineRows(Sequence[TimelineRow]):
    """The timeline as a sequence whose rows are formatted on demand."""

    def __init__(self, frame: pl.DataFrame | None = None, positions: pl.Series | None = None,
                 keys: pl.Series | None = None) -> None:
        """The rows of ``frame`` (a ``timeline_frame``) at ``positions`` (ascending), or all."""
        self.frame = frame if frame is not None else timeline_frame(
            pl.DataFrame(schema=_OBS_COLUMNS), pl.DataFrame(schema=_EVENT_COLUMNS))
        self._positions = positions
        self._keys = keys

    def __len__(self) -> int:
        return self.frame.height if self._positions is None else self._positions.len()

    def _at(self, index: int) -> int:
        """The position in ``frame`` of the row at ``index``."""
        return index if self._positions is None else self._positions[index]

    def _slice(self, start: int, length: int) -> pl.DataFrame:
        if self._positions is None:
            return self.frame.slice(start, length)
        return self.frame[self._positions.slice(start, length)]

    def to_frame(self) -> pl.DataFrame:
        """The rows of this view, unformatted (columns of ``timeline_frame``)."""
        return self._slice(0, len(self))

    @property
    def keys(self) -> pl.Series:
        """The key of every row of the underlying frame (shared by the views made from it)."""
        if self._keys is None:
            self._keys = self.frame.get_column("key")
        return self._keys

    @overload
    def __getitem__(self, index: int) -> TimelineRow: ...
    @overload
    def __getitem__(self, index: slice) -> list[TimelineRow]: ...

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                return [self[i] for i in range(start, stop, step)]
            return [_row(r) for r in self._slice(start, stop - start).iter_rows(named=True)]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return _row(self.frame.row(self._at(index), named=True))

    def __iter__(self) -> Iterator[TimelineRow]:
        for row in self.to_frame().iter_rows(named=True):
            yield _row(row)

    def year(self, index: int) -> int:
        return self.frame.item(self._at(index), "end").year

    def key(self, index: int) -> str:
        return self.frame.item(self._at(index), "key")

    def index_of(self, key: str | None) -> int | None:
        """Where the row of ``key`` stands, or None."""
        if key is None or not len(self):
            return None
        found = self.keys.index_of(key)
        if found is None or self._positions is None:
            return None if found is None else int(found)
        index = int(self._positions.search_sorted(found))
        return index if index < len(self) and self._positions[index] == found else None


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
