"""What a navigation key sends to the terminal: over SSH, every byte of it crosses the link.

Moving through the timeline changes two of its lines, the quote pane and the scrollbar; it
must never repaint the whole screen (a ``LayoutUpdate``) nor every line of the timeline.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from mes_tui.core.filters import Filters
from mes_tui.core.paths import bundled_data_dir
from mes_tui.ui.app import MesApp
from mes_tui.ui.textual_private import FooterKey
from mes_tui.ui.timeline import Timeline
from tests.textual_private import ChopsUpdate, LayoutUpdate, RecordsUpdates
from tests.ui_support import settled, wait_loaded

MOVE_TO = re.compile(r"\x1b\[(\d+);(\d+)H")


class RecordingApp(RecordsUpdates, MesApp):
    """The explorer, keeping each update it hands to the terminal driver."""

    # Textual reads a relative CSS_PATH next to the module of the class: keep the app's own.
    CSS_PATH = str(Path(inspect.getfile(MesApp)).parent / MesApp.CSS_PATH)


async def test_a_cursor_move_repaints_only_what_changed() -> None:
    app = RecordingApp(bundled_data_dir(), Filters())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_loaded(pilot)
        await settled(pilot)
        timeline = screen.query_one(Timeline)
        keys = list(screen.query(FooterKey))
        top = timeline.region.y + 1  # below the border
        header_and_rows = range(top, top + timeline.scrollable_content_region.height)
        for _ in range(3):
            app.updates.clear()
            await pilot.press("down")
            await settled(pilot)
            kinds = {kind for kind, _ in app.updates}
            assert LayoutUpdate not in kinds, "a key press repainted the whole screen"
            assert kinds == {ChopsUpdate}
            sent = "".join(text for _, text in app.updates)
            # Timeline lines drawn from their first column (a scrollbar is drawn on its own).
            lines = {
                int(row) - 1
                for row, column in MOVE_TO.findall(sent)
                if int(column) == timeline.region.x + 1
            }
            drawn = lines & set(header_and_rows)
            assert len(drawn) <= 2, f"timeline lines repainted: {sorted(drawn)}"
            # The footer's keys are the same widgets: not composed anew at each move (which cost
            # more than the rest of the move), though the screen's bindings were refreshed.
            assert keys and list(screen.query(FooterKey)) == keys


async def test_the_first_screen_has_its_keys() -> None:
    """The footer's keys are in the very first frame, not popped in a refresh later."""
    app = RecordingApp(bundled_data_dir(), Filters())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot)
        first = next(text for kind, text in app.updates if kind is LayoutUpdate)
        plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", first)
        assert "Help" in plain and "Search" in plain, plain[-400:]
