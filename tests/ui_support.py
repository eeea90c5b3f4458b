"""Shared helpers for the tests that drive the explorer (Pilot, snapshots)."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.screen import Screen

from mes_tui.ui.explorer import ExplorerScreen
from mes_tui.ui.screens.errors import DataErrorScreen


async def wait_loaded(pilot: Pilot, tries: int = 200) -> Screen:
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


async def wait_for(pilot: Pilot, predicate, tries: int = 100) -> None:
    """Pause until ``predicate()`` holds (the UI updates through messages)."""
    for _ in range(tries):
        if predicate():
            return
        await pilot.pause(0.05)
    raise AssertionError("condition not reached")
