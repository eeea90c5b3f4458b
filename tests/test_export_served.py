"""Export in a served explorer: a file name only, and the file goes to the visitor's browser.

``mes-tui serve`` runs the explorer with Textual's web driver, where ``App.is_web`` is true and
``App.deliver_text`` hands a file to the browser. Here the app believes it is served and
``deliver_text`` is recorded; ``tests/test_browser.py`` does the same through a real browser.
"""

from __future__ import annotations

import json
import os

import pytest
from textual.widgets import Input

from mes_tui.core.filters import Filters
from mes_tui.ui.app import MesApp, create_app
from mes_tui.ui.screens.export import ExportScreen
from tests.ui_support import wait_for, wait_loaded


@pytest.fixture
def served(monkeypatch, tmp_path):
    """An explorer that believes it runs in a browser; what it delivered; where it started."""
    monkeypatch.setattr(MesApp, "is_web", property(lambda self: True))
    monkeypatch.chdir(tmp_path)
    delivered: list[dict] = []

    def deliver_text(self, path_or_file, **options):
        delivered.append({"text": path_or_file.read(), **options})
        return "key"

    monkeypatch.setattr(MesApp, "deliver_text", deliver_text)
    return delivered


async def _open_export(pilot) -> Input:
    await pilot.press("e")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExportScreen))
    return pilot.app.screen.query_one("#export-path", Input)


async def test_served_export_asks_a_file_name_and_delivers_it(served, tmp_path):
    app = create_app(filters=Filters(actors=frozenset({"cnam"})))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await wait_loaded(pilot)
        shown = [row.key.id for row in screen.rows if not row.key.is_event]
        field = await _open_export(pilot)
        assert "/" not in field.value and field.value.endswith(".csv")  # a name, no directory
        field.value = "cnam.json"
        await pilot.press("enter")
        await wait_for(pilot, lambda: pilot.app.screen is screen)
    (delivery,) = served
    assert delivery["save_filename"] == "cnam.json"
    assert delivery["mime_type"] == "application/json"
    rows = json.loads(delivery["text"])
    assert [r["id"] for r in rows] == shown  # the filtered view, in its order
    assert all("citation" in r and r["quote"] for r in rows)  # each with its citation column
    assert os.listdir(tmp_path) == []  # nothing written where the server runs


@pytest.mark.parametrize(
    "name",
    [
        "../x.csv",
        "x.csv\r\nSet-Cookie: a",
        # further variants, in `make test` only
        *(
            pytest.param(name, marks=pytest.mark.slow)
            for name in ("/tmp/x.csv", "~/x.csv", "sub/x.csv", "a b.csv")
        ),
    ],
)
async def test_served_export_refuses_anything_but_a_plain_name(served, tmp_path, name):
    async with create_app().run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        field = await _open_export(pilot)
        field.value = name
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ExportScreen)
        assert "file name only" in str(pilot.app.screen.query_one("#export-error").render())
    assert served == []
    assert os.listdir(tmp_path) == []


async def test_served_export_still_needs_a_known_format(served):
    async with create_app().run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        field = await _open_export(pilot)
        field.value = "figures.txt"
        await pilot.press("enter")
        await pilot.pause()
        assert "End the name with .csv" in str(pilot.app.screen.query_one("#export-error").render())
    assert served == []
