"""The metric pane's chart keys: 0 switches the y axis between 0 and the values' range; S saves
the chart with its sources as SVG, never over an existing file."""

from __future__ import annotations

from pathlib import Path

import pytest

from mes_tui.core.filters import Filters
from mes_tui.ui.app import create_app
from mes_tui.ui.chart import MetricChart
from mes_tui.ui.detail import MetricDetail
from tests.ui_support import wait_for, wait_loaded


async def test_zero_key_fits_the_axis_and_back() -> None:
    filters = Filters(metrics=frozenset({"activation_rate_created"}))
    async with create_app(filters=filters).run_test(size=(80, 24)) as pilot:
        screen = await wait_loaded(pilot)
        await pilot.press("3")
        detail = screen.query_one(MetricDetail)
        chart = screen.query_one("#chart", MetricChart)
        await wait_for(pilot, lambda: chart.display and bool(chart.series))
        assert chart.from_zero and "0┤" in chart.plt.build()
        await pilot.press("0")
        await wait_for(pilot, lambda: not chart.from_zero)
        assert "0┤" not in chart.plt.build().replace("10┤", "").replace("20┤", "")
        assert "fitted" in str(detail.query_one("#chart-mode").render())
        await pilot.press("0")
        await wait_for(pilot, lambda: chart.from_zero)


async def test_save_key_writes_the_chart_with_its_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mes-tui-accounts_activated.svg").write_text("mine", encoding="utf-8")
    filters = Filters(metrics=frozenset({"accounts_activated"}))
    async with create_app(filters=filters).run_test(size=(100, 30)) as pilot:
        screen = await wait_loaded(pilot)
        await pilot.press("3")
        detail = screen.query_one(MetricDetail)
        await wait_for(pilot, lambda: detail.view is not None and bool(detail.view.panels))
        await pilot.press("S")
        saved = tmp_path / "mes-tui-accounts_activated-2.svg"
        await wait_for(pilot, saved.exists)
    assert (tmp_path / "mes-tui-accounts_activated.svg").read_text(encoding="utf-8") == "mine"
    svg = saved.read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "Sources:" in svg.replace("&#160;", " ")
    assert not list(tmp_path.glob(".mes-tui-export.*"))  # nothing half-written left
