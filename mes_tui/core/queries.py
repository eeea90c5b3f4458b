"""Queries the explorer and the CLI share: the timeline, a metric's series, chart series."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

import polars as pl

from mes_tui.core.calendar_axis import place
from mes_tui.core.comparison import comparable_changes

if TYPE_CHECKING:
    from mes_tui.core.frames import Frames

from mes_tui.core.records import Record, RecordKey

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
    "with_sources",
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
    "actor_short_fr",
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
    starts: tuple[date, ...] = ()  # set when the series spans its periods (a flow)
    category: str | None = None
    scope: str | None = None
    goal: bool = False
    ids: tuple[str, ...] = ()
    label_fr: str | None = None  # the label in French, when the data has it (an actor's)

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


def chart_series(
    series: pl.DataFrame, by: str = "actor_short", by_fr: str | None = "actor_short_fr"
) -> list[ChartSeries]:
    """One chart series per ``by`` (an actor; ``by_fr`` names it in French when the data
    does), breakdown category and scope, goals apart;
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
    french = by_fr if by_fr is not None and by_fr in points.columns else None
    grouped = points.group_by(keys, maintain_order=True).agg(
        (pl.col(french).first() if french else pl.lit(None, pl.String)).alias("label_fr"),
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
                label_fr=row["label_fr"],
            )
        )
    return out


# The adoption story: the stock of activated accounts (in millions), then the activation rates
# on a chart of their own, which the legend keeps apart by denominator. Each rate's series is
# labelled by its metric id; ``present`` names it in the reader's language.
OVERVIEW_METRICS: tuple[str, ...] = (
    "accounts_activated",
    "activation_rate_created",
    "activation_rate_target_population",
    "activation_rate_population",
)
OVERVIEW_RATES = "activation_rates"


def overview_series(observations: pl.DataFrame) -> list[ChartSeries]:
    """Every series of the overview's charts (see ``overview_panels``)."""
    return [s for panel in overview_panels(observations) for s in panel.series]


def overview_panels(observations: pl.DataFrame) -> tuple[ChartPanel, ...]:
    """Small multiples, no dual axis: activated accounts (millions, one series per actor),
    then the activation rates (%), one series per base, labelled by the rate's metric id
    (``present`` names it in the reader's language)."""
    # Only the columns the chart reads: filtering every column would copy the quotes too.
    # The story is national: regional and survey figures are other series.
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
        "actor_short_fr",
    ).filter(pl.col("metric").is_in(list(OVERVIEW_METRICS)) & (pl.col("scope") == "national"))
    accounts = chosen.filter(pl.col("metric") == "accounts_activated")
    rates = chosen.filter(pl.col("metric") != "accounts_activated")
    return (
        ChartPanel("accounts_activated", "count", tuple(chart_series(accounts)), scale=1e6),
        ChartPanel(OVERVIEW_RATES, "percent", tuple(chart_series(rates, by="metric", by_fr=None))),
    )


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
    derived: tuple[dict[str, Any], ...] = ()  # computed here, never published: see core.derived
    disagreements: tuple[dict[str, Any], ...] = ()
    panels: tuple[ChartPanel, ...] = ()  # the charts: one, or the overview's small multiples
    sources: tuple[dict[str, Any], ...] = ()  # the charted figures and their sources: with_sources
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
            "actor_short_fr",
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
        .select(*SIDE_BY_SIDE_COLUMNS, "relation")
        .to_dicts()
    )
    derived = derived_frame(frames, metric, analysed=analysed).head(LISTED_VALUES)
    disagreeing = disagreements(frames, metric, analysed=analysed).head(LISTED_DISAGREEMENTS)

    # One line per actor and scope: a région's figures never join the national line.
    def line(actor: pl.Expr) -> pl.Expr:
        return (
            pl.when(pl.col("scope") == "national")
            .then(actor)
            .otherwise(
                pl.concat_str(
                    actor, pl.lit(" · "), pl.coalesce("scope_detail", "scope_code", "scope")
                )
            )
        )

    chart = chart_series(
        series.with_columns(
            line(pl.col("actor_short")).alias("line"),
            line(pl.coalesce("actor_short_fr", "actor_short")).alias("line_fr"),
        ),
        by="line",
        by_fr="line_fr",
    )
    largest = series["value"].abs().max()
    scale = (
        1e6
        if record["unit"] in ("count", "eur") and isinstance(largest, float) and largest >= 1e6
        else 1.0
    )
    panel = ChartPanel(metric, record["unit"], tuple(chart), scale=scale)
    return MetricView(
        metric=record,
        series=tuple(rows),
        chart=tuple(chart),
        lookalikes=tuple(lookalikes),
        panels=(panel,),
        derived=tuple(derived.to_dicts()),
        disagreements=tuple(disagreeing.to_dicts()),
        earlier=max(0, series.height - LISTED_VALUES),
    )


def overview_view(frames: Frames) -> MetricView:
    """The adoption story when no metric is chosen."""
    metrics = frames.metrics.filter(pl.col("id").is_in(list(OVERVIEW_METRICS)))
    panels = overview_panels(frames.observations)
    record = {"id": None, "unit": "count"}  # the overview is no metric: ``present`` words it
    lookalikes = metrics.select(*SIDE_BY_SIDE_COLUMNS).to_dicts()
    from mes_tui.core.latest import latest_figures

    return MetricView(
        metric=record,
        series=(),
        chart=tuple(s for p in panels for s in p.series),
        lookalikes=tuple(lookalikes),
        overview=True,
        panels=panels,
        latest=tuple(latest_figures(frames)),
    )


# What a chart lists under it for each figure drawn: its value and period, who said it where
# (``present.citation`` words the citation).
_SOURCE_FIELDS = (
    "id",
    "value",
    "unit",
    "qualifier",
    "period_start",
    "period_end",
    "period_precision",
    "actor_short",
    "actor_short_fr",
    "actor_name",
    "speaker",
    "source",
    "source_title",
    "source_outlet",
    "source_published",
    "source_precision",
    "source_kind",
    "source_url",
)


def with_sources(frames: Frames, view: MetricView) -> MetricView:
    """``view`` with the figures its charts draw (in date order), each with the columns of
    its citation: listed under a chart, in ``mes-tui chart`` and in an exported SVG."""
    ids = [i for panel in view.panels for series in panel.series for i in series.ids]
    drawn = (
        frames.observations.filter(pl.col("id").is_in(ids))
        .sort("period_end", "period_start", "id")
        .select(_SOURCE_FIELDS)
    )
    return replace(view, sources=tuple(drawn.to_dicts()))
