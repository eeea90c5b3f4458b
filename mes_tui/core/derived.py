"""Figures derived from the published ones: implied denominators and rates, changes per
month, flows per month, time to a stated target.

Every derived record says it is derived (``derived`` is true), which observations it came from
(``from``) and the operands of its formula (``operands``, in the order the formula of its
``kind`` uses them), so a computed figure is never mistaken for a sourced one; ``present``
words the formula, the label and the note in the reader's language. The
pairings of a count with the rate or the base it belongs to are explicit tables below, never
guessed from labels. Pure functions of the frames; no UI imports.
"""

from __future__ import annotations

import polars as pl

from mes_tui.core.comparison import DAYS_PER_MONTH, flow_months
from mes_tui.core.frames import Frames

__all__ = [
    "ANALYSED_PER_METRIC",
    "DAYS_PER_MONTH",
    "DERIVED_SCHEMA",
    "FLOW_PACES",
    "KINDS",
    "NUMERATOR_RATES",
    "RATE_BASES",
    "analysed_observations",
    "derived_frame",
    "known_metric",
]


# A count and a rate whose numerator it is: count ÷ rate = the rate's denominator.
NUMERATOR_RATES: tuple[tuple[str, str], ...] = (
    ("accounts_activated", "activation_rate_created"),
    ("accounts_activated", "activation_rate_target_population"),
    ("accounts_activated", "activation_rate_population"),
    ("spaces_used", "usage_rate_created"),
)
# A count, the count it is part of, and the published rate the quotient is (None: no such rate).
RATE_BASES: tuple[tuple[str, str, str | None], ...] = (
    ("accounts_activated", "accounts_created", "activation_rate_created"),
    ("spaces_used", "accounts_created", "usage_rate_created"),
    ("spaces_used", "accounts_activated", None),
    ("ambassador_activations", "ambassador_people_reached", None),
)
# A flow and the stated monthly pace its per-month figure compares with.
FLOW_PACES: tuple[tuple[str, str], ...] = (("activations_in_period", "activations_monthly_pace"),)

_PACE = pl.Struct(
    {"id": pl.String(), "qualifier": pl.String(), "value": pl.Float64(), "date": pl.Date()}
)
# Each kind's operands, in order (what ``present`` writes its formula with):
#   implied_denominator  [count, rate]            count ÷ rate% = value
#   implied_rate         [count, base count]      count ÷ base = value%
#   change_per_month     [value, previous value]  (value − previous) ÷ months = value/month
#   per_month            [flow]                   flow ÷ months = value/month
#   time_to_target       [goal, value, pace]      (goal − value) ÷ pace = value months
DERIVED_SCHEMA: dict[str, pl.DataType] = {
    "kind": pl.String(),
    "metric": pl.String(),
    "value": pl.Float64(),
    "unit": pl.String(),
    "period_start": pl.Date(),
    "period_end": pl.Date(),
    "months": pl.Float64(),
    "operands": pl.List(pl.Float64()),
    "from": pl.List(pl.String()),
    "subject": pl.String(),  # the metric the figure is about (a label in ``present``)
    "subject_label": pl.String(),
    "subject_label_fr": pl.String(),
    "other_label": pl.String(),  # the other metric of a pair
    "other_label_fr": pl.String(),
    "base": pl.String(),  # implied denominator: the rate's stated denominator (data)
    "base_fr": pl.String(),  # the same in French
    "rate": pl.String(),  # implied rate: the published rate it compares with (a metric id)
    "since": pl.Date(),  # change per month: between these period midpoints
    "until": pl.Date(),
    "goal_end": pl.Date(),  # time to target: the goal's date
    "paces": pl.List(_PACE),  # per month: the stated monthly paces of the same flow
    "derived": pl.Boolean(),
}
# The columns each side of a comparison carries.
_SIDE = (
    "id",
    "metric",
    "metric_label",
    "metric_label_fr",
    "value",
    "unit",
    "qualifier",
    "period_start",
    "period_end",
    "actor",
    "actor_short",
    "source",
    "quote",
)
KINDS = ("implied_denominator", "implied_rate", "change_per_month", "per_month", "time_to_target")
_COL, _LIT = pl.col, pl.lit


