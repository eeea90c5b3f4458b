"""The source quote pane: the exact words behind the selected figure, and who said them."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from mes_tui.core.formatting import format_period, format_source, format_value
from mes_tui.core.text import find_span, visible
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


def _quote(quote: str, highlight: str | None) -> Content:
    text = visible(quote)
    body = Content(text)
    if highlight and (span := find_span(text, visible(highlight))):
        body = body.stylize("bold reverse", *span)
    return Content.assemble(("“", "dim"), body, ("”", "dim"), "\n\n")


def _source_line(record: dict) -> str:
    return format_source(
        title=record.get("source_title"),
        description=record.get("source_description"),
        kind=record.get("source_kind"),
        outlet=record.get("source_outlet"),
        url=record.get("source_url"),
        published=record.get("source_published"),
        precision=record.get("source_precision"),
    )


def quote_content(record: dict | None) -> Content:
    """Everything the pane shows for ``record`` (an observation or event row)."""
    if record is None:
        return Content("Nothing selected. Move through the timeline with ↑/↓.")
    if record.get("record_kind") == "empty":
        return Content.assemble(
            ("No figure matches these filters.\n\n", "bold $warning"),
            "Widen them: press ",
            ("x", "bold $accent"),
            " to clear them all, ",
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
            _quote(record["quote"], None),
            _line("When", when),
            _line("Actor", record["actor_short"]) if record.get("actor_short") else "",
            _line("Source", _source_line(record)),
            _line("Note", record.get("note")),
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
        _quote(record["quote"], record.get("value_text")),
        _line("Said by", who),
        _line("How", _ATTRIBUTION.get(record["attribution"], record["attribution"])),
        _line("Source", _source_line(record)),
        _line("Period", period),
        _line("Scope", scope),
        _line("Note", record.get("note")) if record.get("note") else "",
        _line("Id", record["id"]),
    )


class QuotePane(VerticalScroll):
    """Shows ``record``; it is given, never fetched."""

    BORDER_TITLE = "Source quote"
    ALLOW_MAXIMIZE = True
    can_focus = True
    record: reactive[dict | None] = reactive(None, always_update=True, repaint=False)

    def compose(self):
        yield Static(quote_content(None), id="quote-body")

    def watch_record(self, record: dict | None) -> None:
        self.query_one("#quote-body", Static).update(quote_content(record))
        self.scroll_home(animate=False)
