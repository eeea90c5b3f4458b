"""Typed records the core hands to the explorer: which record a timeline line is, and the row
behind it (instead of ``"obs:<id>"`` strings parsed in several places, or sentinel dicts)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = ["Record", "RecordKey", "RecordKind"]

RecordKind = Literal["observation", "event"]


@dataclass(frozen=True, slots=True, order=True)
class RecordKey:
    """An observation or an event of the dataset, by its id."""

    kind: RecordKind
    id: str

    @property
    def is_event(self) -> bool:
        return self.kind == "event"


@dataclass(frozen=True, slots=True)
class Record:
    """One observation or event with its joined labels (the columns of its frame)."""

    key: RecordKey
    row: Mapping[str, Any] = field(compare=False)

    @property
    def is_event(self) -> bool:
        return self.key.is_event

    @property
    def metric(self) -> str | None:
        """The metric of an observation; None for an event."""
        return None if self.is_event else self.row["metric"]

    @property
    def source(self) -> str:
        return str(self.row["source"])

    @property
    def quote(self) -> str:
        return str(self.row["quote"])

    def get(self, column: str, default: Any = None) -> Any:
        return self.row.get(column, default)

    def __getitem__(self, column: str) -> Any:
        return self.row[column]
