"""One function per rule: how a number, a value with its unit and qualifier, a change, a date at
its precision, a period, a one-line text and a Markdown cell read, in French or in English.

Numbers and dates follow the language's CLDR data as Babel gives it ("1 450", "65,7 M",
"19 févr. 2025", "T3 2024" in French; "1,450", "65.7 M", "19 Feb 2025", "Q3 2024" in English),
kept in ``cldr`` so that no start pays for loading Babel's locale data (tests/test_cldr.py
checks both against Babel itself).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

import polars as pl

from mes_tui.core.text import visible
from mes_tui.present.cldr import CLDR
from mes_tui.present.language import current_language, gettext, ngettext

__all__ = [
    "MINUS",
    "NARROW_NBSP",
    "NBSP",
    "change",
    "colon",
    "comparison",
    "format_date",
    "md_cell",
    "month_name",
    "number",
    "one_line",
    "period",
    "period_width",
    "qualifier_sign",
    "quote_marks",
    "quoted",
    "typeset_fr",
    "unit_suffix",
    "value",
]

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"
MINUS = "−"


def _lang(lang: str | None) -> str:
    return lang or current_language()


def _space(lang: str, narrow: bool = False) -> str:
    """The space between a number and its unit: no-break in French (narrow before "%"), a
    plain one in English."""
    if lang != "fr":
        return " "
    return NARROW_NBSP if narrow else NBSP


def _decimal(number: float, lang: str, decimals: int) -> str:
    """``number`` rounded to at most ``decimals`` decimals (trailing zeros dropped), thousands
    grouped, with the language's CLDR symbols (``cldr.CLDR``, as Babel gives them)."""
    symbols = CLDR["fr" if lang == "fr" else "en"]
    # Rounded as Babel rounds: the decimal written, half to even (3 040 194,55 → 3 040 194,6).
    exact = Decimal(str(abs(number))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_EVEN)
    text = f"{exact:,.{decimals}f}"
    if decimals and "." in text:
        text = text.rstrip("0").rstrip(".")
    whole, _dot, fraction = text.partition(".")
    text = whole.replace(",", symbols["group"]) + (
        symbols["decimal"] + fraction if fraction else ""
    )
    return (MINUS if number < 0 and text.strip("0,.\u202f") else "") + text


def _significant(number: float, digits: int) -> float:
    if number == 0:
        return 0.0
    return float(f"{number:.{digits}g}")


def number(
    amount: float, lang: str | None = None, *, exact: bool = False, significant: int | None = None
) -> str:
    """A number as a reader expects it.

    Compact (the default): millions and billions shortened with three significant figures
    ("65,7 M", "2 Md" / "65.7 M", "2 bn"), smaller numbers in full with their thousands
    grouped ("1 450" / "1,450"), at most two decimals. ``exact``: in full, never shortened
    ("7 900 000"). ``significant``: a computed result, rounded to that many figures below a
    million too ("310 000", "12,1").
    """
    lang = _lang(lang)
    magnitude = abs(amount)
    if not exact and magnitude >= 1e9:
        billions = gettext("bn", lang)  # "Md" in French
        return f"{_decimal(_significant(amount / 1e9, 3), lang, 2)}{_space(lang)}{billions}"
    if not exact and magnitude >= 1e6:
        return f"{_decimal(_significant(amount / 1e6, 3), lang, 2)}{_space(lang)}M"
    if significant and not exact and magnitude:
        amount = _significant(amount, significant)
    if amount == int(amount):
        return _decimal(int(amount), lang, 0)
    return _decimal(amount, lang, 2)


def qualifier_sign(qualifier: str | None, lang: str | None = None) -> str:
    """What stands before a value: "≈ ", "≥ ", "≤ ", "goal " / "objectif ", or nothing."""
    if qualifier == "target":
        return gettext("goal", _lang(lang)) + " "
    return {"about": "≈ ", "at_least": "≥ ", "at_most": "≤ "}.get(qualifier or "", "")


