"""The review screen: an article's candidate figures beside its text; accept, reject, edit, add.

Nothing is written until the person confirms (``w`` then ``y``); the write is validated first
and refused as a whole if the dataset would not validate. Quitting at any point writes nothing.
"""

from __future__ import annotations

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Label, OptionList, Static
from textual.widgets.option_list import Option

from mes_tui.core.text import visible
from mes_tui.extract.draft import WriteRefused
from mes_tui.extract.session import Session, reason_names
from mes_tui.present.analysis import unit_name
from mes_tui.present.formats import format_date, number
from mes_tui.present.formats import period as format_period
from mes_tui.present.formats import value as format_value
from mes_tui.present.language import N_, _, current_language, ngettext
from mes_tui.ui.footer import KeysFooter
from mes_tui.ui.safe import literal, one_line

__all__ = ["ConfirmWrite", "ReviewApp", "ReviewScreen"]

_MARK = {None: "·", True: "✓", False: "✗"}


def _row(session: Session, index: int) -> Content:
    c = session.figures[index]
    mark = _MARK[session.decisions[index]]
    style = {None: "dim", True: "bold $success", False: "$error"}[session.decisions[index]]
    return Content.assemble(
        (f"{mark} ", style),
        (f"{format_value(c.value, c.unit, c.qualifier):>10}  ", "bold"),
        literal(one_line(c.metric or _("(no metric)"))),
        ("  " + _("known") if c.known_as else "", "dim"),
    )


def article_content(session: Session, index: int | None) -> Content:
    """The article with the figure's sentence underlined and its words in reverse video."""
    text = visible(session.text)
    body = Content(text)
    if index is not None and session.figures:
        c = session.figures[index]
        end_quote = c.quote_start + len(c.quote)
        if 0 <= c.quote_start < end_quote <= len(text):
            body = body.stylize("underline", c.quote_start, end_quote)
        if 0 <= c.start < c.end <= len(text):
            body = body.stylize("bold reverse", c.start, c.end)
    return body


def detail_content(session: Session, index: int | None) -> Content:
    if index is None or not session.figures:
        return Content(_("No figure about Mon espace santé was found in this article."))
    c = session.figures[index]

    labels = [
        _("value"),
        _("metric"),
        _("because"),
        _("period"),
        _("scope"),
        _("stater"),
        _("record"),
    ]
    width = max(9, max(len(label) for label in labels) + 2)

    def line(label: str, value: str | None) -> Content:
        return Content.assemble((f"{label:<{width}}", "dim"), literal(one_line(value or "—")), "\n")

    confidence = number(c.confidence, exact=True)
    return Content.assemble(
        line(labels[0], f"{format_value(c.value, c.unit, c.qualifier)}  ({c.value_text})"),
        line(
            labels[1],
            f"{c.metric or '—'}  · " + _("confidence {n}").format(n=confidence),
        ),
        line(labels[2], reason_names(c.reasons)),
        line(labels[3], format_period(c.period_start, c.period_end, c.period_precision)),
        line(labels[4], " · ".join(x for x in (c.scope, c.scope_detail, c.scope_code) if x)),
        line(labels[5], f"{c.actor} ({c.attribution})" + (f" · {c.speaker}" if c.speaker else "")),
        line(labels[6], _("known as {id}").format(id=c.known_as) if c.known_as else _("new")),
    )


class ConfirmWrite(ModalScreen[bool]):
    """The explicit confirmation before anything is written."""

    BINDINGS = [Binding("y", "yes", N_("Write")), Binding("n,escape", "no", N_("Cancel"))]

    def __init__(self, summary: str) -> None:
        super().__init__()
        self.summary = summary

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm-write"):
            yield Label(Content.assemble((_("Add to the data directory?"), "bold")))
            yield Static(literal(self.summary))
            with Horizontal(classes="buttons"):
                yield Button(_("Write (y)"), variant="primary", id="yes")
                yield Button(_("Cancel (n)"), id="no")

    @on(Button.Pressed, "#yes")
    def action_yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_no(self) -> None:
        self.dismiss(False)


class ProblemsScreen(ModalScreen[None]):
    """Why a write was refused: every problem, with file, record and field."""

    BINDINGS = [Binding("escape,enter,q", "close", N_("Close"))]

    def __init__(self, message: str, problems: list[str]) -> None:
        super().__init__()
        self.message, self.problems = message, problems

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="write-refused"):
            yield Label(Content.assemble((_("Nothing was written"), "bold $error")))
            yield Static(literal(self.message))
            with VerticalScroll():
                yield Static(literal("\n".join(self.problems)))
            yield Static(
                Content(_("Esc closes; fix the figure (m, p, s) or reject it (r).")),
                classes="hint",
            )

    def action_close(self) -> None:
        self.dismiss(None)


