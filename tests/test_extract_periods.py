"""Periods in French words, placed in time from the publication date (no model needed)."""

from __future__ import annotations

from datetime import date

import pytest

from mes_tui.core.numbers import fold_same_length
from mes_tui.extract.periods import find_periods

LAUNCH = date(2022, 1, 1)


def periods(text: str, published: date, reference: date | None = None):
    return [
        (p.kind, p.period.start, p.period.end, p.period.precision)
        for p in find_periods(fold_same_length(text), published, reference, LAUNCH)
    ]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "le 13 février dernier",
            date(2023, 2, 20),
            ("date", date(2023, 2, 13), date(2023, 2, 13), "day"),
        ),
        # a day named without its year is the latest one before publication
        (
            "le 13 décembre",
            date(2023, 2, 20),
            ("date", date(2022, 12, 13), date(2022, 12, 13), "day"),
        ),
        (
            "fin octobre",
            date(2024, 11, 5),
            ("month", date(2024, 10, 31), date(2024, 10, 31), "month"),
        ),
        (
            "en décembre",
            date(2024, 2, 5),
            ("month", date(2023, 12, 1), date(2023, 12, 31), "month"),
        ),
        (
            "en janvier 2024",
            date(2024, 6, 1),
            ("month", date(2024, 1, 1), date(2024, 1, 31), "month"),
        ),
        ("en 2024", date(2025, 3, 1), ("year", date(2024, 1, 1), date(2024, 12, 31), "year")),
        (
            "au cours des 12 derniers mois",
            date(2024, 6, 15),
            ("span", date(2023, 6, 15), date(2024, 6, 15), "month"),
        ),
        ("en un an", date(2023, 2, 13), ("span", date(2022, 2, 13), date(2023, 2, 13), "month")),
        ("depuis son lancement", date(2024, 6, 1), ("since", LAUNCH, date(2024, 6, 1), "month")),
        (
            "entre le 22 et le 27 novembre",
            date(2024, 2, 5),
            ("range", date(2023, 11, 22), date(2023, 11, 27), "day"),
        ),
        (
            "d’ici 2027",
            date(2024, 6, 1),
            ("deadline", date(2027, 1, 1), date(2027, 12, 31), "year"),
        ),
        ("aujourd’hui", date(2025, 2, 20), ("now", date(2025, 2, 20), date(2025, 2, 20), "day")),
        (
            "il y a trois semaines",
            date(2024, 6, 1),
            ("ago", date(2024, 5, 11), date(2024, 5, 11), "day"),
        ),
    ],
)
def test_reads_the_period(text: str, published: date, expected: tuple) -> None:
    assert periods(text, published) == [expected]


def test_relative_words_count_from_the_reference_day_not_the_publication() -> None:
    found = periods("au cours des 2 derniers mois", date(2023, 2, 28), reference=date(2023, 2, 13))
    assert found == [("span", date(2022, 12, 13), date(2023, 2, 13), "month")]


def test_a_deadline_is_a_target() -> None:
    [phrase] = find_periods(fold_same_length("d'ici 2027"), date(2024, 6, 1))
    assert phrase.period.target