def unit_suffix(unit: str, lang: str | None = None) -> str:
    """The short unit after a number on an axis or a column ("%", "€", "/month")."""
    lang = _lang(lang)
    return {
        "percent": "%",
        "eur": "€",
        "ratio": "×",
        "month": gettext("months", lang),
        "count_per_month": gettext("/month", lang),
    }.get(unit, "")


def value(
    amount: float,
    unit: str,
    qualifier: str | None = "exact",
    lang: str | None = None,
    *,
    exact: bool = False,
    significant: int | None = None,
) -> str:
    """A value with its unit and qualifier: "≈ 300 000", "12 %", "objectif 700 M €", "× 4"."""
    lang = _lang(lang)
    figure = number(amount, lang, exact=exact, significant=significant)
    if unit == "percent":
        text = f"{figure}{_space(lang, narrow=True)}%"
    elif unit == "eur":
        text = f"{figure}{_space(lang)}€"
    elif unit == "ratio":
        text = f"×{_space(lang)}{figure}"
    elif unit == "month":
        count = int(amount) if amount == int(amount) else 2
        text = ngettext("{n} month", "{n} months", count, lang).format(n=figure)
    elif unit == "count_per_month":
        text = gettext("{n}/month", lang).format(n=figure)
    else:
        text = figure
    return qualifier_sign(qualifier, lang) + text


def change(
    difference: float | None, percent: float | None, unit: str, lang: str | None = None
) -> str:
    """The change from the previous value: "+3,2 M (+36,7 %)"; a share changes in points
    ("+6 pts"). One precision everywhere: the relative change has one decimal."""
    if difference is None:
        return ""
    lang = _lang(lang)
    sign = "+" if difference >= 0 else MINUS
    if unit == "percent":
        points = ngettext("{n} pt", "{n} pts", 1 if abs(difference) == 1 else 2, lang)
        return sign + points.format(n=number(abs(difference), lang))
    text = sign + value(abs(difference), unit, "exact", lang)
    if percent is not None:
        pct_sign = "+" if percent >= 0 else MINUS
        space = _space(lang, narrow=True)
        text += f" ({pct_sign}{_decimal(round(abs(percent), 1), lang, 1)}{space}%)"
    return text


def comparison(row: Mapping[str, Any], lang: str | None = None) -> str:
    """A figure against the previous comparable one (see ``core.comparison``): a change
    ("+3,2 M (+36,7 %)", "+6 pts"), or, for flows over periods of different lengths, both per
    month ("per month 19 M vs 3.75 M": no change is computed). Empty when there is none."""
    if row.get("comparison") == "per_month":
        now, before = row.get("per_month"), row.get("previous_per_month")
        if now is None or before is None:
            return ""
        return gettext("per month {now} vs {before}", lang).format(
            now=value(now, row.get("unit") or "count", None, lang, significant=3),
            before=value(before, row.get("unit") or "count", None, lang, significant=3),
        )
    return change(row.get("change"), row.get("change_pct"), row.get("unit") or "count", lang)


def month_name(month: int, lang: str | None = None) -> str:
    """A month's abbreviated name: "févr." / "Feb" (CLDR's "MMM")."""
    return CLDR["fr" if _lang(lang) == "fr" else "en"]["months"][month - 1]


def format_date(day: date, precision: str | None = "day", lang: str | None = None) -> str:
    """A date said only as precisely as it is known: "13 févr. 2023" / "13 Feb 2023",
    "sept. 2021" / "Sep 2021", "T3 2024" / "Q3 2024", "2027" (CLDR's abbreviated months and
    quarters; the patterns "d MMM y", "MMM y" and "QQQ y")."""
    names = CLDR["fr" if _lang(lang) == "fr" else "en"]
    if precision == "year":
        return str(day.year)
    if precision == "quarter":
        return f"{names['quarters'][(day.month - 1) // 3]} {day.year}"
    month = month_name(day.month, lang)
    if precision == "month":
        return f"{month} {day.year}"
    return f"{day.day} {month} {day.year}"


