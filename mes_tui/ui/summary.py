"""The always-visible line that says what is shown and which filters are on."""

from __future__ import annotations

import polars as pl
from textual.content import Content

from mes_tui.core.filters import Filters
from mes_tui.core.frames import Frames
from mes_tui.present.analysis import in_language_column
from mes_tui.present.formats import format_date, number
from mes_tui.present.language import _, current_language, ngettext
from mes_tui.ui.safe import literal

__all__ = ["filter_words", "summary_content"]


def _labels(frame: pl.DataFrame, ids: frozenset[str], column: str | pl.Expr) -> str:
    names = frame.filter(pl.col("id").is_in(sorted(ids))).select(column).to_series().to_list()
    return ", ".join(sorted(names)) or ", ".join(sorted(ids))


def filter_words(filters: Filters, frames: Frames) -> list[str]:
    """Each active filter in words: ["metric: Accounts activated", "since 1 Jan 2023", …]."""
    words = []
    if filters.metrics:
        column = "label_fr" if current_language() == "fr" else "label_en"
        words.append(
            _("metric: {names}").format(names=_labels(frames.metrics, filters.metrics, column))
        )
    if filters.actors:
        words.append(
            _("actor: {names}").format(
                names=_labels(frames.actors, filters.actors, in_language_column("short"))
            )
        )
    if filters.scopes:
        words.append(_("scope: {names}").format(names=", ".join(sorted(filters.scopes))))
    if filters.since:
        words.append(_("since {date}").format(date=format_date(filters.since)))
    if filters.until:
        words.append(_("until {date}").format(date=format_date(filters.until)))
    if filters.search:
        words.append(_("search “{text}”").format(text=filters.search))
    return words


def summary_content(filters: Filters, frames: Frames, shown: int, events: int) -> Content:
    total = frames.observations.height
    head = Content.assemble(
        ("Mon espace santé ", "bold"),
        (number(shown, exact=True), "bold $accent"),
        (
            " "
            + ngettext("of {n} figure", "of {n} figures", total).format(
                n=number(total, exact=True)
            ),
            "",
        ),
        (
            " · "
            + ngettext("{n} event", "{n} events", events).format(n=number(events, exact=True)),
            "dim",
        ),
    )
    words = filter_words(filters, frames)
    if not words:
        return Content.assemble(head, ("  │ " + _("no filter"), "dim"))
    return Content.assemble(
        head,
        ("  │ ", "dim"),
        literal(" · ".join(words), "$warning"),
        ("  " + _("(x clears)"), "dim"),
    )
