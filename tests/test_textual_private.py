"""What the app and the tests take from Textual beyond its public API still works: an upgrade
that breaks a workaround fails here, by name (mes_tui/ui/textual_private.py and
tests/textual_private.py hold them all)."""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Static

from mes_tui.ui.footer import KeysFooter
from mes_tui.ui.textual_private import footer_keys_at_once
from tests import textual_private


class _FooterApp(App[None]):
    BINDINGS = [Binding("x", "bell", "Ring")]

    def __init__(self, footer: type[Footer]) -> None:
        super().__init__()
        self.footer_class = footer
        self.keys_when_mounted: int | None = None

    def compose(self) -> ComposeResult:
        yield Static("body")
        yield self.footer_class()

    def on_mount(self) -> None:
        self.keys_when_mounted = len(self.query("FooterKey"))


def test_the_footer_workaround_still_reaches_textual() -> None:
    assert footer_keys_at_once(Footer())


async def test_the_footer_has_its_keys_when_first_mounted() -> None:
    app = _FooterApp(KeysFooter)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.keys_when_mounted == len(app.query("FooterKey")) >= 2  # Ring, palette


async def test_textual_own_footer_still_starts_empty() -> None:
    """Else the workaround is no longer needed: remove it."""
    app = _FooterApp(Footer)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.keys_when_mounted == 0
        await pilot.pause()


async def test_the_tests_private_helpers_still_work() -> None:
    class Keys(textual_private.RecordsUpdates):
        def __init__(self) -> None:
            super().__init__()
            self.keys: list[str] = []

        def on_key(self, event: Any) -> None:
            self.keys.append(event.key)

    app = Keys()
    async with app.run_test(size=(40, 10)) as pilot:
        textual_private.send_key(pilot, "a")
        textual_private.send_key(pilot, "/")
        textual_private.send_resize(pilot, 30, 8)
        await textual_private.settle(pilot)
        await pilot.pause()
        assert app.keys == ["a", "slash"]
        assert app.size == (30, 8)
        app.notify("hello")
        await pilot.pause()
        assert [n.message for n in textual_private.notifications(app)] == ["hello"]
        assert textual_private.app_error(app) is None
        assert app.updates and all(
            issubclass(kind, textual_private.CompositorUpdate) for kind, _ in app.updates
        )
        assert textual_private.LayoutUpdate in {kind for kind, _ in app.updates}
