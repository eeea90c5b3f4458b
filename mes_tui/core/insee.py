"""INSEE codes of the régions and départements a regional figure may name (``scope_code``)."""

from __future__ import annotations

__all__ = ["DEPARTEMENT_CODES", "REGION_CODES", "scope_code_problem"]

# The 18 régions (2016 map): five overseas, thirteen in metropolitan France.
REGION_CODES: frozenset[str] = frozenset(
    [
        "01",
        "02",
        "03",
        "04",
        "06",
        "11",
        "24",
        "27",
        "28",
        "32",
        "44",
        "52",
        "53",
        "75",
        "76",
        "84",
        "93",
        "94",
    ]
)
# 01–95 without 20 (Corsica is 2A and 2B since 1976), and the five overseas départements
# (975, Saint-Pierre-et-Miquelon, is a collectivité, not a département).
DEPARTEMENT_CODES: frozenset[str] = frozenset(
    [f"{n:02d}" for n in range(1, 96) if n != 20] + ["2A", "2B", "971", "972", "973", "974", "976"]
)
_CODED_SCOPES = {"region": REGION_CODES, "departement": DEPARTEMENT_CODES}


def scope_code_problem(scope: str | None, code: str | None) -> str | None:
    """What is wrong with ``code`` for a figure of ``scope``, or None when nothing is."""
    if scope not in _CODED_SCOPES:
        if code is None:
            return None
        return f"only a regional or département figure has a scope_code (scope is {scope!r})"
    if code is None:
        example = "75 for Nouvelle-Aquitaine" if scope == "region" else "31 for Haute-Garonne"
        return (
            f"a {'regional' if scope == 'region' else 'département'} figure needs its INSEE "
            f"code (e.g. {example})"
        )
    if code not in _CODED_SCOPES[scope]:
        if scope == "region":
            valid = ", ".join(sorted(REGION_CODES))
            return f"{code!r} is not the INSEE code of a région; régions: {valid}"
        return (
            f"{code!r} is not the INSEE code of a département: 01–95 (not 20), 2A, 2B, 971–974, 976"
        )
    return None
