"""How the timeline is arranged: sorted by date, value or actor, and grouped by metric or
actor. Pure: the order is a polars sort of a few columns, done once per arrangement."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import polars as pl

__all__ = ["GROUPS", "SORTS", "Arrangement", "arranged_order"]

Sort = Literal["date", "value", "actor"]
Group = Literal["metric", "actor"]
SORTS: tuple[Sort, ...] = ("date", "value", "actor")
GROUPS: tuple[Group | None, ...] = (None, "metric", "actor")


@dataclass(frozen=True, slots=True)
class Arrangement:
    sort: Sort = "date"
    group: Group | None = None

    def next_sort(self) -> Arrangement:
        return Arrangement(SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)], self.group)

    def next_group(self) -> Arrangement:
        return Arrangement(self.sort, GROUPS[(GROUPS.index(self.group) + 1) % len(GROUPS)])


# The date order: the latest end last, events before the figures of the same day.
_DATE = (["end", "is_event", "start", "id"], [False, True, False, False])


def arranged_order(lines: pl.DataFrame, arrangement: Arrangement) -> pl.DataFrame:
    """``lines`` (with ``end``, ``is_event``, ``start``, ``id``, ``value``, ``unit``,
    ``actor``, ``metric``) sorted for ``arrangement``; a ``group`` column holds each line's
    group label (null when not grouped). Lines without the sorted or grouped value (an event
    has no value nor metric) come last."""
    columns, descending = list(_DATE[0]), list(_DATE[1])
    if arrangement.sort == "value":  # within a unit: 12 % and 12 M are not compared
        columns, descending = ["unit", "value", *columns], [False, True, *descending]
    elif arrangement.sort == "actor":
        columns, descending = ["actor", *columns], [False, *descending]
    group = pl.col(arrangement.group) if arrangement.group else pl.lit(None, pl.String)
    lines = lines.with_columns(group.alias("group"))
    if arrangement.group:
        columns, descending = ["group", *columns], [False, *descending]
    return lines.sort(columns, descending=descending, nulls_last=True, maintain_order=True)
