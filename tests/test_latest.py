"""``mes-tui latest``: the latest figure of each headline metric, and the overview's copy."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import polars as pl
import pytest

from mes_tui.cli.main import main
from mes_tui.core.latest import HEADLINES, LatestFigure, latest_figures
from mes_tui.core.queries import overview_view
from mes_tui.present.latest import render_latest


def by_key(figures: list[LatestFigure]) -> dict[str, LatestFigure]:
    return {f.key: f for f in figures}


def test_the_latest_national_figure_of_each_headline(frames) -> None:
    found = by_key(latest_figures(frames))
    assert found["accounts_activated"].id == "2025-02-accounts-activated"
    assert found["accounts_activated"].value == 18e6
    assert (found["accounts_activated"].speaker or "").startswith("Marguerite Cazeneuve")
    assert found["accounts_created"].id == "2023-02-accounts-created"
    # each activation rate by its own base, never one "activation rate"
    assert found["activation_rate_created"].id == "2024-01-activation-rate"
    assert found["activation_rate_created"].denominator == "accounts created"
    assert found["activation_rate_target_population"].value == 18
    assert found["activation_rate_population"].value == 25
    # documents in a month and in a year are two headlines of one metric
    assert found["documents_sent:month"].id == "2023-12-documents-record-month"
    assert found["documents_sent:year"].id == "2023-02-documents-first-year"
    assert all(f.scope == "national" and f.qualifier != "target" for f in found.values())
    assert [f.key for f in latest_figures(frames)] == [h.key for h in HEADLINES if h.key in found]


def _with(frames, rows: list[dict]):
    """The frames plus copies of 2025-02-accounts-activated with ``rows``' fields changed."""
    base = frames.observations.filter(pl.col("id") == "2025-02-accounts-activated")
    extra = [
        base.with_columns(pl.lit(v, dtype=base.schema[k]).alias(k) for k, v in row.items())
        for row in rows
    ]
    return dataclasses.replace(frames, observations=pl.concat([frames.observations, *extra]))


def test_a_regional_figure_never_stands_for_the_country(frames) -> None:
    later = {"period_start": date(2026, 1, 10), "period_end": date(2026, 1, 10)}
    mixed = _with(
        frames,
        [
            {"id": "na", "value": 2e6, "scope": "region", "scope_code": "75", **later},
            {"id": "goal", "value": 40e6, "qualifier": "target", **later},
            {"id": "band", "value": 5e6, "category": "aged 25–69", **later},
        ],
    )
    national = by_key(latest_figures(mixed, ["accounts_activated"]))
    assert national["accounts_activated"].id == "2025-02-accounts-activated"
    regional = latest_figures(mixed, ["accounts_activated"], frozenset({"region"}))
    assert [(f.id, f.scope_code) for f in regional] == [("na", "75")]
    assert latest_figures(mixed, ["accounts_activated"], frozenset({"region:84"})) == []


def test_the_latest_is_the_period_that_ends_last(frames) -> None:
    newer = _with(
        frames,
        [
            {
                "id": "2026-01-24m",
                "value": 24e6,
                "period_start": date(2026, 1, 1),
                "period_end": date(2026, 1, 31),
                "period_precision": "month",
            }
        ],
    )
    assert by_key(latest_figures(newer))["accounts_activated"].id == "2026-01-24m"


def test_unknown_headlines_are_refused(frames) -> None:
    with pytest.raises(KeyError, match="accounts_activated"):
        latest_figures(frames, ["nope"])


def test_with_no_argument_it_fits_80_by_24(capsys) -> None:
    assert main(["latest"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert len(lines) <= 23  # and the prompt
    assert max(len(line) for line in lines) <= 80
    assert "Accounts activated" in lines[1] and "18 M" in lines[1] and "CNAM" in lines[1]
    assert "18 millions" in lines[2]  # the words, around the value


def test_json_and_markdown(capsys) -> None:
    assert main(["latest", "accounts_activated", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rows] == ["2025-02-accounts-activated"]
    assert rows[0]["value"] == 18_000_000 and rows[0]["period_end"] == "2025-02-19"
    assert rows[0]["quote"].startswith("« 18 millions")
    assert main(["latest", "documents_sent", "-f", "md"]) == 0
    md = capsys.readouterr().out
    assert "Documents sent in a month" in md and "Documents sent in a year" in md


def test_bad_usage_exits_2(capsys) -> None:
    assert main(["latest", "nope"]) == 2
    assert "valid: accounts_activated" in capsys.readouterr().err
    assert main(["latest", "--scope", "75"]) == 2
    assert main(["latest", "--format", "csv"]) == 2


def test_the_overview_shows_the_same_figures(frames) -> None:
    assert list(overview_view(frames).latest) == latest_figures(frames)


def test_a_long_quote_is_cut_around_its_value(frames) -> None:
    figure = by_key(latest_figures(frames))["activation_rate_created"]
    text = render_latest([figure], width=60)
    words = text.splitlines()[2]
    assert "15%" in words and len(words) <= 60 and "…" in words
