"""`mes-tui metric ID`: one metric in depth, derived figures marked as derived."""

from __future__ import annotations

import json

from mes_tui.cli.main import main


def test_metric_json_marks_derived_figures(capsys):
    assert main(["metric", "accounts_activated", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["metric"]["id"] == "accounts_activated"
    assert [row["value"] for row in report["series"]] == [
        7_900_000,
        10_800_000,
        13_000_000,
        18_000_000,
    ]
    assert all(row["derived"] is False for row in report["series"])
    derived = report["derived"]
    assert derived and all(
        row["derived"] is True and row["from"] and row["formula"] for row in derived
    )
    # 18 000 000 ÷ 25 % = 72 M, computed by hand.
    implied = next(
        row
        for row in derived
        if row["from"] == ["2025-02-accounts-activated", "2025-02-activation-rate-population"]
    )
    assert implied["value"] == 18_000_000 / 0.25
    ids = {row["id_a"] for row in report["disagreements"]} | {
        row["id_b"] for row in report["disagreements"]
    }
    assert "2024-01-activation-rate" in ids


def test_metric_table_and_unknown_id(capsys):
    assert main(["metric", "spaces_used"]) == 0
    out = capsys.readouterr().out
    assert "Spaces used" in out and "DERIVED FIGURES (computed here, not published)" in out
    assert main(["metric", "no_such_metric"]) == 2
    err = capsys.readouterr().err
    assert "unknown metric 'no_such_metric'" in err and "mes-tui metrics" in err


def test_query_json_says_published_figures_are_not_derived(capsys):
    assert main(["query", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(row["derived"] is False for row in rows)
