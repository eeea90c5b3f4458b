"""The one reader of French figures: "65,7 millions", "3.391.505", "deux millions", "un quart"…

Validation reads each observation's ``value_text`` back into a number (``parse_value_text``) to
prove the stored value is the one the source gives; extraction finds every figure a new article
states (``find_numbers``) and reads each with the same ``parse_value_text``. Values come in base
units: 65,7 millions -> 65 700 000; percents stay 0–100. Pure Python, no heavy import.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from mes_tui.core.text import SPACE_CHARS, fold, squash_spaces

__all__ = [
    "FoundNumber",
    "NumberFormatError",
    "find_numbers",
    "fold_same_length",
    "parse_value_text",
    "read_number_words",
]


class NumberFormatError(ValueError):
    """The words do not read as one French figure."""


_UNITS = {
    "zero": 0,
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
    "vingt": 20,
    "vingts": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
}
_HUNDRED = {"cent", "cents"}
_ORDINALS = {
    "premier": 1,
    "premiere": 1,
    "deuxieme": 2,
    "second": 2,
    "seconde": 2,
    "troisieme": 3,
    "quatrieme": 4,
    "cinquieme": 5,
    "sixieme": 6,
    "septieme": 7,
    "huitieme": 8,
    "neuvieme": 9,
    "dixieme": 10,
}
# Approximate collective nouns: "une centaine" is about a hundred.
_COLLECTIVES = {
    "dizaine": 10,
    "douzaine": 12,
    "vingtaine": 20,
    "trentaine": 30,
    "quarantaine": 40,
    "cinquantaine": 50,
    "centaine": 100,
    "millier": 1000,
}
# Fractions read as percents.
_FRACTIONS = {"quart": 25.0, "quarts": 25.0, "tiers": 100 / 3, "moitie": 50.0}
_MULTIPLIERS = {
    "mille": 1e3,
    "millier": 1e3,
    "milliers": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "milliard": 1e9,
    "milliards": 1e9,
    # Abbreviations of the press: "11M de Français", "2 Md€".
    "m": 1e6,
    "md": 1e9,
    "mds": 1e9,
    "mrd": 1e9,
    "mrds": 1e9,
}
_MULT = r"mille|millions?|milliards?|mds?|mrds?|m"
_WORD = "|".join(sorted([*list(_UNITS), "cents", "cent", "mille"], key=len, reverse=True))
# A number in words, hyphens or spaces between its parts: "vingt-deux", "quatre-vingt-dix",
# "deux cent cinquante", "soixante et onze" (mille is a part too: "deux mille").
_WORDS_NUMBER = rf"(?:(?:{_WORD})(?:[- ](?:et[- ])?(?:{_WORD}))*)"

# 220 000 · 1 450 · 3.391.505 · 65,7 · 10, 8 millions (a stray space after the comma occurs in
# print, read only before a scale word) · 14.5M (a decimal point, read only before a scale word,
# where it cannot group thousands) · 2032
_DIGITS = (
    r"(?P<int>\d{1,3}(?: \d{3})+|\d{1,3}(?:\.\d{3})+|\d+)"
    rf"(?:,(?P<dec>\d+)|(?<!\d\d\d\d), (?P<dec2>\d)(?= (?:{_MULT})\b)"
    rf"|\.(?P<dec3>\d{{1,2}})(?= ?(?:{_MULT})(?![a-z])))?"
)
_NUMERIC = re.compile(
    rf"^{_DIGITS}(?: ?(?P<mult>{_MULT})(?![a-z]))?(?: ?(?P<pct>%|pour ?cent))?"
    r"(?: (?P<fois>fois|mois|ans))?$"
)
_WORD_NUMBER = re.compile(
    rf"^(?P<words>{_WORDS_NUMBER})(?: (?P<mult>millions?|milliards?))?(?: ?(?P<pct>%|pour ?cent))?"
    r"(?: (?P<fois>fois|mois|ans))?$"
)
_COLLECTIVE = re.compile(r"^(?:une?|des|la) (?P<noun>[a-z]+)$")
_FRACTION = re.compile(r"^(?:(?P<count>[a-z]+|\d+) )?(?P<frac>quarts?|tiers|moitie)$")
# "un Français sur deux", "Un document de santé sur deux", "une personne sur 4", "trois sur cinq"
_K_IN_N = re.compile(r"^(?P<k>[a-z]+|\d+) (?:[^ ]+ ){0,6}?sur (?P<n>[a-z]+|\d+)$")


def read_number_words(words: str) -> float:
    """The number French words spell: "vingt-deux" 22, "quatre-vingt-dix" 90, "deux mille" 2000.

    ``words`` is folded (lower case, no accents). Raises NumberFormatError otherwise.
    """
    parts = [p for p in re.split(r"[- ]+", words) if p and p != "et"]
    if not parts:
        raise NumberFormatError(f"{words!r} spells no number")
    total, current = 0, 0
    for part in parts:
        if part in _UNITS:
            value, tens = _UNITS[part], current % 100
            if value == 20 and tens == 4:
                current += 76  # quatre-vingt(s): four twenties
            elif tens == 0 or (tens in (10, 20, 30, 40, 50, 70, 90) and value < 10):
                current += value  # vingt-deux
            elif tens in (60, 80) and value < 20:
                current += value  # soixante-dix, quatre-vingt-onze
            else:
                raise NumberFormatError(f"{words!r} is not one number")
        elif part in _HUNDRED:
            current = (current or 1) * 100
        elif part == "mille":
            total += (current or 1) * 1000
            current = 0
        else:
            raise NumberFormatError(f"{part!r} is not a number word")
    return float(total + current)


def _small_number(token: str) -> float:
    if token.isdigit():
        return float(token)
    return read_number_words(token)


def parse_value_text(text: str) -> float:
    """Return the figure ``text`` states, in base units (percents as 0–100).

    Raises NumberFormatError when the words are not one figure.
    """
    words = fold(squash_spaces(text)).strip().rstrip(".")
    if match := _NUMERIC.match(words):
        separator = " " if " " in match["int"] else "."
        number = float(match["int"].replace(separator, ""))
        if decimals := match["dec"] or match["dec2"] or match["dec3"]:
            number += float(f"0.{decimals}")
        return _scale(number, match["mult"])
    if match := _K_IN_N.match(words):
        try:
            parts = _small_number(match["n"])
            count = 1.0 if match["k"] in ("un", "une") else _small_number(match["k"])
        except NumberFormatError:
            raise NumberFormatError(f"cannot read a figure in {text!r}") from None
        if parts == 0:
            raise NumberFormatError(f"{text!r} divides by zero")
        return 100.0 * count / parts
    if match := _FRACTION.match(words):
        how_many = match["count"]
        factor = 1.0 if how_many in (None, "un", "une", "la", "le") else _small_number(how_many)
        return factor * _FRACTIONS[match["frac"]]
    if (match := _COLLECTIVE.match(words)) and match["noun"] in _COLLECTIVES:
        return float(_COLLECTIVES[match["noun"]])
    if words in _ORDINALS:
        return float(_ORDINALS[words])
    if match := _WORD_NUMBER.match(words):
        return _scale(read_number_words(match["words"]), match["mult"])
    raise NumberFormatError(f"cannot read a figure in {text!r}")


def _scale(number: float, multiplier: str | None) -> float:
    if multiplier:
        number *= _MULTIPLIERS[multiplier]
    return round(number, 6)


# ── Finding figures in running text ─────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class FoundNumber:
    """A figure stated in a text: where its words stand, what they read as, and what follows.

    ``unit`` is what the words themselves say: "percent", "eur" (euros follow), "ratio"
    ("fois"), "month", "year" ("ans": an age or a span), "day", or None for a bare count.
    ``form`` tells how it is written: digits, words, fraction, k_in_n, collective.
    ``high`` is the upper bound when the words give a range ("15 à 20 000").
    """

    start: int
    end: int
    words: str
    value: float
    unit: str | None
    form: str
    high: float | None = None


def fold_same_length(text: str) -> str:
    """``fold`` that keeps every character in place (offsets stay valid): lower case, no
    accents, ’ as ', every space character but the line break as a plain space."""
    out = []
    for ch in text:
        if ch in SPACE_CHARS or ch in "\t\r":
            out.append(" ")
        elif ch in "\u2019\u2018\u02bc":
            out.append("'")
        else:
            base = unicodedata.normalize("NFD", ch)[0].lower()
            out.append(base if len(base) == 1 else ch)
    return "".join(out)


