"""The one place the tests reach past Textual's public API, where the Pilot offers no way.

``tests/test_textual_private.py`` checks every name used here against the installed Textual,
so an upgrade that moves one fails there, with its name, rather than as a puzzle elsewhere.
"""

from __future__ import annotations

import asyncio
import unicodedata
from typing import Any

from textual import events
from textual._compositor import ChopsUpdate, CompositorUpdate, LayoutUpdate
from textual.app import App
from textual.geometry import Size
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.notifications import Notification
from textual.pilot import Pilot

__all__ = [
    "ChopsUpdate",
    "CompositorUpdate",
    "LayoutUpdate",
    "RecordsUpdates",
    "app_error",
    "notifications",
    "send_key",
    "send_resize",
    "settle",
]


def app_error(app: App[Any]) -> BaseException | None:
    """The exception that stopped (or is stopping) ``app``, if any."""
    error: BaseException | None = app._exception
    return error


def notifications(app: App[Any]) -> list[Notification]:
    """The notifications ``app`` shows now."""
    return list(app._notifications)


def send_key(pilot: Pilot[Any], key: str) -> None:
    """Queue a key press as ``Pilot.press`` builds it, without its wait for the app to idle
    (about 0.2 s a key); ``settle`` then waits for the screen to handle it."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    original = REPLACED_KEYS.get(key, key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = key if len(key) == 1 else None
    event = events.Key(key, char)
    event.set_sender(pilot.app)
    driver = pilot.app._driver
    assert driver is not None
    driver.send_message(event)


def send_resize(pilot: Pilot[Any], width: int, height: int) -> None:
    """Queue a terminal resize without waiting for the layout (see ``Pilot.resize_terminal``)."""
    size = Size(width, height)
    driver = pilot.app._driver
    assert driver is not None
    driver._size = size
    pilot.app.post_message(events.Resize(size, size))


async def settle(pilot: Pilot[Any]) -> None:
    """Let the screen handle what was queued (cheaper than ``Pilot.press``'s wait for idle)."""
    await asyncio.sleep(0)
    await pilot._wait_for_screen()


class RecordsUpdates(App[Any]):
    """An app keeping each update it hands to the terminal driver: (kind, text sent)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.updates: list[tuple[type, str]] = []

    def _display(self, screen: Any, renderable: Any) -> None:
        if isinstance(renderable, CompositorUpdate):
            self.updates.append((type(renderable), renderable.render_segments(self.console)))
        super()._display(screen, renderable)
