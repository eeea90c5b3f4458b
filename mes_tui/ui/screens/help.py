"""Every key of the screen below, read from its bindings so the help can never drift."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from mes_tui.present.language import N_, _

__all__ = ["HelpScreen", "key_rows"]


def key_rows(screen: Screen) -> list[tuple[str, str]]:
    """(keys, description) for every binding active on ``screen``, app bindings included.

    The screen's and the app's own keys come first; the focused widget's (cursor movement and
    the like) follow.
    """
    seen: dict[str, list[str]] = {}
    actives = list(screen.active_bindings.values())
    own = [a for a in actives if a.node is screen or a.node is screen.app]
    for active in own + [a for a in actives if a not in own]:
        binding = active.binding
        if binding.system or not binding.description:
            continue
        shown = screen.app.get_key_display(binding)
        keys = seen.setdefault(_(binding.description), [])
        if shown not in keys:
            keys.append(shown)
    return [(" / ".join(keys), description) for description, keys in seen.items()]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", N_("Close")),
        Binding("question_mark", "dismiss", N_("Close"), show=False),
        Binding("f1", "dismiss", N_("Close"), show=False),
        Binding("q", "dismiss", N_("Close"), show=False),
    ]

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        width = max((len(keys) for keys, _words in self.rows), default=4) + 2
        lines = [
            Content.assemble((f"{keys:>{width}}  ", "bold $accent"), description, "\n")
            for keys, description in self.rows
        ]
        with Vertical(classes="dialog", id="help"):
            yield Static(Content.assemble((_("Keys"), "bold"), ("  ·  " + _("esc closes"), "dim")))
            with VerticalScroll():
                yield Static(Content.assemble(*lines))
            yield Static(
                Content(
                    _("In the timeline: ↑ ↓ PgUp PgDn Home End move · Tab moves between panes.")
                    + "\n"
                    + _(
                        "Ctrl+P opens the command palette: jump to any metric, actor or source, "
                        "or switch the language."
                    )
                ),
                classes="hint",
            )
