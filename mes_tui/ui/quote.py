"""The source quote pane: the exact words behind the selected figure, and who said them."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from mes_tui.core.records import Record
from mes_tui.core.text import find_span, match_spans, visible
from mes_tui.present.analysis import in_language
from mes_tui.present.citation import source_words
from mes_tui.present.formats import period, quote_marks, value
from mes_tui.present.language import N_, _, current_language
from mes_tui.ui.glyphs import glyph
from mes_tui.ui.safe import literal, one_line

__all__ = ["QuotePane", "quote_content"]

_ATTRIBUTION = {
    "quoted": N_("in the speaker's own words"),
    "stated": N_("the source attributes it"),
    "context": N_("actor inferred from the surrounding text"),
    "unattributed": N_("the article's own statement"),
}
_SCOPE = {
    "national": N_("national"),
    "departement": N_("one département"),
    "pilot_departements": N_("the pilot départements"),
    "survey_sample": N_("a survey sample"),
    "region": N_("one region"),
}


def _words(table: dict[str, str], key: str) -> str:
    return _(table[key]) if key in table else key


def _line(label: str, text: str | None) -> Content:
    width = max(10, len(label) + 1)
    return Content.assemble((f"{label:<{width}}", "dim"), literal(one_line(text)), "\n")


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
    opening, closing = quote_marks(quote)
    return Content.assemble((opening, "dim"), body, (closing, "dim"), "\n\n")


def _note(text: str, terms: tuple[str, ...]) -> Content:
    shown = one_line(text)
    label = _("Note")
    width = max(10, len(label) + 1)
    return Content.assemble(
        (f"{label:<{width}}", "dim"), _matches(literal(shown), shown, terms), "\n"
    )


def _source_line(record: Record) -> str:
    return source_words(
        record.get("source_title"),
        record.get("source_outlet"),
        record.get("source_published"),
        record.get("source_precision"),
        description=record.get("source_description"),
        kind=record.get("source_kind"),
        url=record.get("source_url"),
        bare=True,
        describe=True,
    )


def _no_match() -> Content:
    return Content.assemble(
        (_("No figure matches these filters.") + "\n\n", "bold $warning"),
        _("Widen them: press "),
        ("x", "bold $accent"),
        _(" to clear them all, "),
        ("b", "bold $accent"),
        _(" to go back to the previous ones, "),
        ("/", "bold $accent"),
        _(" to change the search, "),
        ("m", "bold $accent"),
        _(" or "),
        ("a", "bold $accent"),
        _(" to choose other metrics or actors, "),
        ("d", "bold $accent"),
        _(" for a wider date range."),
    )


def quote_content(
    record: Record | None, no_match: bool = False, terms: tuple[str, ...] = ()
) -> Content:
    """Everything the pane shows for ``record`` (an observation or an event); ``no_match``:
    the filters keep nothing; the search ``terms`` (folded, as ``Filters.terms``) are marked
    in the quote and the note."""
    if no_match:
        return _no_match()
    if record is None:
        return Content(_("Nothing selected. Move through the timeline with ↑/↓."))
    if record.is_event:
        when = period(record["date_start"], record["date_end"], record["precision"])
        title = record.get("title_fr") if current_language() == "fr" else None
        head = Content.assemble(
            (
                glyph("planned") + " " + _("planned") + " · "
                if record.get("planned")
                else glyph("event") + " " + _("event") + " · ",
                "bold $accent",
            ),
            literal(title or record["title"], "bold"),
            "\n\n",
        )
        return Content.assemble(
            head,
            _quote(record["quote"], None, terms),
            _line(_("When"), when),
            _line(_("Actor"), in_language(record.row, "actor_short"))
            if record.get("actor_short")
            else "",
            _line(_("Source"), _source_line(record)),
            _note(record["note"], terms) if record.get("note") else "",
        )
    french = current_language() == "fr" and record.get("metric_label_fr")
    label = (record["metric_label_fr"] if french else record["metric_label"]) + (
        f" · {record['category']}" if record.get("category") else ""
    )
    figure = value(record["value"], record["unit"], record["qualifier"])
    who = in_language(record.row, "actor_name")
    if record.get("speaker"):
        who = f"{record['speaker']} — {in_language(record.row, 'actor_short')}"
    if record.get("commissioned_by_short"):
        who += " " + _("(for {sponsor})").format(sponsor=record["commissioned_by_short"])
    when = period(record["period_start"], record["period_end"], record["period_precision"])
    if record.get("period_text"):
        when += f"  («\u00a0{record['period_text']}\u00a0»)"
    scope = _words(_SCOPE, record["scope"])
    if record.get("scope_detail"):
        scope += f": {record['scope_detail']}"
    return Content.assemble(
        literal(label, "bold"),
        ("  ", ""),
        literal(figure, "bold $accent"),
        "\n\n",
        _quote(record["quote"], record.get("value_text"), terms),
        _line(_("Said by"), who),
        _line(_("How"), _words(_ATTRIBUTION, record["attribution"])),
        _line(_("Source"), _source_line(record)),
        _line(_("Period"), when),
        _line(_("Scope"), scope),
        _note(record["note"], terms) if record.get("note") else "",
        _line(_("Id"), record["id"]),
    )


class QuotePane(VerticalScroll):
    """Shows ``record``; it is given, never fetched."""

    ALLOW_MAXIMIZE = True
    can_focus = True
    record: reactive[Record | None] = reactive(None, always_update=True, repaint=False)
    no_match: reactive[bool] = reactive(False, repaint=False)
    terms: reactive[tuple[str, ...]] = reactive((), repaint=False)

    def compose(self):
        self.border_title = _("Source quote")
        yield Static(quote_content(None), id="quote-body")

    def watch_record(self) -> None:
        self.refresh_words()
        self.scroll_home(animate=False)

    def watch_no_match(self) -> None:
        self.refresh_words()

    def refresh_words(self) -> None:
        """Say it again (the language changed, or the record)."""
        self.border_title = _("Source quote")
        self.query_one("#quote-body", Static).update(
            quote_content(self.record, self.no_match, self.terms)
        )

    def watch_terms(self) -> None:
        self.refresh_words()
