"""Behaviour of the explorer, driven headless with Textual's Pilot."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from textual.binding import Binding
from textual.widgets import Input, OptionList, TextArea

from mes_tui.core.filters import Filters
from mes_tui.core.paths import bundled_data_dir
from mes_tui.core.records import RecordKey
from mes_tui.core.text import squash_spaces
from mes_tui.present.series import series_label
from mes_tui.ui.app import create_app
from mes_tui.ui.chart import MetricChart
from mes_tui.ui.explorer import ExplorerScreen
from mes_tui.ui.quote import QuotePane
from mes_tui.ui.screens.errors import DataErrorScreen
from mes_tui.ui.screens.export import ExportScreen
from mes_tui.ui.screens.help import HelpScreen
from mes_tui.ui.screens.pickers import ChoiceScreen, DateRangeScreen
from mes_tui.ui.screens.source import SourceScreen
from mes_tui.ui.timeline import Timeline
from tests.textual_private import notifications
from tests.ui_support import palette_offers, wait_for, wait_loaded, wait_started

DATA = bundled_data_dir()


def obs_keys(screen: ExplorerScreen) -> list[str]:
    return [row.key.id for row in screen.rows if not row.key.is_event]


def summary_text(screen: ExplorerScreen) -> str:
    return str(screen.query_one("#summary").render())


def quote_text(screen: ExplorerScreen) -> str:
    return str(screen.query_one("#quote-body").render())


async def test_first_screen_shows_every_figure_and_event(n_obs, frames):
    async with create_app().run_test(size=(100, 30)) as pilot:
        screen = await wait_loaded(pilot)
        assert len(obs_keys(screen)) == n_obs
        assert len(screen.rows) == n_obs + frames.events.height
        assert f"{n_obs} of {n_obs} figures" in summary_text(screen)
        dates = [row.year for row in screen.rows]
        assert dates == sorted(dates), "the timeline is in date order"


async def test_moving_the_cursor_updates_quote_and_metric_panes(frames):
    async with create_app().run_test(size=(120, 40)) as pilot:
        screen = await wait_loaded(pilot)
        table = screen.query_one(Timeline)
        target = [i for i, row in enumerate(screen.rows) if not row.key.is_event][5]
        for _ in range(target):
            await pilot.press("down")
        await pilot.pause()
        key = screen.rows[table.cursor_row].key
        assert screen.selected == key
        record = screen.record
        assert record is not None and record.key == key
        # The quote pane shows the verbatim words; the metric pane shows that metric.
        expected = frames.observations.filter(pl.col("id") == record["id"]).row(0, named=True)
        assert squash_spaces(expected["quote"])[:40] in squash_spaces(quote_text(screen))
        await wait_for(
            pilot,
            lambda: (
                screen.metric_view is not None
                and screen.metric_view.metric["id"] == expected["metric"]
            ),
        )
        await pilot.press("up")
        await pilot.pause()
        assert screen.selected == screen.rows[table.cursor_row].key != key


async def test_metric_picker_filters_to_the_chosen_metric(frames):
    async with create_app().run_test(size=(100, 30)) as pilot:
        screen = await wait_loaded(pilot)
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ChoiceScreen))
        await pilot.press(*"spaces used")
        await pilot.press("enter")
        await wait_for(pilot, lambda: pilot.app.screen is screen)
        assert screen.filters.metrics == frozenset({"spaces_used"})
        expected = frames.observations.filter(pl.col("metric") == "spaces_used").height
        assert len(screen.rows) == expected >= 1
        assert "metric: Spaces used" in summary_text(screen)


async def test_metric_picker_takes_several_metrics(frames):
    async with create_app().run_test(size=(100, 30)) as pilot:
        screen = await wait_loaded(pilot)
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ChoiceScreen))
        await pilot.press(*"activation rate")
        await pilot.press("down")  # from the narrowing field into the list
        assert isinstance(pilot.app.focused, OptionList)
        for _ in range(2):
            await pilot.press("space", "down")
        await pilot.press("enter")
        await wait_for(pilot, lambda: pilot.app.screen is screen)
        assert len(screen.filters.metrics) == 2
        metrics = {
            frames.observations.filter(pl.col("id") == k)["metric"][0] for k in obs_keys(screen)
        }
        assert metrics <= screen.filters.metrics


async def test_picker_ignores_a_highlight_of_an_option_gone_since():
    """Narrowing refills the list: a highlight queued before may name a missing option."""
    async with create_app().run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ChoiceScreen))
        choices = pilot.app.screen.query_one("#choices", OptionList)
        assert choices.option_count > 5
        stale = OptionList.OptionHighlighted(choices, choices.get_option_at_index(5), 5)
        choices.clear_options()
        choices.post_message(stale)
        await pilot.pause()
        await pilot.pause()
        assert pilot.app.is_running and isinstance(pilot.app.screen, ChoiceScreen)
        # The list still works.
        choices.add_options(["a", "b"])
        choices.focus()
        choices.highlighted = 0
        await pilot.press("down")
        assert choices.highlighted == 1


async def test_actor_picker_finds_joint_statements(frames):
    async with create_app().run_test(size=(100, 30)) as pilot:
        screen = await wait_loaded(pilot)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ChoiceScreen))
        await pilot.press(*"agence du numerique")
        await pilot.press("enter")
        await wait_for(pilot, lambda: pilot.app.screen is screen)
        assert screen.filters.actors == frozenset({"ans"})
        actors = {
            frames.observations.filter(pl.col("id") == k)["actor"][0] for k in obs_keys(screen)
        }
        # ANS never speaks alone in the sources: its figures are joint presentations.
        assert actors == {"dns-cnam-ans", "dns-ans"}


async def test_date_range_keeps_overlapping_periods(frames):
    async with create_app().run_test(size=(100, 30)) as pilot:
        screen = await wait_loaded(pilot)
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, DateRangeScreen))
        await pilot.press(*"2024", "tab", *"2024-06", "enter")
        await wait_for(pilot, lambda: pilot.app.screen is screen)
        assert (screen.filters.since, screen.filters.until) == (date(2024, 1, 1), date(2024, 6, 30))
        kept = frames.observations.filter(pl.col("id").is_in(list(obs_keys(screen))))
        assert kept.height > 0
        assert (kept["period_end"] >= date(2024, 1, 1)).all()
        assert (kept["period_start"] <= date(2024, 6, 30)).all()


async def test_date_range_rejects_a_bad_date_without_closing():
    async with create_app().run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, DateRangeScreen))
        await pilot.press(*"2024-13", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, DateRangeScreen)
        assert "has no such month" in str(pilot.app.screen.query_one("#date-error").render())


async def test_search_narrows_as_you_type_and_ignores_accents(frames, n_obs):
    async with create_app().run_test(size=(100, 30)) as pilot:
        screen = await wait_loaded(pilot)
        await pilot.press("slash")
        assert isinstance(pilot.app.focused, Input)
        await pilot.press(*"CAZEN")
        await pilot.pause()
        partial = len(obs_keys(screen))
        await pilot.press(*"EUVE")
        await pilot.pause()
        expected = frames.observations.filter(pl.col("quote").str.contains("Cazeneuve")).height
        assert len(obs_keys(screen)) == expected == 3
        assert partial >= expected
        assert f"{expected} of {n_obs} figures" in summary_text(screen)
        await pilot.press("escape")
        assert isinstance(pilot.app.focused, Timeline)
        assert screen.filters.search == "CAZENEUVE"
        # Accents and case are ignored, and nothing else: "fevrier" finds what "FÉVRIER"
        # finds, "fevrie" (a prefix) finds at least that, a letter more finds nothing.
        found = {}
        for search in ("fevrier", "FÉVRIER", "Février", "fevrie", "fevrierx"):
            screen.set_filters(search=search)
            await pilot.pause()
            found[search] = set(obs_keys(screen))
        assert 0 < len(found["fevrier"]) < n_obs
        assert found["fevrier"] == found["FÉVRIER"] == found["Février"]
        assert found["fevrie"] >= found["fevrier"]
        assert found["fevrierx"] == set()
        quotes = frames.observations.filter(pl.col("quote").str.contains("(?i)février"))
        assert set(quotes["id"]) <= found["fevrier"]


async def test_typing_q_in_search_does_not_quit():
    async with create_app().run_test(size=(100, 30)) as pilot:
        screen = await wait_loaded(pilot)
        await pilot.press("slash", "q")
        await pilot.pause()
        assert pilot.app.is_running
        assert screen.filters.search == "q"


async def test_empty_result_says_so_and_how_to_widen(n_obs, frames):
    async with create_app().run_test(size=(100, 30)) as pilot:
        screen = await wait_loaded(pilot)
        screen.set_filters(search="zzzz nothing")
        await pilot.pause()
        assert len(screen.rows) == 0
        text = " ".join(quote_text(screen).split())
        assert "No figure matches these filters." in text
        assert "Widen them: press x to clear them all" in text
        await pilot.press("escape", "x")
        await pilot.pause()
        assert screen.filters == Filters()
        assert len(screen.rows) == n_obs + frames.events.height


async def test_clear_removes_every_filter(n_obs):
    filters = Filters(
        metrics=frozenset({"accounts_activated"}),
        actors=frozenset({"cnam"}),
        since=date(2025, 1, 1),
        search="millions",
    )
    async with create_app(filters=filters).run_test(size=(100, 30)) as pilot:
        screen = await wait_loaded(pilot)
        assert len(obs_keys(screen)) == 1
        await pilot.press("x")
        await pilot.pause()
        assert screen.filters == Filters()
        assert screen.query_one("#search", Input).value == ""
        assert len(obs_keys(screen)) == n_obs


async def test_start_up_filters_open_already_filtered():
    filters = Filters(metrics=frozenset({"accounts_activated"}))
    async with create_app(filters=filters).run_test(size=(100, 30)) as pilot:
        screen = await wait_loaded(pilot)
        assert len(screen.rows) == 4  # 7.9 M, 10.8 M, 13 M, 18 M; no events under a metric filter
        await wait_for(
            pilot,
            lambda: (
                screen.metric_view is not None
                and screen.metric_view.metric["id"] == "accounts_activated"
            ),
        )


async def test_help_lists_every_key_of_the_screen():
    async with create_app().run_test(size=(100, 30)) as pilot:
        screen = await wait_loaded(pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))
        help_screen = pilot.app.screen
        assert isinstance(help_screen, HelpScreen)
        keys = {keys for keys, _ in help_screen.rows}
        for binding in ExplorerScreen.BINDINGS:
            assert isinstance(binding, Binding)
            if not binding.description:  # Enter leaving the search: the search's own key
                continue
            shown = pilot.app.get_key_display(binding)
            assert any(shown in k.split() for k in keys), shown
        assert any("?" in k.split() for k in keys) and any("q" in k.split() for k in keys)
        await pilot.press("escape")
        await wait_for(pilot, lambda: pilot.app.screen is screen)


async def test_palette_jumps_to_a_metric():
    async with create_app().run_test(size=(100, 30)) as pilot:
        screen = await wait_loaded(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Metric: Spaces used")
        await wait_for(pilot, lambda: palette_offers(pilot, "Metric: Spaces used"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.filters.metrics == frozenset({"spaces_used"}))
        assert len(screen.rows) == 1


@pytest.mark.slow  # a further variant of jumping to a metric
async def test_palette_jumps_to_an_actor():
    async with create_app().run_test(size=(100, 30)) as pilot:
        screen = await wait_loaded(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Actor: Cour des comptes")
        await wait_for(pilot, lambda: palette_offers(pilot, "Actor: Cour des comptes"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.filters.actors == frozenset({"cour-des-comptes"}))


async def _select_observation(pilot, screen: ExplorerScreen, obs_id: str) -> None:
    table = screen.query_one(Timeline)
    index = next(
        i for i, row in enumerate(screen.rows) if row.key == RecordKey("observation", obs_id)
    )
    table.move_cursor(row=index)
    await wait_for(pilot, lambda: screen.selected == RecordKey("observation", obs_id))


async def test_open_source_scrolls_to_and_highlights_the_quote():
    # A small terminal and a quote near the end of its source: the view must scroll to it.
    async with create_app().run_test(size=(80, 20)) as pilot:
        screen = await wait_loaded(pilot)
        await _select_observation(pilot, screen, "2024-06-accounts-activated")
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SourceScreen))
        area = pilot.app.screen.query_one(TextArea)
        await pilot.pause()
        assert screen.record is not None
        assert squash_spaces(area.selected_text) == squash_spaces(screen.record["quote"])
        visual = area.wrapped_document.location_to_offset(area.selection.end)
        top = area.scroll_offset.y
        assert top > 0, "the document was scrolled"
        assert top <= visual.y < top + area.scrollable_content_region.height
        await pilot.press("escape")
        await wait_for(pilot, lambda: pilot.app.screen is screen)


async def test_open_source_of_a_quote_with_no_break_spaces():
    # The APM source uses no-break spaces where the quote has plain ones.
    async with create_app().run_test(size=(100, 30)) as pilot:
        screen = await wait_loaded(pilot)
        await _select_observation(pilot, screen, "2024-01-activation-rate")
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SourceScreen))
        area = pilot.app.screen.query_one(TextArea)
        assert "15%" in area.selected_text


async def test_copy_puts_the_quote_and_its_citation_on_the_clipboard():
    async with create_app().run_test(size=(100, 30), notifications=True) as pilot:
        screen = await wait_loaded(pilot)
        await _select_observation(pilot, screen, "2025-02-accounts-activated")
        await pilot.press("c")
        await pilot.pause()
        copied = pilot.app.clipboard
        assert screen.record is not None
        assert screen.record["quote"] in copied
        assert "Marguerite Cazeneuve" in copied and "Feb 2025" in copied
        # The source has no title: it is cited as what it is, not by an invented title.
        assert "in untitled press article, Feb 2025" in copied
        assert any("Copied" in (n.title or "") for n in notifications(pilot.app))


async def test_export_writes_the_filtered_view_with_citations(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    filters = Filters(actors=frozenset({"cnam"}))
    async with create_app(filters=filters).run_test(size=(100, 30)) as pilot:
        screen = await wait_loaded(pilot)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExportScreen))
        field = pilot.app.screen.query_one("#export-path", Input)
        field.value = str(tmp_path / "cnam.json")
        await pilot.press("enter")
        await wait_for(pilot, lambda: pilot.app.screen is screen)
        rows = json.loads((tmp_path / "cnam.json").read_text(encoding="utf-8"))
        assert [r["id"] for r in rows] == list(obs_keys(screen))
        assert all(r["citation"] and r["quote"] for r in rows)


async def test_export_never_overwrites_an_existing_file(tmp_path: Path):
    target = tmp_path / "keep.csv"
    target.write_text("precious", encoding="utf-8")
    async with create_app().run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExportScreen))
        pilot.app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ExportScreen)
        assert "already exists" in str(pilot.app.screen.query_one("#export-error").render())
        assert target.read_text(encoding="utf-8") == "precious"


async def test_zoom_maximises_the_focused_pane_and_restores():
    async with create_app().run_test(size=(120, 40)) as pilot:
        screen = await wait_loaded(pilot)
        await pilot.press("z")
        assert screen.maximized is screen.query_one(Timeline)
        await pilot.press("z")
        assert screen.maximized is None
        await pilot.press("2", "z")
        assert screen.maximized is screen.query_one(QuotePane)
        await pilot.press("escape")
        assert screen.maximized is None


async def test_narrow_layout_switches_between_panes():
    async with create_app().run_test(size=(80, 24)) as pilot:
        screen = await wait_loaded(pilot)
        assert screen.has_class("-narrow")
        detail = screen.query_one("#detail")
        assert not detail.display
        await pilot.press("3")
        await pilot.pause()
        assert detail.display and not screen.query_one(Timeline).display
        await pilot.press("escape")
        await pilot.pause()
        assert screen.query_one(Timeline).display and not detail.display


async def test_overview_chart_without_a_metric():
    async with create_app().run_test(size=(120, 40)) as pilot:
        screen = await wait_loaded(pilot)
        await pilot.press("g")
        await wait_for(
            pilot, lambda: screen.metric_view is not None and screen.metric_view.overview
        )
        view = screen.metric_view
        assert view is not None
        # Small multiples, no dual axis: accounts (millions), then the rates by their base.
        accounts, rates = view.panels
        assert (accounts.key, accounts.unit, accounts.scale) == ("accounts_activated", "count", 1e6)
        assert rates.unit == "percent"
        labels = [series_label(s.label, view.overview, "en") for s in rates.series]
        assert any("share of population (%)" in label for label in labels)
        charts = screen.query(MetricChart)
        assert [c.display for c in charts] == [True, True]
        assert [c.unit for c in charts] == ["count", "percent"]


async def test_broken_dataset_shows_the_problems_and_exits_cleanly(tmp_path: Path):
    broken = tmp_path / "data"
    shutil.copytree(DATA, broken)
    path = broken / "observations.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("value = 7_900_000", "value = 7_800_000"),
        encoding="utf-8",
    )
    app = create_app(data_dir=broken)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await wait_started(pilot)
        assert isinstance(screen, DataErrorScreen)
        assert any(
            p.record and p.record.startswith("2023-02-accounts-activated") and p.field == "value"
            for p in screen.problems
        )
        await pilot.press("q")
    assert app.return_code == 1


@pytest.mark.parametrize(
    "theme",
    ["ansi-dark", pytest.param("textual-light", marks=pytest.mark.slow)],  # a variant
)
async def test_themes_switch_and_chart_stays_readable(theme):
    async with create_app(theme=theme).run_test(size=(120, 40)) as pilot:
        screen = await wait_loaded(pilot)
        chart = screen.query_one("#chart", MetricChart)
        assert chart.theme == ("clear" if theme.startswith("ansi") else "auto")
        pilot.app.theme = "textual-dark" if theme.startswith("ansi") else "ansi-light"
        await pilot.pause()
        assert chart.theme == ("auto" if theme.startswith("ansi") else "clear")


async def test_metric_pane_shows_derived_figures_and_disagreements():
    filters = Filters(metrics=frozenset({"activation_rate_created"}))
    async with create_app(filters=filters).run_test(size=(120, 40)) as pilot:
        screen = await wait_loaded(pilot)
        await wait_for(
            pilot,
            lambda: (
                screen.metric_view is not None
                and screen.metric_view.metric["id"] == "activation_rate_created"
            ),
        )
        text = str(screen.query_one("#metric-series").render())
        # Derived, marked as such, with its formula and sources: 7 900 000 ÷ 12 % = 65.8 M.
        assert "Derived here, not published" in text
        assert "≙ 65.8 M" in text and "7,900,000 ÷ 12 % = 65.8 M" in text
        assert "from 2023-02-accounts-activated, 2023-02-activation-rate" in text
        # A disagreement with both quotes: 10,8 M ÷ 15 % = 72 M against 65,7 M created.
        assert "Disagreements" in text and "= 72 M" in text
        assert "10, 8 millions de Français" in text and "seulement 15% des comptes" in text
        # Look-alike definitions side by side.
        assert "Activation rate (of the population)" in text
        # A derived figure never appears as a published value in the series.
        series_part = text.split("≙ Derived")[0]
        assert "65.8 M" not in series_part


async def test_export_to_an_unknown_users_home_is_a_message_not_a_crash():
    async with create_app().run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExportScreen))
        pilot.app.screen.query_one("#export-path", Input).value = "~no-such-user-here/x.csv"
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.is_running and isinstance(pilot.app.screen, ExportScreen)
        assert "home directory" in str(pilot.app.screen.query_one("#export-error").render())
