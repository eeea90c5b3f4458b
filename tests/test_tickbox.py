"""The export dialog's checkbox says ticked or not without colour: [x] or [ ]."""

from __future__ import annotations

from textual.app import App, ComposeResult

from mes_tui.ui.tickbox import TickBox
from tests.ui_support import wait_for


class _Box(App[None]):
    def compose(self) -> ComposeResult:
        yield TickBox("French CSV", value=True)


async def test_the_mark_follows_the_value_in_text_not_colour() -> None:
    app = _Box()
    async with app.run_test(size=(40, 3)) as pilot:
        box = app.query_one(TickBox)
        assert box.render().plain.startswith("[x]")
        await pilot.click(TickBox)
        await wait_for(pilot, lambda: not box.value)
        assert box.render().plain.startswith("[ ]")
        box.toggle()
        await wait_for(pilot, lambda: box.value)
        assert box.render().plain.startswith("[x]")
