"""Read the value a French figure expresses: "65,7 millions", "220 000", "3,5 %", "un quart"…

Every observation carries ``value_text``, the words of its quote that state the figure. This
module turns those words into a number in base units (65,7 millions -> 65 700 000; percents stay
0–100) so validation can prove the stored value is the one the source actually gives.
"""

from __future__ import annotations

import re

from mes_tui.core.text import fold, squash_spaces

__all__ = ["NumberFormatError", "parse_value_text"]


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
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
    "cent": 100,
    "mille": 1000,
}
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
}

# 220 000 · 1 450 · 51 700 · 65,7 · 10, 8 (a stray space after the comma occurs in print) · 2032
_DIGITS = r"(?P<int>\d{1,3}(?: \d{3})+|\d+)(?:,(?: ?)(?P<dec>\d+))?"
_NUMERIC = re.compile(
    rf"^{_DIGITS}(?: (?P<mult>mille|millions?|milliards?))?(?: ?(?P<pct>%))?"
    r"(?: (?P<fois>fois|mois|ans))?$"
)
_WORD_NUMBER = re.compile(
    r"^(?P<word>[a-z]+)(?: (?P<mult>mille|millions?|milliards?))?(?: ?(?P<pct>%))?"
    r"(?: (?P<fois>fois|mois|ans))?$"
)
_COLLECTIVE = re.compile(r"^(?:une?|des|la) (?P<noun>[a-z]+)$")
_FRACTION = re.compile(r"^(?:(?P<count>[a-z]+|\d+) )?(?P<frac>quarts?|tiers|moitie)$")
# "un Français sur deux", "Un document de santé sur deux", "une personne sur 4"
_ONE_IN = re.compile(r"^(?:une?|1) (?:[^ ]+ ){0,6}?sur (?P<n>[a-z]+|\d+)$")


def _small_number(token: str) -> float:
    if token.isdigit():
        return float(token)
    if token in _UNITS:
        return float(_UNITS[token])
    raise NumberFormatError(f"{token!r} is not a number word this project reads")


def parse_value_text(text: str) -> float:
    """Return the figure ``text`` states, in base units (percents as 0–100).

    Raises NumberFormatError when the words are not one figure.
    """
    words = fold(squash_spaces(text)).strip().rstrip(".")
    # Typographic apostrophes and thin spaces were folded by ``fold``; now try each form.
    if match := _NUMERIC.match(words):
        number = float(match["int"].replace(" ", ""))
        if match["dec"]:
            number += float(f"0.{match['dec']}")
        return _scale(number, match["mult"])
    if match := _ONE_IN.match(words):
        if (parts := _small_number(match["n"])) == 0:
            raise NumberFormatError(f"{text!r} divides by zero")
        return 100.0 / parts
    if match := _FRACTION.match(words):
        count = match["count"]
        factor = 1.0 if count in (None, "un", "une", "la") else _small_number(count)
        return factor * _FRACTIONS[match["frac"]]
    if (match := _COLLECTIVE.match(words)) and match["noun"] in _COLLECTIVES:
        return float(_COLLECTIVES[match["noun"]])
    if words in _ORDINALS:
        return float(_ORDINALS[words])
    if (match := _WORD_NUMBER.match(words)) and match["word"] in _UNITS:
        return _scale(float(_UNITS[match["word"]]), match["mult"])
    raise NumberFormatError(f"cannot read a figure in {text!r}")


def _scale(number: float, multiplier: str | None) -> float:
    if multiplier:
        number *= _MULTIPLIERS[multiplier]
    return round(number, 6)