def period(start: date, end: date, precision: str | None = "day", lang: str | None = None) -> str:
    """ "13 Feb 2023", "22–27 Nov 2023", "Dec 2023", "Dec 2022 – Feb 2023" (and in French)."""
    lang = _lang(lang)
    first, last = format_date(start, precision, lang), format_date(end, precision, lang)
    if first == last:
        return first
    if precision in ("day", None) and (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{last}"
    return f"{first} – {last}"


def period_width(
    start: pl.Expr, end: pl.Expr, precision: pl.Expr, lang: str | None = None
) -> pl.Expr:
    """The width in cells of ``period(start, end, precision)``, as a polars expression: the
    timeline sizes its date column to the longest period of a dataset without formatting a
    million of them (tests/test_formats.py checks it against ``period`` itself)."""
    names = CLDR["fr" if _lang(lang) == "fr" else "en"]
    lengths = {index + 1: len(name) for index, name in enumerate(names["months"])}

    def month(day: pl.Expr) -> pl.Expr:
        return day.dt.month().replace_strict(lengths, return_dtype=pl.Int32)

    def digits(day: pl.Expr) -> pl.Expr:
        return pl.when(day.dt.day() >= 10).then(2).otherwise(1)

    def one(day: pl.Expr) -> pl.Expr:  # format_date's width, by precision
        return (
            pl.when(precision == "year")
            .then(4)
            .when(precision == "quarter")
            .then(len(names["quarters"][0]) + 5)
            .when(precision == "month")
            .then(month(day) + 5)
            .otherwise(digits(day) + 1 + month(day) + 5)
        )

    same_year = start.dt.year() == end.dt.year()
    same_month = same_year & (start.dt.month() == end.dt.month())
    said_once = (
        pl.when(precision == "year")
        .then(same_year)
        .when(precision == "quarter")
        .then(same_year & (start.dt.quarter() == end.dt.quarter()))
        .when(precision == "month")
        .then(same_month)
        .otherwise(start == end)
    )
    return (
        pl.when(said_once)
        .then(one(end))
        .when(same_month & ~precision.is_in(["year", "quarter", "month"]))
        .then(digits(start) + 1 + one(end))  # "22–27 Nov 2023"
        .otherwise(one(start) + 3 + one(end))
    )


def colon(lang: str | None = None) -> str:
    """ ": " after a label: a no-break space before the colon in French ("Note : …")."""
    return f"{NBSP}: " if _lang(lang) == "fr" else ": "


def one_line(text: object) -> str:
    """Untrusted text on one line: control characters as escapes, white space squashed."""
    return " ".join(visible("" if text is None else str(text)).split())


def quoted(text: object, lang: str | None = None) -> str:
    """Words quoted on one line: « … » in French, “…” in English."""
    opening, closing = quote_marks(text, lang)
    return f"{opening}{one_line(text)}{closing}"


def quote_marks(text: object, lang: str | None = None) -> tuple[str, str]:
    """The marks around a quote: « » in French, unless the quote holds its own « » (then
    “ ” around them, as a French typesetter nests quotes); “ ” in English."""
    if _lang(lang) == "fr" and "«" not in str(text or ""):
        return f"«{NBSP}", f"{NBSP}»"
    return "“", "”"


_BEFORE_NBSP = re.compile(r" (?=[:»])|(?<=«) ")
_BEFORE_NARROW = re.compile(r" (?=[;?!%])")


def typeset_fr(text: str) -> str:
    """French prose of the data set as a French typesetter would: no-break spaces before
    « : » and inside « guillemets », narrow ones before « ; ? ! % », so that "25 %" never
    breaks at the end of a line. Only spaces change (never used on quotes, which are verbatim)."""
    return _BEFORE_NARROW.sub(NARROW_NBSP, _BEFORE_NBSP.sub(NBSP, text))


_MD_SPECIAL = set("\\`*_[]<>|#")


def md_cell(text: object) -> str:
    """Untrusted text in Markdown (a table cell, a list item): one line, control characters as
    escapes, every character Markdown would read escaped."""
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in one_line(text))
