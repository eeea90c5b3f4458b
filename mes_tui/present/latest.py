"""``mes-tui latest`` as read: a table of two lines per figure (the figure, then its words),
JSON or Markdown, in the current language."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date

from mes_tui.core.latest import LatestFigure
from mes_tui.core.text import visible
from mes_tui.present.formats import md_cell, period, quote_marks, value
from mes_tui.present.language import N_, _, current_language
from mes_tui.present.tables import plain_table

__all__ = ["LATEST_FORMATS", "SPAN_WORDS", "latest_what", "latest_who", "render_latest"]

LATEST_FORMATS: tuple[str, ...] = ("table", "json", "md")
SPAN_WORDS = {"month": N_("in a month"), "year": N_("in a year")}


def _json_value(item: object) -> object:
    return item.isoformat() if isinstance(item, date) else item


def latest_what(figure: LatestFigure, lang: str | None = None) -> str:
    """What the figure counts: "Accounts activated", "Documents sent a month · Occitanie"."""
    french = (lang or current_language()) == "fr"
    what = (figure.metric_label_fr if french else None) or figure.metric_short
    if figure.span:
        what += " " + _(SPAN_WORDS[figure.span], lang)
    if figure.scope != "national":
        what += f" · {figure.scope_detail or figure.scope_code or figure.scope}"
    return what


def latest_who(figure: LatestFigure, lang: str | None = None) -> str:
    """Who stated it: the actor (named in French when the data does) and the speaker."""
    french = (lang or current_language()) == "fr"
    actor = (figure.actor_short_fr if french else None) or figure.actor_short
    return f"{actor} ({figure.speaker})" if figure.speaker else actor


def _words(figure: LatestFigure, width: int, lang: str) -> str:
    """The quote, cut to ``width`` around the words that state the value."""
    quote = " ".join(visible(figure.quote).split())
    opening, closing = quote_marks(quote, lang)
    if len(quote) + len(opening) + len(closing) <= width:
        return f"{opening}{quote}{closing}"
    room = max(width - 4, 10)
    at = max(quote.find(" ".join(visible(figure.value_text).split())), 0)
    start = max(0, min(at - room // 3, len(quote) - room))
    cut = quote[start : start + room]
    before, after = ("…" if start else ""), ("…" if start + room < len(quote) else "")
    return f"{opening}{before}{cut}{after}{closing}"


def render_latest(
    figures: list[LatestFigure], fmt: str = "table", width: int = 80, lang: str | None = None
) -> str:
    """``figures`` as a table of two lines each (figure, then its words), JSON or Markdown."""
    if fmt not in LATEST_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(LATEST_FORMATS)}")
    lang = lang or current_language()
    if fmt == "json":
        rows = [{k: _json_value(v) for k, v in asdict(f).items()} for f in figures]
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        lines = ["# " + _("Mon espace santé: the latest figures", lang), ""]
        for f in figures:
            when = period(f.period_start, f.period_end, f.period_precision, lang)
            shown = value(f.value, f.unit, f.qualifier, lang)
            lines.append(
                f"- **{md_cell(latest_what(f, lang))}**: {md_cell(shown)}, {md_cell(when)}, "
                f"{md_cell(latest_who(f, lang))}  "
            )
            lines.append(f"  > {md_cell(f.quote)} `[{f.id}]`")
        if not figures:
            lines.append(_("No figure.", lang))
        return "\n".join(lines) + "\n"
    if not figures:
        return _("No figure.", lang) + "\n"
    table = plain_table(
        (_("LATEST", lang), _("VALUE", lang), _("DATE", lang), _("STATED BY", lang)),
        [
            (
                latest_what(f, lang),
                value(f.value, f.unit, f.qualifier, lang),
                period(f.period_start, f.period_end, f.period_precision, lang),
                latest_who(f, lang),
            )
            for f in figures
        ],
        width=width,
        right=(1,),
        shrink=((3, 12), (0, 20), (2, 12)),
    ).splitlines()
    lines = [table[0]]
    for row, figure in zip(table[1:], figures, strict=False):
        lines += [row, f"  {_words(figure, width - 2, lang)}"]
    return "\n".join(lines) + "\n"
