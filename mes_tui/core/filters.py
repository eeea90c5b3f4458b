"""The filter state (immutable) and the pure functions that apply it to frames."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

import polars as pl
from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from mes_tui.core.frames import Frames
from mes_tui.core.insee import DEPARTEMENT_CODES, REGION_CODES
from mes_tui.core.text import fold

__all__ = [
    "SCOPE_KINDS",
    "SCOPE_WORDS",
    "Filters",
    "ScopeChoice",
    "ScopeError",
    "apply",
    "apply_events",
    "command_line",
    "event_mask",
    "filter_args",
    "observation_mask",
    "parse_date_bound",
    "parse_scope",
    "scope_choices",
    "search_terms",
    "split_date_range",
    "unknown_ids",
]

# The words of a scope filter and the scope they keep; "region:75" and "departement:31" (or a
# code that names only one of the two) keep one région or département.
SCOPE_WORDS = {
    "national": "national",
    "region": "region",
    "departement": "departement",
    "pilot": "pilot_departements",
    "pilot_departements": "pilot_departements",
    "survey": "survey_sample",
    "survey_sample": "survey_sample",
}
_CODES = {"region": REGION_CODES, "departement": DEPARTEMENT_CODES}
# Every scope a figure may have, in the order the scope picker offers them.
SCOPE_KINDS = ("national", "region", "departement", "pilot_departements", "survey_sample")


class ScopeError(ValueError):
    """A scope filter word that does not read: ``reason`` is ``not_a_code`` (``code`` is no
    INSEE code of a ``kind``), ``ambiguous`` (``code`` is a région's and a département's) or
    ``unknown``; ``present`` says it in the user's language."""

    def __init__(
        self, word: str, reason: str, english: str, kind: str | None = None, code: str = ""
    ) -> None:
        self.word, self.reason, self.kind, self.code = word, reason, kind, code
        super().__init__(english)


def parse_scope(text: str) -> str:
    """The canonical form of one scope filter word: a scope ("national", "pilot_departements"…)
    or "region:75" / "departement:31". Raises ValueError naming the valid choices."""
    word = text.strip()
    folded = word.lower().replace("é", "e").replace("-", "_")
    if folded in SCOPE_WORDS:
        return SCOPE_WORDS[folded]
    kind, colon, code = folded.partition(":")
    if colon:
        code = code.upper()
        if kind in ("dep", "departement"):
            kind = "departement"
        if kind in _CODES and code in _CODES[kind]:
            return f"{kind}:{code}"
        if kind in _CODES:
            raise ScopeError(
                word,
                "not_a_code",
                f"scope {word!r}: {code!r} is not the INSEE code of a {kind}",
                kind=kind,
                code=code,
            )
    else:
        code = word.upper()
        owners = [kind for kind, codes in _CODES.items() if code in codes]
        if len(owners) == 1:
            return f"{owners[0]}:{code}"
        if owners:
            raise ScopeError(
                word,
                "ambiguous",
                f"scope {word!r} is the INSEE code of a région and of a département: "
                f"write region:{code} or departement:{code}",
                code=code,
            )
    raise ScopeError(
        word,
        "unknown",
        f"unknown scope {word!r}; valid scopes: national, region, departement, pilot, survey, "
        "region:CODE, departement:CODE (INSEE codes, e.g. region:75, departement:31, 2A)",
    )


class Filters(BaseModel):
    """What the user narrowed the view to. Every change makes a new value."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    metrics: frozenset[str] = frozenset()
    actors: frozenset[str] = frozenset()
    since: date | None = None
    until: date | None = None
    search: str = ""
    scopes: frozenset[str] = frozenset()  # see parse_scope: "national", "region:75"…

    @field_validator("scopes", mode="before")
    @classmethod
    def _known_scopes(cls, scopes: object) -> frozenset[str]:
        if isinstance(scopes, str):
            scopes = [scopes]
        if not isinstance(scopes, (list, tuple, set, frozenset)):
            raise ValueError(f"scopes must be a set of words, not {type(scopes).__name__}")
        return frozenset(parse_scope(str(scope)) for scope in scopes)

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
    ``--until``, ``--search``, ``--scope``), in a stable order."""
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
    for scope in sorted(filters.scopes):
        args += ["--scope", scope]
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
    if filters.scopes:
        expr &= scope_expr(filters.scopes)
    return expr


@dataclass(frozen=True)
class ScopeChoice:
    """One choice of the scope picker: the filter ``word`` ("national", "region:75"), the
    ``scope`` it keeps, and for one place its INSEE ``code`` and the ``name`` the figures give
    it (data, as published). ``present`` words it."""

    word: str
    scope: str
    code: str | None = None
    name: str | None = None


def scope_choices(observations: pl.DataFrame) -> list[ScopeChoice]:
    """Every scope, then each région and département the figures name, with the name they give
    it."""
    named = (
        observations.select("scope", "scope_code", "scope_detail")
        .drop_nulls("scope_code")
        .unique(["scope", "scope_code"], keep="first")
        .sort("scope", "scope_code")
    )
    return [ScopeChoice(scope, scope) for scope in SCOPE_KINDS] + [
        ScopeChoice(f"{scope}:{code}", scope, code, detail)
        for scope, code, detail in named.iter_rows()
    ]


def scope_expr(scopes: frozenset[str]) -> pl.Expr:
    """Whether a figure's scope (and INSEE code) is one of ``scopes`` (canonical words)."""
    kinds = sorted(s for s in scopes if ":" not in s)
    expr = pl.col("scope").is_in(kinds)
    for one in sorted(s for s in scopes if ":" in s):
        kind, _, code = one.partition(":")
        expr |= (pl.col("scope") == kind) & (pl.col("scope_code") == code)
    return expr.fill_null(False)


def apply(frame: pl.DataFrame, filters: Filters) -> pl.DataFrame:
    """The observations of ``frame`` that ``filters`` keeps, in the frame's order."""
    return frame.filter(_observations_expr(frame, filters))


def apply_events(frame: pl.DataFrame, filters: Filters) -> pl.DataFrame:
    """The events ``filters`` keeps. Events have no metric, so a metric filter hides them all;
    they are national, so a scope filter hides them unless it keeps national figures."""
    return frame.filter(_events_expr(frame, filters))


def _events_expr(frame: pl.DataFrame, filters: Filters) -> pl.Expr:
    # Events are national milestones with no metric: a metric filter, or a scope filter
    # without "national", hides them.
    if filters.metrics or (filters.scopes and "national" not in filters.scopes):
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