_B = r"(?<![\w,.])"  # not inside another number or word
_PCT = r"(?P<pct> ?%| pour ?cent\b)"
_AFTER = rf"(?:{_PCT}|(?P<eur> ?€| (?:d')?euros?\b)|(?P<fois> fois\b)|(?P<dur> (?:mois|ans|annees?|jours|semaines)\b))?"
_SCAN_DIGITS = re.compile(
    _B + r"(?P<num>\d{1,3}(?: \d{3})+(?!\d)|\d{1,3}(?:\.\d{3})+(?![\d,])|\d+)"
    r"(?:,(?P<dec>\d+)|(?<!\d\d\d\d), (?P<dec2>\d)(?= (?:millions?|milliards?)\b)"
    r"|\.(?P<dec3>\d{1,2})(?= ?(?:millions?|milliards?|mds?|mrds?|m)(?: |€|$)))?"
    r"(?P<mult> ?(?:millions?|milliards?|mille)\b| ?(?:mds?|mrds?|m)(?= |€|$))?" + _AFTER
)
_SCAN_WORDS = re.compile(
    rf"(?<![\w-])(?P<num>{_WORDS_NUMBER})(?![\w-])"
    rf"(?P<mult> (?:millions?|milliards?)\b)?" + _AFTER
)
_SCAN_FRACTION = re.compile(
    r"(?<![\w-])(?P<num>(?:un|une|deux|trois|la|le) (?:quarts?|tiers|moitie))(?![\w-])"
)
_SCAN_K_IN_N = re.compile(
    r"(?<![\w-])(?P<num>(?:une?|deux|trois|quatre|cinq|six|sept|huit|neuf)"
    r" (?:[^ ,.;:!?()«»\"\d]+ ){0,6}?sur (?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|\d+)"
    r"|\d+ sur \d+|1 (?:[^ ,.;:!?()«»\"\d]+ ){1,6}?sur \d+)(?![\w-])"
)
_SCAN_COLLECTIVE = re.compile(
    r"(?<![\w-])(?P<num>(?:une|un) (?:" + "|".join(_COLLECTIVES) + r"))(?![\w-])"
)
_RANGE_JOIN = re.compile(r"^(?: ?(?:a|-|–|et) ?)")
_UNIT_OF = {"pct": "percent", "eur": "eur", "fois": "ratio"}


