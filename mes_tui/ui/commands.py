"""Command palette entries: jump to any metric, actor or source, or switch the language.

Metrics are listed with both their labels, so "taux" and "activation rate" find the same one;
matching ignores accents and case ("comptes actives" finds "Comptes activés")."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from mes_tui.core.text import fold
from mes_tui.present.analysis import in_language_column
from mes_tui.present.citation import source_words
from mes_tui.present.language import _, current_language
from mes_tui.ui.safe import one_line

__all__ = ["ExplorerCommands"]


class ExplorerCommands(Provider):
    def _entries(self) -> list[tuple[str, Callable[[], object], str]]:
        from mes_tui.ui.explorer import ExplorerScreen

        app = self.app
        other = "en" if current_language() == "fr" else "fr"
        entries: list[tuple[str, Callable[[], object], str]] = [
            (
                # Each in its own language: a reader who does not read this one finds theirs.
                "Language: English" if other == "en" else "Langue\u00a0: français",
                partial(app.switch_language, other),  # type: ignore[attr-defined]
                _("say everything in the other language"),
            )
        ]
        screen = self.screen
        if not isinstance(screen, ExplorerScreen) or screen.frames is None:
            return entries
        frames = screen.frames
        french = current_language() == "fr"
        for mid, label_en, label_fr in frames.metrics.select("id", "label_en", "label_fr").rows():
            first, second = (label_fr, label_en) if french else (label_en, label_fr)
            both = one_line(first) + (
                f" · {one_line(second)}" if second and second != first else ""
            )
            entries.append(
                (
                    _("Metric: {label}").format(label=both),
                    partial(screen.set_filters, metrics=frozenset({mid})),
                    _("show only {id}").format(id=mid),
                )
            )
        actors = frames.actors.select("id", in_language_column("short"), in_language_column("name"))
        for aid, short, name in actors.rows():
            entries.append(
                (
                    _("Actor: {short} — {name}").format(short=one_line(short), name=one_line(name)),
                    partial(screen.set_filters, actors=frozenset({aid})),
                    _("show only figures stated by {id}").format(id=aid),
                )
            )
        description = "description_fr" if french else "description"
        for source in frames.sources.iter_rows(named=True):
            sid = source["id"]
            cited = source_words(
                source["title"],
                source["outlet"],
                source["published"],
                source["published_precision"],
                description=source[description] or source["description"],
                kind=source["kind"],
                bare=True,
                describe=True,
            )
            entries.append(
                (
                    _("Source: {title}").format(title=one_line(cited)),
                    partial(screen.action_open_source, sid),
                    _("open the full text of {id}").format(id=sid),
                )
            )
        return _actions(screen) + entries

    async def discover(self) -> Hits:
        for text, command, help_text in self._entries():
            yield DiscoveryHit(Content(text), command, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        # Accents and case are ignored: the query and each entry are compared folded.
        matcher = self.matcher(fold(query))
        for text, command, help_text in self._entries():
            folded = fold(text)
            score = matcher.match(folded)
            if score > 0:
                yield Hit(
                    score, _highlight(matcher, text, folded), command, text=text, help=help_text
                )


def _actions(screen) -> list[tuple[str, Callable[[], object], str]]:
    """Every task of the help as an entry ("The metric: definition, values, chart…"), run as
    its key would."""
    from mes_tui.ui.screens.help import help_groups

    entries: list[tuple[str, Callable[[], object], str]] = []
    for task, rows in help_groups(screen):
        for keys, what, action in rows:
            text = f"{what[0].upper()}{what[1:]}"
            entries.append((text, partial(screen.run_action, action), f"{task} · {keys}"))
    return entries


def _highlight(matcher, text: str, folded: str) -> Content:
    """``text`` with the matched letters styled. Textual's own ``Matcher.highlight`` reads the
    text as markup, and these entries are labels from the data."""
    content = Content(text)
    if len(folded) != len(text):  # folding changed the length: no letter to point at
        return content
    _score, offsets = matcher.fuzzy_search.match(matcher.query, folded)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
