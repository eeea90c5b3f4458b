"""SVG snapshots of the main screens in French, at the default SSH size and a larger one
(the English ones are in test_snapshots). Re-record with `make snapshots`, then look."""

from __future__ import annotations

from datetime import date

import pytest

from mes_tui.core.filters import Filters
from mes_tui.ui.app import create_app
from mes_tui.ui.screens import export as export_screen
from tests.ui_support import keys_then_settled

# Further variants at the larger size, in `make test` only (the fast tier draws the metric pane
# and an empty result at 80×24).
larger = pytest.mark.slow


class _FixedDate(date):
    @classmethod
    def today(cls) -> _FixedDate:
        return cls(2026, 12, 1)


def test_first_screen_fr_80x24(snap_compare):
    assert snap_compare(
        create_app(lang="fr"), terminal_size=(80, 24), run_before=keys_then_settled()
    )


def test_figure_selected_fr_120x40(snap_compare):
    assert snap_compare(
        create_app(lang="fr"), terminal_size=(120, 40), run_before=keys_then_settled("pagedown")
    )


def test_metric_detail_fr_80x24(snap_compare):
    filters = Filters(metrics=frozenset({"activation_rate_created"}))
    assert snap_compare(
        create_app(filters=filters, lang="fr"),
        terminal_size=(80, 24),
        run_before=keys_then_settled("3"),
    )


@larger
def test_metric_detail_fr_120x40(snap_compare):
    filters = Filters(metrics=frozenset({"activation_rate_created"}))
    assert snap_compare(
        create_app(filters=filters, lang="fr"),
        terminal_size=(120, 40),
        run_before=keys_then_settled(),
    )


def test_help_fr_80x24(snap_compare):
    assert snap_compare(
        create_app(lang="fr"), terminal_size=(80, 24), run_before=keys_then_settled("question_mark")
    )


def test_export_dialog_fr_80x24(snap_compare, monkeypatch):
    # The proposed name holds today's date: pinned, so the picture is the same every day.
    monkeypatch.setattr(export_screen, "date", _FixedDate)
    assert snap_compare(
        create_app(lang="fr"), terminal_size=(80, 24), run_before=keys_then_settled("e")
    )


@larger
def test_no_match_fr_120x40(snap_compare):
    assert snap_compare(
        create_app(lang="fr"),
        terminal_size=(120, 40),
        run_before=keys_then_settled("slash", *"aucun mot"),
    )
