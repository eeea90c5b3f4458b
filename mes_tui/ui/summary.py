"""The always-visible line that says what is shown and which filters are on."""

from __future__ import annotations

import polars as pl
from textual.content import Content

from mes_tui.core.filters import Filters
from mes_tui.core.formatting import format_date
from mes_tui.core.frames import Frames
from mes_tui.ui.safe import literal

__all__ = ["filter_words", "summary_content"]


def _labels(frame: pl.DataFrame, ids: frozenset[str], column: str) -> str:
    names = frame.filter(pl.col("id").is_in(sorted(ids)))[column].to_list()
    return ", ".join(sorted(names)) or ", ".join(sorted(ids))


def filter_words(filters: Filters, frames: Frames) -> list[str]:
    """Each active filter in words: ["metric: Accounts activated", "since 1 Jan 2023", …]."""
    words = []
    if filters.metrics:
        words.append(f"metric: {_labels(frames.metrics, filters.metrics, 'label_en')}")
    if filters.actors:
        words.append(f"actor: {_labels(frames.actors, filters.actors, 'short')}")
    if filters.scopes:
        words.append(f"scope: {', '.join(sorted(filters.scopes))}")
    if filters.since:
        words.append(f"since {format_date(filters.since)}")
    if filters.until:
        words.append(f"until {format_date(filters.until)}")
    if filters.search:
        words.append(f"search “{filters.search}”")
    return words


def summary_content(filters: Filters, frames: Frames, shown: int, events: int) -> Content:
    total = frames.observations.height
    head = Content.assemble(
        ("Mon espace santé ", "bold"),
        (f"{shown:,}", "bold $accent"),
        (f" of {total:,} figures", ""),
        (f" · {events:,} events", "dim"),
    )
    words = filter_words(filters, frames)
    if not words:
        return Content.assemble(
            head, ("  │ no filter (m metric · a actor · d dates · / search)", "dim")
        )
    return Content.assemble(
        head, ("  │ ", "dim"), literal(" · ".join(words), "$warning"), ("  (x clears)", "dim")
    )