class ReviewScreen(Screen):
    BINDINGS = [
        Binding("a", "accept", N_("Accept")),
        Binding("r", "reject", N_("Reject")),
        Binding("m", "edit_metric", N_("Metric")),
        Binding("p", "edit_period", N_("Period")),
        Binding("s", "edit_stater", N_("Stater")),
        Binding("w", "write", N_("Write")),
        Binding("q", "quit_review", N_("Quit")),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        s = self.session
        head = (
            f"{s.name} · "
            + _("published {date}").format(date=format_date(s.published))
            + " · "
            + ngettext("{n} figure", "{n} figures", len(s.figures)).format(n=len(s.figures))
        )
        yield Static(literal(head), id="review-head")
        with Horizontal(id="review-main"):
            with Vertical(id="review-side"):
                yield OptionList(
                    *[Option(_row(s, i), id=str(i)) for i in range(len(s.figures))],
                    id="review-list",
                )
                yield Static(detail_content(s, 0 if s.figures else None), id="review-detail")
            with VerticalScroll(id="review-article"):
                yield Static(article_content(s, 0 if s.figures else None), id="review-text")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#review-list", OptionList).border_title = _("Candidates")
        self.query_one("#review-article").border_title = _("Article")
        if self.session.figures:
            self.query_one("#review-list", OptionList).highlighted = 0

    @property
    def index(self) -> int | None:
        return self.query_one("#review-list", OptionList).highlighted

    @on(OptionList.OptionHighlighted, "#review-list")
    def _show(self) -> None:
        self._refresh_current(scroll=True)

    def _refresh_current(self, scroll: bool = False) -> None:
        index = self.index
        self.query_one("#review-detail", Static).update(detail_content(self.session, index))
        self.query_one("#review-text", Static).update(article_content(self.session, index))
        if scroll and index is not None:
            # Scroll the article so the figure's line is in view.
            text = self.session.text
            line = text.count("\n", 0, self.session.figures[index].start)
            width = max(self.query_one("#review-article").size.width - 2, 20)
            wrapped = (
                sum(
                    len(part) // width + 1
                    for part in text[: self.session.figures[index].start].split("\n")
                )
                - 1
            )
            self.query_one("#review-article").scroll_to(
                y=max(0, max(line, wrapped) - 3), animate=False
            )

    def _redraw_row(self, index: int) -> None:
        options = self.query_one("#review-list", OptionList)
        options.replace_option_prompt_at_index(index, _row(self.session, index))
        self._refresh_current()

    def _decide(self, value: bool) -> None:
        index = self.index
        if index is None:
            return
        self.session.decisions[index] = value
        self._redraw_row(index)
        options = self.query_one("#review-list", OptionList)
        if index + 1 < options.option_count:
            options.highlighted = index + 1

    def action_accept(self) -> None:
        self._decide(True)

    def action_reject(self) -> None:
        self._decide(False)

    def action_edit_metric(self) -> None:
        french = current_language() == "fr"
        self._pick(
            _("Metric"),
            [
                (m.id, f"{m.label_fr if french else m.label_en}  ·  {unit_name(m.unit.value)}")
                for m in self.session.knowledge.metrics
            ],
            "metric",
        )

    def action_edit_stater(self) -> None:
        actors = self.session.knowledge.actor_names
        self._pick(_("Stater"), sorted(actors.items()), "actor")

    def _pick(self, title: str, choices: list[tuple[str, str]], field: str) -> None:
        index = self.index
        if index is None:
            return
        from mes_tui.ui.screens.pickers import ChoiceScreen

        current = getattr(self.session.figures[index], field)

        def chosen(picked: frozenset[str] | None) -> None:
            if not picked:
                return
            new = [p for p in picked if p != current] or list(picked)
            self.session.edit(
                index,
                **{
                    field: min(new),
                    "reasons": ("edited by hand",),
                    "confidence": 1.0,
                    "known_as": None,
                },
            )
            self._redraw_row(index)

        self.app.push_screen(
            ChoiceScreen(
                _("{title}: now {current} (type to narrow, Enter takes one)").format(
                    title=title, current=current or "—"
                ),
                choices,
                frozenset(),
            ),
            chosen,
        )

    def action_edit_period(self) -> None:
        index = self.index
        if index is None:
            return
        from mes_tui.ui.screens.pickers import DateRangeScreen

        figure = self.session.figures[index]

        def chosen(dates) -> None:
            if not dates or dates[0] is None or dates[1] is None:
                return
            start, end = dates
            precision = (
                "day" if (start != end and (end - start).days < 27) or start == end else "month"
            )
            self.session.edit(
                index,
                period_start=start,
                period_end=end,
                period_precision=precision,
                period_text=None,
                known_as=None,
            )
            self._redraw_row(index)

        self.app.push_screen(DateRangeScreen(figure.period_start, figure.period_end), chosen)

    def action_write(self) -> None:
        accepted = self.session.accepted()
        if not accepted:
            self.notify(
                _("Accept at least one figure (a) first; nothing is written otherwise."),
                severity="warning",
            )
            return
        summary = (
            ngettext(
                "{n} figure and their source ({source}) into {path}.",
                "{n} figures and their source ({source}) into {path}.",
                len(accepted),
            ).format(
                n=len(accepted),
                source=self.session.url or self.session.name,
                path=self.session.data_dir,
            )
            + "\n"
            + _("The dataset is validated first; the files are backed up and replaced atomically.")
        )
        self.app.push_screen(ConfirmWrite(summary), self._confirmed)

    def _confirmed(self, yes: bool | None) -> None:
        if not yes:
            self.notify(_("Nothing written."), timeout=3)
            return
        try:
            backup = self.session.write()
        except WriteRefused as refused:
            self.app.push_screen(ProblemsScreen(str(refused), [str(p) for p in refused.problems]))
            return
        self.app.written = True  # type: ignore[attr-defined]
        self.notify(
            _("Written. Backup of the previous files: {path}").format(path=backup), timeout=8
        )
        for i, decision in enumerate(self.session.decisions):
            if decision:
                self.session.decisions[i] = None
                self.session.edit(i, known_as="added")
                self._redraw_row(i)

    def action_quit_review(self) -> None:
        self.app.exit()


class ReviewApp(App):
    TITLE = "mes-tui review"
    CSS_PATH = "mes.tcss"
    BINDINGS = [Binding("ctrl+c", "quit", N_("Quit"), show=False)]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.written = False

    def get_default_screen(self) -> ReviewScreen:
        return ReviewScreen(self.session)
