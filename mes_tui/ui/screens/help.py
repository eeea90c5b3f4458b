"""The keys of the screen below, grouped by task with a line each, read from its bindings so
the help never lists a key that does nothing there; and what the symbols mean."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from mes_tui.present.language import N_, _
from mes_tui.ui.glyphs import glyph
from mes_tui.ui.keymap import HELP_GROUPS, LEGEND, MOVE_KEYS

__all__ = ["HelpScreen", "help_groups", "key_rows"]


def _keys_by_action(screen: Screen) -> dict[str, list[str]]:
    keys: dict[str, list[str]] = {}
    for node, binding, _enabled, _tooltip in screen.active_bindings.values():
        if binding.system:
            continue
        name = f"app.{binding.action}" if node is screen.app else binding.action
        shown = screen.app.get_key_display(binding)
        found = keys.setdefault(name, [])
        if shown not in found:
            (found.insert(0, shown) if binding.show else found.append(shown))
    return keys


def help_groups(screen: Screen) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """(task, [(keys, what they do, action)]) for the keys ``screen`` answers, grouped by task,
    in the current language; an empty list when the screen has none of the explorer's tasks."""
    keys = _keys_by_action(screen)
    if not any(action in keys for _task, entries in HELP_GROUPS[:-1] for action, _w in entries):
        return []
    groups = []
    for task, entries in HELP_GROUPS:
        rows = [
            (" ".join(keys[action]), _(what), action) for action, what in entries if action in keys
        ]
        if rows:
            groups.append((_(task), rows))
    return groups


def key_rows(screen: Screen) -> list[tuple[str, str]]:
    """(keys, description) for every binding active on ``screen``, from its own bindings:
    the help of a screen that is not the explorer's."""
    seen: dict[str, list[str]] = {}
    actives = list(screen.active_bindings.values())
    own = [a for a in actives if a.node is screen or a.node is screen.app]
    for active in own:
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

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        groups = help_groups(screen)
        self.legend = bool(groups)
        self.groups = [(task, [(k, w) for k, w, _a in rows]) for task, rows in groups] or [
            (_("Keys"), key_rows(screen))
        ]
        self.rows = [row for _task, rows in self.groups for row in rows]

    def compose(self) -> ComposeResult:
        width = min(12, max((len(keys) for keys, _ in self.rows), default=4))
        lines: list = []
        for task, rows in self.groups:
            lines.append(Content.assemble((task, "bold underline"), "\n"))
            for keys, what in rows:
                lines.append(Content.assemble((f"{keys:>{width}}  ", "bold $accent"), what, "\n"))
            lines.append("\n")
        if self.legend:
            lines.append(Content.assemble((_("Symbols"), "bold underline"), "\n"))
            for name, meaning in LEGEND:
                lines.append(
                    Content.assemble(
                        (f"{glyph(name):>{width}}  ", "bold $accent"), _(meaning), "\n"
                    )
                )
            lines.append(Content.assemble("\n", (_(MOVE_KEYS), "dim")))
        with Vertical(classes="dialog", id="help"):
            yield Static(
                Content.assemble(
                    (_("Keys"), "bold"), ("  ·  " + _("↑ ↓ scroll · esc closes"), "dim")
                )
            )
            with VerticalScroll(id="help-body"):
                yield Static(Content.assemble(*lines))
