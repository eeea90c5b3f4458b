"""The footer: the keys that matter most, as many as the width holds, from the first frame."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer

from mes_tui.present.language import N_, _
from mes_tui.ui.keymap import FOOTER_ORDER, FOOTER_PRIORITY
from mes_tui.ui.textual_private import FooterKey, footer_keys_at_once

__all__ = ["KeysFooter", "footer_keys"]

# Shorter words than the bindings' own where the footer is tight.
_SHORT = {
    "show_pane('detail')": N_("Chart"),
    "app.command_palette": N_("Palette"),
    "history_back": N_("Back"),
    "toggle_zero": N_("Y 0/fit"),
    "save_chart": N_("SVG"),
    "toggle_series": N_("Series"),
    "cursor(1)": N_("Figure"),
}


def _name(node: object, binding: Binding, app: App) -> str:
    return f"app.{binding.action}" if node is app else binding.action


def footer_keys(screen: Screen, width: int, gap: int = 2) -> list[tuple[str, Binding, str]]:
    """(action, binding, label) of the keys to show in ``width`` cells: by priority (help and
    quit first, then the focused pane's own keys), drawn in their usual order. The metric
    pane's key is shown only when that pane is hidden (a narrow screen)."""
    app = screen.app
    found: dict[str, tuple[Binding, bool]] = {}
    for node, binding, enabled, _tooltip in screen.active_bindings.values():
        name = _name(node, binding, app)
        if name in FOOTER_PRIORITY and (name not in found or binding.show):
            found[name] = (binding, enabled)  # a shown binding (q) wins over a hidden one (^q)
    if not screen.has_class("-narrow"):
        found.pop("show_pane('detail')", None)
    # A screen of its own (the source document, a dialog) has keys the table does not know:
    # they come right after help and quit, drawn first.
    own: list[str] = []
    if all(name.startswith("app.") for name in found):
        for node, binding, enabled, _tooltip in screen.active_bindings.values():
            name = _name(node, binding, app)
            if node is screen and binding.show and name not in found:
                found[name] = (binding, enabled)
                own.append(name)
    # The focused pane's own keys (the metric pane's views, cursor, y axis) come next: they
    # are what the reader is using.
    for node, binding, enabled, _tooltip in screen.active_bindings.values():
        name = _name(node, binding, app)
        if node is not screen and node is not app and binding.show and name not in found:
            found[name] = (binding, enabled)
            own.append(name)
    chosen: dict[str, tuple[Binding, str]] = {}
    room = width - 1
    for name in (*FOOTER_PRIORITY[:2], *own, *FOOTER_PRIORITY[2:]):
        if name not in found:
            continue
        binding, _enabled = found[name]
        label = _(_SHORT.get(name, binding.description))
        cost = cell_len(app.get_key_display(binding)) + 1 + cell_len(label) + gap
        if cost <= room:
            chosen[name] = (binding, label)
            room -= cost
    return [(name, *chosen[name]) for name in (*own, *FOOTER_ORDER) if name in chosen]


class KeysFooter(Footer):
    """Textual's footer, with the keys chosen by priority for the width, drawn at once.

    Textual's footer stays empty until the screen's bindings first change, which comes a
    refresh later: the keys would pop in after the first screen, and a start would look
    unfinished for a frame or two. The bindings are known when the footer is composed.
    """

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("show_command_palette", False)
        super().__init__(*args, **kwargs)
        self._ready = footer_keys_at_once(self)
        self._width = 0
        self._shown: list[tuple[str, str, str]] = []

    @staticmethod
    def _compact(width: int) -> bool:
        """One space between keys, not two, below 100 columns."""
        return width < 100

    def _keys(self, width: int) -> list[tuple[str, str, str, Binding]]:
        """(action, key as drawn, label, binding) of the keys that fit ``width``."""
        gap = 1 if self._compact(width) else 2
        return [
            (action, self.app.get_key_display(binding), label, binding)
            for action, binding, label in footer_keys(self.screen, width, gap)
        ]

    def compose(self):
        self._width = self.app.size.width
        self.compact = self._compact(self._width)
        keys = self._keys(self._width)
        self._shown = [key[:3] for key in keys]
        for _action, display, label, binding in keys:
            key = FooterKey(
                binding.key,
                display,
                label,
                binding.action,
                classes="-compact" if self.compact else "",
            )
            # Born in the footer's size (a class set after mounting restyles each key); the
            # footer is composed again when its width changes, so the keys never change size.
            key.set_reactive(FooterKey.compact, self.compact)
            yield key

    def bindings_changed(self, screen: Screen) -> None:
        """Draw the keys again only when they change. The screen's bindings are refreshed at
        every move of the cursor (the metric pane's keys depend on what it shows), and
        composing the footer anew each time cost more than the rest of the move."""
        if (
            self.is_attached
            and screen is self.screen
            and self.app.size.width == self._width
            and [key[:3] for key in self._keys(self._width)] == self._shown
        ):
            return
        super().bindings_changed(screen)

    def on_resize(self) -> None:
        if self.app.size.width != self._width:
            self.call_after_refresh(self.recompose)
