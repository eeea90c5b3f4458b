"""Shared helpers for the tests that drive the explorer (Pilot, snapshots)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from typing import Any

from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import OptionList

from mes_tui.ui.explorer import ExplorerScreen
from mes_tui.ui.screens.errors import DataErrorScreen


def _pauses(tries: int) -> Iterator[float]:
    """The pauses between two looks at a condition: short at first (most conditions hold a few
    milliseconds after a key), then ``tries`` of 50 ms, so the patience is never less."""
    yield from (0.005, 0.01, 0.02, 0.04)
    yield from [0.05] * tries


async def wait_started(pilot: Pilot[Any], tries: int = 200) -> Screen[Any]:
    """Wait until the worker has loaded the data (or the error screen replaced the explorer)."""
    for delay in _pauses(tries):
        screen = pilot.app.screen
        if isinstance(screen, DataErrorScreen):
            await pilot.pause()
            return screen
        if isinstance(screen, ExplorerScreen) and screen.frames is not None:
            await pilot.pause()
            await pilot.pause()
            return screen
        await pilot.pause(delay)
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


def keys_then_settled(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """A snapshot's ``run_before``: the data loaded and every worker done, then each key pressed
    and what it started finished (conditions, not fixed times)."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await wait_loaded(pilot)
        await settled(pilot)
        for key in keys:
            await pilot.press(key)
            await settled(pilot)

    return run_before


def palette_offers(pilot: Pilot[Any], text: str) -> bool:
    """The command palette is open and its first entry holds ``text``."""
    palette = pilot.app.screen
    if not isinstance(palette, CommandPalette):
        return False
    options = palette.query_one(OptionList)
    return options.option_count > 0 and text in str(options.get_option_at_index(0).prompt)


async def wait_for(
    pilot: Pilot[Any],
    predicate: Callable[[], object],
    tries: int = 100,
    what: str = "condition",
) -> None:
    """Pause until ``predicate()`` holds (the UI updates through messages)."""
    for delay in _pauses(tries):
        if predicate():
            return
        await pilot.pause(delay)
    raise AssertionError(f"{what} not reached")
