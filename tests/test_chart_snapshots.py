"""SVG snapshots of each kind of chart in the metric pane (zoomed), without colour, at the
default SSH size and a larger one: a series, one value (a card), the overview's small
multiples, and flows over periods of different lengths (each drawn over its period), in
English and in French.

Re-record after a deliberate change with `make snapshots`, then look at the SVGs."""

from __future__ import annotations

import pytest

from mes_tui.core.filters import Filters
from mes_tui.ui.app import create_app
from tests.ui_support import wait_loaded

SIZES = [(80, 24), (120, 40)]
KINDS = {
    "series": "accounts_activated",
    "one_value": "ambassadors_per_departement",
    "flows": "documents_sent",
    "overview": None,
}


def _then(*keys: str):
    async def run_before(pilot) -> None:
        await wait_loaded(pilot)
        await pilot.pause(0.3)
        for key in keys:
            await pilot.press(key)
            await pilot.pause(0.05)
        await pilot.pause(0.4)

    return run_before


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("kind", list(KINDS))
def test_chart_kind(
    snap_compare, monkeypatch: pytest.MonkeyPatch, kind: str, size, lang: str
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    metric = KINDS[kind]
    filters = Filters(metrics=frozenset({metric})) if metric else Filters()
    keys = ("3", "z") if metric else ("g", "3", "z")
    app = create_app(filters=filters, lang=lang)
    assert snap_compare(app, terminal_size=size, run_before=_then(*keys))
