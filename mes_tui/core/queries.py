"""Queries the explorer and the CLI share: the timeline, a metric's series, chart series."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import polars as pl

from mes_tui.core.comparison import comparable_changes

if TYPE_CHECKING:
    from mes_tui.core.frames import Frames


__all__ = [
    "OVERVIEW_METRICS",
    "ChartSeries",
    "MetricView",
    "chart_series",
    "find_record",
    "metric_series",
    "metric_view",
    "overview_series",
    "overview_view",
    "record_frame",
]


def record_frame(frames: Frames, key: str) -> pl.DataFrame:
    """The row behind a timeline key (``obs:<id>`` or ``event:<id>``): one row, or none."""
    kind, _, rid = key.partition(":")
    frame = {"obs": frames.observations, "event": frames.events}.get(kind)
    if frame is None:
        return frames.events.clear()
    return frame.filter(pl.col("id") == rid)


def find_record(frames: Frames, key: str) -> dict[str, Any] | None:
    """The row behind a timeline key as a dict, with ``record_kind`` ("observation" or
    "event"), or None when no row has that key."""
    rows = record_frame(frames, key).head(1).to_dicts()
    if not rows:
        return None
    return {**rows[0], "record_kind": "event" if key.startswith("event:") else "observation"}


# What a series needs, for the metric pane and ``mes-tui metric`` (filtering every column
# would copy every other column of a large dataset too).
SERIES_COLUMNS = (
    "id",
    "metric",
    "metric_kind",
    "date",
    "period_start",
    "period_end",
    "period_precision",
    "value",
    "unit",
    "qualifier",
    "value_text",
    "category",
    "scope",
    "actor",
    "actor_short",
    "speaker",
    "attribution",
    "source",
    "source_title",
    "quote",
    "note",
)


def metric_series(observations: pl.DataFrame, metric: str) -> pl.DataFrame:
    """Every value of ``metric`` in date order, each compared with the previous comparable
    figure (see ``core.comparison``: goals apart, flows only over periods of the same length,
    else per month)."""
    series = (
        observations.select(*SERIES_COLUMNS)
        .filter(pl.col("metric") == metric)
        .sort(["date", "period_start", "id"])
    )
    return comparable_changes(series)


@dataclass(frozen=True, slots=True)
class ChartSeries:
    label: str
    dates: tuple[date, ...]
    values: tuple[float, ...]
    axis: str = "left"  # or "right"


# A terminal chart is at most a few hundred cells wide: more points only cost time.
MAX_POINTS_PER_SERIES = 400


def chart_series(series: pl.DataFrame, by: str = "actor_short") -> list[ChartSeries]:
    """One chart series per actor (or per ``by``), each point at the middle of its period;
    a long series is thinned evenly to ``MAX_POINTS_PER_SERIES`` points."""
    if series.is_empty():
        return []
    points = series.with_columns(
        (pl.col("period_start") + (pl.col("period_end") - pl.col("period_start")) / 2).alias("mid")
    ).sort("mid")
    step = (pl.len() // MAX_POINTS_PER_SERIES + 1).over(by)
    points = points.filter((pl.int_range(pl.len()).over(by) % step) == 0)
    grouped = points.group_by(by, maintain_order=True).agg(pl.col("mid"), pl.col("value"))
    return [
        ChartSeries(label=row[by] or "?", dates=tuple(row["mid"]), values=tuple(row["value"]))
        for row in grouped.iter_rows(named=True)
    ]


# The adoption story: the stock of activated accounts, and the activation rates, which the
# legend keeps apart by denominator.
OVERVIEW_METRICS = {
    "accounts_activated": "activated accounts (M)",
    "activation_rate_created": "% of created accounts",
    "activation_rate_target_population": "% of target population",
    "activation_rate_population": "% of population",
}


def overview_series(observations: pl.DataFrame) -> list[ChartSeries]:
    """Activated accounts (millions, left axis) and activation rates (%, right axis)."""
    labels = pl.col("metric").replace_strict(OVERVIEW_METRICS, default=None)
    # Only the columns the chart reads: filtering every column would copy the quotes too.
    chosen = (
        observations.select("metric", "unit", "value", "period_start", "period_end")
        .filter(pl.col("metric").is_in(list(OVERVIEW_METRICS)))
        .with_columns(
            labels.alias("who"),
            pl.when(pl.col("unit") == "count").then(pl.col("value") / 1e6).otherwise("value"),
        )
    )
    return [
        ChartSeries(s.label, s.dates, s.values, axis="left" if "(M)" in s.label else "right")
        for s in chart_series(chosen, by="who")
    ]


LISTED_VALUES = 60  # the metric pane lists a series' latest values
LISTED_DISAGREEMENTS = 20


@dataclass(frozen=True)
class MetricView:
    """What the metric detail shows: the definition, the series, the look-alikes, the chart."""

    metric: dict[str, Any]
    series: tuple[dict[str, Any], ...]
    chart: tuple[ChartSeries, ...]
    lookalikes: tuple[dict[str, Any], ...]
    overview: bool = False
    earlier: int = 0  # values before the listed ``series`` (a long series lists its latest)
    chart_label: str = ""
    derived: tuple[dict[str, Any], ...] = ()  # computed here, never published: see core.derived
    disagreements: tuple[dict[str, Any], ...] = ()


def metric_view(frames: Frames, metric: str) -> MetricView:
    """The detail of ``metric`` over all its observations, whatever the filters."""
    record = frames.metrics.filter(pl.col("id") == metric).to_dicts()[0]
    series = metric_series(frames.observations, metric)
    rows = (
        series.tail(LISTED_VALUES)
        .select(
            "id",
            "period_start",
            "period_end",
            "period_precision",
            "value",
            "unit",
            "qualifier",
            "actor_short",
            "category",
            "comparison",
            "change",
            "change_pct",
            "previous_id",
            "per_month",
            "previous_per_month",
        )
        .to_dicts()
    )
    from mes_tui.core.derived import analysed_observations, derived_frame
    from mes_tui.core.disagreements import definitions, disagreements

    analysed = analysed_observations(frames)  # shared: a pass over every observation

    lookalikes = (
        definitions(frames, metric)
        .filter(pl.col("relation") != "self")
        .select("id", "label_en", "unit", "denominator", "definition", "relation")
        .to_dicts()
    )
    derived = (
        derived_frame(frames, metric, analysed=analysed)
        .select("kind", "display", "formula", "from", "note")
        .head(LISTED_VALUES)
    )
    disagreeing = (
        disagreements(frames, metric, analysed=analysed)
        .select(
            "kind", "reason", "id_a", "id_b", "quote_a", "quote_b", "actor_short_a", "actor_short_b"
        )
        .head(LISTED_DISAGREEMENTS)
    )
    chart = chart_series(series)
    label = {"percent": "%", "eur": "€", "ratio": "×", "month": "months"}.get(record["unit"], "")
    largest = series["value"].abs().max()
    if record["unit"] in ("count", "eur") and isinstance(largest, float) and largest >= 1e6:
        chart = [
            ChartSeries(s.label, s.dates, tuple(v / 1e6 for v in s.values), s.axis) for s in chart
        ]
        label = "millions" + (" €" if record["unit"] == "eur" else "")
    return MetricView(
        metric=record,
        series=tuple(rows),
        chart=tuple(chart),
        lookalikes=tuple(lookalikes),
        chart_label=label,
        derived=tuple(derived.to_dicts()),
        disagreements=tuple(disagreeing.to_dicts()),
        earlier=max(0, series.height - LISTED_VALUES),
    )


def overview_view(frames: Frames) -> MetricView:
    """The adoption story when no metric is chosen."""
    metrics = frames.metrics.filter(pl.col("id").is_in(list(OVERVIEW_METRICS)))
    record = {
        "id": None,
        "label_en": "Adoption overview",
        "unit": "count",
        "definition": "Activated accounts (left axis, millions) and activation rates (right "
        "axis, %) over time. Each rate has its own denominator: they are not one "
        "series.",
        "lookalike_note": None,
        "denominator": None,
    }
    lookalikes = metrics.select("id", "label_en", "unit", "denominator", "definition").to_dicts()
    return MetricView(
        metric=record,
        series=(),
        chart=tuple(overview_series(frames.observations)),
        lookalikes=tuple(lookalikes),
        overview=True,
        chart_label="millions",
    )
