"""Periods in French words, placed in time from the publication date.

"le 13 février dernier", "fin octobre", "en 2024", "en décembre", "au cours des 12 derniers
mois", "en un an", "depuis son lancement", "entre le 22 et le 27 novembre", "d'ici 2027",
"aujourd'hui", "il y a trois semaines" (dateparser reads the relative phrases it knows).
Every expression is found in the folded text (same offsets as the original).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from mes_tui.core.numbers import read_number_words

__all__ = ["MONTHS", "Period", "PeriodPhrase", "find_periods", "shift_months"]

MONTHS = {
    "janvier": 1,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
}
_MONTH = "(?P<month>" + "|".join(MONTHS) + ")"
_DAY = r"(?P<day>\d{1,2}|1er)"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_WEEKDAY = r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) )?"
_UNITS = {
    "jour": "day",
    "jours": "day",
    "semaine": "week",
    "semaines": "week",
    "mois": "month",
    "an": "year",
    "ans": "year",
    "annee": "year",
    "annees": "year",
}
# The words a count of days, weeks, months or years is written in ("les douze derniers mois",
# "le dernier mois"); their values come from the one reader of French numbers.
_COUNT_WORDS = (
    *("un", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"),
    *("dix", "douze", "quinze", "dernier", "derniere"),
)
_COUNT = r"(?P<n>\d{1,2}|" + "|".join(_COUNT_WORDS) + ")"
_UNIT = r"(?P<unit>jours?|semaines?|mois|ans?|annees?)"


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    precision: str  # day, month, quarter, year
    target: bool = False  # a deadline ("d'ici 2027")


@dataclass(frozen=True)
class PeriodPhrase:
    """A period expression: where its words stand, what they say, and its kind."""

    start: int
    end: int
    words: str
    period: Period
    kind: str  # date, span (a flow over a stretch of time), since, deadline, now, pace, range


def shift_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _year_for(month: int, day: int, published: date, future: bool) -> int:
    """The year of a day named without one: the latest not after publication (or the next one
    after it, for words that look ahead)."""
    year = published.year
    candidate = date(year, month, min(day, calendar.monthrange(year, month)[1]))
    if future:
        return year if candidate >= published else year + 1
    return year if candidate <= published + timedelta(days=7) else year - 1


def _day(text: str) -> int:
    return 1 if text == "1er" else int(text)


_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "range",
        re.compile(
            rf"\b(?:entre le|du) (?P<d1>\d{{1,2}}|1er)(?: (?P<m1>{'|'.join(MONTHS)}))? "
            rf"(?:et le|au) {_DAY} {_MONTH}(?: {_YEAR})?"
        ),
    ),
    (
        "span",
        re.compile(
            rf"\b(?:au cours|lors|sur|pendant)(?: des| de la| de l'| du)? {_COUNT}? ?"
            rf"(?:derni(?:ers|eres|er|ere) )?{_UNIT}(?: derni(?:ers|eres|er|ere))?"
        ),
    ),
    ("span", re.compile(rf"\b(?:en|sur) (?:un|une|{_COUNT}) {_UNIT}\b")),
    ("span", re.compile(r"\b(?:en|sur) (?:seulement |tout juste |a peine )?(?P<n2>un|une) an\b")),
    ("since", re.compile(r"\bdepuis (?:son|le|leur|sa) (?:lancement|creation|ouverture|debut)")),
    (
        "since",
        re.compile(rf"\bdepuis (?:le )?(?:{_DAY} )?{_MONTH}(?: {_YEAR})?"),
    ),
    (
        "since",
        re.compile(rf"\bdepuis {_YEAR}"),
    ),
    ("deadline", re.compile(rf"\b(?:d'ici|avant|a l'horizon) (?:(?:la )?fin )?{_YEAR}\b")),
    (
        "date",
        re.compile(
            rf"\b(?:le |ce |du |au )?{_WEEKDAY}{_DAY} {_MONTH}(?: {_YEAR})?(?P<ago> dernier)?"
        ),
    ),
    (
        "month",
        re.compile(
            rf"\b(?P<edge>fin|debut|mi-|mi |courant|au mois de|en|a) ?{_MONTH}(?: {_YEAR})?"
        ),
    ),
    (
        "year",
        re.compile(
            rf"\b(?P<edge2>fin|debut|mi-|courant|en|au cours de l'annee|sur l'annee) ?{_YEAR}\b"
        ),
    ),
    (
        "now",
        re.compile(
            r"\b(?:aujourd'hui|a ce jour|actuellement|a l'heure actuelle|desormais|a present)\b"
        ),
    ),
    (
        "pace",
        re.compile(
            r"\bpar (?P<per>jour|semaine|mois|an)\b|\bchaque (?P<per2>jour|semaine|mois|annee)\b"
        ),
    ),
    ("ago", re.compile(rf"\bil y a {_COUNT} {_UNIT}")),
    (
        "last",
        re.compile(
            r"\b(?P<which>le mois dernier|l'an dernier|l'annee derniere|cette annee|ce mois-ci)"
        ),
    ),
]
_DEADLINE_WORDS = ("d'ici", "avant", "a l'horizon")


def find_periods(
    folded: str, published: date, reference: date | None = None, launch: date | None = None
) -> list[PeriodPhrase]:
    """Every period expression of ``folded`` (a text folded by ``fold_same_length``).

    ``reference`` is the day the figures are "as of" (the event the article reports, else the
    publication); ``launch`` is the day "depuis son lancement" starts from.
    """
    ref = reference or published
    found: list[PeriodPhrase] = []
    taken = [False] * len(folded)
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(folded):
            if any(taken[match.start() : match.end()]):
                continue
            period = _resolve(kind, match, published, ref, launch)
            if period is None:
                continue
            real_kind = kind
            if kind == "deadline" and not match.group(0).startswith(_DEADLINE_WORDS):
                real_kind = "year"
                period = Period(period.start, period.end, "year")
            found.append(
                PeriodPhrase(match.start(), match.end(), match.group(0), period, real_kind)
            )
            for i in range(match.start(), match.end()):
                taken[i] = True
    found.sort(key=lambda p: p.start)
    return found


def _count(match: re.Match[str]) -> int:
    for group in ("n", "n2"):
        try:
            text = match[group]
        except IndexError:
            continue
        if text:
            if text.isdigit():
                return int(text)
            return 1 if text.startswith("dernier") else int(read_number_words(text))
    return 1


def _back(ref: date, n: int, unit: str) -> date:
    if unit == "day":
        return ref - timedelta(days=n)
    if unit == "week":
        return ref - timedelta(weeks=n)
    if unit == "month":
        return shift_months(ref, -n)
    return shift_months(ref, -12 * n)


def _resolve(kind, match, published: date, ref: date, launch: date | None) -> Period | None:
    g = match.groupdict()
    if kind == "range":
        month = MONTHS[g["month"]]
        year = int(g["year"]) if g["year"] else _year_for(month, _day(g["day"]), published, False)
        first_month = MONTHS[g["m1"]] if g["m1"] else month
        first_year = year if first_month <= month else year - 1
        try:
            return Period(
                date(first_year, first_month, _day(g["d1"])),
                date(year, month, _day(g["day"])),
                "day",
            )
        except ValueError:
            return None
    if kind == "span":
        unit = _UNITS[g["unit"]]
        start = _back(ref, _count(match), unit)
        return Period(start, ref, "day" if unit in ("day", "week") else "month")
    if kind == "since":
        if g.get("month"):
            month = MONTHS[g["month"]]
            day = _day(g["day"]) if g.get("day") else 1
            year = int(g["year"]) if g.get("year") else _year_for(month, day, published, False)
            return Period(date(year, month, day), ref, "day" if g.get("day") else "month")
        if g.get("year"):
            return Period(date(int(g["year"]), 1, 1), ref, "month")
        if launch is None:
            return None
        return Period(launch, ref, "month")
    if kind == "deadline":
        year = int(g["year"])
        return Period(date(year, 1, 1), date(year, 12, 31), "year", target=year >= published.year)
    if kind == "date":
        month, day = MONTHS[g["month"]], _day(g["day"])
        year = int(g["year"]) if g["year"] else _year_for(month, day, published, False)
        try:
            day_date = date(year, month, day)
        except ValueError:
            return None
        return Period(day_date, day_date, "day")
    if kind == "month":
        month = MONTHS[g["month"]]
        year = int(g["year"]) if g["year"] else _year_for(month, 1, published, False)
        edge = (g["edge"] or "").strip()
        if edge == "fin":
            end = _last_day(year, month)
            return Period(end, end, "month")
        if edge == "debut":
            return Period(date(year, month, 1), date(year, month, 1), "month")
        return Period(date(year, month, 1), _last_day(year, month), "month")
    if kind == "year":
        year = int(g["year"])
        edge = (g["edge2"] or "").strip()
        if edge == "fin":
            return Period(date(year, 12, 31), date(year, 12, 31), "year")
        if edge == "debut":
            return Period(date(year, 1, 1), date(year, 1, 1), "year")
        return Period(date(year, 1, 1), date(year, 12, 31), "year")
    if kind in ("now", "pace"):
        return Period(ref, ref, "day")
    if kind == "ago":
        return _ago(match.group(0), ref)
    if kind == "last":
        which = g["which"]
        if which == "le mois dernier":
            month_start = shift_months(ref.replace(day=1), -1)
            return Period(month_start, _last_day(month_start.year, month_start.month), "month")
        if which in ("l'an dernier", "l'annee derniere"):
            return Period(date(ref.year - 1, 1, 1), date(ref.year - 1, 12, 31), "year")
        if which == "cette annee":
            return Period(date(ref.year, 1, 1), date(ref.year, 12, 31), "year")
        return Period(ref.replace(day=1), _last_day(ref.year, ref.month), "month")
    return None


def _ago(words: str, ref: date) -> Period | None:
    """ "il y a trois semaines": dateparser knows the French relative phrases."""
    from datetime import datetime

    import dateparser  # type: ignore[import-untyped]

    parsed = dateparser.parse(
        words,
        languages=["fr"],
        settings={"RELATIVE_BASE": datetime(ref.year, ref.month, ref.day)},
    )
    if parsed is None:
        return None
    day = parsed.date()
    return Period(day, day, "day" if "jour" in words or "semaine" in words else "month")
