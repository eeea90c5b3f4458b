"""Where it stands now: the latest published figure of each headline metric (``mes-tui latest``
and the explorer's overview).

A headline is a metric, sometimes narrowed to the length of the period its figures cover
(documents in a month, documents in a year). Its latest figure is the measured one (goals and
breakdowns by category apart) whose period ends last, of one scope: national by default, so a
région's figure never stands for the country. Ties go to the latest publication, then to the id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from mes_tui.core.filters import parse_scope, scope_expr
from mes_tui.core.frames import Frames

__all__ = [
    "HEADLINES",
    "Headline",
    "LatestFigure",
    "UnknownHeadline",
    "headlines",
    "latest_figures",
]


@dataclass(frozen=True, slots=True)
class Headline:
    """One line of the answer: a metric, and the length of period its figures must cover."""

    key: str  # what ``mes-tui latest KEY`` names: the metric id, or the metric id and a span
    metric: str
    span: str | None = None  # "month" or "year": only figures over about that long a period


# In the order staff ask: how many activated, against which base, how used, how fed.
HEADLINES: tuple[Headline, ...] = (
    Headline("accounts_activated", "accounts_activated"),
    Headline("accounts_created", "accounts_created"),
    Headline("activation_rate_created", "activation_rate_created"),
    Headline("activation_rate_target_population", "activation_rate_target_population"),
    Headline("activation_rate_population", "activation_rate_population"),
    Headline("activation_rate_insured", "activation_rate_insured"),
    Headline("monthly_users", "monthly_users"),
    Headline("documents_sent:month", "documents_sent", "month"),
    Headline("documents_sent:year", "documents_sent", "year"),
)
# Days a period may last to count as a month or a year ("en décembre", "en un an").
_SPANS = {"month": (28, 31), "year": (360, 367)}


@dataclass(frozen=True, slots=True)
class LatestFigure:
    """The latest published figure of a headline, with what it needs to be cited."""

    key: str
    metric: str
    span: str | None
    metric_label: str
    metric_short: str
    metric_label_fr: str | None
    denominator: str | None  # a rate's base
    id: str
    value: float
    unit: str
    qualifier: str
    value_text: str
    period_start: date
    period_end: date
    period_precision: str
    scope: str
    scope_code: str | None
    scope_detail: str | None
    actor: str
    actor_short: str
    actor_short_fr: str | None
    speaker: str | None
    attribution: str
    source: str
    source_published: date
    quote: str


_COLUMNS = [
    "metric",
    "metric_label",
    "metric_short",
    "metric_label_fr",
    "metric_denominator",
    "id",
    "value",
    "unit",
    "qualifier",
    "value_text",
    "period_start",
    "period_end",
    "period_precision",
    "scope",
    "scope_code",
    "scope_detail",
    "actor",
    "actor_short",
    "actor_short_fr",
    "speaker",
    "attribution",
    "source",
    "source_published",
    "quote",
]


class UnknownHeadline(KeyError):
    """``key`` names no headline; ``valid`` holds the keys that do (``present`` words it)."""

    def __init__(self, key: str, valid: tuple[str, ...]) -> None:
        self.key, self.valid = key, valid
        super().__init__(f"unknown headline {key!r}; valid: {', '.join(valid)}")


def headlines(keys: list[str] | tuple[str, ...] = ()) -> tuple[Headline, ...]:
    """The headlines named by ``keys`` (a headline key or a metric id: every headline of that
    metric), in the order given; all of them when ``keys`` is empty. Raises KeyError naming
    the valid keys."""
    if not keys:
        return HEADLINES
    chosen: list[Headline] = []
    for key in keys:
        found = [h for h in HEADLINES if key in (h.key, h.metric)]
        if not found:
            raise UnknownHeadline(key, tuple(dict.fromkeys(h.key for h in HEADLINES)))
        chosen += [h for h in found if h not in chosen]
    return tuple(chosen)


def latest_figures(
    frames: Frames,
    keys: list[str] | tuple[str, ...] = (),
    scopes: frozenset[str] | None = None,
) -> list[LatestFigure]:
    """The latest figure of each headline of ``keys`` (all when empty) in ``scopes`` (filter
    words, see ``filters.parse_scope``; national when None), one per place: a région's latest
    never stands for another's. A headline with no figure in the dataset is left out."""
    wanted = headlines(keys)
    place = frozenset(parse_scope(s) for s in scopes) if scopes else frozenset({"national"})
    metrics = sorted({h.metric for h in wanted})
    # Only the columns read, and only the headline metrics: a million rows stay cheap.
    # A breakdown (an age band, a sender type) is not the headline: only whole figures.
    rows = (
        frames.observations.select(*_COLUMNS, "category")
        .filter(
            pl.col("metric").is_in(metrics)
            & (pl.col("qualifier") != "target")
            & pl.col("category").is_null()
            & scope_expr(place)
        )
        .drop("category")
        .with_columns(
            ((pl.col("period_end") - pl.col("period_start")).dt.total_days() + 1).alias("days")
        )
    )
    out = []
    for headline in wanted:
        chosen = rows.filter(pl.col("metric") == headline.metric)
        if headline.span:
            low, high = _SPANS[headline.span]
            chosen = chosen.filter(pl.col("days").is_between(low, high))
        latest = (
            chosen.sort(["period_end", "source_published", "id"])
            .group_by(["scope", "scope_code"], maintain_order=True)
            .last()
            .sort(pl.col("scope") != "national", "scope", "scope_code", nulls_last=False)
            .drop("days")
        )
        out += [
            LatestFigure(
                key=headline.key,
                span=headline.span,
                denominator=row.pop("metric_denominator"),
                **row,
            )
            for row in latest.iter_rows(named=True)
        ]
    return out