# ── Shared pieces ────────────────────────────────────────────────────────────────────────


def known_metric(frames: Frames, metric: str) -> None:
    """Raise KeyError naming the valid ids when ``metric`` is not a metric of the dataset."""
    valid = sorted(frames.metrics["id"].to_list())
    if metric not in valid:
        raise KeyError(f"unknown metric {metric!r}; valid ids: {', '.join(valid)}")


# Pairs are compared within a metric: on a large dataset only the latest figures of each metric
# are analysed, so the work stays bounded (a million figures would make 10¹¹ pairs).
ANALYSED_PER_METRIC = 60


def analysed_observations(frames: Frames, targets: bool = False) -> pl.DataFrame:
    """Measured figures (goals apart), the latest ``ANALYSED_PER_METRIC`` of each metric, with
    each period's midpoint in days since 1970."""
    # The columns read below, first: filtering every column would copy a million quotes.
    wanted = dict.fromkeys(
        [
            *_SIDE,
            "metric_kind",
            "metric_denominator",
            "metric_denominator_fr",
            "category",
            "scope",
            "scope_code",
            "period_start",
            "period_end",
            "qualifier",
            "metric",
        ]
    )
    obs = frames.observations.select(*wanted).filter((_COL("qualifier") == "target") == targets)
    if obs.height > ANALYSED_PER_METRIC:
        latest = (
            _COL("period_end").rank("ordinal", descending=True).over("metric")
            <= ANALYSED_PER_METRIC
        )
        obs = obs.filter(latest)
    return obs.select(
        *_SIDE,
        "metric_kind",
        "metric_denominator",
        "metric_denominator_fr",
        "category",
        "scope",
        "scope_code",
        ((_COL("period_start").cast(pl.Int32) + _COL("period_end").cast(pl.Int32)) / 2).alias(
            "mid"
        ),
    )


def _pairs(obs: pl.DataFrame, table: pl.DataFrame) -> pl.DataFrame:
    """Observation a of ``metric`` joined with observation b of ``metric_b``, per table row."""
    return obs.join(table, on="metric").join(obs.rename(lambda c: f"{c}_b"), on="metric_b")


def _gap_days() -> pl.Expr:
    """Days between two periods; 0 when they overlap."""
    return pl.max_horizontal(
        (_COL("period_start_b") - _COL("period_end")).dt.total_days(),
        (_COL("period_start") - _COL("period_end_b")).dt.total_days(),
        _LIT(0),
    )


def _same_stock() -> pl.Expr:
    """Same scope and category, and the same source about overlapping periods or same period."""
    overlap = _gap_days() == 0
    same_period = (_COL("period_start") == _COL("period_start_b")) & (
        _COL("period_end") == _COL("period_end_b")
    )
    return (
        _same_scope()
        & _COL("category").eq_missing(_COL("category_b"))
        & (((_COL("source") == _COL("source_b")) & overlap) | same_period)
    )


def _same_scope(suffix: str = "_b", *, samples_are_national: bool = False) -> pl.Expr:
    """Both figures describe the same place: the national series never meets a région's.
    ``samples_are_national``: a national survey's sample counts as national (to warn that
    a survey's share and a national rate read alike)."""

    def place(column: str) -> pl.Expr:
        scope = _COL(column)
        return scope.replace({"survey_sample": "national"}) if samples_are_national else scope

    return (place("scope") == place(f"scope{suffix}")) & _COL("scope_code").eq_missing(
        _COL(f"scope_code{suffix}")
    )


def _relative(a: pl.Expr, b: pl.Expr) -> pl.Expr:
    return (a - b).abs() / pl.max_horizontal(a.abs(), b.abs())


