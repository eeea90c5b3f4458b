"""observations.csv and observations.toml reject the same records for the same fields: the
CSV checks are made from the Observation model's own rules (core.rules)."""

from __future__ import annotations

import csv
import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from mes_tui.core import validate
from mes_tui.core.frames import SCHEMAS
from mes_tui.core.models import Observation
from mes_tui.core.rules import field_rules

# A valid record of the bundled data, to damage one field at a time.
BASE_ID = "2023-02-accounts-activated"

# (id, the field at fault, the fields to change): every value can be written in both formats.
BAD: list[tuple[str, str, dict[str, Any]]] = [
    ("Bad-Upper", "id", {}),
    ("x" * 81, "id", {}),
    ("bad-metric-missing", "metric", {"metric": None}),
    ("bad-metric-pattern", "metric", {"metric": "Accounts Activated"}),
    ("bad-value", "value", {"value": "beaucoup"}),
    ("bad-unit", "unit", {"unit": "people"}),
    ("bad-qualifier-missing", "qualifier", {"qualifier": None}),
    ("bad-start", "period_start", {"period_start": "2023-02-30"}),
    ("bad-order", "period_end", {"period_start": date(2023, 3, 1)}),
    ("bad-scope", "scope", {"scope": "planet"}),
    ("bad-scope-code", "scope_code", {"scope_code": "7"}),
    ("bad-value-text", "value_text", {"value_text": "x" * 501}),
    ("bad-category", "category", {"category": "c" * 501}),
    ("bad-quote", "quote", {"quote": "q" * 20_001}),
    ("bad-commissioned-by", "commissioned_by", {"commissioned_by": "Not An Id"}),
    ("bad-attribution", "attribution", {"attribution": "hearsay"}),
]


def _records(raw: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    base = next(o for o in raw["observations"] if o["id"] == BASE_ID)
    bad = []
    for rid, _field, changes in BAD:
        record = {**base, "id": rid, **changes}
        bad.append({key: value for key, value in record.items() if value is not None})
    return bad


def _toml_value(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False)  # a TOML basic string, number or boolean


def _as_toml(records: list[dict[str, Any]]) -> str:
    return "".join(
        "\n[[observation]]\n" + "".join(f"{k} = {_toml_value(v)}\n" for k, v in record.items())
        for record in records
    )


def _as_csv(path: Path, records: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(SCHEMAS["observations"]))
        writer.writeheader()
        for record in records:
            writer.writerow(
                {k: v.isoformat() if isinstance(v, date) else v for k, v in record.items()}
            )


def _rejected(root: Path, file: str) -> set[tuple[str, str | None]]:
    """(record id, field) of every problem ``validate`` finds in ``file``."""
    return {
        ((p.record or "").split(" (line ")[0], p.field) for p in validate(root) if p.file == file
    }


@pytest.fixture
def both(tmp_path: Path, data_dir: Path, raw) -> tuple[Path, Path]:
    """The bundled data with the bad records added: as TOML, and as CSV."""
    bad = _records(raw)
    as_toml = tmp_path / "toml"
    shutil.copytree(data_dir, as_toml)
    with (as_toml / "observations.toml").open("a", encoding="utf-8") as handle:
        handle.write(_as_toml(bad))
    as_csv = tmp_path / "csv"
    shutil.copytree(data_dir, as_csv)
    (as_csv / "observations.toml").unlink()
    _as_csv(as_csv / "observations.csv", raw["observations"] + bad)
    return as_toml, as_csv


def test_csv_and_toml_reject_the_same_records_for_the_same_fields(both) -> None:
    as_toml, as_csv = both
    expected = {(rid, field) for rid, field, _ in BAD}
    assert _rejected(as_toml, "observations.toml") == expected
    assert _rejected(as_csv, "observations.csv") == expected


def test_the_rules_are_read_from_the_model() -> None:
    rules = {rule.name: rule for rule in field_rules(Observation)}
    assert list(rules) == list(Observation.model_fields)
    assert list(rules) == list(SCHEMAS["observations"])  # the frame holds every field
    assert rules["unit"].choices == ("count", "percent", "eur", "ratio", "month")
    assert not rules["scope_code"].required
    assert (rules["quote"].kind, rules["quote"].max_length, rules["quote"].required) == (
        "string",
        20_000,
        True,
    )
    assert rules["value"].kind == "number" and rules["period_end"].kind == "date"
    kinds = {"string": pl.String(), "number": pl.Float64(), "date": pl.Date()}
    assert {name: kinds[rule.kind] for name, rule in rules.items()} == SCHEMAS["observations"]
