"""Which published figures may be compared, and how.

A change is computed only between comparable figures: the same metric, scope and breakdown
category; a goal is never in the chain of measurements (nor compared with another goal). A
stock (or a share, a pace) is compared with the previous one. A flow counts what happened over
its period, so it is compared only with a flow over a period of the same length; over periods
of different lengths (45 M documents in a first year, 19 M in one month) both are given per
month instead, and no change is computed. Pure polars; no UI imports.
"""

from __future__ import annotations

from typing import Final, Literal

import polars as pl

__all__ = [
    "COMPARISONS",
    "DAYS_PER_MONTH",
    "SAME_LENGTH_TOLERANCE",
    "Comparison",
    "comparable_changes",
    "flow_months",
]

DAYS_PER_MONTH: Final = 365.25 / 12
# Two flows are "of the same length" when their lengths differ by less than this (in months):
# a year read as 2022-02-13..2023-02-13 and the calendar year 2023 are both 12 months.
SAME_LENGTH_TOLERANCE: Final = 0.5

Comparison = Literal["change", "per_month"]
COMPARISONS: Final[tuple[Comparison, ...]] = ("change", "per_month")


def flow_months(start: str = "period_start", end: str = "period_end") -> pl.Expr:
    """A period's length in months: whole months for "over 2 months" (same day of month) or
    for whole calendar months (1st to last day), else days ÷ 30.44."""
    first, last = pl.col(start), pl.col(end)
    months = (last.dt.year() - first.dt.year()) * 12 + last.dt.month() - first.dt.month()
    whole = (first.dt.day() == 1) & (last.dt.offset_by("1d").dt.day() == 1)
    return (
        pl.when(first.dt.day() == last.dt.day())
        .then(months)
        .when(whole)
        .then(months + 1)
        .otherwise(((last - first).dt.total_days() + 1) / DAYS_PER_MONTH)
    ).cast(pl.Float64)


def comparable_changes(series: pl.DataFrame) -> pl.DataFrame:
    """``series`` (one or several metrics, in date order, with ``metric``, ``metric_kind``,
    ``scope`` (and ``scope_code`` when there is one), ``category``, ``qualifier``, ``value``,
    ``period_start``, ``period_end``, ``id``)
    with each figure's comparison to the previous comparable one:

    - ``previous_id``: the figure it is compared with (null: none, or a goal);
    - ``comparison``: ``"change"`` (``change`` and ``change_pct`` are set) or ``"per_month"``
      (flows over periods of different lengths: ``per_month`` and ``previous_per_month`` are
      set, ``change`` is null);
    - ``months`` and ``per_month``: a flow's length and its value per month (null otherwise).
    """
    goal = pl.col("qualifier") == "target"
    flow = pl.col("metric_kind") == "flow"
    chain = [pl.col("metric"), pl.col("scope").fill_null(""), pl.col("category").fill_null("")]
    if "scope_code" in series.columns:  # a région's figure follows the same région's
        chain.append(pl.col("scope_code").fill_null(""))

    def previous(column: str) -> pl.Expr:
        # Goals form their own partition, and a goal is given no previous figure below.
        return pl.col(column).shift(1).over([*chain, goal])

    framed = series.with_columns(
        pl.when(flow).then(flow_months()).alias("months"),
    ).with_columns(
        pl.when(flow & (pl.col("months") > 0))
        .then(pl.col("value") / pl.col("months"))
        .alias("per_month"),
    )
    prev_value, prev_months = previous("value"), previous("months")
    has_previous = ~goal & previous("id").is_not_null()
    same_length = ~flow | ((pl.col("months") - prev_months).abs() < SAME_LENGTH_TOLERANCE)
    comparison = (
        pl.when(has_previous & same_length)
        .then(pl.lit("change"))
        .when(has_previous)
        .then(pl.lit("per_month"))
    )
    changed = pl.col("comparison") == "change"
    return (
        framed.with_columns(
            comparison.alias("comparison"),
            pl.when(has_previous).then(previous("id")).alias("previous_id"),
            prev_value.alias("_previous_value"),
            previous("per_month").alias("previous_per_month"),
        )
        .with_columns(
            pl.when(changed).then(pl.col("value") - pl.col("_previous_value")).alias("change"),
            pl.when(changed & (pl.col("_previous_value") != 0))
            .then((pl.col("value") / pl.col("_previous_value") - 1) * 100)
            .alias("change_pct"),
            pl.when(pl.col("comparison") == "per_month")
            .then(pl.col("previous_per_month"))
            .alias("previous_per_month"),
        )
        .drop("_previous_value")
    )
