"""Published figures that do not agree, and look-alike definitions shown side by side.

Same metric, close periods, different actors or sources and values apart; shares of look-alike
metrics that read as the same thing over different denominators; a count divided by its rate
that lands away from the base published for it. Pure functions of the frames; no UI imports.
"""

from __future__ import annotations

import polars as pl

# The building blocks are shared with the derived figures, which pair the same metrics.
from mes_tui.core.derived import (
    _SIDE,
    NUMERATOR_RATES,
    RATE_BASES,
    _gap_days,
    _involving,
    _pairs,
    _relative,
    _same_scope,
    analysed_observations,
    known_metric,
)
from mes_tui.core.frames import Frames

_COL, _LIT = pl.col, pl.lit

__all__ = ["DISAGREEMENT_SCHEMA", "definitions", "disagreements"]

DISAGREEMENT_SCHEMA: dict[str, pl.DataType] = {
    "kind": pl.String(),
    **{
        f"{c}_{s}": (
            pl.Float64() if c == "value" else pl.Date() if c.startswith("period") else pl.String()
        )
        for s in "ab"
        for c in _SIDE
    },
    "denominator_a": pl.String(),  # a share's stated denominator (data)
    "denominator_b": pl.String(),
    "denominator_a_fr": pl.String(),  # the same in French
    "denominator_b_fr": pl.String(),
    "gap_days": pl.Int64(),
    "difference": pl.Float64(),  # relative: |a − b| ÷ max(|a|, |b|)
    "same_value": pl.Boolean(),  # look-alike shares of (nearly) the same value
    "implied": pl.Float64(),  # implied base: count ÷ rate
    "base_value": pl.Float64(),  # implied base: the rate's published base
    "base_end": pl.Date(),
    "related": pl.List(pl.String()),
}
# Why a pair disagrees is said by ``present`` from these columns, in the reader's language.


# ── Disagreements ────────────────────────────────────────────────────────────────────────


def _side(frame: pl.DataFrame, kind: str, **extra: pl.Expr) -> pl.DataFrame:
    named = {f"{c}_a": _COL(c) for c in _SIDE} | {f"{c}_b": _COL(f"{c}_b") for c in _SIDE}
    columns = {
        "denominator_a": _COL("metric_denominator"),
        "denominator_b": _COL("metric_denominator_b"),
        "denominator_a_fr": _COL("metric_denominator_fr"),
        "denominator_b_fr": _COL("metric_denominator_fr_b"),
        "gap_days": _gap_days(),
        "difference": _relative(_COL("value"), _COL("value_b")),
        "related": pl.concat_list(_LIT(None, pl.String)).list.drop_nulls(),
    } | extra
    out = frame.select(kind=_LIT(kind), **named, **columns)
    missing = [_LIT(None).alias(c) for c in DISAGREEMENT_SCHEMA if c not in out.columns]
    return out.with_columns(missing).select(
        [_COL(c).cast(t) for c, t in DISAGREEMENT_SCHEMA.items()]
    )


def _earlier_first() -> pl.Expr:
    mid, mid_b = _COL("mid"), _COL("mid_b")
    return (mid < mid_b) | ((mid == mid_b) & (_COL("id") < _COL("id_b")))


def _same_metric(obs: pl.DataFrame, tolerance: float, near_days: int) -> pl.DataFrame:
    table = obs.select("metric", metric_b="metric").unique()
    bound = (
        ((_COL("qualifier") == "at_least") & (_COL("value_b") >= _COL("value")))
        | ((_COL("qualifier") == "at_most") & (_COL("value_b") <= _COL("value")))
        | ((_COL("qualifier_b") == "at_least") & (_COL("value") >= _COL("value_b")))
        | ((_COL("qualifier_b") == "at_most") & (_COL("value") <= _COL("value_b")))
    )
    length = (_COL("period_end") - _COL("period_start")) == (
        _COL("period_end_b") - _COL("period_start_b")
    )
    pairs = _pairs(obs, table).filter(
        _earlier_first()
        & (_gap_days() <= near_days)
        & _same_scope()
        & _COL("category").eq_missing(_COL("category_b"))
        & ((_COL("actor") != _COL("actor_b")) | (_COL("source") != _COL("source_b")))
        & ((_COL("metric_kind") != "flow") | length)
        & ~bound
        & (_relative(_COL("value"), _COL("value_b")) > tolerance)
    )
    return _side(pairs, "same_metric")


def _lookalike_shares(
    frames: Frames, obs: pl.DataFrame, tolerance: float, days: int
) -> pl.DataFrame:
    listed = frames.metrics.select("id", "lookalikes").explode("lookalikes").drop_nulls()
    table = pl.concat(
        [
            listed.select(metric="id", metric_b="lookalikes"),
            listed.select(metric="lookalikes", metric_b="id"),
        ]
    ).unique()
    pairs = _pairs(obs, table).filter(
        _earlier_first()
        & (_gap_days() <= days)
        & _same_scope(samples_are_national=True)
        & (_COL("unit") == "percent")
        & (_COL("unit_b") == "percent")
        & (_COL("quote") != _COL("quote_b"))
        & ((_COL("actor") != _COL("actor_b")) | (_COL("source") != _COL("source_b")))
    )
    same = _relative(_COL("value"), _COL("value_b")) <= tolerance
    return _side(pairs, "lookalike", same_value=same)


