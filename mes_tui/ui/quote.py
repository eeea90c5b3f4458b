"""The source quote pane: the exact words behind the selected figure, and who said them."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from mes_tui.core.formatting import format_date, format_period, format_value
from mes_tui.core.text import find_span, match_spans, visible
from mes_tui.ui.glyphs import glyph
from mes_tui.ui.safe import literal, one_line

__all__ = ["QuotePane", "quote_content"]

_ATTRIBUTION = {
    "quoted": "in the speaker's own words",
    "stated": "the source attributes it",
    "context": "actor inferred from the surrounding text",
    "unattributed": "the article's own statement",
}
_SCOPE = {
    "national": "national",
    "departement": "one département",
    "pilot_departements": "the pilot départements",
    "survey_sample": "a survey sample",
}


def _line(label: str, value: str | None) -> Content:
    return Content.assemble((f"{label:<10}", "dim"), literal(one_line(value)), "\n")


MATCH_STYLE = "bold underline $warning"


def _matches(content: Content, text: str, terms: tuple[str, ...]) -> Content:
    """``content`` (of ``text``) with the search's matches marked."""
    for start, end in match_spans(text, list(terms)):
        content = content.stylize(MATCH_STYLE, start, end)
    return content


def _quote(quote: str, highlight: str | None, terms: tuple[str, ...] = ()) -> Content:
    text = visible(quote)
    body = Content(text)
    if highlight and (span := find_span(text, visible(highlight))):
        body = body.stylize("bold reverse", *span)
    body = _matches(body, text, terms)
    return Content.assemble(("“", "dim"), body, ("”", "dim"), "\n\n")


def _note(value: str, terms: tuple[str, ...]) -> Content:
    text = one_line(value)
    return Content.assemble(("Note      ", "dim"), _matches(literal(text), text, terms), "\n")


def _source_line(record: dict) -> str:
    parts = [record.get("source_title"), record.get("source_outlet")]
    if record.get("source_published"):
        parts.append(
            format_date(record["source_published"], record.get("source_precision") or "day")
        )
    return " · ".join(p for p in parts if p)


def quote_content(record: dict | None, terms: tuple[str, ...] = ()) -> Content:
    """Everything the pane shows for ``record`` (an observation or event row), with the
    search ``terms`` (folded, as ``Filters.terms``) marked in the quote and the note."""
    if record is None:
        return Content("Nothing selected. Move through the timeline with ↑/↓.")
    if record.get("record_kind") == "empty":
        return Content.assemble(
            ("No figure matches these filters.\n\n", "bold $warning"),
            "Widen them: press ",
            ("x", "bold $accent"),
            " to clear them all, ",
            ("b", "bold $accent"),
            " to go back to the previous ones, ",
            ("/", "bold $accent"),
            " to change the search, ",
            ("m", "bold $accent"),
            " or ",
            ("a", "bold $accent"),
            " to choose other metrics or actors, ",
            ("d", "bold $accent"),
            " for a wider date range.",
        )
    if record.get("record_kind") == "event":
        when = format_period(record["date_start"], record["date_end"], record["precision"])
        head = Content.assemble(
            (
                f"{glyph('planned')} planned · "
                if record.get("planned")
                else f"{glyph('event')} event · ",
                "bold $accent",
            ),
            literal(record["title"], "bold"),
            "\n\n",
        )
        return Content.assemble(
            head,
            _quote(record["quote"], None, terms),
            _line("When", when),
            _line("Actor", record["actor_short"]) if record.get("actor_short") else "",
            _line("Source", _source_line(record)),
            _note(record["note"], terms) if record.get("note") else "",
        )
    label = record["metric_label"] + (f" · {record['category']}" if record.get("category") else "")
    value = format_value(record["value"], record["unit"], record["qualifier"])
    who = record["actor_name"]
    if record.get("speaker"):
        who = f"{record['speaker']} — {record['actor_short']}"
    if record.get("commissioned_by_short"):
        who += f" (for {record['commissioned_by_short']})"
    period = format_period(record["period_start"], record["period_end"], record["period_precision"])
    if record.get("period_text"):
        period += f"  («{record['period_text']}»)"
    scope = _SCOPE.get(record["scope"], record["scope"])
    if record.get("scope_detail"):
        scope += f": {record['scope_detail']}"
    return Content.assemble(
        literal(label, "bold"),
        ("  ", ""),
        literal(value, "bold $accent"),
        "\n\n",
        _quote(record["quote"], record.get("value_text"), terms),
        _line("Said by", who),
        _line("How", _ATTRIBUTION.get(record["attribution"], record["attribution"])),
        _line("Source", _source_line(record)),
        _line("Period", period),
        _line("Scope", scope),
        _note(record["note"], terms) if record.get("note") else "",
        _line("Id", record["id"]),
    )


class QuotePane(VerticalScroll):
    """Shows ``record``; it is given, never fetched."""

    BORDER_TITLE = "Source quote"
    ALLOW_MAXIMIZE = True
    can_focus = True
    record: reactive[dict | None] = reactive(None, always_update=True, repaint=False)
    terms: reactive[tuple[str, ...]] = reactive((), repaint=False)

    def compose(self):
        yield Static(quote_content(None), id="quote-body")

    def watch_record(self, record: dict | None) -> None:
        self.query_one("#quote-body", Static).update(quote_content(record, self.terms))
        self.scroll_home(animate=False)

    def watch_terms(self, terms: tuple[str, ...]) -> None:
        self.query_one("#quote-body", Static).update(quote_content(self.record, terms))
