"""Command palette entries: jump to any metric, actor or source."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from mes_tui.core.formatting import format_source
from mes_tui.ui.safe import one_line

__all__ = ["ExplorerCommands"]


class ExplorerCommands(Provider):
    def _entries(self) -> list[tuple[str, Callable[[], object], str]]:
        from mes_tui.ui.explorer import ExplorerScreen

        screen = self.screen
        if not isinstance(screen, ExplorerScreen) or screen.frames is None:
            return []
        frames = screen.frames
        entries: list[tuple[str, Callable[[], object], str]] = []
        for mid, label in frames.metrics.select("id", "label_en").rows():
            entries.append(
                (
                    f"Metric: {one_line(label)}",
                    partial(screen.set_filters, metrics=frozenset({mid})),
                    f"show only {mid}",
                )
            )
        for aid, short, name in frames.actors.select("id", "short", "name").rows():
            entries.append(
                (
                    f"Actor: {one_line(short)} — {one_line(name)}",
                    partial(screen.set_filters, actors=frozenset({aid})),
                    f"show only figures stated by {aid}",
                )
            )
        for source in frames.sources.iter_rows(named=True):
            sid = source["id"]
            cited = format_source(
                title=source["title"],
                kind=source["kind"],
                outlet=source["outlet"],
                published=source["published"],
                precision=source["published_precision"],
                description=source["description"],
            )
            entries.append(
                (
                    f"Source: {one_line(cited)}",
                    partial(screen.action_open_source, sid),
                    f"open the full text of {sid}",
                )
            )
        entries.append(("Clear all filters", screen.action_clear_filters, "show every figure"))
        entries.append(
            (
                "Export the filtered figures",
                screen.action_export,
                "CSV, JSON or Markdown with citations",
            )
        )
        return entries

    async def discover(self) -> Hits:
        for text, command, help_text in self._entries():
            yield DiscoveryHit(Content(text), command, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command, help_text in self._entries():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, _highlight(matcher, text), command, text=text, help=help_text)


def _highlight(matcher, text: str) -> Content:
    """``text`` with the matched letters styled. Textual's own ``Matcher.highlight`` reads the
    text as markup, and these entries are labels from the data."""
    content = Content(text)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
