"""Modal pickers: several metrics or actors, and a date range."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, SelectionList, Static
from textual.widgets.selection_list import Selection

from mes_tui.core.filters import parse_date_bound
from mes_tui.core.text import fold
from mes_tui.ui.safe import literal, one_line
from mes_tui.ui.steady import SteadyInput

__all__ = ["ChoiceScreen", "DateRangeScreen"]


class ChoiceList(SelectionList[str]):
    """A SelectionList that ignores a highlight queued before its options were replaced.

    Narrowing clears and refills the list; a highlight posted just before (by a key or by the
    focus) may name an index the new list no longer has. Preventing the default keeps the
    SelectionList's own handler from turning it into a highlight of a missing option.
    """

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index >= self.option_count:
            event.stop()
            event.prevent_default()


class ChoiceScreen(ModalScreen[frozenset[str] | None]):
    """Tick any number of choices; type to narrow the list; Enter applies, Esc cancels."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+a", "apply", "Apply"),
        Binding("ctrl+n", "none", "Select none"),
    ]

    def __init__(self, title: str, choices: list[tuple[str, str]], chosen: frozenset[str]) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.chosen = set(chosen)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                Content.assemble(
                    (self.title_text, "bold"),
                    ("  space ticks · enter applies · esc cancels", "dim"),
                )
            )
            yield SteadyInput(placeholder="Type to narrow…", id="narrow")
            yield ChoiceList(*self._selections(""), id="choices")

    def _selections(self, query: str) -> list[Selection[str]]:
        words = fold(query).split()
        return [
            Selection(literal(one_line(label)), key, key in self.chosen)
            for key, label in self.choices
            if all(w in fold(f"{key} {label}") for w in words)
        ]

    @on(Input.Changed, "#narrow")
    def _narrow(self, event: Input.Changed) -> None:
        choices = self.query_one("#choices", SelectionList)
        choices.clear_options()
        choices.add_options(self._selections(event.value))

    @on(SelectionList.SelectionToggled)
    def _toggled(self, event: SelectionList.SelectionToggled) -> None:
        value = event.selection.value
        self.chosen.symmetric_difference_update({value})

    @on(Input.Submitted, "#narrow")
    def _submitted_narrow(self) -> None:
        choices = self.query_one("#choices", SelectionList)
        if choices.option_count == 1 and not self.chosen:
            self.chosen = {choices.get_option_at_index(0).value}
        self.action_apply()

    def on_key(self, event) -> None:
        if event.key == "enter" and isinstance(self.focused, SelectionList):
            event.stop()
            self.action_apply()
        elif event.key == "down" and isinstance(self.focused, Input):
            event.stop()
            self.query_one("#choices", SelectionList).focus()

    def on_descendant_focus(self, event) -> None:
        # Space must tick something as soon as the list has the focus.
        widget = event.widget
        if isinstance(widget, SelectionList) and widget.highlighted is None and widget.option_count:
            widget.highlighted = 0

    def action_apply(self) -> None:
        self.dismiss(frozenset(self.chosen))

    def action_none(self) -> None:
        self.chosen.clear()
        self.query_one("#choices", SelectionList).deselect_all()

    def action_cancel(self) -> None:
        self.dismiss(None)


class DateRangeScreen(ModalScreen[tuple[date | None, date | None] | None]):
    """Two dates, each YYYY, YYYY-MM or YYYY-MM-DD, either left empty."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, since: date | None, until: date | None) -> None:
        super().__init__()
        self.since, self.until = since, until

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                Content.assemble(
                    ("Date range", "bold"), ("  YYYY, YYYY-MM or YYYY-MM-DD · empty: open", "dim")
                )
            )
            with Horizontal(classes="fields"):
                yield SteadyInput(
                    self.since.isoformat() if self.since else "", placeholder="since", id="since"
                )
                yield SteadyInput(
                    self.until.isoformat() if self.until else "", placeholder="until", id="until"
                )
            yield Static("", id="date-error")
            with Horizontal(classes="buttons"):
                yield Button("Apply", variant="primary", id="apply")
                yield Button("Cancel", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#apply")
    def _apply(self) -> None:
        try:
            since_text = self.query_one("#since", Input).value.strip()
            until_text = self.query_one("#until", Input).value.strip()
            since = parse_date_bound(since_text) if since_text else None
            until = parse_date_bound(until_text, end=True) if until_text else None
            if since and until and since > until:
                raise ValueError(f"since {since} is after until {until}")
        except ValueError as error:
            self.query_one("#date-error", Static).update(literal(str(error), "$error"))
            return
        self.dismiss((since, until))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
