"""Derived figures, disagreements and the metric report, checked against arithmetic done by hand
from the quotes of the bundled sources, and on small synthetic frames."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import polars as pl
import pytest

from mes_tui.core.derived import DERIVED_SCHEMA, KINDS, derived_frame
from mes_tui.core.disagreements import DISAGREEMENT_SCHEMA, definitions, disagreements
from mes_tui.core.metric_report import metric_report
from mes_tui.core.queries import metric_series, metric_view, overview_panels
from mes_tui.present.analysis import (
    derived_formula,
    derived_note,
    derived_value,
    disagreement_reason,
)
from mes_tui.present.metric_report import render_metric_report
from mes_tui.present.series import series_label

MONTH = 365.25 / 12  # days in an average month


def _words(row: dict) -> dict:
    """A derived figure or a disagreement with its English words (``present``)."""
    if "id_a" in row:
        return {**row, "reason": disagreement_reason(row, "en")}
    return {
        **row,
        "display": derived_value(row, "en"),
        "formula": derived_formula(row, "en"),
        "note": derived_note(row, "en"),
    }


def _by_from(frame: pl.DataFrame, kind: str) -> dict[tuple[str, ...], dict]:
    return {
        tuple(row["from"]): _words(row) for row in frame.filter(pl.col("kind") == kind).to_dicts()
    }


def _synthetic(frames, rows: list[dict]):
    """The frames with their observations replaced by ``rows``, each a copy of a real
    observation with the given fields changed (metric columns follow the metric)."""
    base = frames.observations.filter(pl.col("id") == "2025-02-accounts-activated")
    parts = []
    for row in rows:
        metric = frames.metrics.filter(pl.col("id") == row["metric"]).row(0, named=True)
        fields = {
            "metric_label": metric["label_en"],
            "metric_kind": metric["kind"],
            "metric_denominator": metric["denominator"],
            "unit": metric["unit"],
            "qualifier": "exact",
            "category": None,
            "period_end": row["period_start"],
            "quote": f"quote of {row['id']}",
            **row,
        }
        fields["date"] = fields["period_end"]
        parts.append(
            base.with_columns(
                pl.lit(value, dtype=base.schema[name]).alias(name) for name, value in fields.items()
            )
        )
    return dataclasses.replace(frames, observations=pl.concat(parts))


def _obs(id_, metric, value, start, end=None, actor="dns", source="s1", **more) -> dict:
    return {
        "id": id_,
        "metric": metric,
        "value": float(value),
        "period_start": start,
        "period_end": end or start,
        "actor": actor,
        "source": source,
        **more,
    }


# ── Derived figures on the bundled data ──────────────────────────────────────────────────


def test_implied_denominators_match_the_quotes(frames) -> None:
    found = _by_from(derived_frame(frames), "implied_denominator")
    expected = {
        # "65,7 millions de comptes … seulement 12 % d'entre eux, soit 7,9 millions"
        ("2023-02-accounts-activated", "2023-02-activation-rate"): 7_900_000 / 0.12,  # 65.83 M
        # "3,2 millions d'usagers … soit 4,9 % du total des comptes créés"
        ("2023-02-spaces-used", "2023-02-usage-rate"): 3_200_000 / 0.049,  # 65.31 M
        # "13 millions de profils étaient activés, représentant 18% de la population cible"
        ("2024-06-accounts-activated", "2024-06-activation-rate-target-population"): 13e6 / 0.18,
        # "18 millions de personnes ont activé leur compte …, soit 25 % de la population"
        ("2025-02-accounts-activated", "2025-02-activation-rate-population"): 18e6 / 0.25,
    }
    assert set(found) == set(expected)
    for ids, value in expected.items():
        assert found[ids]["value"] == pytest.approx(value)
        assert found[ids]["unit"] == "count"
    assert found[("2024-06-accounts-activated", "2024-06-activation-rate-target-population")][
        "value"
    ] == pytest.approx(72.2e6, rel=1e-3)
    assert expected[("2025-02-accounts-activated", "2025-02-activation-rate-population")] == 72e6
    first = found[("2023-02-accounts-activated", "2023-02-activation-rate")]
    assert first["formula"] == "7,900,000 ÷ 12 % = 65.8 M"
    assert first["metric"] == "activation_rate_created"
    assert (
        found[("2024-06-accounts-activated", "2024-06-activation-rate-target-population")][
            "formula"
        ]
        == "13,000,000 ÷ 18 % = 72.2 M"
    )


def test_implied_rates_match_the_quotes(frames) -> None:
    found = _by_from(derived_frame(frames), "implied_rate")
    expected = {
        ("2023-02-accounts-activated", "2023-02-accounts-created"): (
            "activation_rate_created",
            7.9e6 / 65.7e6 * 100,
        ),  # 12.02 %: the quoted 12 %
        ("2023-02-spaces-used", "2023-02-accounts-created"): (
            "usage_rate_created",
            3.2e6 / 65.7e6 * 100,
        ),  # 4.87 %: the quoted 4,9 %
        ("2023-02-spaces-used", "2023-02-accounts-activated"): (
            "spaces_used",
            3.2e6 / 7.9e6 * 100,
        ),  # 40.5 % of activated accounts were used
        ("2023-02-ambassador-activations", "2023-02-ambassador-people-reached"): (
            "ambassador_activations",
            1_450 / 14_000 * 100,
        ),  # 10.4 %
    }
    assert set(found) == set(expected)
    for ids, (metric, value) in expected.items():
        assert (found[ids]["metric"], found[ids]["value"]) == (metric, pytest.approx(value))
    assert found[("2023-02-accounts-activated", "2023-02-accounts-created")]["formula"] == (
        "7,900,000 ÷ 65,700,000 = 12 %"
    )
    assert found[("2023-02-spaces-used", "2023-02-accounts-created")]["display"] == "4.87 %"


def test_change_per_month_of_activated_accounts(frames) -> None:
    found = _by_from(derived_frame(frames, "accounts_activated"), "change_per_month")
    # Period midpoints: 13 Feb 2023; 5 Feb 2024 (the DNS press point: the 10,8 M is the count
    # presented there, not a result of the November 2023 survey); 15.5 Jun 2024 (June);
    # 19 Feb 2025.
    months_1 = (date(2024, 2, 5) - date(2023, 2, 13)).days / MONTH  # 11.73
    months_2 = ((date(2024, 6, 15) - date(2024, 2, 5)).days + 0.5) / MONTH  # 4.32
    months_3 = ((date(2025, 2, 19) - date(2024, 6, 15)).days - 0.5) / MONTH  # 8.16
    expected = {
        ("2023-02-accounts-activated", "2024-02-accounts-activated"): (
            months_1,
            (10.8e6 - 7.9e6) / months_1,
        ),  # ≈ 247 000 a month
        ("2024-02-accounts-activated", "2024-06-accounts-activated"): (
            months_2,
            (13e6 - 10.8e6) / months_2,
        ),  # ≈ 509 000 a month
        ("2024-06-accounts-activated", "2025-02-accounts-activated"): (
            months_3,
            (18e6 - 13e6) / months_3,
        ),  # ≈ 612 000 a month
    }
    assert set(found) == set(expected)
    for ids, (months, pace) in expected.items():
        assert found[ids]["months"] == pytest.approx(months)
        assert found[ids]["value"] == pytest.approx(pace)
        assert found[ids]["unit"] == "count_per_month"
    assert expected[("2023-02-accounts-activated", "2024-02-accounts-activated")][1] == (
        pytest.approx(247_251, abs=10)
    )
    assert found[("2023-02-accounts-activated", "2024-02-accounts-activated")]["formula"] == (
        "(10,800,000 − 7,900,000) ÷ 11.7 months = 247,000/month"
    )


def test_change_per_month_only_for_stocks(frames) -> None:
    changes = derived_frame(frames).filter(pl.col("kind") == "change_per_month")
    kinds = frames.metrics.filter(pl.col("id").is_in(changes["metric"].implode()))["kind"]
    assert set(kinds) == {"stock"}
    # Spaces created are published once (65,7 M, 13 Feb 2023); the round "65 millions
    # d'assurés" of 5 Feb 2024 counts people, another metric: no change may join the two.
    assert "accounts_created" not in set(changes["metric"])
    assert "insured_people" not in set(changes["metric"])
    activated = _by_from(changes, "change_per_month")[
        ("2023-02-accounts-activated", "2024-02-accounts-activated")
    ]
    months = (date(2024, 2, 5) - date(2023, 2, 13)).days / MONTH
    assert activated["value"] == pytest.approx((10.8e6 - 7.9e6) / months, rel=0.02)


def test_flows_per_month(frames) -> None:
    found = _by_from(derived_frame(frames), "per_month")
    expected = {
        # "220 000 au cours des 2 derniers mois"
        ("2023-02-activations-two-months",): (2, 220_000 / 2),
        ("2023-02-documents-first-year",): (12, 45e6 / 12),  # "En un an, 45 millions"
        ("2023-12-documents-record-month",): (1, 19e6 / 1),  # "En décembre … 19 millions"
    }
    assert set(found) == set(expected)
    for ids, (months, pace) in expected.items():
        assert (found[ids]["months"], found[ids]["value"]) == (months, pytest.approx(pace))
    activations = found[("2023-02-activations-two-months",)]
    assert activations["formula"] == "220,000 ÷ 2 months = 110,000/month"
    # ~110 000 a month in early 2023, against the ≈ 300 000 a month stated a year later.
    assert "300,000/month" in activations["note"]
    assert "2024-02-activations-monthly-pace" in activations["note"]


def test_no_time_to_target_without_a_stated_goal(frames) -> None:
    derived = derived_frame(frames)
    assert derived.filter(pl.col("kind") == "time_to_target").is_empty()
    # The data has a goal (700 M € by 2027), but for a budget, which has no pace.
    assert frames.observations.filter(pl.col("qualifier") == "target").height >= 1


def test_time_to_target_on_a_synthetic_frame(frames) -> None:
    synthetic = _synthetic(
        frames,
        [
            _obs("a1", "accounts_activated", 10e6, date(2024, 1, 15)),
            _obs("a2", "accounts_activated", 13e6, date(2024, 4, 15)),
            _obs("goal", "accounts_activated", 20e6, date(2025, 12, 31), qualifier="target"),
            _obs("goal-low", "spaces_used", 1e6, date(2025, 12, 31), qualifier="target"),
        ],
    )
    found = derived_frame(synthetic)
    targets = [_words(r) for r in found.filter(pl.col("kind") == "time_to_target").to_dicts()]
    assert len(targets) == 1
    pace = (13e6 - 10e6) / ((date(2024, 4, 15) - date(2024, 1, 15)).days / MONTH)  # ≈ 1.0 M/month
    assert targets[0]["value"] == pytest.approx((20e6 - 13e6) / pace)  # ≈ 7 months
    assert targets[0]["from"] == ["goal", "a1", "a2"]
    assert targets[0]["unit"] == "month"
    assert targets[0]["period_start"] == date(2024, 4, 15)
    assert "within the goal's date 31 Dec 2025" in targets[0]["note"]
    # The goal is not a measurement: it makes no change per month.
    assert found.filter(pl.col("kind") == "change_per_month")["from"].to_list() == [["a1", "a2"]]
    # A goal already reached, or a falling pace, gives no time to target.
    reached = _synthetic(
        frames,
        [
            _obs("a1", "accounts_activated", 10e6, date(2024, 1, 15)),
            _obs("a2", "accounts_activated", 13e6, date(2024, 4, 15)),
            _obs("goal", "accounts_activated", 12e6, date(2025, 12, 31), qualifier="target"),
        ],
    )
    assert derived_frame(reached).filter(pl.col("kind") == "time_to_target").is_empty()


def test_derived_records_are_marked_and_cite_real_observations(frames) -> None:
    derived = derived_frame(frames)
    assert dict(derived.schema) == DERIVED_SCHEMA
    # 4 implied denominators, 4 implied rates, 3 changes of activated accounts, 3 flows.
    assert derived.height == 4 + 4 + 3 + 3
    assert derived["derived"].all()
    assert set(derived["kind"]) <= set(KINDS)
    ids = set(frames.observations["id"])
    for row in map(_words, derived.to_dicts()):
        assert row["from"] and set(row["from"]) <= ids, row
        assert row["formula"] and "=" in row["formula"]
        assert row["metric"] in set(frames.metrics["id"])
        assert row["period_start"] <= row["period_end"]
        # A derived figure never reuses an observation id.
        assert row["formula"] not in set(frames.observations["id"])


def test_derived_frame_for_one_metric(frames) -> None:
    derived = derived_frame(frames, "accounts_activated")
    # Its own changes, and the figures computed from its observations (implied bases, rates).
    assert set(derived["kind"]) == {"change_per_month", "implied_denominator", "implied_rate"}
    assert "activation_rate_population" in set(derived["metric"])
    assert derived_frame(frames, "documents_sent")["kind"].to_list() == ["per_month"] * 2
    with pytest.raises(KeyError, match="accounts_activated"):
        derived_frame(frames, "accounts_activatd")


# ── Disagreements ────────────────────────────────────────────────────────────────────────

# On the bundled data:
# - 10,8 M activated (5 Feb 2024) ÷ 15 % of accounts (Jan 2024) = 72 M, not the 65,7 M
#   accounts created (Feb 2023, the only count of created spaces): count and rate do not fit.
#   The 15 % is judged with the count nearest its own date only: 13 M (Jun 2024) ÷ 15 % (Jan
#   2024) = 86.7 M compares two dates, and is no disagreement.
# - 15 % of survey respondents who use the service (Nov 2023) and 15 % of accounts (Jan 2024)
#   look like one figure and measure two things.
# - 15 % of created accounts (Jan 2024) and 18 % of the "target population" (Jun 2024).
# - 97 % of insured people "ont ouvert" and 25 % of the population activated, the same day.
EXPECTED_DISAGREEMENTS = {
    ("implied_base", "2024-02-accounts-activated", "2024-01-activation-rate"),
    ("lookalike", "2023-11-harris-activated-among-users", "2024-01-activation-rate"),
    ("lookalike", "2024-01-activation-rate", "2024-06-activation-rate-target-population"),
    ("lookalike", "2025-02-activation-rate-population", "2025-02-insured-with-space-share"),
}


def test_disagreements_in_the_bundled_data(frames) -> None:
    found = disagreements(frames)
    assert dict(found.schema) == DISAGREEMENT_SCHEMA
    assert set(found.select("kind", "id_a", "id_b").iter_rows()) == EXPECTED_DISAGREEMENTS
    rows = {(r["id_a"], r["id_b"]): _words(r) for r in found.to_dicts()}
    early = rows[("2024-02-accounts-activated", "2024-01-activation-rate")]
    assert early["difference"] == pytest.approx(
        (10.8e6 / 0.15 - 65.7e6) / (10.8e6 / 0.15)
    )  # 8.75 %
    assert early["related"] == ["2023-02-accounts-created"]
    assert "72 M" in early["reason"]
    assert not any("86.7 M" in row["reason"] for row in rows.values())
    same_day = rows[("2025-02-activation-rate-population", "2025-02-insured-with-space-share")]
    assert (same_day["value_a"], same_day["value_b"], same_day["gap_days"]) == (25, 97, 0)
    assert "the population of France" in same_day["reason"]
    assert "all insured people" in same_day["reason"]
    coincidence = rows[("2023-11-harris-activated-among-users", "2024-01-activation-rate")]
    assert coincidence["value_a"] == coincidence["value_b"] == 15
    assert "not a confirmation" in coincidence["reason"]
    quotes = dict(frames.observations.select("id", "quote").iter_rows())
    for row in map(_words, found.to_dicts()):
        assert row["quote_a"] == quotes[row["id_a"]] and row["quote_b"] == quotes[row["id_b"]]
        assert row["reason"] and "\n" not in row["reason"]


def test_consistent_figures_are_not_flagged(frames) -> None:
    found = set(disagreements(frames).select("id_a", "id_b").iter_rows())
    # 7,9 M ÷ 12 % = 65.83 M and 65,7 M created: 0.2 % apart, the same stock.
    assert ("2023-02-accounts-activated", "2023-02-activation-rate") not in found
    # 3,2 M ÷ 4,9 % = 65.31 M against 65,7 M: 0.6 % apart.
    assert ("2023-02-spaces-used", "2023-02-usage-rate") not in found
    # 3,5 % activated and 0,7 % refused: same actor, same source, said together.
    assert not {"2021-09-haute-garonne-activation-rate"} & {i for pair in found for i in pair}
    # A looser tolerance keeps the differences of the other kinds but drops implied bases.
    loose = disagreements(frames, tolerance=0.3)
    assert "implied_base" not in set(loose["kind"])


def test_disagreements_for_one_metric(frames) -> None:
    rows = disagreements(frames, "insured_with_space_share")
    assert rows.select("id_a", "id_b").rows() == [
        ("2025-02-activation-rate-population", "2025-02-insured-with-space-share")
    ]
    # Spaces created is cited as the base of the implied-base disagreements.
    assert set(disagreements(frames, "accounts_created")["kind"]) == {"implied_base"}
    with pytest.raises(KeyError):
        disagreements(frames, "no_such_metric")


def test_same_metric_disagreement_on_a_synthetic_frame(frames) -> None:
    synthetic = _synthetic(
        frames,
        [
            _obs("dns", "accounts_activated", 18e6, date(2025, 2, 10), actor="dns", source="s1"),
            _obs("cnam", "accounts_activated", 20e6, date(2025, 2, 19), actor="cnam", source="s2"),
            # 18,5 M is 2.7 % from 18 M: within the 5 % tolerance, so not flagged against "dns".
            _obs(
                "press", "accounts_activated", 18.5e6, date(2025, 2, 12), actor="press", source="s3"
            ),
            # 25 M two months later: a change over time, not a disagreement.
            _obs(
                "later", "accounts_activated", 25e6, date(2025, 4, 30), actor="press", source="s4"
            ),
            # The same actor in the same source: a correction, not two actors disagreeing.
            _obs(
                "dns-again",
                "accounts_activated",
                21e6,
                date(2025, 2, 19),
                actor="cnam",
                source="s2",
                category="x",
            ),
        ],
    )
    found = disagreements(synthetic).filter(pl.col("kind") == "same_metric")
    pairs = set(found.select("id_a", "id_b").iter_rows())
    assert pairs == {("dns", "cnam"), ("press", "cnam")}
    row = found.filter(pl.col("id_a") == "dns").row(0, named=True)
    assert row["difference"] == pytest.approx((20e6 - 18e6) / 20e6)  # 10 %
    assert row["gap_days"] == 9
    strict = disagreements(synthetic, tolerance=0.01).filter(pl.col("kind") == "same_metric")
    assert ("dns", "press") in set(strict.select("id_a", "id_b").iter_rows())
    near = disagreements(synthetic, near_days=90).filter(pl.col("kind") == "same_metric")
    assert ("cnam", "later") in set(near.select("id_a", "id_b").iter_rows())


def test_lookalike_disagreement_on_a_synthetic_frame(frames) -> None:
    synthetic = _synthetic(
        frames,
        [
            _obs("pop", "activation_rate_population", 25, date(2025, 2, 19), actor="cnam"),
            _obs("insured", "insured_with_space_share", 97, date(2025, 2, 19), actor="dns"),
            # A year apart: too far to be read as the same figure.
            _obs(
                "old", "insured_with_space_share", 95, date(2024, 1, 10), actor="dns", source="s0"
            ),
            # Not look-alikes of the population rate.
            _obs("heard", "survey_heard_of", 30, date(2025, 2, 19), actor="csa", source="s9"),
        ],
    )
    found = disagreements(synthetic)
    # Same day: the pair is ordered by id.
    assert found.select("kind", "id_a", "id_b").rows() == [("lookalike", "insured", "pop")]
    same_quote = _synthetic(
        frames,
        [
            _obs(
                "pop",
                "activation_rate_population",
                25,
                date(2025, 2, 19),
                actor="cnam",
                quote="one sentence",
            ),
            _obs(
                "insured",
                "insured_with_space_share",
                97,
                date(2025, 2, 19),
                actor="dns",
                quote="one sentence",
            ),
        ],
    )
    assert disagreements(same_quote).is_empty()


def test_implied_base_on_a_synthetic_frame(frames) -> None:
    rows = [
        _obs("created", "accounts_created", 60e6, date(2024, 1, 31)),
        _obs("rate", "activation_rate_created", 20, date(2024, 1, 31), source="s2"),
        _obs("count-ok", "accounts_activated", 12.3e6, date(2024, 2, 20), source="s3"),
        _obs("count-off", "accounts_activated", 15e6, date(2024, 3, 20), source="s4"),
        _obs("rate-late", "activation_rate_created", 20, date(2024, 3, 31), source="s5"),
    ]
    found = disagreements(_synthetic(frames, rows)).filter(pl.col("kind") == "implied_base")
    # Each rate is judged with the count nearest its own date. "rate": 12,3 M ÷ 20 % = 61.5 M,
    # 2.4 % from 60 M: fine (15 M of March is not its count). "rate-late": 15 M ÷ 20 % = 75 M,
    # 20 % off.
    assert found.select("id_a", "id_b", "related").rows() == [
        ("count-off", "rate-late", ["created"])
    ]
    assert found["difference"][0] == pytest.approx((75e6 - 60e6) / 75e6)


# ── Definitions and the metric report ────────────────────────────────────────────────────


def test_definitions_side_by_side(frames) -> None:
    table = definitions(frames, "activation_rate_created")
    assert table["id"][0] == "activation_rate_created"
    assert table["relation"][0] == "self"
    assert {
        "activation_rate_target_population",
        "activation_rate_population",
        "insured_with_space_share",
    } <= set(table["id"])
    assert table["id"].is_unique().all()
    row = table.filter(pl.col("id") == "activation_rate_target_population").row(0, named=True)
    assert row["denominator"] == "the 'target population' (not defined in the source)"
    assert "72 M" in row["lookalike_note"]
    assert {"label_en", "unit", "denominator", "definition", "lookalike_note"} <= set(table.columns)
    with pytest.raises(KeyError, match="valid ids"):
        definitions(frames, "nope")


def test_metric_report(frames) -> None:
    report = metric_report(frames, "accounts_activated")
    assert report["metric"]["denominator"] is None
    assert [r["id"] for r in report["series"]] == [
        "2023-02-accounts-activated",
        "2024-02-accounts-activated",
        "2024-06-accounts-activated",
        "2025-02-accounts-activated",
    ]
    assert not any(r["derived"] for r in report["series"])
    assert report["latest"]["value"] == 18e6
    assert [c["change"] for c in report["changes"]] == pytest.approx([2.9e6, 2.2e6, 5e6])
    assert all(d["derived"] for d in report["derived"])
    assert {d["kind"] for d in report["disagreements"]} == {"implied_base"}
    assert report["definitions"][0]["id"] == "accounts_activated"
    with pytest.raises(KeyError) as error:
        metric_report(frames, "activated")
    assert "accounts_activated" in str(error.value) and "spaces_used" in str(error.value)


def test_render_metric_report(frames) -> None:
    data = json.loads(render_metric_report(frames, "activation_rate_created", "json"))
    assert data["derived"] and all(
        d["derived"] is True and d["from"] and d["formula"] for d in data["derived"]
    )
    assert all(s["derived"] is False for s in data["series"])
    assert data["series"][0]["period_start"] == "2023-02-13"
    table = render_metric_report(frames, "activation_rate_created", "table")
    assert "7,900,000 ÷ 12 % = 65.8 M" in table
    assert "DERIVED FIGURES (computed here, not published)" in table
    assert "+3 pts" in table  # 12 % then 15 %: points, not per cent
    md = render_metric_report(frames, "activation_rate_created", "md")
    assert md.startswith("# Activation rate (of created accounts)")
    assert "## Definitions side by side" in md
    with pytest.raises(ValueError, match="unknown format 'csv'"):
        render_metric_report(frames, "activation_rate_created", "csv")  # type: ignore[arg-type]


def test_report_shows_control_characters_never_sends_them(frames) -> None:
    hostile = _synthetic(
        frames,
        [
            _obs("evil", "accounts_activated", 1e6, date(2025, 1, 1), quote="\x1b[2J\u202egotcha"),
            _obs("rate", "activation_rate_population", 2, date(2025, 1, 1), quote="\x07bell"),
        ],
    )
    for fmt in ("table", "md"):
        text = render_metric_report(hostile, "accounts_activated", fmt)
        assert "\x1b" not in text and "\u202e" not in text and "\x07" not in text
    assert "\\x1b[2J" in render_metric_report(hostile, "accounts_activated", "table")


def test_a_goal_does_not_enter_the_changes_of_measurements(frames) -> None:
    """The metric pane and ``mes-tui metric`` read the same series: a goal among measurements
    is compared with goals, and each measurement with the measurement before it."""
    import polars as pl

    from mes_tui.core.metric_report import metric_report
    from mes_tui.core.queries import metric_series

    # Two successive comparable figures (same scope, no category): see core.comparison.
    measured = metric_series(frames.observations, "accounts_activated").filter(
        (pl.col("scope") == "national") & pl.col("category").is_null()
    )
    first, second = measured.row(0, named=True), measured.row(1, named=True)
    between = first["date"] + (second["date"] - first["date"]) / 2
    assert first["date"] < between < second["date"]
    goal = frames.observations.filter(pl.col("id") == first["id"]).with_columns(
        pl.lit("goal-between").alias("id"),
        pl.lit("target").alias("qualifier"),
        pl.lit(99e6).alias("value"),
        pl.lit(between).alias("date"),
        pl.lit(between).alias("period_start"),
        pl.lit(between).alias("period_end"),
    )
    with_goal = type(frames)(
        **{
            **vars(frames),
            "observations": pl.concat([frames.observations, goal], how="vertical_relaxed"),
        }
    )
    series = metric_series(with_goal.observations, "accounts_activated")
    after = series.filter(pl.col("id") == second["id"]).row(0, named=True)
    assert after["previous_id"] == first["id"]
    assert after["change"] == second["value"] - first["value"]
    report = {row["id"]: row for row in metric_report(with_goal, "accounts_activated")["series"]}
    assert report[second["id"]]["previous_id"] == first["id"]
    assert report["goal-between"]["previous_id"] is None


# ── Scopes: the national series never meets a région's or a département's ─────────────────


def _regional_and_national(frames):
    return _synthetic(
        frames,
        [
            _obs("nat-1", "accounts_activated", 10e6, date(2024, 1, 31), source="s1"),
            _obs("nat-2", "accounts_activated", 12e6, date(2024, 3, 31), source="s2"),
            _obs(
                "na-1",
                "accounts_activated",
                1e6,
                date(2024, 2, 15),
                source="s3",
                scope="region",
                scope_code="75",
                scope_detail="Nouvelle-Aquitaine",
                actor="cnam",
            ),
            _obs(
                "na-rate",
                "activation_rate_created",
                40,
                date(2024, 2, 15),
                source="s3",
                scope="region",
                scope_code="75",
                scope_detail="Nouvelle-Aquitaine",
                actor="cnam",
            ),
            _obs(
                "ara-1",
                "accounts_activated",
                2e6,
                date(2024, 2, 20),
                source="s4",
                scope="region",
                scope_code="84",
                scope_detail="Auvergne-Rhône-Alpes",
            ),
            _obs(
                "ara-2",
                "accounts_activated",
                2.2e6,
                date(2024, 4, 20),
                source="s4",
                scope="region",
                scope_code="84",
                scope_detail="Auvergne-Rhône-Alpes",
            ),
            _obs("nat-rate", "activation_rate_created", 15, date(2024, 2, 15), source="s5"),
        ],
    )


def test_changes_and_series_stay_within_one_place(frames) -> None:
    mixed = _regional_and_national(frames)
    changes = _by_from(derived_frame(mixed), "change_per_month")
    assert set(changes) == {("nat-1", "nat-2"), ("ara-1", "ara-2")}
    series = metric_series(mixed.observations, "accounts_activated")
    previous = dict(series.select("id", "previous_id").iter_rows())
    assert previous == {
        "nat-1": None,
        "na-1": None,
        "ara-1": None,
        "nat-2": "nat-1",
        "ara-2": "ara-1",
    }


def test_disagreements_and_implied_bases_stay_within_one_place(frames) -> None:
    mixed = _regional_and_national(frames)
    found = disagreements(mixed)
    for row in found.to_dicts():
        ids = {row["id_a"], row["id_b"], *row["related"]}
        assert not ({"nat-1", "nat-2", "nat-rate"} & ids and {"na-1", "na-rate", "ara-1"} & ids)
    # 1 M in Nouvelle-Aquitaine ÷ its own 40 % is its base; 10 M national ÷ 40 % is nothing.
    denominators = _by_from(derived_frame(mixed), "implied_denominator")
    assert ("nat-1", "na-rate") not in denominators and ("na-1", "nat-rate") not in denominators
    view = metric_view(mixed, "accounts_activated")
    # one line per actor and place (the test's rows all carry the CNAM's short name)
    assert {s.label for s in view.chart} == {
        "CNAM",
        "CNAM · Nouvelle-Aquitaine",
        "CNAM · Auvergne-Rhône-Alpes",
    }


def test_the_overview_is_national(frames) -> None:
    mixed = _regional_and_national(frames)
    accounts, rates = overview_panels(mixed.observations)
    assert sorted(v for s in accounts.series for v in s.values) == [10e6, 12e6]
    lines = {series_label(s.label, True, "en"): s.values for s in rates.series}
    assert lines["share of created accounts (%)"] == (15,)
