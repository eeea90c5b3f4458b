"""The timeline: observations and events in date order, sorted once, as a lazy sequence.

A dataset may hold a million figures; the explorer shows a screenful. ``TimelineIndex`` sorts
every figure and event once; a filtered view is then a mask over that order, never a new sort
nor a copy. ``TimelineRows`` reads a row only when it is asked for, so the cost of a view
does not grow with the size of the dataset.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import overload

import polars as pl

from mes_tui.core.arrange import Arrangement, arranged_order
from mes_tui.core.records import RecordKey

__all__ = ["TimelineIndex", "TimelineRow", "TimelineRows", "timeline_rows"]


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One line of the timeline, unformatted: what it is, when, and its value (``present``
    words it in the reader's language)."""

    key: RecordKey
    year: int
    start: date
    end: date
    precision: str
    label: str  # the metric's short label (English) or the event's title
    label_fr: str | None  # the same in French, when the data has it
    category: str | None
    value: float | None  # None for an event
    unit: str | None
    qualifier: str | None
    actor: str
    is_event: bool
    planned: bool = False
    actor_fr: str | None = None  # the actor's short name in French, when the data has it


def _sort_columns(observations: pl.DataFrame, events: pl.DataFrame) -> pl.DataFrame:
    """What orders the timeline, for every line: the events first, then the observations (the
    observation at position i of its frame is row ``events.height + i``)."""
    return pl.concat(
        [
            events.select(
                pl.col("date_end").alias("end"),
                pl.lit(True).alias("is_event"),
                pl.col("date_start").alias("start"),
                "id",
                pl.lit(None, pl.Float64).alias("value"),
                pl.lit(None, pl.String).alias("unit"),
                pl.col("actor_short").cast(pl.String).alias("actor"),
                pl.lit(None, pl.String).alias("metric"),
            ),
            observations.select(
                pl.col("period_end").alias("end"),
                pl.lit(False).alias("is_event"),
                pl.col("period_start").alias("start"),
                "id",
                pl.col("value").cast(pl.Float64),
                pl.col("unit").cast(pl.String),
                pl.col("actor_short").cast(pl.String).alias("actor"),
                pl.col("metric_short").cast(pl.String).alias("metric"),
            ),
        ],
        how="vertical_relaxed",
    )


class TimelineIndex:
    """Every observation and event of a dataset in timeline order, sorted once.

    It keeps the order only (a number per line, not a copy of the lines): a line is read from
    the dataset's own frames when it is shown. ``view(observation_mask, event_mask)`` is the
    timeline of the rows the masks keep (masks as made by ``core.filters``), in the same
    order, without sorting or copying anything."""

    def __init__(
        self,
        observations: pl.DataFrame,
        events: pl.DataFrame,
        arrangement: Arrangement = Arrangement(),  # noqa: B008 (frozen, never changed)
    ) -> None:
        self.observations, self.events = observations, events
        self.arrangement = arrangement
        ordered = arranged_order(
            _sort_columns(observations, events).with_row_index("row"), arrangement
        )
        self.order: pl.Series = ordered.get_column("row")  # line → row of [events, observations]
        self.ends: pl.Series = ordered.get_column("end")
        self.groups: pl.Series = ordered.get_column("group")  # null unless grouped
        self._line_of: pl.Series | None = None  # row → line, made when first needed
        # What a line shows, read a row at a time (selecting columns copies nothing).
        self._event_cells = events.select(*_EVENT_COLUMNS)
        self._obs_cells = observations.select(*_OBS_COLUMNS)
        self.rows = TimelineRows(self)

    @property
    def line_of(self) -> pl.Series:
        if self._line_of is None:
            self._line_of = (
                pl.Series(dtype=pl.UInt32)
                if not self.order.len()
                else (
                    pl.zeros(self.order.len(), pl.UInt32, eager=True).scatter(
                        self.order, pl.int_range(self.order.len(), dtype=pl.UInt32, eager=True)
                    )
                )
            )
        return self._line_of

    def view(self, observation_mask: pl.Series, event_mask: pl.Series) -> TimelineRows:
        if (event_mask.len(), observation_mask.len()) != (
            self.events.height,
            self.observations.height,
        ):
            raise ValueError("the masks are not of the frames this timeline was made from")
        if event_mask.all() and observation_mask.all():
            return self.rows
        keep = pl.concat([event_mask, observation_mask]).gather(self.order)
        return TimelineRows(self, keep.arg_true())

    def key(self, row: int) -> RecordKey:
        if row < self.events.height:
            return RecordKey("event", self.events.item(row, "id"))
        return RecordKey("observation", self.observations.item(row - self.events.height, "id"))

    def line(self, row: int) -> TimelineRow:
        """The line of ``row`` (in [events, observations])."""
        if row < self.events.height:
            cells = self._event_cells.row(row, named=True)
            return TimelineRow(
                key=RecordKey("event", cells["id"]),
                year=cells["date_end"].year,
                start=cells["date_start"],
                end=cells["date_end"],
                precision=cells["precision"],
                label=cells["title"],
                label_fr=cells["title_fr"],
                category=None,
                value=None,
                unit=None,
                qualifier=None,
                actor=cells["actor_short"] or "",
                is_event=True,
                planned=bool(cells["planned"]),
                actor_fr=cells["actor_short_fr"],
            )
        cells = self._obs_cells.row(row - self.events.height, named=True)
        return TimelineRow(
            key=RecordKey("observation", cells["id"]),
            year=cells["period_end"].year,
            start=cells["period_start"],
            end=cells["period_end"],
            precision=cells["period_precision"],
            label=cells["metric_short"],
            label_fr=cells["metric_label_fr"],
            category=cells["category"],
            value=cells["value"],
            unit=cells["unit"],
            qualifier=cells["qualifier"],
            actor=cells["actor_short"] or "",
            is_event=False,
            actor_fr=cells["actor_short_fr"],
        )

    def row_of(self, key: RecordKey) -> int | None:
        """The row (in [events, observations]) of ``key``, or None."""
        frame = self.events if key.kind == "event" else self.observations
        found = frame.get_column("id").index_of(key.id)
        if found is None:
            return None
        return int(found) if key.kind == "event" else self.events.height + int(found)


