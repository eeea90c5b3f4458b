"""Shared helpers for the tests that drive the explorer (Pilot, snapshots)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import OptionList

from mes_tui.ui.explorer import ExplorerScreen
from mes_tui.ui.screens.errors import DataErrorScreen


async def wait_started(pilot: Pilot[Any], tries: int = 200) -> Screen[Any]:
    """Wait until the worker has loaded the data (or the error screen replaced the explorer)."""
    for _ in range(tries):
        screen = pilot.app.screen
        if isinstance(screen, DataErrorScreen):
            await pilot.pause()
            return screen
        if isinstance(screen, ExplorerScreen) and screen.frames is not None:
            await pilot.pause()
            await pilot.pause()
            return screen
        await pilot.pause(0.05)
    raise AssertionError("the explorer did not finish loading")


async def wait_loaded(pilot: Pilot[Any], tries: int = 200) -> ExplorerScreen:
    """Wait until the explorer shows the loaded data; fail if the error screen came instead."""
    screen = await wait_started(pilot, tries)
    assert isinstance(screen, ExplorerScreen), f"the data did not load: {screen}"
    return screen


async def settled(pilot: Pilot[Any]) -> None:
    """Wait until every worker (loading, the metric view) has finished and the screen has
    handled what they sent: a condition, not a fixed time."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()  # a message handled may have started one
    await pilot.pause()


def palette_offers(pilot: Pilot[Any], text: str) -> bool:
    """The command palette is open and its first entry holds ``text``."""
    palette = pilot.app.screen
    if not isinstance(palette, CommandPalette):
        return False
    options = palette.query_one(OptionList)
    return options.option_count > 0 and text in str(options.get_option_at_index(0).prompt)


async def wait_for(pilot: Pilot[Any], predicate: Callable[[], object], tries: int = 100) -> None:
    """Pause until ``predicate()`` holds (the UI updates through messages)."""
    for _ in range(tries):
        if predicate():
            return
        await pilot.pause(0.05)
    raise AssertionError("condition not reached")
