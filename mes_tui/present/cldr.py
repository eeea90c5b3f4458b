"""The pieces of Unicode CLDR that mes-tui's formats use, as Babel gives them, written out.

Loading Babel's locale data costs about 100 ms at every start (a tenth of the explorer's
start-up); these few symbols and names do not change between runs, so they are kept here and
``tests/test_cldr.py`` checks that they are exactly what Babel says (and prints the table to
paste when a Babel upgrade changes them)."""

from __future__ import annotations

__all__ = ["CLDR"]

CLDR: dict[str, dict] = {
    "en": {
        "locale": "en_US",
        "decimal": ".",
        "group": ",",
        "months": (
            "Jan",
            "Feb",
            "Mar",
            "Apr",
            "May",
            "Jun",
            "Jul",
            "Aug",
            "Sep",
            "Oct",
            "Nov",
            "Dec",
        ),
        "quarters": ("Q1", "Q2", "Q3", "Q4"),
    },
    "fr": {
        "locale": "fr_FR",
        "decimal": ",",
        "group": "\u202f",
        "months": (
            "janv.",
            "févr.",
            "mars",
            "avr.",
            "mai",
            "juin",
            "juil.",
            "août",
            "sept.",
            "oct.",
            "nov.",
            "déc.",
        ),
        "quarters": ("T1", "T2", "T3", "T4"),
    },
}
