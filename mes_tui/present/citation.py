"""A citation: who said it, where and when ("Hela Ghariani (DNS), in “Title”, Outlet,
févr. 2025"), for the explorer, the clipboard and every export."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import polars as pl

from mes_tui.present.analysis import in_language, in_language_column, source_kind_name
from mes_tui.present.formats import format_date, quote_marks
from mes_tui.present.language import _, current_language

__all__ = ["citation", "source_words", "with_citation"]


def source_words(
    title: str | None,
    outlet: str | None,
    published: date | None,
    precision: str | None,
    lang: str | None = None,
    description: str | None = None,
    *,
    kind: str | None = None,
    url: str | None = None,
    bare: bool = False,
    describe: bool = False,
) -> str:
    """Where and when: "in “Title”, Outlet, févr. 2025, URL" (``bare``: without "in"). A source
    without a title is never given one: it is named for what it is ("untitled press article",
    with its description in brackets when ``describe``)."""
    parts = []
    if title:
        opening, closing = quote_marks(title, lang)
        named = f"{opening}{title}{closing}"
    else:
        what = source_kind_name(kind, lang) if kind else _("document", lang)
        named = _("untitled {kind}", lang).format(kind=what)
        if describe and description:
            named += f" ({description})"
    parts.append(named if bare else _("in {title}", lang).format(title=named))
    if outlet:
        lead = bare or parts
        parts.append(outlet if lead else _("in {outlet}", lang).format(outlet=outlet))
    if published is not None:
        parts.append(format_date(published, precision or "day", lang))
    if url:
        parts.append(url)
    return ", ".join(parts)


def citation(row: Mapping[str, Any], lang: str | None = None) -> str:
    """The citation of an observation row (its joined ``actor_*`` and ``source_*`` columns)."""
    who = (
        f"{row['speaker']} ({in_language(row, 'actor_short', lang)})"
        if row.get("speaker")
        else in_language(row, "actor_name", lang)
    )
    where = source_words(
        row.get("source_title"),
        row.get("source_outlet"),
        row.get("source_published"),
        row.get("source_precision"),
        lang,
        kind=row.get("source_kind"),
        url=row.get("source_url"),
    )
    return ", ".join(part for part in (who, where) if part)


_SOURCE_COLUMNS = (
    "source_title",
    "source_outlet",
    "source_published",
    "source_precision",
    "source_kind",
    "source_url",
)


def with_citation(observations: pl.DataFrame, lang: str | None = None) -> pl.DataFrame:
    """``observations`` with a ``citation`` column. The source's words are made once per
    source (a million figures cite a few dozen sources); who said it is joined per row."""
    lang = lang or current_language()
    missing = [
        pl.lit(None, pl.String).alias(c) for c in _SOURCE_COLUMNS if c not in observations.columns
    ]
    observations = observations.with_columns(missing)
    sources = observations.select(*_SOURCE_COLUMNS).unique()
    words = pl.DataFrame(
        {
            **{c: sources[c] for c in _SOURCE_COLUMNS},
            "_where": [
                source_words(t, o, p, pr, lang, kind=k, url=u)
                for t, o, p, pr, k, u in sources.iter_rows()  # one per distinct source
            ],
        },
        schema_overrides={c: observations.schema[c] for c in _SOURCE_COLUMNS},
    )
    for column in ("actor_short", "actor_name"):
        if f"{column}_fr" not in observations.columns:
            observations = observations.with_columns(pl.lit(None, pl.String).alias(f"{column}_fr"))
    short, name = in_language_column("actor_short", lang), in_language_column("actor_name", lang)
    who = (
        pl.when(pl.col("speaker").is_not_null())
        .then(pl.concat_str([pl.col("speaker"), pl.lit(" ("), short, pl.lit(")")]))
        .otherwise(name)
    )
    return (
        observations.join(words, on=list(_SOURCE_COLUMNS), how="left", nulls_equal=True)
        .with_columns(
            pl.concat_str([who, pl.col("_where")], separator=", ", ignore_nulls=True).alias(
                "citation"
            )
        )
        .drop("_where")
    )
