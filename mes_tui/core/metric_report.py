"""One metric explained: its definition, its published series, what the figures imply, where
they disagree and what they must not be confused with (for ``mes-tui metric ID``; worded by
``mes_tui.present.metric_report``).

Derived figures are always labelled as such: in JSON every one carries ``"derived": true``,
``"from"`` (the observation ids) and ``"formula"``; sourced figures carry ``"derived": false``.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from mes_tui.core.derived import analysed_observations, derived_frame, known_metric
from mes_tui.core.disagreements import definitions, disagreements
from mes_tui.core.frames import Frames
from mes_tui.core.queries import SERIES_COLUMNS, metric_series

__all__ = ["metric_report"]

_METRIC_FIELDS = (
    "id",
    "label_en",
    "label_fr",
    "unit",
    "kind",
    "family",
    "counts",
    "denominator",
    "denominator_fr",
    "definition",
    "definition_fr",
    "lookalikes",
    "lookalike_note",
    "lookalike_note_fr",
)
# A series row as `mes-tui metric` reports it: the series columns but the metric itself.
_SERIES_FIELDS = tuple(column for column in SERIES_COLUMNS if column != "metric")
# A change: against which figure, and how (see core.comparison).
_CHANGE_FIELDS = (
    "previous_id",
    "id",
    "date",
    "comparison",
    "change",
    "change_pct",
    "per_month",
    "previous_per_month",
    "unit",
)


def metric_report(frames: Frames, metric_id: str) -> dict[str, Any]:
    """Everything known about ``metric_id``. Raises KeyError (naming the valid ids) if unknown."""
    known_metric(frames, metric_id)
    record = frames.metrics.filter(pl.col("id") == metric_id).select(_METRIC_FIELDS).to_dicts()[0]
    series = metric_series(frames.observations, metric_id).select(
        *_SERIES_FIELDS,
        "comparison",
        "change",
        "change_pct",
        "previous_id",
        "months",
        "per_month",
        "previous_per_month",
        pl.lit(False).alias("derived"),
    )
    rows = series.to_dicts()
    analysed = analysed_observations(frames)  # shared by the derived figures and disagreements
    measured = [row for row in rows if row["qualifier"] != "target"]
    changes = [
        {key: row[key] for key in _CHANGE_FIELDS} for row in rows if row["previous_id"] is not None
    ]
    return {
        "metric": record,
        "series": rows,
        "latest": measured[-1] if measured else None,
        "changes": changes,
        "derived": derived_frame(frames, metric_id, analysed=analysed).to_dicts(),
        "disagreements": disagreements(frames, metric_id, analysed=analysed).to_dicts(),
        "definitions": definitions(frames, metric_id).to_dicts(),
    }