def _day(days: pl.Expr) -> pl.Expr:
    return days.floor().cast(pl.Int32).cast(pl.Date)


def _finish(frame: pl.DataFrame) -> pl.DataFrame:
    out = frame.with_columns(_LIT(True).alias("derived"))
    missing = [_LIT(None).alias(c) for c in DERIVED_SCHEMA if c not in out.columns]
    return out.with_columns(missing).select([_COL(c).cast(t) for c, t in DERIVED_SCHEMA.items()])


# ── Derived figures ──────────────────────────────────────────────────────────────────────


def _implied_denominators(obs: pl.DataFrame) -> pl.DataFrame:
    table = pl.DataFrame(NUMERATOR_RATES, schema=["metric", "metric_b"], orient="row")
    pairs = _pairs(obs, table).filter(_same_stock() & (_COL("value_b") > 0))
    value = _COL("value") / (_COL("value_b") / 100)
    return _finish(
        pairs.select(
            kind=_LIT("implied_denominator"),
            metric=_COL("metric_b"),
            value=value,
            unit=_LIT("count"),
            period_start=pl.min_horizontal("period_start", "period_start_b"),
            period_end=pl.max_horizontal("period_end", "period_end_b"),
            months=_LIT(None),
            operands=pl.concat_list("value", "value_b"),
            **{"from": pl.concat_list("id", "id_b")},
            subject=_COL("metric_b"),
            subject_label=_COL("metric_label_b"),
            subject_label_fr=_COL("metric_label_fr_b"),
            base=_COL("metric_denominator_b"),
            base_fr=_COL("metric_denominator_fr_b"),
        )
    )


def _implied_rates(obs: pl.DataFrame) -> pl.DataFrame:
    table = pl.DataFrame(RATE_BASES, schema=["metric", "metric_b", "rate"], orient="row")
    pairs = _pairs(obs, table).filter(_same_stock() & (_COL("value_b") > 0))
    value = _COL("value") / _COL("value_b") * 100
    return _finish(
        pairs.select(
            kind=_LIT("implied_rate"),
            metric=pl.coalesce("rate", "metric"),
            value=value,
            unit=_LIT("percent"),
            period_start=pl.min_horizontal("period_start", "period_start_b"),
            period_end=pl.max_horizontal("period_end", "period_end_b"),
            months=_LIT(None),
            operands=pl.concat_list("value", "value_b"),
            **{"from": pl.concat_list("id", "id_b")},
            subject=_COL("metric"),
            subject_label=_COL("metric_label"),
            subject_label_fr=_COL("metric_label_fr"),
            other_label=_COL("metric_label_b"),
            other_label_fr=_COL("metric_label_fr_b"),
            rate=_COL("rate"),
        )
    )


def _changes(obs: pl.DataFrame) -> pl.DataFrame:
    """Each stock figure with the previous one of the same metric, scope and category."""
    stocks = obs.filter(_COL("metric_kind") == "stock").sort("mid", "id")
    key = [_COL("metric"), _COL("category").fill_null(""), _COL("scope"), _COL("scope_code")]
    prev = {f"{c}_prev": _COL(c).shift(1).over(key) for c in ("id", "value", "mid", "period_start")}
    pairs = stocks.with_columns(**prev).filter(_COL("mid") > _COL("mid_prev"))
    months = (_COL("mid") - _COL("mid_prev")) / DAYS_PER_MONTH
    return pairs.with_columns(months=months, pace=(_COL("value") - _COL("value_prev")) / months)


def _change_per_month(changes: pl.DataFrame) -> pl.DataFrame:
    return _finish(
        changes.select(
            kind=_LIT("change_per_month"),
            metric="metric",
            value="pace",
            unit=_LIT("count_per_month"),
            period_start="period_start_prev",
            period_end="period_end",
            months="months",
            operands=pl.concat_list("value", "value_prev"),
            **{"from": pl.concat_list("id_prev", "id")},
            subject=_COL("metric"),
            subject_label=_COL("metric_label"),
            subject_label_fr=_COL("metric_label_fr"),
            since=_day(_COL("mid_prev")),
            until=_day(_COL("mid")),
        )
    )


