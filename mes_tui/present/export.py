"""The filtered figures as a table, CSV (RFC 4180, or the French spreadsheet dialect), JSON or
Markdown, each with its citation; and the quote with its citation for the clipboard."""

from __future__ import annotations

import json
from datetime import date
from typing import Literal

import polars as pl

from mes_tui.core.export import PUBLIC_COLUMNS
from mes_tui.core.queries import record_frame
from mes_tui.core.records import RecordKey
from mes_tui.present.analysis import in_language
from mes_tui.present.citation import source_words, with_citation
from mes_tui.present.formats import md_cell, period, quote_marks, value
from mes_tui.present.language import _, current_language
from mes_tui.present.tables import plain_table

__all__ = ["CSV_DIALECTS", "FORMATS", "copy_text", "public_frame", "render"]

Format = Literal["table", "csv", "json", "md"]
FORMATS: tuple[str, ...] = ("table", "csv", "json", "md")
CSV_DIALECTS: tuple[str, ...] = ("rfc4180", "fr")
BOM = "\ufeff"


def public_frame(observations: pl.DataFrame, lang: str | None = None) -> pl.DataFrame:
    """The observations with the stable public columns (and a citation)."""
    # Every published figure says it is not derived: derived figures (``mes-tui metric``)
    # carry ``derived: true`` with the ids they come ``from`` and their ``formula``.
    return (
        with_citation(observations, lang)
        .with_columns(pl.lit(False).alias("derived"))
        .select(PUBLIC_COLUMNS)
    )


def _json_value(item: object) -> object:
    if isinstance(item, date):
        return item.isoformat()
    if isinstance(item, float) and item.is_integer():
        return int(item)
    return item


def render(
    observations: pl.DataFrame,
    fmt: Format,
    *,
    width: int | None = None,
    lang: str | None = None,
    dialect: str = "rfc4180",
) -> str:
    """The observations in format ``fmt``; ``table`` fits ``width`` columns (None: no limit).
    ``dialect`` ``fr`` writes CSV for French spreadsheets: ``;`` between fields, a decimal
    comma, and a byte-order mark so that they read it as UTF-8."""
    lang = lang or current_language()
    frame = public_frame(observations, lang)
    if fmt == "csv":
        return _csv(frame, dialect)
    if fmt == "json":
        rows = [{key: _json_value(val) for key, val in row.items()} for row in frame.to_dicts()]
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        return _markdown(observations, frame["citation"].to_list(), lang)
    return _table(observations, width, lang)


def _csv(frame: pl.DataFrame, dialect: str) -> str:
    whole = pl.col("value").round(0) == pl.col("value")
    text = (
        pl.when(whole)
        .then(pl.col("value").cast(pl.Int64).cast(pl.String))
        .otherwise(pl.col("value").cast(pl.String))
    )
    if dialect == "fr":
        text = text.str.replace(".", ",", literal=True)
        return BOM + frame.with_columns(text.alias("value")).write_csv(separator=";")
    return frame.with_columns(text.alias("value")).write_csv()


def _display_rows(observations: pl.DataFrame) -> list[dict]:
    return observations.select(
        "id",
        "metric_label",
        "metric_label_fr",
        "category",
        "value",
        "unit",
        "qualifier",
        "period_start",
        "period_end",
        "period_precision",
        "actor_short",
        *(["actor_short_fr"] if "actor_short_fr" in observations.columns else []),
        "speaker",
        "quote",
        "source",
    ).to_dicts()


def _label(row: dict, lang: str) -> str:
    label = (
        row["metric_label_fr"] if lang == "fr" and row["metric_label_fr"] else row["metric_label"]
    )
    return label + (f" ({row['category']})" if row["category"] else "")


def _markdown(observations: pl.DataFrame, citations: list[str], lang: str) -> str:
    lines = ["# " + _("Mon espace santé: published figures", lang), ""]
    rows = _display_rows(observations)
    for row, cited in zip(rows, citations, strict=False):
        when = period(row["period_start"], row["period_end"], row["period_precision"], lang)
        figure = value(row["value"], row["unit"], row["qualifier"], lang)
        lines.append(
            f"- **{md_cell(_label(row, lang))}**: {md_cell(figure)}, {md_cell(when)} — "
            f"{md_cell(in_language(row, 'actor_short', lang))}  "
        )
        lines.append(f"  > {md_cell(row['quote'])}  ")
        lines.append(f"  — {md_cell(cited)} `[{row['id']}]`")
    if not rows:
        lines.append(_("No figure matches these filters.", lang))
    return "\n".join(lines) + "\n"


def _table(observations: pl.DataFrame, width: int | None, lang: str) -> str:
    rows = [
        (
            period(r["period_start"], r["period_end"], r["period_precision"], lang),
            _label(r, lang),
            value(r["value"], r["unit"], r["qualifier"], lang),
            in_language(r, "actor_short", lang),
            r["id"],
        )
        for r in _display_rows(observations)
    ]
    # Give up width from the metric down to 28, then the id, the actor, the metric again.
    table = plain_table(
        (_("DATE", lang), _("METRIC", lang), _("VALUE", lang), _("ACTOR", lang), _("ID", lang)),
        rows,
        width=width,
        right=(2,),
        shrink=((1, 28), (4, 16), (3, 8), (1, 10)),
    )
    return table  # data only: the command line says the count on standard error


def copy_text(frames, key: RecordKey, lang: str | None = None) -> str:
    """The quote behind a timeline line with its citation, for the clipboard."""
    lang = lang or current_language()
    if not key.is_event:
        found = record_frame(frames, key)
        row = public_frame(found, lang).to_dicts()[0]
        french = found["metric_label_fr"][0] if lang == "fr" else None
        label = french or row["metric_label"]
        figure = value(row["value"], row["unit"], row["qualifier"], lang)
        return _("{quote} — {citation}. [{label}: {value}; mes-tui id {id}]", lang).format(
            quote=_marked(row["quote"], lang),
            citation=row["citation"],
            label=label,
            value=figure,
            id=key.id,
        )
    row = record_frame(frames, key).to_dicts()[0]
    where = source_words(
        row["source_title"],
        row["source_outlet"],
        row["source_published"],
        row["source_precision"],
        lang,
    )
    return _("{quote} — {where}. [mes-tui id {id}]", lang).format(
        quote=_marked(row["quote"], lang), where=where, id=key.id
    )


def _marked(quote: str, lang: str) -> str:
    """The quote verbatim (line breaks and all) between the marks of the language."""
    opening, closing = quote_marks(quote, lang)
    return f"{opening}{quote}{closing}"
