"""Observations in bulk: ``observations.csv``, one record a line, validated column by column.

A hand-kept dataset lists its observations in ``observations.toml``; a large one (generated, or
exported from elsewhere) may give ``observations.csv`` instead, with the same fields as columns.
Every rule of the ``Observation`` model (read from the model by ``core.rules``) is applied
here as a polars expression over the whole column, so a million records validate in about a
second, and every problem still names the file, the record (with its line) and the field.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from mes_tui.core.frames import SCHEMAS
from mes_tui.core.insee import DEPARTEMENT_CODES, REGION_CODES, scope_code_problem
from mes_tui.core.models import Observation
from mes_tui.core.problems import Problem
from mes_tui.core.rules import FieldRule, field_rules

__all__ = ["BULK_FILE", "MAX_PROBLEMS_PER_RULE", "read_bulk_observations"]

BULK_FILE = "observations.csv"
MAX_PROBLEMS_PER_RULE = 20

_SCHEMA = SCHEMAS["observations"]
_RULES = field_rules(Observation)
_REQUIRED = [rule.name for rule in _RULES if rule.required]


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
    # An empty cell of an optional field means "not given" (CSV cannot tell them apart).
    raw = raw.with_columns(pl.col(r.name).replace("", None) for r in _RULES if not r.required)
    typed = raw.with_columns(_typed(rule) for rule in _RULES if rule.kind != "string")
    rules = [check for rule in _RULES for check in _checks(rule, raw, typed)]
    if Observation.span is not None:
        start, end = Observation.span
        rules.append((end, typed[end] < typed[start], f"is before {start}"))
    rules += _scope_code_rules(raw["scope"], raw["scope_code"])
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


def _scope_code_rules(scope: pl.Series, code: pl.Series) -> list[tuple[str, pl.Series, str]]:
    """The rules of ``Observation.scope_code`` (core.insee) over whole columns, each with the
    model's own message."""
    coded = {"region": REGION_CODES, "departement": DEPARTEMENT_CODES}
    rules = [
        (
            "scope_code",
            code.is_not_null() & ~scope.is_in(list(coded)) & scope.is_not_null(),
            "only a regional or département figure has a scope_code",
        )
    ]
    for name, codes in coded.items():
        missing = scope_code_problem(name, None)
        assert missing is not None  # a regional or département figure always needs its code
        rules.append(("scope_code", (scope == name) & code.is_null(), missing))
        rules.append(
            (
                "scope_code",
                (scope == name) & code.is_not_null() & ~code.is_in(sorted(codes)),
                # the message of any unknown code, without the code itself
                scope_code_problem(name, "?").removeprefix("'?' "),  # type: ignore[union-attr]
            )
        )
    return rules


def _typed(rule: FieldRule) -> pl.Expr:
    """The column of ``rule`` read as its type: null where a cell cannot be read."""
    column = pl.col(rule.name)
    if rule.kind == "number":
        return column.cast(pl.Float64, strict=False)
    if rule.kind == "date":
        return column.str.to_date("%Y-%m-%d", strict=False)
    raise ValueError(f"observations.csv cannot hold the {rule.kind} field {rule.name!r}")


def _checks(
    rule: FieldRule, raw: pl.DataFrame, typed: pl.DataFrame
) -> list[tuple[str, pl.Series, str]]:
    """(field, mask of the offending rows, message) for every rule of one field, with the
    messages the model gives for the same fault in a TOML file."""
    cells = raw[rule.name]
    given = cells.is_not_null() & (cells != "")
    found = []
    if rule.required:
        found.append((cells.is_null() | (cells == ""), "Field required"))
    if rule.kind == "number":
        found.append((typed[rule.name].is_null() & given, "Input should be a valid number"))
    if rule.kind == "date":
        found.append(
            (typed[rule.name].is_null() & given, "Input should be a valid date (YYYY-MM-DD)")
        )
    if rule.choices:
        found.append((given & ~cells.is_in(rule.choices), f"Input should be {_or(rule.choices)}"))
    if rule.pattern is not None:
        found.append(
            (
                given & ~cells.str.contains(rule.pattern),
                f"String should match pattern '{rule.pattern}'",
            )
        )
    if rule.min_length is not None:
        found.append(
            (
                given & (cells.str.len_chars() < rule.min_length),
                f"String should have at least {rule.min_length} "
                f"character{'s' if rule.min_length != 1 else ''}",
            )
        )
    if rule.max_length is not None:
        found.append(
            (
                cells.str.len_chars() > rule.max_length,
                f"String should have at most {rule.max_length} characters",
            )
        )
    return [(rule.name, mask, message) for mask, message in found]


def _or(choices: tuple[str, ...]) -> str:
    quoted = [repr(choice) for choice in choices]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"


def _label(line: int, rid: str | None) -> str:
    return f"{rid} (line {line})" if rid else f"record on line {line}"


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
