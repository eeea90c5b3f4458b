"""Ids from what a person types: an id, its prefix, or a name (accents and case ignored), and
"did you mean" suggestions for a typo. Pure: the CLI and the explorer both ask it."""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from mes_tui.core.text import fold

__all__ = ["Resolution", "resolve", "suggest"]


@dataclass(frozen=True)
class Resolution:
    """What one typed word names: ``ids`` (one when it is clear), else ``ambiguous`` (the ids it
    could mean) or ``suggestions`` (close ids, at most three) when it names nothing."""

    word: str
    ids: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = field(default=())


def _norm(text: str) -> str:
    """Folded, with ``_`` and ``-`` read as spaces: "haute garonne" names "Haute-Garonne"."""
    return " ".join(fold(text).replace("_", " ").replace("-", " ").split())


def _matches(word: str, names: dict[str, list[str]]) -> list[str]:
    wanted = _norm(word)
    if not wanted:
        return []
    for test in (
        lambda text: text == wanted,
        lambda text: text.startswith(wanted),
        lambda text: wanted in text,
    ):
        found = [
            key for key, labels in names.items() if any(test(_norm(t)) for t in [key, *labels])
        ]
        if found:
            return found
    return []


def resolve(word: str, names: dict[str, list[str]]) -> Resolution:
    """``names`` maps each id to its names (short name, full name, labels)."""
    if word in names:
        return Resolution(word, ids=(word,))
    found = _matches(word, names)
    if len(found) == 1:
        return Resolution(word, ids=(found[0],))
    if found:
        return Resolution(word, ambiguous=tuple(sorted(found)))
    return Resolution(word, suggestions=suggest(word, names))


def _score(typed: str, name: str, **_options: object) -> float:
    """How close ``typed`` is to ``name`` as a whole (words in any order) or to one of its
    words ("cuor" is close to "cour", of "Cour des comptes")."""
    return max(
        fuzz.token_set_ratio(typed, name),
        max((fuzz.ratio(typed, w) for w in name.split()), default=0),
    )


def suggest(word: str, names: dict[str, list[str]], limit: int = 3) -> tuple[str, ...]:
    """At most ``limit`` ids whose id or names are closest to ``word``, best first."""
    keys = [key for key, labels in names.items() for _ in [key, *labels]]
    texts = [_norm(text) for key, labels in names.items() for text in [key, *labels]]
    found = process.extract(_norm(word), texts, scorer=_score, limit=None, score_cutoff=70)
    best: list[str] = []
    for _text, _points, position in found:  # best first
        if keys[position] not in best:
            best.append(keys[position])
    return tuple(best[:limit])
