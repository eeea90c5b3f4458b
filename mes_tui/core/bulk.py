"""Observations in bulk: ``observations.csv``, one record a line, validated column by column.

A hand-kept dataset lists its observations in ``observations.toml``; a large one (generated, or
exported from elsewhere) may give ``observations.csv`` instead, with the same fields as columns.
Every rule of the ``Observation`` model is applied here as a polars expression over the whole
column, so a million records validate in about a second, and every problem still names the
file, the record (with its line) and the field.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from mes_tui.core.frames import SCHEMAS
from mes_tui.core.models import Attribution, Precision, Qualifier, Scope, Unit
from mes_tui.core.problems import Problem

__all__ = ["BULK_FILE", "MAX_PROBLEMS_PER_RULE", "read_bulk_observations"]

BULK_FILE = "observations.csv"
MAX_PROBLEMS_PER_RULE = 20

_SCHEMA = SCHEMAS["observations"]
_REQUIRED = [
    "id",
    "metric",
    "value",
    "unit",
    "qualifier",
    "value_text",
    "period_start",
    "period_end",
    "period_precision",
    "scope",
    "actor",
    "attribution",
    "source",
    "quote",
]
_ENUMS = {
    "unit": Unit,
    "qualifier": Qualifier,
    "period_precision": Precision,
    "scope": Scope,
    "attribution": Attribution,
}
_IDS = ["id", "metric", "actor", "source", "commissioned_by"]
_ID_PATTERN = r"^[a-z0-9][a-z0-9_.-]*$"
_LONG_TEXT = {"quote", "note"}  # up to 20 000 characters; other texts up to 500


def read_bulk_observations(path: Path, problems: list[Problem]) -> pl.DataFrame | None:
    """The typed observations of ``path`` (columns as ``SCHEMAS["observations"]``), or None
    when the file cannot be read at all; record problems go to ``problems``."""
    name = path.name
    try:
        raw = pl.read_csv(path, infer_schema=False, encoding="utf8")
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError, OSError) as error:
        problems.append(
            Problem(name, None, None, f"is not a readable CSV file: {_first_line(error)}")
        )
        return None
    if raw.height == 0:
        problems.append(Problem(name, None, None, "holds no observations"))
        return None
    unknown = [c for c in raw.columns if c not in _SCHEMA]
    missing = [c for c in _REQUIRED if c not in raw.columns]
    problems += [Problem(name, None, c, "unknown field (column)") for c in unknown]
    problems += [Problem(name, None, c, "missing column: the field is required") for c in missing]
    if missing:
        return None
    raw = (
        raw.with_columns(
            [pl.lit(None, pl.String).alias(c) for c in _SCHEMA if c not in raw.columns]
        )
        .select(list(_SCHEMA))
        .with_row_index("_line", offset=2)
    )  # line 1 is the header
    # Empty cells of optional text fields mean "not given".
    raw = raw.with_columns(pl.col(c).replace("", None) for c in _SCHEMA if c not in _REQUIRED)
    typed = raw.with_columns(
        pl.col("value").cast(pl.Float64, strict=False),
        pl.col("period_start").str.to_date("%Y-%m-%d", strict=False),
        pl.col("period_end").str.to_date("%Y-%m-%d", strict=False),
    )
    rules: list[tuple[str, pl.Series, str]] = []
    for column in _REQUIRED:
        rules.append((column, raw[column].is_null() | (raw[column] == ""), "Field required"))
    rules.append(
        (
            "value",
            typed["value"].is_null() & raw["value"].is_not_null(),
            "Input should be a valid number",
        )
    )
    for column in ("period_start", "period_end"):
        rules.append(
            (
                column,
                typed[column].is_null() & raw[column].is_not_null(),
                "Input should be a valid date (YYYY-MM-DD)",
            )
        )
    for column, enum in _ENUMS.items():
        allowed = [member.value for member in enum]
        rules.append(
            (
                column,
                raw[column].is_not_null() & ~raw[column].is_in(allowed),
                f"Input should be {', '.join(map(repr, allowed))}",
            )
        )
    for column in _IDS:
        rules.append(
            (
                column,
                raw[column].is_not_null()
                & (~raw[column].str.contains(_ID_PATTERN) | (raw[column].str.len_chars() > 80)),
                f"String should match pattern '{_ID_PATTERN}' (at most 80 characters)",
            )
        )
    for column, dtype in _SCHEMA.items():
        if dtype == pl.String() and column not in _IDS:
            limit = 20_000 if column in _LONG_TEXT else 500
            rules.append(
                (
                    column,
                    raw[column].str.len_chars() > limit,
                    f"String should have at most {limit} characters",
                )
            )
    rules.append(
        ("period_end", typed["period_end"] < typed["period_start"], "is before period_start")
    )
    bad_rows = pl.zeros(raw.height, pl.Boolean, eager=True)
    for column, mask, message in rules:
        mask = mask.fill_null(False)
        if not mask.any():
            continue
        bad_rows |= mask
        offenders = raw.filter(mask)
        for row in offenders.head(MAX_PROBLEMS_PER_RULE).select("_line", "id").iter_rows():
            problems.append(Problem(name, _label(*row), column, message))
        if offenders.height > MAX_PROBLEMS_PER_RULE:
            problems.append(
                Problem(
                    name,
                    None,
                    column,
                    f"{message}: {offenders.height - MAX_PROBLEMS_PER_RULE:,} more records",
                )
            )
    if bad_rows.any():  # otherwise no copy: a million rows are hundreds of megabytes
        typed = typed.filter(~bad_rows)
    return typed.drop("_line")


def _label(line: int, rid: str | None) -> str:
    return f"{rid} (line {line})" if rid else f"record on line {line}"


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
