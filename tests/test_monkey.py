"""The explorer survives abuse: absurd terminal sizes, resize storms and thousands of random keys.

Textual exits the app on an unhandled exception, so "still running, no exception recorded" is
the property checked after every burst. The random sequences are seeded: every run is the same.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from mes_tui.core.export import ExportError
from mes_tui.core.export import write_atomic as real_write_atomic
from mes_tui.ui.app import create_app
from mes_tui.ui.explorer import ExplorerScreen
from mes_tui.ui.screens import export as export_screen
from mes_tui.ui.timeline import Timeline
from tests.textual_private import app_error, send_key, send_resize, settle
from tests.ui_support import wait_for, wait_loaded

pytestmark = pytest.mark.slow
CAZENEUVE = 3  # figures whose quote or labels mention Marguerite Cazeneuve

# Everything a user may type, except the keys that quit (q, ctrl+c, ctrl+q).
PRINTABLE = list(
    "abcdefghijklmnoprstuvwxyzABCDEFGHIJKLMNOPRSTUVWXYZ0123456789"
    " .,;:-_'\"()[]{}<>=+*&^%$#@!~`|\\/éèàç€«»"
)
SPECIAL = [
    "up",
    "down",
    "left",
    "right",
    "home",
    "end",
    "pageup",
    "pagedown",
    "tab",
    "shift+tab",
    "escape",
    "enter",
    "space",
    "backspace",
    "delete",
]
APP_KEYS = [*"madxocegz123", "question_mark", "slash"]
KEYS = PRINTABLE + SPECIAL * 4 + APP_KEYS * 6


def alive(pilot: Pilot) -> None:
    app = pilot.app
    assert app_error(app) is None, repr(app_error(app))
    assert app.is_running and app.return_code is None
    assert app.screen is not None


async def back_to_explorer(pilot: Pilot, tries: int = 20) -> ExplorerScreen:
    """Press escape until the explorer is on top (escape never quits it)."""
    for _ in range(tries):
        if isinstance(pilot.app.screen, ExplorerScreen) and len(pilot.app.screen_stack) == 1:
            break
        await pilot.press("escape")
        await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ExplorerScreen), screen
    return screen


async def still_responds(pilot: Pilot) -> None:
    """After the abuse, the explorer still filters: search for Cazeneuve gives her figures."""
    screen = await back_to_explorer(pilot)
    screen.set_filters(
        metrics=frozenset(), actors=frozenset(), since=None, until=None, search="cazeneuve"
    )
    await wait_for(pilot, lambda: len([r for r in screen.rows if not r.key.is_event]) == CAZENEUVE)
    assert screen.query_one("#search", Input).value == "cazeneuve"
    alive(pilot)


@pytest.fixture
def export_jail(tmp_path: Path, monkeypatch) -> list[Path]:
    """Exports land in tmp_path only: random typing may edit the path to anywhere."""
    monkeypatch.chdir(tmp_path)
    refused: list[Path] = []

    def jailed(path: Path, text: str, *, force: bool = False) -> None:
        resolved = Path(path).resolve()
        if not resolved.is_relative_to(tmp_path.resolve()):
            refused.append(resolved)
            raise ExportError("cannot_write", path, "outside the test's directory")
        real_write_atomic(path, text, force=force)

    monkeypatch.setattr(export_screen, "write_atomic", jailed)
    return refused


@pytest.mark.parametrize("size", [(100, 30), (40, 12)])
async def test_extreme_sizes_and_back(size: tuple[int, int]) -> None:
    async with create_app().run_test(size=size) as pilot:
        await wait_loaded(pilot)
        for width, height in [
            (1, 1),
            (20, 5),
            (80, 24),
            (200, 60),
            (1, 1),
            (2, 60),
            (200, 1),
            size,
        ]:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            alive(pilot)
            assert pilot.app.size == (width, height)
        await still_responds(pilot)


async def test_every_screen_at_one_by_one(export_jail) -> None:
    # Open each dialog, shrink to 1×1, grow back, close it.
    async with create_app().run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        for key in ["m", "a", "d", "o", "e", "question_mark", "3", "g", "z", "slash"]:
            await pilot.press(key)
            await pilot.pause()
            for width, height in [(1, 1), (20, 5), (1, 1), (100, 30)]:
                await pilot.resize_terminal(width, height)
                alive(pilot)
            await back_to_explorer(pilot)
        await still_responds(pilot)


async def test_resize_storm() -> None:
    rng = random.Random(20250213)
    async with create_app().run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        for step in range(1, 201):
            send_resize(pilot, rng.randint(1, 220), rng.randint(1, 70))
            if step % 3 == 0:
                send_key(pilot, rng.choice(["down", "up", "2", "3", "1", "z", "g", "tab"]))
            await settle(pilot)
            if step % 20 == 0:
                await pilot.pause()
                alive(pilot)
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        await still_responds(pilot)


@pytest.mark.parametrize("seed", [1, 2])
async def test_monkey_keys(seed: int, export_jail) -> None:
    rng = random.Random(seed)
    app = create_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_loaded(pilot)
        for step in range(1, 1001):
            send_key(pilot, rng.choice(KEYS))
            if rng.random() < 0.02:
                send_resize(pilot, rng.randint(1, 200), rng.randint(1, 60))
            await settle(pilot)
            if step % 50 == 0:
                await pilot.pause()
                alive(pilot)
        await pilot.resize_terminal(120, 36)
        for _ in range(5):
            await pilot.press("escape")
        await pilot.pause()
        alive(pilot)
        await still_responds(pilot)
    assert app_error(app) is None


@pytest.mark.parametrize("key", ["up", "down", "pageup", "pagedown", "home", "end", "enter"])
async def test_moving_in_an_empty_timeline(key: str) -> None:
    # Found by the monkey: a search that matches nothing, then a movement key.
    app = create_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await wait_loaded(pilot)
        screen.set_filters(search="nothing matches this")
        await wait_for(pilot, lambda: not screen.rows)
        screen.query_one(Timeline).focus()
        await pilot.press(key, key)
        await pilot.pause()
        alive(pilot)
        assert screen.selected is None or screen.rows
        await still_responds(pilot)