def _implied_bases(obs: pl.DataFrame, tolerance: float, days: int, base_days: int) -> pl.DataFrame:
    """A rate and the count published nearest it (within ``days``) whose quotient is not the
    rate's base count published nearest the rate, within ``base_days`` (bases such as the
    ≈65–69 M created spaces move slowly, and are published rarely)."""
    table = pl.DataFrame(NUMERATOR_RATES, schema=["metric", "metric_b"], orient="row")
    bases = pl.DataFrame(
        [(r, b) for _, b, r in RATE_BASES if r], schema=["metric_b", "base"], orient="row"
    ).unique()
    base_obs = obs.select(
        base="metric",
        base_id="id",
        base_value="value",
        base_end="period_end",
        base_mid="mid",
        base_scope="scope",
        base_scope_code="scope_code",
    )
    implied = _COL("value") / (_COL("value_b") / 100)
    # A rate is judged with the count published nearest its own date (a count of June ÷ a rate
    # of January is no fact about either), of its own scope.
    distance = (_COL("mid") - _COL("mid_b")).abs()
    pairs = (
        _pairs(obs, table)
        .filter((_gap_days() <= days) & (_COL("value_b") > 0) & _same_scope())
        .filter(distance == distance.min().over("id_b", "metric"))
        .join(bases, on="metric_b")
        .join(base_obs, on="base")
        .filter(
            (_COL("base_scope") == _COL("scope_b"))
            & _COL("base_scope_code").eq_missing(_COL("scope_code_b"))
            & ((_COL("base_mid") - _COL("mid_b")).abs() <= base_days)
        )
        .sort((_COL("base_mid") - _COL("mid_b")).abs(), "base_id")
        .unique(["id", "id_b"], keep="first", maintain_order=True)
        .filter(_relative(implied, _COL("base_value")) > tolerance)
    )
    return _side(
        pairs,
        "implied_base",
        related=pl.concat_list("base_id"),
        difference=_relative(implied, _COL("base_value")),
        implied=implied,
        base_value=_COL("base_value"),
        base_end=_COL("base_end"),
    )


def disagreements(
    frames: Frames,
    metric: str | None = None,
    tolerance: float = 0.05,
    *,
    near_days: int = 31,
    lookalike_days: int = 183,
    base_days: int = 366,
    analysed: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Pairs of published figures that do not agree or that read alike but are not alike.

    ``same_metric``: one metric, periods within ``near_days``, different actors or sources,
    values more than ``tolerance`` apart (relative). ``lookalike``: two shares of look-alike
    metrics within ``lookalike_days`` from different actors or sources. ``implied_base``: a
    count ÷ its rate, within ``lookalike_days``, is more than ``tolerance`` off the rate's base
    published within ``base_days`` of the rate. ``analysed``: ``analysed_observations(frames)``,
    when the caller has it already.
    """
    obs = analysed_observations(frames) if analysed is None else analysed
    out = pl.concat(
        [
            _same_metric(obs, tolerance, near_days),
            _lookalike_shares(frames, obs, tolerance, lookalike_days),
            _implied_bases(obs, tolerance, lookalike_days, base_days),
        ]
    )
    if metric is not None:
        known_metric(frames, metric)
        out = out.filter(_involving(frames, metric, ["metric_a", "metric_b"], "related"))
    return out.sort("period_end_b", "id_a", "id_b", maintain_order=True)


def definitions(frames: Frames, metric: str) -> pl.DataFrame:
    """``metric``, its look-alikes, the metrics that name it as one, and their look-alikes
    of the same family, side by side (``relation`` says which)."""
    known_metric(frames, metric)
    metrics = frames.metrics
    own = metrics.filter(_COL("id") == metric).row(0, named=True)
    direct = own["lookalikes"]
    naming = metrics.filter(_COL("lookalikes").list.contains(metric))["id"].to_list()
    near = metrics.filter(_COL("id").is_in(direct + naming))["lookalikes"].explode().drop_nulls()
    relation = (
        pl.when(_COL("id") == metric)
        .then(_LIT("self"))
        .when(_COL("id").is_in(direct))
        .then(_LIT("lookalike"))
        .when(_COL("id").is_in(naming))
        .then(_LIT("names it as a lookalike"))
        .when(_COL("id").is_in(near.to_list()) & (_COL("family") == own["family"]))
        .then(_LIT("lookalike of a lookalike, same family"))
    )
    order = {mid: i for i, mid in enumerate(dict.fromkeys([metric, *direct, *naming]))}
    return (
        metrics.with_columns(relation.alias("relation"))
        .filter(_COL("relation").is_not_null())
        .with_columns(_COL("id").replace_strict(order, default=len(order)).alias("_order"))
        .sort("_order", "id")
        .select(
            "id",
            "relation",
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
            "lookalike_note",
            "lookalike_note_fr",
        )
    )