def _per_month(obs: pl.DataFrame) -> pl.DataFrame:
    flows = obs.filter(_COL("metric_kind") == "flow").with_columns(months=flow_months())
    flows = flows.filter(_COL("months") > 0).with_columns(pace=_COL("value") / _COL("months"))
    table = pl.DataFrame(FLOW_PACES, schema=["metric", "metric_b"], orient="row")
    paces = (
        _pairs(obs, table)
        .sort("id_b")
        .group_by("id")
        .agg(
            pl.struct(
                id=_COL("id_b"),
                qualifier=_COL("qualifier_b"),
                value=_COL("value_b"),
                date=_COL("period_end_b"),
            ).alias("paces")
        )
    )
    return _finish(
        flows.join(paces, on="id", how="left").select(
            kind=_LIT("per_month"),
            metric="metric",
            value="pace",
            unit=_LIT("count_per_month"),
            period_start="period_start",
            period_end="period_end",
            months="months",
            operands=pl.concat_list("value"),
            **{"from": pl.concat_list("id")},
            subject=_COL("metric"),
            subject_label=_COL("metric_label"),
            subject_label_fr=_COL("metric_label_fr"),
            paces="paces",
        )
    )


def _time_to_target(frames: Frames, changes: pl.DataFrame) -> pl.DataFrame:
    place = ["metric", "scope", "scope_code"]
    latest = changes.sort("mid").group_by(place, maintain_order=True).last()
    goals = analysed_observations(frames, targets=True).select(
        *place, goal_id="id", goal="value", goal_end="period_end"
    )
    rows = latest.join(goals, on=place, nulls_equal=True).filter(
        (_COL("pace") > 0) & (_COL("goal") > _COL("value"))
    )
    months = (_COL("goal") - _COL("value")) / _COL("pace")
    reach = _day(_COL("mid") + months * DAYS_PER_MONTH)
    return _finish(
        rows.select(
            kind=_LIT("time_to_target"),
            metric="metric",
            value=months,
            unit=_LIT("month"),
            period_start=_day(_COL("mid")),
            period_end=reach,
            months=months,
            operands=pl.concat_list("goal", "value", "pace"),
            **{"from": pl.concat_list("goal_id", "id_prev", "id")},
            subject=_COL("metric"),
            subject_label=_COL("metric_label"),
            subject_label_fr=_COL("metric_label_fr"),
            goal_end=_COL("goal_end"),
        )
    )


def _involving(frames: Frames, metric: str, names: list[str], cites: str) -> pl.Expr:
    """Rows about ``metric``: a column of ``names`` is it, or list ``cites`` cites its figures."""
    ids = frames.observations.select("id", "metric").filter(_COL("metric") == metric)["id"]
    named = pl.any_horizontal(*[_COL(c) == metric for c in names])
    return named | _COL(cites).list.eval(pl.element().is_in(ids.implode())).list.any().fill_null(
        False
    )


def derived_frame(
    frames: Frames, metric: str | None = None, *, analysed: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Every derived figure (columns ``DERIVED_SCHEMA``), or those about ``metric``.
    ``analysed``: ``analysed_observations(frames)``, when the caller has it already."""
    obs = analysed_observations(frames) if analysed is None else analysed
    changes = _changes(obs)
    out = pl.concat(
        [
            _implied_denominators(obs),
            _implied_rates(obs),
            _change_per_month(changes),
            _per_month(obs),
            _time_to_target(frames, changes),
        ]
    )
    if metric is not None:
        known_metric(frames, metric)
        out = out.filter(_involving(frames, metric, ["metric"], "from"))
    rank = _COL("kind").replace_strict(list(KINDS), list(range(len(KINDS))), return_dtype=pl.Int8)
    return out.sort(["metric", rank, "period_end", "period_start"], maintain_order=True)
