"""SVG snapshots of each kind of chart in the metric pane (zoomed), without colour, at the
default SSH size and a larger one: a series, one value (a card), the overview's small
multiples, and flows over periods of different lengths (each drawn over its period), in
English and in French.

Re-record after a deliberate change with `make snapshots`, then look at the SVGs."""

from __future__ import annotations

import pytest

from mes_tui.core.filters import Filters
from mes_tui.ui.app import create_app
from tests.ui_support import keys_then_settled

SIZES = [(80, 24), (120, 40)]
KINDS = {
    "series": "accounts_activated",
    "one_value": "ambassadors_per_departement",
    "flows": "documents_sent",
    "overview": None,
}


# The fast tier (`make test-fast`) draws each kind at 80×24 in both languages; `make test`
# at 120×40 too.
VARIANTS = [
    pytest.param(size, lang, id=f"{size[0]}x{size[1]}-{lang}", marks=mark)
    for size in SIZES
    for lang in ("en", "fr")
    for mark in [() if size == SIZES[0] else pytest.mark.slow]
]


@pytest.mark.parametrize(("size", "lang"), VARIANTS)
@pytest.mark.parametrize("kind", list(KINDS))
def test_chart_kind(
    snap_compare, monkeypatch: pytest.MonkeyPatch, kind: str, size, lang: str
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    metric = KINDS[kind]
    filters = Filters(metrics=frozenset({metric})) if metric else Filters()
    keys = ("3", "z") if metric else ("g", "3", "z")
    app = create_app(filters=filters, lang=lang)
    assert snap_compare(app, terminal_size=size, run_before=keys_then_settled(*keys))
