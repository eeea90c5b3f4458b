"""How figures, dates and periods read on screen and in exports, in English and in French:
one function per rule (``mes_tui.present.formats``)."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from mes_tui.present.citation import citation, source_words
from mes_tui.present.formats import (
    change,
    format_date,
    md_cell,
    number,
    one_line,
    period,
    period_width,
    value,
)
from tests.tiers import examples


def format_number(amount: float) -> str:
    return number(amount, "en")


def format_value(amount: float, unit: str, qualifier: str = "exact") -> str:
    return value(amount, unit, qualifier, "en")


def format_period(start: date, end: date, precision: str = "day") -> str:
    return period(start, end, precision, "en")


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
    assert format_date(day, precision, "en") == expected


def test_format_date_defaults_to_day_precision() -> None:
    assert format_date(date(2025, 2, 19), lang="en") == "19 Feb 2025"


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


# ── French ───────────────────────────────────────────────────────────────────────────────
NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(
    ("amount", "unit", "qualifier", "expected"),
    [
        (65_700_000, "count", "exact", f"65,7{NBSP}M"),
        (1_450, "count", "exact", f"1{NNBSP}450"),
        (3.5, "percent", "exact", f"3,5{NNBSP}%"),
        (300_000, "count", "about", f"≈ 300{NNBSP}000"),
    ],
)
def test_french_values(amount: float, unit: str, qualifier: str, expected: str) -> None:
    assert value(amount, unit, qualifier, "fr") == expected


@pytest.mark.parametrize(
    ("start", "end", "precision", "fr", "en"),
    [
        (date(2025, 2, 19), date(2025, 2, 19), "day", "19 févr. 2025", "19 Feb 2025"),
        (date(2024, 7, 1), date(2024, 9, 30), "quarter", "T3 2024", "Q3 2024"),
        (date(2022, 2, 1), date(2023, 2, 28), "month", "févr. 2022 – févr. 2023", None),
        (date(2023, 11, 22), date(2023, 11, 27), "day", "22–27 nov. 2023", None),
    ],
)
def test_periods_in_both_languages(start, end, precision, fr, en) -> None:
    assert period(start, end, precision, "fr") == fr
    if en:
        assert period(start, end, precision, "en") == en


def test_one_precision_for_a_change() -> None:
    """The explorer said +36.7 % and the metric report +37 % for the same change."""
    assert change(2.9e6, 36.70886, "count", "en") == "+2.9 M (+36.7 %)"
    assert change(2.9e6, 36.70886, "count", "fr") == f"+2,9{NBSP}M (+36,7{NNBSP}%)"
    assert change(-3, None, "percent", "en") == "−3 pts"


def test_a_change_of_one_point_is_singular() -> None:
    """The metric table read "−1 pts"."""
    assert change(-1, None, "percent", "en") == "−1 pt"
    assert change(1, None, "percent", "fr") == f"+1{NBSP}pt"
    assert change(6, None, "percent", "fr") == f"+6{NBSP}pts"


def test_one_line_and_markdown_cells_escape_controls() -> None:
    assert one_line("a\x1b[2J\n b") == "a\\x1b[2J b"
    assert md_cell("x|y*\x07") == "x\\|y\\*\\\\x07"


# ── Sources and citations ────────────────────────────────────────────────────────────────


def test_a_titled_source_is_cited_by_its_title() -> None:
    cited = source_words(
        "Mon espace santé : montée en puissance faible",
        "APM News",
        date(2024, 6, 1),
        "month",
        "en",
        description="APM News summary of the Cour des comptes report.",
        kind="press",
        bare=True,
        describe=True,
    )
    assert cited == "“Mon espace santé : montée en puissance faible”, APM News, Jun 2024"


def test_an_untitled_source_is_named_for_what_it_is_never_given_a_title() -> None:
    cited = source_words(
        None,
        "APM News",
        date(2025, 2, 1),
        "month",
        "en",
        description="Press article on a Senate hearing.",
        kind="press",
        url="https://www.apmnews.com/x",
        bare=True,
        describe=True,
    )
    assert cited == (
        "untitled press article (Press article on a Senate hearing.), APM News, Feb 2025, "
        "https://www.apmnews.com/x"
    )
    assert "“" not in cited
    # no description when not asked for; a document when its kind is not known
    assert source_words(None, None, None, None, "en", kind="press_release", bare=True) == (
        "untitled press release"
    )
    assert source_words(None, None, None, None, "en", bare=True) == "untitled document"
    assert source_words(None, None, None, None, "fr", kind="press", bare=True) == (
        "article de presse sans titre"
    )


def test_a_citation_says_who_then_where_without_a_description() -> None:
    source = {
        "source_title": None,
        "source_description": "Press article.",
        "source_kind": "press",
    }
    assert citation(
        {"speaker": "Hela Ghariani", "actor_short": "DNS", "actor_name": "Délégation", **source},
        "en",
    ) == ("Hela Ghariani (DNS), in untitled press article")
    assert citation(
        {"speaker": None, "actor_short": "DNS", "actor_name": "Délégation au numérique en santé"}
        | source,
        "en",
    ).startswith("Délégation au numérique en santé, in untitled press article")


@settings(max_examples=examples(300), deadline=None)
@given(
    start=st.dates(date(2000, 1, 1), date(2040, 12, 31)),
    days=st.integers(0, 900),
    precision=st.sampled_from(["day", "month", "quarter", "year"]),
    lang=st.sampled_from(["en", "fr"]),
)
def test_period_width_is_the_width_of_the_period_as_written(
    start: date, days: int, precision: str, lang: str
) -> None:
    end = start + timedelta(days=days)
    frame = pl.DataFrame({"s": [start], "e": [end], "p": [precision]})
    width = frame.select(period_width(pl.col("s"), pl.col("e"), pl.col("p"), lang)).item()
    assert width == cell_len(period(start, end, precision, lang))
