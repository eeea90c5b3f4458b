"""SVG snapshots of the explorer at the default SSH size and a larger one.

Re-record after a deliberate UI change with `make snapshots`, then look at the SVGs in
tests/__snapshots__/ before committing them.
"""

from __future__ import annotations

import pytest

from mes_tui.core.filters import Filters
from mes_tui.ui.app import create_app
from tests.ui_support import keys_then_settled

# The fast tier (`make test-fast`) draws each case once, at 80×24 (the SSH default), in French
# where test_snapshots_fr.py draws it too; `make test` draws them all, at both sizes.
in_french_too = pytest.mark.slow
larger = pytest.mark.slow


@in_french_too
def test_first_screen_80x24(snap_compare):
    assert snap_compare(create_app(), terminal_size=(80, 24), run_before=keys_then_settled())


@in_french_too
def test_figure_selected_120x40(snap_compare):
    assert snap_compare(
        create_app(), terminal_size=(120, 40), run_before=keys_then_settled("pagedown")
    )


@in_french_too
def test_metric_detail_80x24(snap_compare):
    filters = Filters(metrics=frozenset({"accounts_activated"}))
    assert snap_compare(
        create_app(filters=filters), terminal_size=(80, 24), run_before=keys_then_settled("3")
    )


@larger
def test_overview_chart_ansi_theme_120x40(snap_compare):
    assert snap_compare(
        create_app(theme="ansi-dark"), terminal_size=(120, 40), run_before=keys_then_settled("g")
    )


def test_no_color_80x24(snap_compare, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(
        create_app(), terminal_size=(80, 24), run_before=keys_then_settled("pagedown")
    )


@larger
def test_search_and_empty_result_120x40(snap_compare):
    assert snap_compare(
        create_app(),
        terminal_size=(120, 40),
        run_before=keys_then_settled("slash", *"no such words"),
    )


@in_french_too
def test_help_80x24(snap_compare):
    assert snap_compare(
        create_app(), terminal_size=(80, 24), run_before=keys_then_settled("question_mark")
    )


def test_source_document_80x24(snap_compare):
    filters = Filters(metrics=frozenset({"weekly_unique_visitors"}))
    assert snap_compare(
        create_app(filters=filters), terminal_size=(80, 24), run_before=keys_then_settled("o")
    )


def test_metric_picker_80x24(snap_compare):
    """Narrowed by typing, one row ticked: [x] and [ ] differ by glyph, the keys are shown."""
    assert snap_compare(
        create_app(),
        terminal_size=(80, 24),
        run_before=keys_then_settled("m", *"activ", "down", "space"),
    )


def test_empty_result_80x24(snap_compare):
    """Nothing matches: the timeline and the quote say so and name the keys that widen it."""
    assert snap_compare(
        create_app(),
        terminal_size=(80, 24),
        run_before=keys_then_settled("slash", *"zzzz", "enter"),
    )
