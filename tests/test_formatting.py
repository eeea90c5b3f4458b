"""How figures, dates and periods read on screen and in exports."""

from __future__ import annotations

from datetime import date

import pytest

from mes_tui.core.formatting import (
    format_citation,
    format_date,
    format_number,
    format_period,
    format_source,
    format_value,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (65_700_000, "65.7 M"),
        (4_000_000, "4 M"),
        (10_800_000, "10.8 M"),
        (2_000_000_000, "2 bn"),
        (220_000, "220,000"),
        (1_450, "1,450"),
        (100, "100"),
        (0, "0"),
        (4.9, "4.9"),
        (0.7, "0.7"),
        (3.5, "3.5"),
        (33.333333, "33.33"),
    ],
)
def test_format_number(value: float, expected: str) -> None:
    assert format_number(value) == expected


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "expected"),
    [
        (65_700_000, "count", "exact", "65.7 M"),
        (220_000, "count", "exact", "220,000"),
        (300_000, "count", "about", "≈ 300,000"),
        (12, "percent", "exact", "12 %"),
        (0.7, "percent", "about", "≈ 0.7 %"),
        (700_000_000, "eur", "target", "goal 700 M €"),
        (2_000_000_000, "eur", "exact", "2 bn €"),
        (4, "ratio", "exact", "× 4"),
        (15, "month", "exact", "15 months"),
        (1, "month", "exact", "1 month"),
        (1_450, "count", "at_least", "≥ 1,450"),
        (100, "count", "at_most", "≤ 100"),
    ],
)
def test_format_value(value: float, unit: str, qualifier: str, expected: str) -> None:
    assert format_value(value, unit, qualifier) == expected


def test_format_value_defaults_to_exact() -> None:
    assert format_value(25, "percent") == "25 %"


@pytest.mark.parametrize(
    ("day", "precision", "expected"),
    [
        (date(2023, 2, 13), "day", "13 Feb 2023"),
        (date(2024, 2, 5), "day", "5 Feb 2024"),
        (date(2021, 9, 30), "month", "Sep 2021"),
        (date(2027, 6, 1), "year", "2027"),
        (date(2022, 10, 1), "quarter", "Q4 2022"),
        (date(2022, 1, 1), "quarter", "Q1 2022"),
        (date(2022, 6, 30), "quarter", "Q2 2022"),
    ],
)
def test_format_date(day: date, precision: str, expected: str) -> None:
    assert format_date(day, precision) == expected


def test_format_date_defaults_to_day_precision() -> None:
    assert format_date(date(2025, 2, 19)) == "19 Feb 2025"


@pytest.mark.parametrize(
    ("start", "end", "precision", "expected"),
    [
        (date(2023, 2, 13), date(2023, 2, 13), "day", "13 Feb 2023"),
        (date(2023, 11, 22), date(2023, 11, 27), "day", "22–27 Nov 2023"),
        (date(2023, 11, 22), date(2023, 12, 2), "day", "22 Nov 2023 – 2 Dec 2023"),
        (date(2023, 12, 1), date(2023, 12, 31), "month", "Dec 2023"),
        (date(2022, 12, 1), date(2023, 2, 28), "month", "Dec 2022 – Feb 2023"),
        (date(2021, 1, 1), date(2021, 10, 1), "month", "Jan 2021 – Oct 2021"),
        (date(2024, 1, 1), date(2024, 12, 31), "year", "2024"),
        (date(2022, 10, 1), date(2022, 12, 31), "quarter", "Q4 2022"),
    ],
)
def test_format_period(start: date, end: date, precision: str, expected: str) -> None:
    assert format_period(start, end, precision) == expected


# ── Sources and citations ────────────────────────────────────────────────────────────────


def test_a_titled_source_is_cited_by_its_title() -> None:
    cited = format_source(
        title="Mon espace santé : montée en puissance faible",
        description="APM News summary of the Cour des comptes report.",
        kind="press",
        outlet="APM News",
        published=date(2024, 6, 1),
        precision="month",
    )
    assert cited == "“Mon espace santé : montée en puissance faible”, APM News, Jun 2024"


def test_an_untitled_source_is_named_for_what_it_is_never_given_a_title() -> None:
    cited = format_source(
        title=None,
        description="Press article on a Senate hearing.",
        kind="press",
        outlet="APM News",
        url="https://www.apmnews.com/x",
        published=date(2025, 2, 1),
        precision="month",
    )
    assert cited == (
        "untitled article (Press article on a Senate hearing.), APM News, Feb 2025, "
        "https://www.apmnews.com/x"
    )
    assert "“" not in cited
    # no outlet when it is not known, no description when not asked for
    assert format_source(title=None, kind="press_release", describe=False) == (
        "untitled press release"
    )
    assert format_source(title=None, kind="other") == "untitled document"


def test_a_citation_says_who_then_where_without_a_description() -> None:
    source = {"title": None, "description": "Press article.", "kind": "press"}
    assert format_citation(
        speaker="Hela Ghariani", actor_short="DNS", actor_name="Délégation", **source
    ) == ("Hela Ghariani (DNS), in untitled article")
    assert format_citation(
        speaker=None, actor_short="DNS", actor_name="Délégation au numérique en santé", **source
    ).startswith("Délégation au numérique en santé, in untitled article")
