"""The metric pane's keys: 0 switches the y axis between 0 and the values' range; S saves the
chart with its sources as SVG, never over an existing file; v steps through the Chart, Table and
Sources views; ← → read the figures off the chart and the timeline follows; space hides a series."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import ContentSwitcher

from mes_tui.core.filters import Filters
from mes_tui.ui.app import create_app
from mes_tui.ui.chart import MetricChart
from mes_tui.ui.detail import MetricDetail
from mes_tui.ui.footer import footer_keys
from mes_tui.ui.metric_table import MetricTable
from tests.ui_support import wait_for, wait_loaded


def _focused(pilot: Pilot[Any]) -> object:
    """The focused widget, read afresh (each read may differ)."""
    return pilot.app.focused


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


async def test_views_step_chart_table_sources_and_the_table_lists_every_value() -> None:
    filters = Filters(metrics=frozenset({"accounts_activated"}))
    async with create_app(filters=filters).run_test(size=(120, 40)) as pilot:
        screen = await wait_loaded(pilot)
        detail = screen.query_one(MetricDetail)
        await wait_for(pilot, lambda: detail.view is not None and bool(detail.view.series))
        detail.focus()
        assert detail.shown_view == "chart"
        await pilot.press("v")
        await wait_for(pilot, lambda: detail.shown_view == "table")
        table = detail.query_one(MetricTable)
        assert detail.query_one(ContentSwitcher).current == "view-table"
        view = detail.view
        assert view is not None
        assert _focused(pilot) is table  # ↑ ↓ move in the table at once
        assert table.row_count == len(view.series)
        assert [str(c.label) for c in table.columns.values()][:3] == ["Period", "Value", "Change"]
        # The chart's keys neither act nor show in the other views.
        footer = " ".join(label for _n, _b, label in footer_keys(screen, 200))
        assert "Series" not in footer and "View" in footer
        await pilot.press("v")
        await wait_for(pilot, lambda: detail.shown_view == "sources")
        sources = str(detail.query_one("#view-sources").render())
        assert sources.startswith("Sources:") and "[2023-02-accounts-activated]" in sources
        await pilot.press("v")
        await wait_for(pilot, lambda: detail.shown_view == "chart")
        assert _focused(pilot) is detail


async def test_enter_in_the_table_selects_the_figure_in_the_timeline() -> None:
    filters = Filters(metrics=frozenset({"accounts_activated"}))
    async with create_app(filters=filters).run_test(size=(120, 40)) as pilot:
        screen = await wait_loaded(pilot)
        detail = screen.query_one(MetricDetail)
        await wait_for(pilot, lambda: detail.view is not None and bool(detail.view.series))
        detail.focus()
        await pilot.press("v", "down", "down", "enter")
        view = detail.view
        assert view is not None
        wanted = view.series[2]["id"]
        await wait_for(pilot, lambda: screen.selected is not None and screen.selected.id == wanted)


async def test_the_cursor_reads_figures_off_and_the_timeline_follows() -> None:
    filters = Filters(metrics=frozenset({"accounts_activated"}))
    async with create_app(filters=filters).run_test(size=(120, 40)) as pilot:
        screen = await wait_loaded(pilot)
        detail = screen.query_one(MetricDetail)
        await wait_for(pilot, lambda: detail.view is not None and bool(detail.view.panels))
        detail.focus()
        readout = detail.query_one("#chart-readout")
        assert "read the figures off" in str(readout.render())
        before = screen.selected
        await pilot.press("right", "right", "right")
        third = detail._points[2].id  # the third figure drawn, in date order
        assert before is None or before.id != third
        await wait_for(pilot, lambda: screen.selected is not None and screen.selected.id == third)
        assert f"[{third}]" in str(readout.render())
        chart = detail.query_one("#chart", MetricChart)
        assert chart.mark is not None and "X" in chart.plt.build()
        await pilot.press("left", "left", "left", "left")  # stops at the first figure
        await wait_for(pilot, lambda: detail.cursor == 0)
        first = detail._points[0].id
        await wait_for(pilot, lambda: screen.selected is not None and screen.selected.id == first)


async def test_space_hides_the_series_under_the_cursor_and_shows_it_again() -> None:
    async with create_app().run_test(size=(120, 40)) as pilot:
        screen = await wait_loaded(pilot)
        await pilot.press("g")  # the overview: two charts, several series each
        detail = screen.query_one(MetricDetail)
        await wait_for(pilot, lambda: detail.view is not None and detail.view.overview)
        detail.focus()
        await pilot.press("space")  # no cursor yet: it says what to do, hides nothing
        assert detail.hidden == frozenset()
        await pilot.press("right")
        await wait_for(pilot, lambda: detail.cursor is not None)
        await pilot.press("space")
        cursor = detail.cursor
        assert cursor is not None
        point = detail._points[cursor]
        await wait_for(pilot, lambda: (point.panel, point.series) in detail.hidden)
        chart = detail.query_one("#chart" if point.panel == 0 else "#chart-2", MetricChart)
        assert point.series in chart.hidden
        legend = str(detail.query_one(f"#legend-{point.panel + 1}").render())
        assert "(hidden)" in legend
        await pilot.press("space")
        await wait_for(pilot, lambda: detail.hidden == frozenset())
        assert "(hidden)" not in str(detail.query_one(f"#legend-{point.panel + 1}").render())
