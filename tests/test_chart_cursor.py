"""The chart's cursor: every figure drawn, in date order across series and panels; ← → step
through them and stop at both ends; what the cursor reads off, in both languages."""

from __future__ import annotations

from datetime import date

from mes_tui.core.chart_cursor import chart_points, step
from mes_tui.core.queries import ChartPanel, ChartSeries
from mes_tui.present.chart import legend_text, readout

A = ChartSeries("CNAM", (date(2023, 1, 31), date(2024, 1, 31)), (10.0, 12.0), ids=("a1", "a2"))
B = ChartSeries("DNS", (date(2023, 6, 30),), (11.0,), ids=("b1",))
RATES = ChartSeries("activation_rate_created", (date(2023, 3, 31),), (15.0,), ids=("r1",))
PANELS = (ChartPanel("m", "count", (A, B)), ChartPanel("rates", "percent", (RATES,)))


def test_points_are_in_date_order_across_series_and_panels() -> None:
    points = chart_points(PANELS)
    assert [p.id for p in points] == ["a1", "r1", "b1", "a2"]
    assert [(p.panel, p.series) for p in points] == [(0, 0), (1, 0), (0, 1), (0, 0)]
    assert points[1].value == 15.0 and points[1].day == date(2023, 3, 31)


def test_a_figure_without_an_id_is_not_a_cursor_stop() -> None:
    anonymous = ChartSeries("x", (date(2023, 1, 1),), (1.0,))
    assert chart_points((ChartPanel("m", "count", (anonymous, B)),))[0].id == "b1"


def test_step_starts_at_an_end_and_stops_at_both_ends() -> None:
    points = chart_points(PANELS)
    assert step(points, None, 1) == 0  # → from outside: the first figure
    assert step(points, None, -1) == 3  # ← from outside: the latest
    assert step(points, 0, -1) == 0 and step(points, 3, 1) == 3
    assert step(points, 1, 1) == 2
    assert step((), None, 1) is None


def test_readout_says_who_what_and_when_in_the_readers_language() -> None:
    row = {
        "id": "a2",
        "value": 12_400_000.0,
        "unit": "count",
        "qualifier": "about",
        "period_start": date(2024, 1, 1),
        "period_end": date(2024, 1, 31),
        "period_precision": "month",
    }
    assert readout("●", A, row, "en") == "● CNAM: ≈ 12.4 M, Jan 2024 [a2]"
    assert readout("●", A, row, "fr") == "● CNAM\u00a0: ≈ 12,4\u00a0M, janv. 2024 [a2]"
    # The overview's rate series are named by what they measure, not by their metric id.
    assert "share of created accounts" in readout("■", RATES, {**row, "unit": "percent"}, "en")


def test_a_hidden_series_is_said_hidden_in_the_legend() -> None:
    entries = [("●", A), ("■", B)]
    assert legend_text(entries, 80, "fr", hidden=frozenset({1})) == "● CNAM   ■ DNS (masquée)"
    assert "(hidden)" not in legend_text(entries, 80, "en")
