"""Modal pickers: several metrics or actors, and a date range."""

from __future__ import annotations

import re
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from mes_tui.core.filters import DateBoundError, parse_date_bound, split_date_range
from mes_tui.core.text import fold
from mes_tui.present.formats import format_date
from mes_tui.present.language import N_, _
from mes_tui.present.messages import date_error
from mes_tui.ui.safe import literal, one_line
from mes_tui.ui.steady import SteadyInput

__all__ = ["ChoiceScreen", "DateRangeScreen", "tick"]


# More than one date's worth: a space, a dash between dates, "..", "to"…
_RANGE_HINT = re.compile(r"\d{4}\S*(?:[\s–—,;→]+|\.\.)\S|\d{4}-\d{4}")


def tick(ticked: bool) -> str:
    """The glyph of a row: ticked or not is told by the shape, not only by a colour."""
    return "[x]" if ticked else "[ ]"


class ChoiceList(OptionList):
    """The choices, each drawn with its tick box. Paging right after the list was narrowed
    (before it is laid out again) moves by ten instead of failing."""

    def _page(self, direction: int) -> None:
        if self.option_count:
            current = self.highlighted if self.highlighted is not None else 0
            self.highlighted = max(0, min(self.option_count - 1, current + 10 * direction))

    def action_page_down(self) -> None:
        try:
            super().action_page_down()
        except KeyError:
            self._page(1)

    def action_page_up(self) -> None:
        try:
            super().action_page_up()
        except KeyError:
            self._page(-1)


