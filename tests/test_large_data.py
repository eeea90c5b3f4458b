"""A million observations: loaded with a visible progress indication, and still responsive."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from mes_tui.core import load
from mes_tui.core.generate import generate_dataset
from mes_tui.core.paths import bundled_data_dir
from mes_tui.ui.app import create_app
from mes_tui.ui.explorer import ExplorerScreen
from mes_tui.ui.timeline import Timeline
from tests.ui_support import wait_for, wait_loaded

pytestmark = pytest.mark.large
MILLION = 1_000_000


@pytest.fixture(scope="module")
def million(tmp_path_factory) -> Path:
    return generate_dataset(
        load(bundled_data_dir()), tmp_path_factory.mktemp("big") / "data", MILLION
    )


def test_the_generated_million_is_valid_and_complete(million: Path):
    frames = load(million)
    assert frames.observations.height == MILLION
    assert frames.observations["id"].n_unique() == MILLION


async def test_a_million_loads_with_progress_and_stays_responsive(million: Path):
    seen: list[ExplorerScreen.LoadProgress] = []

    def hook(message) -> None:
        if isinstance(message, ExplorerScreen.LoadProgress):
            seen.append(message)

    app = create_app(data_dir=million)
    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        screen = await wait_loaded(pilot, tries=1200)
        # Every step was announced, in order, and the progress bar is gone once loaded.
        assert list(dict.fromkeys(m.stage for m in seen)) == [1, 2, 3]
        assert "1,000,000 observations" in next(m.what for m in seen if m.stage == 2)
        assert not screen.query_one("#load-progress").display
        summary = str(screen.query_one("#summary").render())
        assert f"{MILLION:,} of {MILLION:,} figures" in summary
        # Moving to the very end and searching answer at once.
        timeline = screen.query_one(Timeline)
        await pilot.press("end")
        await pilot.pause()
        assert timeline.cursor_row == len(screen.rows) - 1
        assert screen.selected == screen.rows.key(len(screen.rows) - 1)
        await pilot.press("slash", *"cazeneuve")
        await wait_for(pilot, lambda: screen.filters.search == "cazeneuve")
        await wait_for(pilot, lambda: 0 < len(screen.rows) < MILLION)
        assert screen.frames is not None
        shown = screen.rows.to_frame().filter(~pl.col("is_event"))["id"]
        kept = screen.frames.observations.filter(
            screen.frames.observations["id"].is_in(shown.implode())
        )
        assert 0 < kept.height == shown.len()  # every figure shown, and only those
        assert kept["quote"].str.contains("Cazeneuve").all()
        await wait_for(pilot, lambda: screen.metric_view is not None, tries=400)
