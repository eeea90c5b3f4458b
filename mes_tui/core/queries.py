"""Queries the explorer and the CLI share: the timeline, a metric's series, chart series."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import polars as pl

if TYPE_CHECKING:
    from mes_tui.core.frames import Frames

from mes_tui.core.records import Record, RecordKey

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


def record_frame(frames: Frames, key: RecordKey) -> pl.DataFrame:
    """The row behind a timeline key: one row, or none."""
    frame = frames.events if key.kind == "event" else frames.observations
    return frame.filter(pl.col("id") == key.id)


def find_record(frames: Frames, key: RecordKey) -> Record | None:
    """The record behind a timeline key, or None when no row has that key."""
    rows = record_frame(frames, key).head(1).to_dicts()
    return Record(key, rows[0]) if rows else None


# What a series needs, for the metric pane and ``mes-tui metric`` (filtering every column
# would copy every other column of a large dataset too).
SERIES_COLUMNS = (
    "id",
    "metric",
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
    "scope_detail",
    "scope_code",
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
    """Every value of ``metric`` in date order, with the change from the previous value of the
    same breakdown category and scope (the series a reader compares: a région's figure follows
    the same région's, never a national one). Goals are not measurements: they are left out
    of the measurements' changes (and a goal is compared with the goal before)."""
    series = (
        observations.select(*SERIES_COLUMNS)
        .filter(pl.col("metric") == metric)
        .sort(["date", "period_start", "id"])
    )
    chain = [
        pl.col("category").fill_null(""),
        pl.col("qualifier") != "target",
        pl.col("scope"),
        pl.col("scope_code").fill_null(""),
    ]
    previous = pl.col("value").shift(1).over(chain)
    return series.with_columns(
        (pl.col("value") - previous).alias("change"),
        ((pl.col("value") / previous - 1) * 100).alias("change_pct"),
        pl.col("id").shift(1).over(chain).alias("previous_id"),
    )


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


# The adoption story: the stock of activated accounts (left axis, in millions), and the
# activation rates (right axis), which the legend keeps apart by denominator. Each series is
# labelled by its metric id; ``present`` names it in the reader's language.
OVERVIEW_METRICS: dict[str, str] = {
    "accounts_activated": "left",
    "activation_rate_created": "right",
    "activation_rate_target_population": "right",
    "activation_rate_population": "right",
}


def overview_series(observations: pl.DataFrame) -> list[ChartSeries]:
    """Activated accounts (millions, left axis) and activation rates (%, right axis)."""
    # Only the columns the chart reads: filtering every column would copy the quotes too.
    # The story is national: regional and survey figures are other series.
    chosen = (
        observations.select("metric", "unit", "value", "period_start", "period_end", "scope")
        .filter(pl.col("metric").is_in(list(OVERVIEW_METRICS)) & (pl.col("scope") == "national"))
        .with_columns(
            pl.when(pl.col("unit") == "count").then(pl.col("value") / 1e6).otherwise("value"),
        )
    )
    return [
        ChartSeries(s.label, s.dates, s.values, axis=OVERVIEW_METRICS[s.label])
        for s in chart_series(chosen, by="metric")
    ]


LISTED_VALUES = 60  # the metric pane lists a series' latest values
LISTED_DISAGREEMENTS = 20
# What a definition side by side carries (a look-alike, or a series of the overview).
SIDE_BY_SIDE_COLUMNS = (
    "id",
    "label_en",
    "label_fr",
    "unit",
    "denominator",
    "denominator_fr",
    "definition",
    "definition_fr",
)


@dataclass(frozen=True)
class MetricView:
    """What the metric detail shows: the definition, the series, the look-alikes, the chart."""

    metric: dict[str, Any]
    series: tuple[dict[str, Any], ...]
    chart: tuple[ChartSeries, ...]
    lookalikes: tuple[dict[str, Any], ...]
    overview: bool = False
    earlier: int = 0  # values before the listed ``series`` (a long series lists its latest)
    chart_unit: str = "count"  # the unit of the chart's left axis
    chart_millions: bool = False  # the chart's values are in millions
    derived: tuple[dict[str, Any], ...] = ()  # computed here, never published: see core.derived
    disagreements: tuple[dict[str, Any], ...] = ()
    latest: tuple[Any, ...] = ()  # the overview's latest national figures (core.latest)


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
            "scope",
            "scope_detail",
            "change",
            "change_pct",
            "previous_id",
        )
        .to_dicts()
    )
    from mes_tui.core.derived import analysed_observations, derived_frame
    from mes_tui.core.disagreements import definitions, disagreements

    analysed = analysed_observations(frames)  # shared: a pass over every observation

    lookalikes = (
        definitions(frames, metric)
        .filter(pl.col("relation") != "self")
        .select(*SIDE_BY_SIDE_COLUMNS, "relation")
        .to_dicts()
    )
    derived = derived_frame(frames, metric, analysed=analysed).head(LISTED_VALUES)
    disagreeing = disagreements(frames, metric, analysed=analysed).head(LISTED_DISAGREEMENTS)
    # One line per actor and scope: a région's figures never join the national line.
    chart = chart_series(
        series.with_columns(
            pl.when(pl.col("scope") == "national")
            .then(pl.col("actor_short"))
            .otherwise(
                pl.concat_str(
                    pl.col("actor_short"),
                    pl.lit(" · "),
                    pl.coalesce("scope_detail", "scope_code", "scope"),
                )
            )
            .alias("line")
        ),
        by="line",
    )
    largest = series["value"].abs().max()
    millions = bool(
        record["unit"] in ("count", "eur") and isinstance(largest, float) and largest >= 1e6
    )
    if millions:
        chart = [
            ChartSeries(s.label, s.dates, tuple(v / 1e6 for v in s.values), s.axis) for s in chart
        ]
    return MetricView(
        metric=record,
        series=tuple(rows),
        chart=tuple(chart),
        lookalikes=tuple(lookalikes),
        chart_unit=record["unit"],
        chart_millions=millions,
        derived=tuple(derived.to_dicts()),
        disagreements=tuple(disagreeing.to_dicts()),
        earlier=max(0, series.height - LISTED_VALUES),
    )


def overview_view(frames: Frames) -> MetricView:
    """The adoption story when no metric is chosen."""
    metrics = frames.metrics.filter(pl.col("id").is_in(list(OVERVIEW_METRICS)))
    record = {"id": None, "unit": "count"}  # the overview is no metric: ``present`` words it
    lookalikes = metrics.select(*SIDE_BY_SIDE_COLUMNS).to_dicts()
    from mes_tui.core.latest import latest_figures

    return MetricView(
        metric=record,
        series=(),
        chart=tuple(overview_series(frames.observations)),
        lookalikes=tuple(lookalikes),
        overview=True,
        chart_millions=True,
        latest=tuple(latest_figures(frames)),
    )