def _unit(match: re.Match[str]) -> str | None:
    for group, unit in _UNIT_OF.items():
        if match[group]:
            return unit
    if duration := match["dur"]:
        word = duration.strip()
        return {"mois": "month", "jours": "day", "semaines": "week"}.get(word, "year")
    return None


def find_numbers(text: str) -> list[FoundNumber]:
    """Every figure ``text`` states, in order, each read by ``parse_value_text``.

    Digits ("65,7 millions", "3.391.505", "15 %"), words that are figures ("deux millions",
    "quatre fois", "vingt-deux mille"), fractions ("un quart", "la moitié"), "k in n" ("un
    Français sur deux", "trois sur cinq"), collectives ("une centaine"), and ranges
    ("15 à 20 000", "entre 10 et 12 %"). A bare small number word ("deux chantiers") is not a
    figure; "1er" is not a number.
    """
    folded = fold_same_length(text)
    found: list[FoundNumber] = []
    taken = [False] * len(text)

    def add(start: int, end: int, value_end: int, unit: str | None, form: str) -> None:
        if any(taken[start:end]):
            return
        words = text[start:value_end]
        try:
            value = parse_value_text(words)
        except NumberFormatError:
            return
        for i in range(start, end):
            taken[i] = True
        found.append(FoundNumber(start, value_end, words, value, unit, form))

    # Shapes that hold a number word first, so "un Français sur deux" is one figure.
    for match in _SCAN_K_IN_N.finditer(folded):
        add(match.start(), match.end(), match.end(), "percent", "k_in_n")
    for match in _SCAN_FRACTION.finditer(folded):
        add(match.start(), match.end(), match.end(), "percent", "fraction")
    for match in _SCAN_COLLECTIVE.finditer(folded):
        add(match.start(), match.end(), match.end(), None, "collective")
    for match in _SCAN_DIGITS.finditer(folded):
        if folded[match.end() : match.end() + 2] in ("er", "e ") and not match["mult"]:
            continue  # 1er, 3e: an ordinal
        if re.match(r"[a-z]", folded[match.end() : match.end() + 1]):
            continue  # glued to a word: "A380", "2e", "10h"
        unit = _unit(match)
        value_end = match.end() if unit not in ("eur",) else match.start("eur")
        if unit == "eur" and match["pct"] is None:
            value_end = match.start("eur")
        add(match.start(), match.end(), value_end, unit, "digits")
    for match in _SCAN_WORDS.finditer(folded):
        unit = _unit(match)
        words = match["num"]
        value_end = match.start("eur") if unit == "eur" else match.end()
        is_big = bool(match["mult"]) or "mille" in words or "cent" in words
        if not (is_big or unit in ("percent", "ratio")):
            continue  # "deux chantiers", "un an": not a figure by itself
        add(match.start(), match.end(), value_end, unit, "words")
    found.sort(key=lambda f: f.start)
    return _join_ranges(text, folded, found)


def _join_ranges(text: str, folded: str, found: list[FoundNumber]) -> list[FoundNumber]:
    """ "15 à 20 000", "10-12 %", "entre 3 et 4 millions": one figure, low value and ``high``."""
    out: list[FoundNumber] = []
    i = 0
    while i < len(found):
        first = found[i]
        if i + 1 < len(found):
            second = found[i + 1]
            between = folded[first.end : second.start]
            if (
                _RANGE_JOIN.fullmatch(between)
                and first.form == second.form == "digits"
                and first.unit in (None, second.unit)
                and first.value < second.value
            ):
                low = first.value
                # "15 à 20 000": the first number takes the scale of the second.
                scale = second.value / float(re.sub(r"\D", "", second.words.split(",")[0]) or 1)
                if first.unit is None and scale > 1 and low * scale <= second.value:
                    low = low * scale
                elif first.unit is None and second.words.rstrip().endswith("000"):
                    while low * 1000 <= second.value and low < 1000:
                        low *= 1000
                out.append(
                    FoundNumber(
                        first.start,
                        second.end,
                        text[first.start : second.end],
                        low,
                        second.unit,
                        "range",
                        second.value,
                    )
                )
                i += 2
                continue
        out.append(first)
        i += 1
    return out
