"""Who states a figure: actors of ``actors.toml`` named in the text, people and their roles.

An actor is known by its short name, its full name and the parts of it in brackets
("Caisse nationale de l'Assurance maladie (Assurance maladie)" is also "Assurance maladie");
a short acronym is matched only as written in capitals ("ANS", never "ans"). An actor named
as the agent of a passive ("créés par l'Assurance maladie") does not state the figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mes_tui.core.models import Actor, ActorKind
from mes_tui.core.numbers import fold_same_length

__all__ = ["ActorIndex", "Mention", "role_near"]


@dataclass(frozen=True)
class Mention:
    actor: str
    start: int
    end: int
    agent: bool  # "par X": the doer of a passive, not who states the figure
    sponsor: bool  # "pour (le compte de) X": who commissioned a survey


def _aliases(actor: Actor) -> tuple[set[str], set[str]]:
    """(case-sensitive acronyms, folded names)."""
    acronyms, names = set(), set()
    raw = {actor.short, actor.name}
    for text in (actor.short, actor.name):
        raw.update(re.findall(r"\(([^)]+)\)", text))
        raw.add(re.sub(r"\s*\([^)]*\)", "", text))
        raw.add(re.sub(r"\s+\d+$", "", text))  # "CPAM 31" is a CPAM
    for text in raw:
        text = text.strip()
        if not text or len(text) < 3:
            continue
        if re.fullmatch(r"[A-Z]{2,6}", text):
            acronyms.add(text)
            if len(text) >= 4:
                acronyms.add(text.capitalize())  # "Cnam"
        elif len(text) >= 6:
            names.add(fold_same_length(text).strip())
    return acronyms, names


class ActorIndex:
    """Finds the actors of a dataset in text, and the joint actor of several."""

    def __init__(self, actors: tuple[Actor, ...]) -> None:
        self.actors = {a.id: a for a in actors}
        self.joints = {frozenset(a.members): a.id for a in actors if a.kind is ActorKind.JOINT}
        self.kinds = {a.id: a.kind for a in actors}
        patterns = []
        self._ids: list[str] = []
        for actor in actors:
            if actor.kind in (ActorKind.JOINT, ActorKind.PRESS):
                continue
            acronyms, names = _aliases(actor)
            for acronym in acronyms:
                patterns.append(("c", rf"(?<![\w-]){re.escape(acronym)}(?![\w-])"))
                self._ids.append(actor.id)
            for name in names:
                escaped = re.escape(name).replace(r"\-", "[- ]").replace(r"\ ", "[- ]")
                patterns.append(("f", rf"(?<![\w-]){escaped}(?![\w-])"))
                self._ids.append(actor.id)
        self._case = [(re.compile(p), i) for i, (kind, p) in enumerate(patterns) if kind == "c"]
        self._folded = [(re.compile(p), i) for i, (kind, p) in enumerate(patterns) if kind == "f"]

    def mentions(
        self, text: str, folded: str, start: int = 0, end: int | None = None
    ) -> list[Mention]:
        end = len(text) if end is None else end
        found: dict[tuple[int, int], str] = {}
        for regex, index in self._case:
            for m in regex.finditer(text, start, end):
                found[(m.start(), m.end())] = self._ids[index]
        for regex, index in self._folded:
            for m in regex.finditer(folded, start, end):
                found[(m.start(), m.end())] = self._ids[index]
        # Keep the longest of overlapping mentions.
        spans = sorted(found, key=lambda s: (s[0], -(s[1] - s[0])))
        out: list[Mention] = []
        last_end = -1
        for s, e in spans:
            if s < last_end:
                continue
            before = folded[max(0, s - 40) : s]
            agent = bool(re.search(r"\bpar [^,.;:()]{0,60}$", before))
            sponsor = bool(
                re.search(r"\bpour (?:le compte (?:de |du |des )(?:la |l')?|la |le |l')?$", before)
            )
            # "la Délégation … (DNS)": the acronym in brackets is the same mention.
            if (
                out
                and re.fullmatch(r"\s*\(", folded[out[-1].end : s])
                and out[-1].actor == found[(s, e)]
            ):
                agent, sponsor = out[-1].agent, out[-1].sponsor
            out.append(Mention(found[(s, e)], s, e, agent, sponsor))
            last_end = e
        return out

    def joint(self, ids: list[str]) -> str | None:
        """One actor for several named together: their joint actor, else the first named."""
        unique = list(dict.fromkeys(ids))
        if not unique:
            return None
        if len(unique) == 1:
            return unique[0]
        return self.joints.get(frozenset(unique), unique[0])

    def actor_of_role(self, role: str, folded_role: str) -> str | None:
        """The actor a person's role names ("à la tête de la DNS", "déléguée ministérielle au
        numérique en santé"): a mention, else the actor whose name shares most words."""
        if mentions := self.mentions(role, folded_role):
            return mentions[-1].actor
        words = set(re.findall(r"[a-z]{5,}", folded_role))
        best, best_score = None, 0
        for actor in self.actors.values():
            if actor.kind in (ActorKind.JOINT, ActorKind.PRESS):
                continue
            name_words = {w[:6] for w in re.findall(r"[a-z]{5,}", fold_same_length(actor.name))}
            score = len({w[:6] for w in words} & name_words)
            if score > best_score:
                best, best_score = actor.id, score
        return best if best_score >= 2 else None


_ROLE_AFTER = re.compile(r"^,\s*([^,.;:«»()]{3,90}?)(?=\s*(?:,|\.|;|»|\blors\b|\bdevant\b|$))")
_ROLE_BEFORE = re.compile(r"((?:le|la|l')\s?[^,.;:«»()]{3,80}),\s*$")


def role_near(text: str, start: int, end: int) -> str | None:
    """The role given beside a person's name: "X, déléguée ministérielle…" or "le directeur
    général de la Cnam, X"."""
    after = _ROLE_AFTER.match(text[end : end + 120])
    if after:
        return after.group(1).strip()
    before = _ROLE_BEFORE.search(text[max(0, start - 90) : start])
    if before:
        return before.group(1).strip()
    return None