class TimelineRows(Sequence[TimelineRow]):
    """The timeline (or a filtered view of it) as a sequence whose rows are formatted on
    demand."""

    def __init__(
        self, index: TimelineIndex | None = None, positions: pl.Series | None = None
    ) -> None:
        """The lines of ``index`` at ``positions`` (ascending), or all of them."""
        self.timeline = index if index is not None else _empty_index()
        self._positions = positions

    def __len__(self) -> int:
        return self.timeline.order.len() if self._positions is None else self._positions.len()

    def _line(self, index: int) -> int:
        """The line of the whole timeline shown at ``index`` of this view."""
        return index if self._positions is None else self._positions[index]

    @overload
    def __getitem__(self, index: int) -> TimelineRow: ...
    @overload
    def __getitem__(self, index: slice) -> list[TimelineRow]: ...

    def __getitem__(self, index: int | slice) -> TimelineRow | list[TimelineRow]:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            return [self[i] for i in range(start, stop, step)]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self.timeline.line(self.timeline.order[self._line(index)])

    def __iter__(self) -> Iterator[TimelineRow]:
        for index in range(len(self)):
            yield self[index]

    def rows(self) -> pl.Series:
        """The dataset rows of this view's lines, in order (as in ``TimelineIndex.order``: the
        events first, then the observations)."""
        timeline = self.timeline
        return timeline.order if self._positions is None else timeline.order.gather(self._positions)

    def to_frame(self) -> pl.DataFrame:
        """The lines of this view in order, unformatted: ``id``, ``row`` (where it comes from, as in ``TimelineIndex.order``), ``end``, ``is_event``,
        ``start``."""
        timeline = self.timeline
        rows = self.rows()
        lines = _sort_columns(timeline.observations, timeline.events)[rows]
        return lines.select(
            "id",
            rows.alias("row"),
            "end",
            "is_event",
            "start",
        )

    def year(self, index: int) -> int:
        return int(self.timeline.ends[self._line(index)].year)

    def group(self, index: int) -> str | None:
        """The group of the line at ``index`` when the timeline is grouped (else None)."""
        if self.timeline.arrangement.group is None:
            return None
        return self.timeline.groups[self._line(index)] or ""

    def key(self, index: int) -> RecordKey:
        return self.timeline.key(self.timeline.order[self._line(index)])

    def index_of(self, key: RecordKey | None) -> int | None:
        """Where the row of ``key`` stands, or None."""
        if key is None or not len(self):
            return None
        row = self.timeline.row_of(key)
        if row is None:
            return None
        line = self.timeline.line_of[row]
        if self._positions is None:
            return int(line)
        found = int(self._positions.search_sorted(line))
        return found if found < len(self) and self._positions[found] == line else None


def timeline_rows(observations: pl.DataFrame, events: pl.DataFrame) -> TimelineRows:
    return TimelineIndex(observations, events).rows


def _empty_index() -> TimelineIndex:
    return TimelineIndex(pl.DataFrame(schema=_OBS_COLUMNS), pl.DataFrame(schema=_EVENT_COLUMNS))


_OBS_COLUMNS = {
    "id": pl.String,
    "period_start": pl.Date,
    "period_end": pl.Date,
    "period_precision": pl.String,
    "category": pl.String,
    "metric_short": pl.String,
    "metric_label_fr": pl.String,
    "value": pl.Float64,
    "unit": pl.String,
    "qualifier": pl.String,
    "actor_short": pl.String,
    "actor_short_fr": pl.String,
}
_EVENT_COLUMNS = {
    "id": pl.String,
    "date_start": pl.Date,
    "date_end": pl.Date,
    "precision": pl.String,
    "title": pl.String,
    "title_fr": pl.String,
    "actor_short": pl.String,
    "actor_short_fr": pl.String,
    "planned": pl.Boolean,
}
