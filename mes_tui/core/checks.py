"""Cross-record checks: unique ids, resolvable references, verbatim quotes, stated values.

Each check is a polars query over the record frames that returns the offending rows; the rows
become ``Problem`` values naming file, record and field.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

import polars as pl

from mes_tui.core.bulk import BULK_FILE, MAX_PROBLEMS_PER_RULE
from mes_tui.core.loading import Dataset
from mes_tui.core.numbers import NumberFormatError, parse_value_text
from mes_tui.core.problems import Problem

__all__ = ["check_dataset"]

_SPACE_RUN = r"[\s\u00a0\u202f\u2009\u2007]+"


def check_dataset(dataset: Dataset, raw: dict[str, pl.DataFrame]) -> list[Problem]:
    """Every problem that spans records. ``raw`` holds one frame per record type."""
    problems: list[Problem] = []
    for kind, frame in raw.items():
        problems += _duplicates(dataset, kind, frame)
    problems += _references(dataset, raw)
    problems += _units_and_ranges(dataset, raw["observations"], raw["metrics"])
    problems += _periods_vs_publication(dataset, raw["observations"], raw["sources"])
    problems += _pages_have_addresses(dataset, raw["sources"])
    problems += _single_days(dataset, "observations", raw["observations"], "period")
    problems += _single_days(dataset, "events", raw["events"], "date")
    pages = raw["sources"].filter(pl.col("text_file").is_null())["id"]
    texts = pl.DataFrame(
        {"source": list(dataset.texts), "text": list(dataset.texts.values())},
        schema={"source": pl.String, "text": pl.String},
    ).with_columns(pl.col("source").is_in(pages.implode()).alias("page"))
    for kind in ("observations", "events"):
        problems += _quotes(dataset, kind, raw[kind], texts)
    problems += _values(dataset, raw["observations"])
    return problems


def _file(dataset: Dataset, kind: str) -> str:
    """The file a kind of record came from."""
    if kind == "observations" and dataset.bulk_observations is not None:
        return BULK_FILE
    return f"{kind}.toml"


def _label(dataset: Dataset, file: str, rid: str) -> str:
    line = dataset.lines.get((file, rid))
    return f"{rid} (line {line})" if line else rid


# A broken generated file could yield a million identical problems: each rule reports its
# first few offenders and counts the rest.
MAX_PER_RULE = MAX_PROBLEMS_PER_RULE  # the same cap as the bulk file's own checks


def _rows(frame: pl.DataFrame, *columns: str) -> list[dict[str, Any]]:
    return frame.head(MAX_PER_RULE).select(columns).to_dicts()


def _more(frame: pl.DataFrame, file: str, field: str, what: str) -> list[Problem]:
    extra = frame.height - MAX_PER_RULE
    return [Problem(file, None, field, f"{what}: {extra:,} more records")] if extra > 0 else []


def _duplicates(dataset: Dataset, kind: str, frame: pl.DataFrame) -> list[Problem]:
    file = _file(dataset, kind)
    dups = frame.select("id").filter(pl.col("id").is_duplicated()).unique(maintain_order=True)
    return [
        Problem(file, row["id"], "id", "duplicate id: ids must be unique within the file")
        for row in _rows(dups, "id")
    ] + _more(dups, file, "id", "duplicate ids")


# (record kind, field, target kind, is a list field)
_REFERENCES = [
    ("observations", "metric", "metrics", False),
    ("observations", "actor", "actors", False),
    ("observations", "commissioned_by", "actors", False),
    ("observations", "source", "sources", False),
    ("events", "actor", "actors", False),
    ("events", "source", "sources", False),
    ("actors", "parent", "actors", False),
    ("actors", "members", "actors", True),
    ("metrics", "lookalikes", "metrics", True),
]


def _references(dataset: Dataset, raw: dict[str, pl.DataFrame]) -> list[Problem]:
    problems = []
    for kind, column, target, is_list in _REFERENCES:
        if target in dataset.unreadable:
            continue  # the unreadable file is already reported; every reference would repeat it
        frame = raw[kind].select("id", column)
        if is_list:
            frame = frame.explode(column)
        known = raw[target].select(pl.col("id").alias(column))
        dangling = frame.drop_nulls(column).join(known, on=column, how="anti")
        valid = ", ".join(sorted(raw[target]["id"].to_list())) or "none"
        file = _file(dataset, kind)
        problems += [
            Problem(
                file,
                _label(dataset, file, row["id"]),
                column,
                f"unknown {target[:-1]} {row[column]!r}; known: {valid}",
            )
            for row in _rows(dangling, "id", column)
        ] + _more(dangling, file, column, f"unknown {target}")
    return problems


def _units_and_ranges(
    dataset: Dataset, observations: pl.DataFrame, metrics: pl.DataFrame
) -> list[Problem]:
    file = _file(dataset, "observations")
    # Only the columns a check reads: a join copies every column it is given.
    joined = observations.select("id", "unit", "metric").join(
        metrics.select(pl.col("id").alias("metric"), pl.col("unit").alias("metric_unit")),
        on="metric",
        how="inner",
    )
    mismatched = joined.filter(pl.col("unit") != pl.col("metric_unit"))
    problems = [
        Problem(
            file,
            _label(dataset, file, row["id"]),
            "unit",
            f"{row['unit']!r} differs from the unit of metric {row['metric']!r}: "
            f"{row['metric_unit']!r}",
        )
        for row in _rows(mismatched, "id", "unit", "metric", "metric_unit")
    ] + _more(mismatched, file, "unit", "units that differ from their metric's")
    out_of_range = observations.select("id", "value", "unit").filter(
        ~pl.col("value").is_finite()
        | (pl.col("value") < 0)
        | ((pl.col("unit") == "percent") & (pl.col("value") > 100))
    )
    problems += [
        Problem(
            file,
            _label(dataset, file, row["id"]),
            "value",
            f"{row['value']} is out of range for unit {row['unit']!r}"
            + (" (a percent lies in 0–100)" if row["unit"] == "percent" else " (must be ≥ 0)"),
        )
        for row in _rows(out_of_range, "id", "value", "unit")
    ] + _more(out_of_range, file, "value", "values out of range")
    return problems


def _latest_day(published: date, precision: str) -> date:
    """The last day a publication date at this precision may stand for."""
    if precision == "day":
        return published
    if precision == "year":
        return date(published.year, 12, 31)
    # The last month the date may stand for: its own, or the last of its quarter.
    month = (
        published.month + 2 - (published.month - 1) % 3
        if precision == "quarter"
        else published.month
    )
    return date(published.year, month, calendar.monthrange(published.year, month)[1])


def _periods_vs_publication(
    dataset: Dataset, observations: pl.DataFrame, sources: pl.DataFrame
) -> list[Problem]:
    """A measurement cannot describe a time after its source was published (a target can)."""
    file = _file(dataset, "observations")
    # The last day each source's publication date may stand for (its precision decides):
    # a few sources, so this is worked out per source, then compared on every row at once.
    latest = pl.DataFrame(
        {
            "source": sources["id"],
            "latest": [
                _latest_day(published, precision)
                for published, precision in sources.select(
                    "published", "published_precision"
                ).iter_rows()
            ],
        },
        schema={"source": pl.String, "latest": pl.Date},
    )
    late = (
        observations.select("id", "qualifier", "source", "period_start")
        .filter(pl.col("qualifier") != "target")
        .join(latest, on="source", how="inner")
        .filter(pl.col("period_start") > pl.col("latest"))
    )
    return [
        Problem(
            file,
            _label(dataset, file, row["id"]),
            "period_start",
            f"{row['period_start']} is after its source was published ({row['latest']}); "
            'mark a forecast with qualifier = "target"',
        )
        for row in _rows(late, "id", "period_start", "latest")
    ] + _more(late, file, "period_start", "periods after their source's publication")


def _squashed(expr: pl.Expr) -> pl.Expr:
    return expr.str.replace_all(_SPACE_RUN, " ").str.strip_chars()


def _quotes(dataset: Dataset, kind: str, frame: pl.DataFrame, texts: pl.DataFrame) -> list[Problem]:
    """Each quote stands verbatim in its source (only white space may differ)."""
    file = _file(dataset, kind)
    # Each distinct (source, quote) pair is searched once, however many records share it.
    pairs = frame.select("source", "quote").unique().join(texts, on="source", how="inner")
    absent = pairs.filter(
        ~_squashed(pl.col("text")).str.contains(_squashed(pl.col("quote")), literal=True)
    ).select("source", "quote", "page")
    missing = frame.select("id", "source", "quote").join(
        absent, on=["source", "quote"], how="inner", nulls_equal=True
    )
    return [
        Problem(
            file,
            _label(dataset, file, row["id"]),
            "quote",
            f"not found verbatim in "
            f"{'the excerpts of ' if row['page'] else ''}source {row['source']!r}: "
            f"{_clip(row['quote'])}"
            + (" (a page's quote must be copied into its excerpts)" if row["page"] else ""),
        )
        for row in _rows(missing, "id", "source", "quote", "page")
    ] + _more(missing, file, "quote", "quotes not found verbatim")


_UNIT_END = {"month": "1mo", "quarter": "3mo", "year": "1y"}


def _single_days(dataset: Dataset, kind: str, frame: pl.DataFrame, prefix: str) -> list[Problem]:
    """A date known to the month (quarter, year) spans it: a one-day period at that precision
    is only its last day ("fin septembre"), never its first day standing for the whole month."""
    file = _file(dataset, kind)
    start, end = pl.col(f"{prefix}_start"), pl.col(f"{prefix}_end")
    precision = pl.col("period_precision" if prefix == "period" else "precision")
    # The last day of the month, quarter or year the date falls in.
    unit_start = (
        pl.when(precision == "year")
        .then(start.dt.truncate("1y"))
        .when(precision == "quarter")
        .then(start.dt.truncate("1q"))
        .otherwise(start.dt.truncate("1mo"))
    )
    step = precision.replace_strict(_UNIT_END, default="1d")
    last = unit_start.dt.offset_by(step).dt.offset_by("-1d")
    lone = frame.select("id", start, end, precision.alias("precision"), last.alias("last")).filter(
        pl.col("precision").is_in(list(_UNIT_END)) & (start == end) & (end != pl.col("last"))
    )
    return [
        Problem(
            file,
            _label(dataset, file, row["id"]),
            f"{prefix}_end",
            f"a one-day period at {row['precision']} precision ({row[f'{prefix}_start']}) "
            f"reads as a day: a figure known to the {row['precision']} spans it "
            f"({prefix}_start = {_unit_first(row[f'{prefix}_start'], row['precision'])}, "
            f"{prefix}_end = {row['last']}); a single day at this precision is only its last "
            "(“fin septembre”)",
        )
        for row in _rows(lone, "id", f"{prefix}_start", "precision", "last")
    ] + _more(lone, file, f"{prefix}_end", "one-day periods that stand for a whole unit")


def _unit_first(day: date, precision: str) -> date:
    if precision == "year":
        return date(day.year, 1, 1)
    if precision == "quarter":
        return date(day.year, day.month - (day.month - 1) % 3, 1)
    return day.replace(day=1)


def _pages_have_addresses(dataset: Dataset, sources: pl.DataFrame) -> list[Problem]:
    """A source that is not a document of ``sources/`` is a published page: it has its address."""
    file = _file(dataset, "sources")
    lost = sources.select("id", "text_file", "url").filter(
        pl.col("text_file").is_null() & pl.col("url").is_null()
    )
    return [
        Problem(
            file,
            _label(dataset, file, row["id"]),
            "url",
            'a published page (no text_file) needs its address: url = "https://…"',
        )
        for row in _rows(lost, "id")
    ] + _more(lost, file, "url", "pages without an address")


def _values(dataset: Dataset, observations: pl.DataFrame) -> list[Problem]:
    """``value_text`` stands in the quote and says ``value``."""
    file = _file(dataset, "observations")
    problems = []
    pairs = observations.select("quote", "value_text").unique()
    absent_pairs = pairs.filter(
        ~_squashed(pl.col("quote")).str.contains(_squashed(pl.col("value_text")), literal=True)
    )
    absent = observations.select("id", "quote", "value_text").join(
        absent_pairs, on=["quote", "value_text"], how="semi"
    )
    problems += [
        Problem(
            file,
            _label(dataset, file, row["id"]),
            "value_text",
            f"{row['value_text']!r} does not occur in the quote",
        )
        for row in _rows(absent, "id", "value_text")
    ] + _more(absent, file, "value_text", "value words missing from their quotes")
    readings: dict[str, float | str] = {}
    for text in observations["value_text"].unique().to_list():
        try:
            readings[text] = parse_value_text(text)
        except (NumberFormatError, ArithmeticError) as error:
            readings[text] = str(error)
    read = observations.select("id", "value", "value_text").with_columns(
        pl.col("value_text")
        .replace_strict(
            {k: v for k, v in readings.items() if isinstance(v, float)},
            default=None,
            return_dtype=pl.Float64,
        )
        .alias("read")
    )
    unreadable = read.filter(pl.col("read").is_null())
    problems += [
        Problem(
            file, _label(dataset, file, row["id"]), "value_text", str(readings[row["value_text"]])
        )
        for row in _rows(unreadable, "id", "value_text")
    ] + _more(unreadable, file, "value_text", "unreadable value words")
    tolerance = pl.max_horizontal(pl.col("value").abs(), pl.lit(1.0)) * 1e-9
    wrong = read.filter(
        pl.col("read").is_not_null() & ((pl.col("read") - pl.col("value")).abs() > tolerance)
    )
    problems += [
        Problem(
            file,
            _label(dataset, file, row["id"]),
            "value",
            f"{row['value']:g} is not what the quote says: {row['value_text']!r} reads as "
            f"{row['read']:g}",
        )
        for row in _rows(wrong, "id", "value", "value_text", "read")
    ] + _more(wrong, file, "value", "values that differ from their words")
    return problems


def _clip(text: str, width: int = 70) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= width else flat[: width - 1] + "…")
