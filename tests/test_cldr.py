"""The CLDR pieces kept in mes_tui.present.cldr are exactly what Babel says, and the formats
built on them write numbers and dates as Babel's own functions do."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from babel.core import Locale
from babel.dates import format_date as babel_date
from babel.dates import format_skeleton
from babel.numbers import format_decimal

from mes_tui.present.cldr import CLDR
from mes_tui.present.formats import _decimal, format_date


@pytest.mark.parametrize("lang", sorted(CLDR))
def test_the_table_is_what_babel_says(lang: str) -> None:
    kept = CLDR[lang]
    locale = Locale.parse(kept["locale"])
    fresh = {
        "locale": kept["locale"],
        "decimal": locale.number_symbols["latn"]["decimal"],
        "group": locale.number_symbols["latn"]["group"],
        "months": tuple(locale.months["format"]["abbreviated"][i] for i in range(1, 13)),
        "quarters": tuple(locale.quarters["format"]["abbreviated"][i] for i in range(1, 5)),
    }
    assert kept == fresh, f"paste into mes_tui/present/cldr.py: {fresh!r}"
    assert str(locale.datetime_skeletons["yMMM"]) == "MMM y"  # the pattern format_date uses


@pytest.mark.parametrize("lang", sorted(CLDR))
def test_numbers_read_as_babel_writes_them(lang: str) -> None:
    locale = Locale.parse(CLDR[lang]["locale"])
    rng = random.Random(13)
    values = [0, 1, 12, 999, 1000, 1450, 65_700_000, 2_032, 7_900_000, -4_500, 0.5, 3.5, 12.25]
    values += [round(rng.uniform(-1e7, 1e7), rng.choice([0, 1, 2])) for _ in range(300)]
    for value in values:
        for decimals in (0, 1, 2):
            pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
            expected = format_decimal(value, format=pattern, locale=locale).replace("-", "−")
            assert _decimal(value, lang, decimals) == expected, (value, decimals)


@pytest.mark.parametrize("lang", sorted(CLDR))
def test_dates_read_as_babel_writes_them(lang: str) -> None:
    locale = Locale.parse(CLDR[lang]["locale"])
    day = date(2021, 1, 1)
    while day < date(2027, 1, 1):
        assert format_date(day, "day", lang) == babel_date(day, "d MMM y", locale=locale)
        assert format_date(day, "month", lang) == format_skeleton("yMMM", day, locale=locale)
        assert format_date(day, "quarter", lang) == babel_date(day, "QQQ y", locale=locale)
        day += timedelta(days=17)
