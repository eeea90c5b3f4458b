"""Where it stands now: the latest published figure of each headline metric (``mes-tui latest``
and the explorer's overview).

A headline is a metric, sometimes narrowed to the length of the period its figures cover
(documents in a month, documents in a year). Its latest figure is the measured one (goals and
breakdowns by category apart) whose period ends last, of one scope: national by default, so a
région's figure never stands for the country. Ties go to the latest publication, then to the id.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date

import polars as pl

from mes_tui.core.filters import parse_scope, scope_expr
from mes_tui.core.formatting import format_period, format_value
from mes_tui.core.frames import Frames
from mes_tui.core.tables import json_value as _json_value
from mes_tui.core.tables import md_text as _md
from mes_tui.core.tables import plain_table
from mes_tui.core.text import visible

__all__ = [
    "HEADLINES",
    "LATEST_FORMATS",
    "Headline",
    "LatestFigure",
    "headlines",
    "latest_figures",
    "render_latest",
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
    speaker: str | None
    attribution: str
    source: str
    source_published: date
    quote: str


_COLUMNS = [
    "metric",
    "metric_label",
    "metric_short",
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
    "speaker",
    "attribution",
    "source",
    "source_published",
    "quote",
]


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
            valid = ", ".join(dict.fromkeys([h.key for h in HEADLINES]))
            raise KeyError(f"unknown headline {key!r}; valid: {valid}")
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


# ── Output for ``mes-tui latest`` ────────────────────────────────────────────────────────

LATEST_FORMATS: tuple[str, ...] = ("table", "json", "md")
_SPAN_WORDS = {"month": "in a month", "year": "in a year"}


def _what(figure: LatestFigure) -> str:
    what = figure.metric_short
    if figure.span:
        what += f" {_SPAN_WORDS[figure.span]}"
    if figure.scope != "national":
        what += f" · {figure.scope_detail or figure.scope_code or figure.scope}"
    return what


def _who(figure: LatestFigure) -> str:
    return f"{figure.actor_short} ({figure.speaker})" if figure.speaker else figure.actor_short


def _words(figure: LatestFigure, width: int) -> str:
    """The quote, cut to ``width`` around the words that state the value."""
    quote = " ".join(visible(figure.quote).split())
    if len(quote) + 2 <= width:
        return f"“{quote}”"
    room = max(width - 4, 10)
    at = max(quote.find(" ".join(visible(figure.value_text).split())), 0)
    start = max(0, min(at - room // 3, len(quote) - room))
    cut = quote[start : start + room]
    return f"“{'…' if start else ''}{cut}{'…' if start + room < len(quote) else ''}”"


def render_latest(figures: list[LatestFigure], fmt: str = "table", width: int = 80) -> str:
    """``figures`` as a table of two lines each (figure, then its words), JSON or Markdown."""
    if fmt not in LATEST_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(LATEST_FORMATS)}")
    if fmt == "json":
        rows = [{k: _json_value(v) for k, v in asdict(f).items()} for f in figures]
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        lines = ["# Mon espace santé: the latest figures", ""]
        for f in figures:
            when = format_period(f.period_start, f.period_end, f.period_precision)
            value = format_value(f.value, f.unit, f.qualifier)
            lines.append(f"- **{_md(_what(f))}**: {_md(value)}, {_md(when)}, {_md(_who(f))}  ")
            lines.append(f"  > {_md(f.quote)} `[{f.id}]`")
        if not figures:
            lines.append("No figure.")
        return "\n".join(lines) + "\n"
    if not figures:
        return "No figure.\n"
    table = plain_table(
        ("LATEST", "VALUE", "DATE", "STATED BY"),
        [
            (
                _what(f),
                format_value(f.value, f.unit, f.qualifier),
                format_period(f.period_start, f.period_end, f.period_precision),
                _who(f),
            )
            for f in figures
        ],
        width=width,
        right=(1,),
        shrink=((3, 12), (0, 20), (2, 12)),
    ).splitlines()
    lines = [table[0]]
    for row, figure in zip(table[1:], figures, strict=False):
        lines += [row, f"  {_words(figure, width - 2)}"]
    return "\n".join(lines) + "\n"
