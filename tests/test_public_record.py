"""The bundled public record (data/), as a user meets it: it validates, it answers "where does
it stand now", and every command and export works at its size. The tests of behaviour read the
frozen dataset of tests/data instead (see conftest)."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from mes_tui.cli.main import main
from mes_tui.core import load, validate
from mes_tui.core.cache import load_cached
from mes_tui.core.latest import latest_figures
from tests.conftest import BUNDLED_DIR


@pytest.fixture(scope="module")
def record():
    return load(BUNDLED_DIR)


def test_the_public_record_validates_at_its_size(record) -> None:
    assert validate(BUNDLED_DIR) == []
    assert record.observations.height >= 180
    assert record.sources.height >= 40
    pages = record.sources.filter(pl.col("text_file").is_null())
    assert pages["url"].null_count() == 0
    assert pages["excerpts"].list.len().min() >= 1


def test_the_national_series_of_activated_accounts(record) -> None:
    national = record.observations.filter(
        (pl.col("metric") == "accounts_activated")
        & (pl.col("scope") == "national")
        & (pl.col("qualifier") != "target")
        & pl.col("period_end").is_between(pl.date(2022, 10, 1), pl.date(2026, 1, 31))
    )
    months = national.select(pl.col("period_end").dt.strftime("%Y-%m")).unique()
    assert months.height >= 14
    latest = latest_figures(record, ["accounts_activated"])
    assert [(f.value, f.period_end.year, f.period_end.month) for f in latest] == [(24e6, 2026, 1)]


def test_latest_fits_80_by_24(capsys) -> None:
    assert main(["latest", "--data", str(BUNDLED_DIR)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) <= 23 and max(map(len, lines)) <= 80
    assert "24 M" in lines[1]


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "md"])
def test_query_in_every_format(capsys, fmt: str) -> None:
    assert main(["query", "--data", str(BUNDLED_DIR), "--format", fmt]) == 0
    out = capsys.readouterr().out
    if fmt == "json":
        rows = json.loads(out)
        assert rows and all(r["citation"] and r["quote"] for r in rows)
        # a source is cited by its title, or as what it is ("untitled article, …")
        assert all(("“" in r["citation"]) == bool(r["source_title"]) for r in rows)
        assert all(r["source_title"] or ", in untitled " in r["citation"] for r in rows)


@pytest.mark.slow  # a sweep of all 84 metrics; the metric report's cases are in test_cli_metric
def test_every_metric_in_depth(record, capsys) -> None:
    for metric in record.metrics["id"]:
        assert main(["metric", metric, "--data", str(BUNDLED_DIR), "-f", "json"]) == 0, metric
        report = json.loads(capsys.readouterr().out)
        assert report["metric"]["id"] == metric


def test_the_cache_reads_it_back(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("MES_TUI_CACHE", str(tmp_path))
    first = load_cached(BUNDLED_DIR)
    again = load_cached(BUNDLED_DIR)
    assert again.observations.equals(first.observations)
