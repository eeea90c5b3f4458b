"""SVG snapshots of the explorer at the default SSH size and a larger one.

Re-record after a deliberate UI change with `make snapshots`, then look at the SVGs in
tests/__snapshots__/ before committing them.
"""

from __future__ import annotations

import pytest

from mes_tui.core.filters import Filters
from mes_tui.ui.app import create_app
from tests.ui_support import settled, wait_loaded


async def _loaded(pilot) -> None:
    await wait_loaded(pilot)
    await settled(pilot)


def _then(*keys: str):
    async def run_before(pilot) -> None:
        await _loaded(pilot)
        for key in keys:
            await pilot.press(key)
            await settled(pilot)

    return run_before


def test_first_screen_80x24(snap_compare):
    assert snap_compare(create_app(), terminal_size=(80, 24), run_before=_loaded)


def test_figure_selected_120x40(snap_compare):
    assert snap_compare(create_app(), terminal_size=(120, 40), run_before=_then(*["down"] * 17))


def test_metric_detail_80x24(snap_compare):
    filters = Filters(metrics=frozenset({"accounts_activated"}))
    assert snap_compare(create_app(filters=filters), terminal_size=(80, 24), run_before=_then("3"))


def test_overview_chart_ansi_theme_120x40(snap_compare):
    assert snap_compare(
        create_app(theme="ansi-dark"), terminal_size=(120, 40), run_before=_then("g")
    )


def test_no_color_80x24(snap_compare, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(create_app(), terminal_size=(80, 24), run_before=_then(*["down"] * 9))


def test_search_and_empty_result_120x40(snap_compare):
    assert snap_compare(
        create_app(), terminal_size=(120, 40), run_before=_then("slash", *"no such words")
    )


def test_help_80x24(snap_compare):
    assert snap_compare(create_app(), terminal_size=(80, 24), run_before=_then("question_mark"))


def test_source_document_80x24(snap_compare):
    filters = Filters(metrics=frozenset({"weekly_unique_visitors"}))
    assert snap_compare(create_app(filters=filters), terminal_size=(80, 24), run_before=_then("o"))


def test_metric_picker_80x24(snap_compare):
    """Narrowed by typing, one row ticked: [x] and [ ] differ by glyph, the keys are shown."""
    assert snap_compare(
        create_app(),
        terminal_size=(80, 24),
        run_before=_then("m", *"activ", "down", "space"),
    )


def test_empty_result_80x24(snap_compare):
    """Nothing matches: the timeline and the quote say so and name the keys that widen it."""
    assert snap_compare(
        create_app(), terminal_size=(80, 24), run_before=_then("slash", *"zzzz", "enter")
    )
