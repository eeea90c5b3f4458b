"""The filter state (immutable) and the pure functions that apply it to frames."""

from __future__ import annotations

import calendar
import re
from datetime import date

import polars as pl
from pydantic import BaseModel, ConfigDict, model_validator

from mes_tui.core.frames import Frames
from mes_tui.core.text import fold

__all__ = [
    "Filters",
    "apply",
    "apply_events",
    "command_line",
    "event_mask",
    "filter_args",
    "observation_mask",
    "parse_date_bound",
    "search_terms",
    "split_date_range",
    "unknown_ids",
]


class Filters(BaseModel):
    """What the user narrowed the view to. Every change makes a new value."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    metrics: frozenset[str] = frozenset()
    actors: frozenset[str] = frozenset()
    since: date | None = None
    until: date | None = None
    search: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> Filters:
        if self.since and self.until and self.since > self.until:
            raise ValueError(f"since {self.since} is after until {self.until}")
        return self

    @property
    def is_empty(self) -> bool:
        return self == Filters()

    def replace(self, **changes: object) -> Filters:
        """A copy with ``changes`` applied and validated."""
        return Filters.model_validate({**self.model_dump(), **changes})

    def terms(self) -> list[str]:
        """The search words, folded (accent- and case-insensitive); a "quoted phrase" (or
        «phrase», “phrase”) is one term, matched as a whole."""
        return search_terms(self.search)


_TERM = re.compile(r'"([^"]*)"?|«([^»]*)»?|“([^”]*)”?|(\S+)')


_DATE = r"\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?"
_RANGE = re.compile(
    rf"^\s*({_DATE})\s*(?:\.\.|[–—→,;-]|\bto\b|\bau\b|\bà\b|\s)\s*({_DATE})\s*$",
    re.IGNORECASE,
)


def split_date_range(text: str) -> tuple[str, str] | None:
    """ "2023-01 – 2024-06", "2023..2024", "2023 to 2024" as its two dates (each still to be
    read by ``parse_date_bound``), or None if ``text`` is not two dates."""
    match = _RANGE.match(text)
    return (match[1], match[2]) if match else None


def search_terms(text: str) -> list[str]:
    """The terms of a search box: words, and quoted phrases kept whole; folded."""
    terms = []
    for match in _TERM.finditer(fold(text)):
        term = next(group for group in match.groups() if group is not None).strip()
        if term:
            terms.append(term)
    return terms


def filter_args(filters: Filters) -> list[str]:
    """The command-line options that give ``filters`` (``--metric``, ``--actor``, ``--since``,
    ``--until``, ``--search``), in a stable order."""
    args: list[str] = []
    for metric in sorted(filters.metrics):
        args += ["--metric", metric]
    for actor in sorted(filters.actors):
        args += ["--actor", actor]
    if filters.since:
        args += ["--since", filters.since.isoformat()]
    if filters.until:
        args += ["--until", filters.until.isoformat()]
    if filters.search:
        args += ["--search", filters.search]
    return args


def command_line(filters: Filters, program: str = "mes-tui") -> str:
    """The shell command that opens the explorer on ``filters``, quoted for a POSIX shell."""
    import shlex

    return shlex.join([program, *filter_args(filters)])


def _common(frame: pl.DataFrame, filters: Filters, start: str, end: str) -> pl.Expr:
    expr = pl.lit(True)
    if filters.actors:
        wanted = sorted(filters.actors)
        expr &= (
            pl.col("actor_ids").list.eval(pl.element().is_in(wanted)).list.any().fill_null(False)
        )
    # A figure matches a date range when its period overlaps the range.
    if filters.since:
        expr &= pl.col(end) >= filters.since
    if filters.until:
        expr &= pl.col(start) <= filters.until
    if terms := filters.terms():
        # Match the distinct search keys (few, even in a large dataset), then keep their rows:
        # categorical against categorical, so a million rows are compared by their codes.
        keys = frame.select(pl.col("search_key").unique())
        matching = keys.filter(
            *(
                pl.col("search_key").cast(pl.String).str.contains(term, literal=True)
                for term in terms
            )
        ).get_column("search_key")
        expr &= pl.col("search_key").is_in(matching.implode())
    return expr


def _observations_expr(frame: pl.DataFrame, filters: Filters) -> pl.Expr:
    expr = _common(frame, filters, "period_start", "period_end")
    if filters.metrics:
        expr &= pl.col("metric").is_in(sorted(filters.metrics))
    return expr


def apply(frame: pl.DataFrame, filters: Filters) -> pl.DataFrame:
    """The observations of ``frame`` that ``filters`` keeps, in the frame's order."""
    return frame.filter(_observations_expr(frame, filters))


def apply_events(frame: pl.DataFrame, filters: Filters) -> pl.DataFrame:
    """The events ``filters`` keeps. Events have no metric, so a metric filter hides them all."""
    return frame.filter(_events_expr(frame, filters))


def _events_expr(frame: pl.DataFrame, filters: Filters) -> pl.Expr:
    if filters.metrics:
        return pl.lit(False)
    return _common(frame, filters, "date_start", "date_end")


def observation_mask(frame: pl.DataFrame, filters: Filters) -> pl.Series:
    """For each observation of ``frame``, whether ``filters`` keeps it: ``apply`` without
    copying the rows it keeps."""
    return _mask(frame, _observations_expr(frame, filters))


def event_mask(frame: pl.DataFrame, filters: Filters) -> pl.Series:
    """For each event of ``frame``, whether ``filters`` keeps it (as ``apply_events``)."""
    return _mask(frame, _events_expr(frame, filters))


def _mask(frame: pl.DataFrame, expr: pl.Expr) -> pl.Series:
    return frame.select(pl.repeat(True, frame.height) & expr).to_series().alias("keep")


def unknown_ids(filters: Filters, frames: Frames) -> dict[str, tuple[list[str], list[str]]]:
    """For each filter field naming ids, the unknown ones and the valid choices."""
    out = {}
    for name, values, frame in (
        ("metric", filters.metrics, frames.metrics),
        ("actor", filters.actors, frames.actors),
    ):
        valid = sorted(frame["id"].to_list())
        unknown = sorted(set(values) - set(valid))
        if unknown:
            out[name] = (unknown, valid)
    return out


_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


class DateBoundError(ValueError):
    """A date bound that does not read: ``reason`` is ``format``, ``month`` (no such month)
    or ``day`` (no such day in that month); ``present`` says it in the user's language."""

    def __init__(self, text: str, reason: str, english: str) -> None:
        self.text, self.reason = text, reason
        super().__init__(english)


def parse_date_bound(text: str, *, end: bool = False) -> date:
    """Read "2023", "2023-02" or "2023-02-13". A partial date stands for its first day, or
    its last day when ``end`` is true ("--until 2023" keeps all of 2023)."""
    match = _PARTIAL_DATE.match(text.strip())
    if not match:
        raise DateBoundError(
            text, "format", f"{text!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"
        )
    year, month, day = int(match[1]), match[2], match[3]
    if month is None:
        return date(year, 12, 31) if end else date(year, 1, 1)
    if not 1 <= int(month) <= 12:
        raise DateBoundError(text, "month", f"{text!r} has no month {month}")
    if day is None:
        last = calendar.monthrange(year, int(month))[1]
        return date(year, int(month), last if end else 1)
    try:
        return date(year, int(month), int(day))
    except ValueError as error:
        raise DateBoundError(text, "day", f"{text!r} is not a date: {error}") from None
