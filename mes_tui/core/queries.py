"""Queries the explorer and the CLI share: the timeline, a metric's series, chart series."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import polars as pl

from mes_tui.core.calendar_axis import place
from mes_tui.core.comparison import comparable_changes

if TYPE_CHECKING:
    from mes_tui.core.frames import Frames


__all__ = [
    "OVERVIEW_METRICS",
    "OVERVIEW_RATES",
    "ChartPanel",
    "ChartSeries",
    "MetricView",
    "chart_series",
    "find_record",
    "metric_series",
    "metric_view",
    "overview_panels",
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
    """The figures of one series: one actor (or one metric), one definition (category), one
    scope; goals apart. Each figure is drawn at its period's end (``dates``); a flow, which
    counts what happened over its period, is drawn over it (from ``starts``), never joined."""

    label: str
    dates: tuple[date, ...]
    values: tuple[float, ...]
    axis: str = "left"  # or "right"
    starts: tuple[date, ...] = ()  # set when the series spans its periods (a flow)
    category: str | None = None
    scope: str | None = None
    goal: bool = False
    ids: tuple[str, ...] = ()

    @property
    def spans(self) -> bool:
        return bool(self.starts)


@dataclass(frozen=True, slots=True)
class ChartPanel:
    """One chart of a set of small multiples: one unit, one scale, its own y axis. ``key``
    names what it shows (a metric id, or ``activation_rates`` for the rates by their base)."""

    key: str
    unit: str
    series: tuple[ChartSeries, ...]
    scale: float = 1.0  # values are divided by it (1e6: millions)

    @property
    def points(self) -> int:
        return sum(len(s.values) for s in self.series)


# A terminal chart is at most a few hundred cells wide: more points only cost time.
MAX_POINTS_PER_SERIES = 400
_SERIES_KEYS = ("category", "scope", "scope_code", "qualifier", "metric_kind", "id")


def chart_series(series: pl.DataFrame, by: str = "actor_short") -> list[ChartSeries]:
    """One chart series per ``by`` (an actor), breakdown category and scope, goals apart;
    each figure placed by ``core.calendar_axis.place``: a flow over its period, any other
    figure at its period's end. A long series is thinned evenly to
    ``MAX_POINTS_PER_SERIES`` points."""
    if series.is_empty():
        return []
    missing = [pl.lit(None, pl.String).alias(c) for c in _SERIES_KEYS if c not in series.columns]
    points = series.with_columns(missing).with_columns(
        (pl.col("qualifier") == "target").fill_null(False).alias("goal"),
        (pl.col("metric_kind") == "flow").fill_null(False).alias("flow"),
    )
    keys = [by, "category", "scope", "scope_code", "goal"]
    points = points.sort("period_end", "period_start")
    step = (pl.len() // MAX_POINTS_PER_SERIES + 1).over(keys)
    points = points.filter((pl.int_range(pl.len()).over(keys) % step) == 0)
    grouped = points.group_by(keys, maintain_order=True).agg(
        pl.col("period_start"),
        pl.col("period_end"),
        pl.col("value"),
        pl.col("flow").all(),
        pl.col("id"),
    )
    out = []
    for row in grouped.iter_rows(named=True):
        placed = [
            place(start, end, "day", covers_period=row["flow"])
            for start, end in zip(row["period_start"], row["period_end"], strict=True)
        ]
        out.append(
            ChartSeries(
                label=row[by] or "?",
                dates=tuple(p.end for p in placed),
                values=tuple(row["value"]),
                starts=tuple(p.start for p in placed) if row["flow"] else (),
                category=row["category"],
                scope=row["scope"],
                goal=row["goal"],
                ids=tuple(i or "" for i in row["id"]),
            )
        )
    return out


# The adoption story: the stock of activated accounts, and the activation rates, which the
# legend keeps apart by denominator.
OVERVIEW_METRICS = {
    "accounts_activated": "activated accounts (M)",
    "activation_rate_created": "% of created accounts",
    "activation_rate_target_population": "% of target population",
    "activation_rate_population": "% of population",
}
OVERVIEW_RATES = "activation_rates"


def overview_series(observations: pl.DataFrame) -> list[ChartSeries]:
    """Activated accounts (millions, left axis) and activation rates (%, right axis)."""
    return [s for panel in overview_panels(observations) for s in panel.series]


def overview_panels(observations: pl.DataFrame) -> tuple[ChartPanel, ...]:
    """Small multiples, no dual axis: activated accounts (millions, one series per actor),
    then the activation rates (%), one series per base, each labelled by its denominator."""
    chosen = observations.select(
        "id",
        "metric",
        "unit",
        "value",
        "period_start",
        "period_end",
        "qualifier",
        "scope",
        "actor_short",
    ).filter(pl.col("metric").is_in(list(OVERVIEW_METRICS)) & (pl.col("scope") == "national"))
    accounts = chosen.filter(pl.col("metric") == "accounts_activated")
    rates = chosen.filter(pl.col("metric") != "accounts_activated").with_columns(
        pl.col("metric").replace_strict(OVERVIEW_METRICS, default=None).alias("who")
    )
    return (
        ChartPanel("accounts_activated", "count", tuple(chart_series(accounts)), scale=1e6),
        ChartPanel(OVERVIEW_RATES, "percent", tuple(chart_series(rates, by="who"))),
    )


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
    panels: tuple[ChartPanel, ...] = ()  # the charts: one, or the overview's small multiples
    sources: tuple[dict[str, Any], ...] = ()  # the charted figures, cited: export.with_sources
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
            "comparison",
            "scope",
            "scope_detail",
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
    label = {"percent": "%", "eur": "€", "ratio": "×", "month": "months"}.get(record["unit"], "")
    largest = series["value"].abs().max()
    scale = 1.0
    if record["unit"] in ("count", "eur") and isinstance(largest, float) and largest >= 1e6:
        scale = 1e6
        label = "millions" + (" €" if record["unit"] == "eur" else "")
    panel = ChartPanel(metric, record["unit"], tuple(chart), scale=scale)
    return MetricView(
        metric=record,
        series=tuple(rows),
        chart=tuple(chart),
        lookalikes=tuple(lookalikes),
        chart_label=label,
        panels=(panel,),
        derived=tuple(derived.to_dicts()),
        disagreements=tuple(disagreeing.to_dicts()),
        earlier=max(0, series.height - LISTED_VALUES),
    )


def overview_view(frames: Frames) -> MetricView:
    """The adoption story when no metric is chosen."""
    metrics = frames.metrics.filter(pl.col("id").is_in(list(OVERVIEW_METRICS)))
    panels = overview_panels(frames.observations)
    record = {
        "id": None,
        "label_en": "Adoption overview",
        "unit": "count",
        "definition": "Activated accounts (millions), then the activation rates (%) over "
        "time, each on its own chart. Each rate has its own denominator: they are not one "
        "series.",
        "lookalike_note": None,
        "denominator": None,
    }
    lookalikes = metrics.select("id", "label_en", "unit", "denominator", "definition").to_dicts()
    from mes_tui.core.latest import latest_figures

    return MetricView(
        metric=record,
        series=(),
        chart=tuple(s for p in panels for s in p.series),
        lookalikes=tuple(lookalikes),
        overview=True,
        panels=panels,
        chart_label="millions",
        latest=tuple(latest_figures(frames)),
    )