class ChoiceScreen(ModalScreen[frozenset[str] | None]):
    """Type to narrow; ↑ ↓ choose; space ticks; Enter applies the ticked choices, or the
    highlighted one when nothing was ticked after narrowing; Esc cancels."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel")),
        Binding("ctrl+a", "apply", N_("Apply")),
        Binding("ctrl+n", "none", N_("Select none")),
    ]

    def __init__(self, title: str, choices: list[tuple[str, str]], chosen: frozenset[str]) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.chosen = set(chosen)
        self.touched = False  # whether a tick was changed here
        self._shown_query = ""  # what the list is narrowed to

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="picker"):
            yield Label(Content.assemble((self.title_text, "bold")))
            yield SteadyInput(placeholder=_("Type to narrow…"), id="narrow")
            yield ChoiceList(*self._options(""), id="choices")
            yield Static(
                Content.assemble(
                    *_keys(
                        (_("type"), _("narrows")),
                        ("↑ ↓", _("choose")),
                        ("space", _("ticks")),
                        ("enter", _("applies")),
                        ("^n", _("ticks none")),
                        ("esc", _("cancels")),
                    )
                ),
                classes="hint",
                id="picker-keys",
            )
            yield Static(
                Content(
                    _(
                        "Enter applies the ticked rows, or the highlighted one if you typed "
                        "and ticked nothing; it replaces this filter."
                    )
                ),
                classes="hint-line",
            )

    def _options(self, query: str) -> list[Option]:
        words = fold(query).split()
        return [
            Option(self._prompt(key, label), id=key)
            for key, label in self.choices
            if all(w in fold(f"{key} {label}") for w in words)
        ]

    def _prompt(self, key: str, label: str) -> Content:
        ticked = key in self.chosen
        return Content.assemble(
            (tick(ticked) + " ", "bold $accent" if ticked else "dim"), literal(one_line(label))
        )

    def on_mount(self) -> None:
        choices = self.query_one(ChoiceList)
        first = next((i for i, (k, _) in enumerate(self.choices) if k in self.chosen), 0)
        if choices.option_count:
            choices.highlighted = first

    @on(Input.Changed, "#narrow")
    def _narrow(self, event: Input.Changed) -> None:
        choices = self.query_one(ChoiceList)
        choices.clear_options()
        choices.add_options(self._options(event.value))
        self._shown_query = event.value
        if choices.option_count:
            choices.highlighted = 0

    def _highlighted(self) -> str | None:
        choices = self.query_one(ChoiceList)
        if choices.highlighted is None or choices.highlighted >= choices.option_count:
            return None
        return choices.get_option_at_index(choices.highlighted).id

    def action_tick(self) -> None:
        key = self._highlighted()
        if key is None:
            return
        self.chosen.symmetric_difference_update({key})
        self.touched = True
        label = dict(self.choices)[key]
        self.query_one(ChoiceList).replace_option_prompt(key, self._prompt(key, label))

    def on_key(self, event) -> None:
        choices = self.query_one(ChoiceList)
        in_field = isinstance(self.focused, Input)
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.action_apply()
        elif event.key == "space" and not in_field:
            event.stop()
            event.prevent_default()
            self.action_tick()
        elif in_field and event.key in ("down", "up", "pagedown", "pageup"):
            # The highlight moves from the field, so typing and choosing need no Tab.
            event.stop()
            event.prevent_default()
            choices.focus()
            if not choices.option_count:
                return
            # Moved by index, not by the list's own paging (it needs a layout the narrowing
            # may just have thrown away).
            step = {"down": 1, "up": -1, "pagedown": 10, "pageup": -10}[event.key]
            current = choices.highlighted if choices.highlighted is not None else 0
            choices.highlighted = max(0, min(choices.option_count - 1, current + step))

    def action_apply(self) -> None:
        query = self.query_one("#narrow", Input).value
        if not self.touched and query.strip():
            # Typed fast, Enter may come before the list is narrowed to the last letters:
            # then the first choice matching all of them is the one meant.
            if query != self._shown_query:
                first = self._options(query)[:1]
                key = first[0].id if first else None
            else:
                key = self._highlighted()
            if key is None:
                self.notify(_("Nothing matches what you typed"), severity="warning", timeout=3)
                return
            self.dismiss(frozenset({key}))
            return
        self.dismiss(frozenset(self.chosen))

    def action_none(self) -> None:
        self.chosen.clear()
        self.touched = True
        choices = self.query_one(ChoiceList)
        labels = dict(self.choices)
        for index in range(choices.option_count):
            key = choices.get_option_at_index(index).id
            if key is not None:
                choices.replace_option_prompt_at_index(index, self._prompt(key, labels[key]))

    def action_cancel(self) -> None:
        self.dismiss(None)


def _keys(*pairs: tuple[str, str]) -> list[tuple[str, str] | str]:
    parts: list[tuple[str, str] | str] = []
    for key, what in pairs:
        if parts:
            parts.append(("  ", ""))
        parts += [(key, "bold $accent"), f" {what}"]
    return parts


class DateRangeScreen(ModalScreen[tuple[date | None, date | None] | None]):
    """Two dates, each YYYY, YYYY-MM or YYYY-MM-DD, either left empty."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, since: date | None, until: date | None) -> None:
        super().__init__()
        self.since, self.until = since, until

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                Content.assemble(
                    (_("Date range"), "bold"),
                    ("  " + _("YYYY, YYYY-MM or YYYY-MM-DD · empty: open"), "dim"),
                )
            )
            with Horizontal(classes="fields"):
                yield SteadyInput(
                    self.since.isoformat() if self.since else "", placeholder=_("since"), id="since"
                )
                yield SteadyInput(
                    self.until.isoformat() if self.until else "", placeholder=_("until"), id="until"
                )
            yield Static("", id="date-error")
            with Horizontal(classes="buttons"):
                yield Button(_("Apply"), variant="primary", id="apply")
                yield Button(_("Cancel"), id="cancel")

    @on(Input.Changed, "#since")
    def _pasted(self, event: Input.Changed) -> None:
        """A range pasted (or typed) whole into the first field goes into both fields."""
        if not _RANGE_HINT.search(event.value):
            return
        since = self.query_one("#since", Input)
        until = self.query_one("#until", Input)
        error = self.query_one("#date-error", Static)
        parts = split_date_range(event.value)
        if parts is None:
            error.update(
                literal(
                    _(
                        "{text} is not a date nor a range of two: "
                        "give YYYY, YYYY-MM or YYYY-MM-DD in each field"
                    ).format(text=repr(event.value.strip())),
                    "$error",
                )
            )
            return
        error.update("")
        with since.prevent(Input.Changed):
            since.value = parts[0]
        until.value = parts[1]
        # Keys still arriving (a paste typed in) extend the date instead of replacing it.
        until.select_on_focus = False
        until.focus()
        until.cursor_position = len(until.value)

    @on(Input.Submitted)
    @on(Button.Pressed, "#apply")
    def _apply(self) -> None:
        try:
            since_text = self.query_one("#since", Input).value.strip()
            until_text = self.query_one("#until", Input).value.strip()
            since = until = None
            for text, end in ((since_text, False), (until_text, True)):
                if text:
                    try:
                        day = parse_date_bound(text, end=end)
                    except DateBoundError as error:
                        raise ValueError(date_error(error)) from None
                    since, until = (since, day) if end else (day, until)
            if since and until and since > until:
                raise ValueError(
                    _("since {since} is after until {until}").format(
                        since=format_date(since), until=format_date(until)
                    )
                )
        except ValueError as error:
            self.query_one("#date-error", Static).update(literal(str(error), "$error"))
            return
        self.dismiss((since, until))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
