"""Comparability: a change only between comparable figures; flows of different lengths per month;
calendar ticks and where a figure about a period is drawn."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from mes_tui.core.calendar_axis import calendar_ticks, place
from mes_tui.core.comparison import comparable_changes
from mes_tui.core.metric_report import metric_report
from mes_tui.core.queries import metric_series
from mes_tui.present.formats import comparison


def _frame(rows: list[dict]) -> pl.DataFrame:
    base = {
        "metric": "m",
        "metric_kind": "stock",
        "scope": "national",
        "category": None,
        "qualifier": "exact",
    }
    return pl.DataFrame([{**base, **row} for row in rows]).with_columns(
        pl.col("period_start").cast(pl.Date), pl.col("period_end").cast(pl.Date)
    )


def _row(ident: str, value: float, start: date, end: date, **extra: object) -> dict:
    return {"id": ident, "value": value, "period_start": start, "period_end": end, **extra}


def _by_id(frame: pl.DataFrame) -> dict[str, dict]:
    return {row["id"]: row for row in frame.to_dicts()}


def test_the_documents_case_gives_per_month_values_and_no_negative_change(frames) -> None:
    """45 M in the first year, then 19 M in December 2023: per month 3.75 M and 19 M."""
    rows = _by_id(metric_series(frames.observations, "documents_sent"))
    december = rows["2023-12-documents-record-month"]
    assert december["comparison"] == "per_month"
    assert december["change"] is None and december["change_pct"] is None
    assert december["per_month"] == pytest.approx(19e6)
    assert december["previous_per_month"] is not None
    # No change anywhere in the series pairs flows of different lengths, nor goes negative
    # where the per-month level rose.
    for row in rows.values():
        if row["comparison"] == "change":
            previous = rows[row["previous_id"]]
            assert abs(row["months"] - previous["months"]) < 0.5
    first_year = rows["2023-02-documents-first-year"]
    assert first_year["months"] == pytest.approx(12)
    assert first_year["per_month"] == pytest.approx(3.75e6)
    report = metric_report(frames, "documents_sent")
    changes = {c["id"]: c for c in report["changes"]}
    assert changes["2023-12-documents-record-month"]["comparison"] == "per_month"
    assert changes["2023-12-documents-record-month"]["change"] is None


def test_flows_of_same_length_are_compared_directly() -> None:
    frame = _frame(
        [
            _row("y23", 231e6, date(2023, 1, 1), date(2023, 12, 31), metric_kind="flow"),
            _row("y24", 300e6, date(2024, 1, 1), date(2024, 12, 31), metric_kind="flow"),
            _row("dec", 19e6, date(2024, 12, 1), date(2024, 12, 31), metric_kind="flow"),
        ]
    )
    rows = _by_id(comparable_changes(frame))
    assert rows["y24"]["comparison"] == "change"
    assert rows["y24"]["change"] == pytest.approx(69e6)
    assert rows["y24"]["previous_id"] == "y23"
    assert rows["dec"]["comparison"] == "per_month"
    assert rows["dec"]["change"] is None
    assert rows["dec"]["previous_per_month"] == pytest.approx(25e6)
    assert comparison(rows["dec"], "en") == "per month 19 M vs 25 M"
    assert comparison(rows["dec"], "fr") == "par mois 19\u00a0M contre 25\u00a0M"


def test_stock_against_previous_stock_of_same_scope_and_category_goals_apart() -> None:
    frame = _frame(
        [
            _row("a", 10.0, date(2023, 1, 1), date(2023, 1, 31)),
            _row("local", 1.0, date(2023, 3, 1), date(2023, 3, 31), scope="local"),
            _row("cat", 2.0, date(2023, 4, 1), date(2023, 4, 30), category="x"),
            _row("goal", 50.0, date(2023, 5, 1), date(2023, 12, 31), qualifier="target"),
            _row("b", 12.0, date(2023, 6, 1), date(2023, 6, 30)),
            _row("goal2", 60.0, date(2024, 1, 1), date(2024, 12, 31), qualifier="target"),
        ]
    )
    rows = _by_id(comparable_changes(frame))
    assert rows["b"]["previous_id"] == "a"
    assert rows["b"]["change"] == pytest.approx(2.0)
    assert rows["b"]["change_pct"] == pytest.approx(20.0)
    assert rows["local"]["previous_id"] is None
    assert rows["cat"]["previous_id"] is None
    for goal in ("goal", "goal2"):
        assert rows[goal]["previous_id"] is None and rows[goal]["change"] is None
    assert rows["b"]["months"] is None  # a stock has no length


def test_year_ticks_for_long_spans_month_ticks_for_short_ones() -> None:
    ticks = calendar_ticks(date(2021, 8, 16), date(2025, 3, 2), most=6)
    assert [t.day for t in ticks] == [date(y, 1, 1) for y in (2022, 2023, 2024, 2025)]
    assert {t.unit for t in ticks} == {"year"}
    wide = calendar_ticks(date(2000, 1, 1), date(2025, 1, 1), most=6)
    assert len(wide) <= 6 and all(t.day.month == 1 and t.day.day == 1 for t in wide)
    assert [t.day.year for t in wide] == [2000, 2005, 2010, 2015, 2020, 2025]
    short = calendar_ticks(date(2023, 8, 16), date(2024, 2, 10), most=8)
    assert [t.day for t in short] == [
        date(2023, 9, 1),
        date(2023, 10, 1),
        date(2023, 11, 1),
        date(2023, 12, 1),
        date(2024, 1, 1),
        date(2024, 2, 1),
    ]
    assert [t.unit for t in short][4] == "year"  # January is labelled with its year
    quarterly = calendar_ticks(date(2023, 1, 5), date(2023, 12, 20), most=4)
    assert [t.day.month for t in quarterly] == [4, 7, 10]
    assert all(t.day.day == 1 for t in calendar_ticks(date(2023, 3, 9), date(2023, 3, 20)))


def test_a_period_is_drawn_over_it_or_at_its_end_never_at_an_invented_day() -> None:
    december = place(date(2023, 12, 1), date(2023, 12, 31), "month", covers_period=True)
    assert (december.start, december.end, december.spans) == (
        date(2023, 12, 1),
        date(2023, 12, 31),
        True,
    )
    stock = place(date(2023, 2, 1), date(2023, 2, 28), "month", covers_period=False)
    assert (stock.start, stock.end, stock.spans, stock.precision) == (
        date(2023, 2, 28),
        date(2023, 2, 28),
        False,
        "month",
    )
    day = place(date(2024, 2, 5), date(2024, 2, 5), "day", covers_period=True)
    assert not day.spans and day.end == date(2024, 2, 5)


def test_value_axis_starts_at_zero_for_counts_and_shares_with_round_ticks() -> None:
    from mes_tui.core.value_axis import value_axis

    shares = value_axis([12.0, 15.0], "percent")
    assert shares.low == 0 and shares.high >= 15
    assert shares.ticks == (0.0, 5.0, 10.0, 15.0)
    fitted = value_axis([12.0, 15.0], "percent", from_zero=False)
    assert fitted.low > 0 and fitted.low <= 12 and fitted.high >= 15
    assert all(round(t * 2) == t * 2 for t in fitted.ticks)  # 12, 12.5… never 7.9, 9.6
    accounts = value_axis([7.9, 24.0], "count")
    assert accounts.ticks[0] == 0 and accounts.ticks[-1] >= 24 and len(accounts.ticks) <= 6
    ratio = value_axis([4.0], "ratio")
    assert ratio.low < 4 < ratio.high
