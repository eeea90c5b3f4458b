"""The explorer as a newcomer finds it: each test is what a new user types, at 80×24 unless
said otherwise, and what they must then see."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import pytest
from textual.app import App
from textual.content import Content
from textual.dom import DOMNode
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Static

from mes_tui.core.filters import Filters
from mes_tui.core.frames import Frames
from mes_tui.ui.app import create_app
from mes_tui.ui.explorer import ExplorerScreen
from mes_tui.ui.screens.pickers import ChoiceScreen
from mes_tui.ui.textual_private import FooterKey
from mes_tui.ui.timeline import Timeline
from tests.textual_private import notifications
from tests.ui_support import palette_offers, settled, wait_for, wait_loaded

SIZE = (80, 24)

# Journeys of many keys each: in `make test`, not in the inner loop (`make test-fast`), which
# keeps a Pilot test of each feature (test_ui_pilot.py and the others) and the core's rules.
pytestmark = pytest.mark.journey


def text_of(node: DOMNode, selector: str) -> str:
    return str(node.query_one(selector).render())


async def open_picker(pilot: Pilot[Any], key: str) -> ChoiceScreen:
    await pilot.press(key)
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ChoiceScreen))
    picker = pilot.app.screen
    assert isinstance(picker, ChoiceScreen)
    return picker


def prompts(picker: ChoiceScreen) -> list[str]:
    return [str(o.prompt) for o in picker.query_one("#choices", OptionList).options]


# ── 1. pickers ───────────────────────────────────────────────────────────────────────────


async def test_typing_in_the_metric_picker_then_enter_applies_the_highlighted_one(
    frames: Frames,
) -> None:
    async with create_app().run_test(size=SIZE) as pilot:
        screen = await wait_loaded(pilot)
        await open_picker(pilot, "m")
        await pilot.press(*"activated")  # several metrics match: the first is highlighted
        await pilot.press("enter")
        await wait_for(pilot, lambda: pilot.app.screen is screen)
        assert len(screen.filters.metrics) == 1
        (metric,) = screen.filters.metrics
        shown = frames.observations.filter(pl.col("metric") == metric).height
        assert shown and f"{shown} of" in text_of(screen, "#summary")


async def test_the_actor_picker_replaces_the_actor_filter_on() -> None:
    app = create_app(filters=Filters(actors=frozenset({"cour-des-comptes"})))
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_loaded(pilot)
        await open_picker(pilot, "a")
        await pilot.press(*"harris", "enter")
        await wait_for(pilot, lambda: pilot.app.screen is screen)
        assert screen.filters.actors == frozenset({"harris-interactive"})


async def test_enter_without_typing_keeps_the_filter_on() -> None:
    app = create_app(filters=Filters(actors=frozenset({"cour-des-comptes", "cnam"})))
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_loaded(pilot)
        await open_picker(pilot, "a")
        await pilot.press("enter")
        await wait_for(pilot, lambda: pilot.app.screen is screen)
        assert screen.filters.actors == frozenset({"cour-des-comptes", "cnam"})


async def test_ticked_and_unticked_rows_differ_by_glyph_and_the_keys_are_on_screen() -> None:
    app = create_app(filters=Filters(actors=frozenset({"cnam"})))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        picker = await open_picker(pilot, "a")
        rows = prompts(picker)
        ticked = [r for r in rows if r.startswith("[x] ")]
        assert len(ticked) == 1 and "CNAM" in ticked[0]
        assert all(r.startswith("[ ] ") for r in rows if r not in ticked)
        keys = text_of(picker, "#picker-keys")
        for words in ("space", "enter", "esc", "↑ ↓"):
            assert words in keys
        await pilot.press(*"cour", "down", "space")  # ticking shows at once
        rows = prompts(picker)
        assert any(r.startswith("[x] Cour") for r in rows)


# ── 2. 80×24: footer, help, palette, legend ──────────────────────────────────────────────


def footer_text(app: App[Any]) -> str:
    from textual.widgets import Footer

    footer = app.screen.query_one(Footer)
    return " | ".join(f"{k.key_display} {k.description}" for k in footer.query(FooterKey))


async def test_the_footer_keeps_help_quit_and_the_way_to_the_chart_at_80x24() -> None:
    async with create_app().run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.pause()
        shown = footer_text(pilot.app)
        for entry in ("? Help", "q Quit", "/ Search", "3 Chart", "e Export"):
            assert entry in shown, shown
        # Everything the footer draws fits: its keys end before the right edge.
        keys = list(pilot.app.screen.query(FooterKey))
        assert keys and max(k.region.right for k in keys) <= SIZE[0]


async def test_help_is_grouped_by_task_with_only_keys_that_work_and_a_legend() -> None:
    from mes_tui.ui.screens.help import HelpScreen

    async with create_app().run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))
        help_screen = pilot.app.screen
        assert isinstance(help_screen, HelpScreen)
        tasks = [task for task, _ in help_screen.groups]
        assert tasks[:2] == ["Find figures", "Read a figure"]
        text = str(help_screen.query_one("#help-body Static").render())
        assert "Copy selected text" not in text  # a text field's key, not the explorer's
        assert "←" not in text and "→" not in text
        for symbol in "◆◇≙⚡⚠":
            assert symbol in text
        for _keys, what in help_screen.rows:
            assert len(what) < 70  # one line each at 80 columns


async def test_the_palette_offers_the_chart_and_the_help() -> None:
    from textual.command import CommandPalette

    async with create_app().run_test(size=SIZE) as pilot:
        screen = await wait_loaded(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, CommandPalette))
        await pilot.press(*"chart derived")
        await wait_for(
            pilot, lambda: palette_offers(pilot, "The metric: definition, values, chart")
        )
        await pilot.press("enter")
        await wait_for(pilot, lambda: pilot.app.screen is screen and screen.pane == "detail")
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, CommandPalette))
        await pilot.press(*"this help")
        await wait_for(pilot, lambda: palette_offers(pilot, "This help"))
        await pilot.press("enter")
        from mes_tui.ui.screens.help import HelpScreen

        await wait_for(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))


# ── 4. empty results ─────────────────────────────────────────────────────────────────────


async def test_an_empty_search_says_so_clears_the_panes_and_has_nothing_to_copy_or_export() -> None:
    async with create_app().run_test(size=SIZE) as pilot:
        screen = await wait_loaded(pilot)
        await pilot.press("down", "down")  # a figure is shown in the quote pane
        await wait_for(pilot, lambda: screen.record is not None)
        await pilot.press("slash", *"zzzz")
        await pilot.press("enter")
        await wait_for(pilot, lambda: not len(screen.rows))
        await settled(pilot)  # a stale "row picked" must not bring the old figure back
        quote = text_of(screen, "#quote-body")
        assert "No figure matches" in quote and "“" not in quote
        assert screen.metric_view is None
        timeline = screen.query_one("#timeline", Timeline)
        drawn = "\n".join(timeline.render_line(y).text for y in range(5))
        assert "No figure matches" in drawn and "x" in drawn and "clears" in drawn
        await pilot.press("c")
        await pilot.press("e")
        await pilot.pause()
        assert pilot.app.screen is screen  # no "Export 0 figures" dialog
        notices = [n.message for n in notifications(pilot.app)]
        assert any("Nothing to copy" in n for n in notices)
        assert any("Nothing to export" in n for n in notices)


async def test_typing_a_search_fast_leaves_no_stale_figure() -> None:
    """In a terminal, "z" picks a row and "zz" empties the view before that pick arrives."""
    async with create_app().run_test(size=SIZE) as pilot:
        screen = await wait_loaded(pilot)
        stale = screen.rows.key(3)
        await pilot.press("slash", *"zzzz")
        await wait_for(pilot, lambda: not len(screen.rows))
        screen.query_one(Timeline).post_message(Timeline.Picked(stale))  # arriving late
        await settled(pilot)
        assert screen.record is None and screen.selected is None and screen.no_match


# ── 5. export dialog ─────────────────────────────────────────────────────────────────────


async def test_export_over_an_existing_file_offers_to_overwrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import stat

    from mes_tui.ui.screens.export import ExportScreen

    monkeypatch.chdir(tmp_path)
    old = os.umask(0o022)
    try:
        async with create_app().run_test(size=SIZE) as pilot:
            screen = await wait_loaded(pilot)
            await pilot.press("c")  # a notice up
            await pilot.press("e")
            await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExportScreen))
            assert not notifications(pilot.app)  # nothing covers the dialog
            dialog = pilot.app.screen.query_one(".dialog")
            assert dialog.region.right <= SIZE[0]
            for hint in dialog.query("Label, .hint-line"):
                assert "…" not in str(hint.render())
            await pilot.press("enter")
            await wait_for(pilot, lambda: pilot.app.screen is screen)
            (written,) = list(tmp_path.glob("mes-figures-*.csv"))
            assert stat.S_IMODE(written.stat().st_mode) == 0o644
            written.write_text("old")
            await pilot.press("e")
            await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExportScreen))
            await pilot.press("enter")
            await pilot.pause()
            error = text_of(pilot.app.screen, "#export-error")
            assert "already exists" in error and "overwrites" in error
            assert written.read_text() == "old"
            await pilot.press("enter")  # yes, overwrite
            await wait_for(pilot, lambda: pilot.app.screen is screen)
            assert written.read_text().startswith("id,")
    finally:
        os.umask(old)


# ── 7. history and sharing ───────────────────────────────────────────────────────────────


async def test_back_and_forward_through_filters_and_the_command_line_of_the_view(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async with create_app().run_test(size=SIZE) as pilot:
        screen = await wait_loaded(pilot)
        await open_picker(pilot, "a")
        await pilot.press(*"cour", "enter")
        await wait_for(pilot, lambda: screen.filters.actors == {"cour-des-comptes"})
        await pilot.press("slash", *"activ", "enter")  # five keys, one step
        await wait_for(pilot, lambda: screen.filters.search == "activ")
        await pilot.press("b")
        assert screen.filters == Filters(actors=frozenset({"cour-des-comptes"}))
        assert screen.query_one("#search", Input).value == ""
        await pilot.press("b")
        assert screen.filters == Filters()
        await pilot.press("f", "f")
        assert screen.filters.search == "activ" and screen.filters.actors
        copied: list[str] = []
        monkeypatch.setattr(pilot.app, "copy_to_clipboard", copied.append)
        await pilot.press("y")
        assert copied == ["mes-tui --actor cour-des-comptes --search activ"]


# ── 6. search ────────────────────────────────────────────────────────────────────────────


def obs_ids(screen: ExplorerScreen) -> set[str]:
    return {row.key.id for row in screen.rows if not row.key.is_event}


async def test_a_quoted_phrase_finds_the_phrase_not_every_word(frames: Frames) -> None:
    async with create_app().run_test(size=SIZE) as pilot:
        screen = await wait_loaded(pilot)
        await pilot.press("slash", *"18 millions", "enter")
        await wait_for(pilot, lambda: screen.filters.search == "18 millions")
        words = obs_ids(screen)
        await pilot.press("slash", *(["backspace"] * 11), *'"18 millions"', "enter")
        await wait_for(pilot, lambda: screen.filters.search == '"18 millions"')
        phrase = obs_ids(screen)
        assert phrase and phrase < words
        values = frames.observations.filter(pl.col("id").is_in(sorted(phrase)))["quote"]
        assert all("18 millions" in q.replace("\u202f", " ").replace("\xa0", " ") for q in values)


async def test_notes_are_searched_and_matches_are_marked_in_quote_and_timeline(
    frames: Frames,
) -> None:
    from mes_tui.core.text import fold
    from mes_tui.ui.quote import MATCH_STYLE

    def elsewhere(row: dict[str, Any]) -> str:
        columns = ("quote", "metric_label", "metric_label_fr", "category", "actor_name")
        return fold(" ".join(str(row[c] or "") for c in (*columns, "source_title", "speaker")))

    note_only, word = next(
        (row, w)
        for row in frames.observations.filter(pl.col("note").is_not_null()).iter_rows(named=True)
        for w in (w.strip(".,;:()«»'’") for w in row["note"].split())
        if len(w) > 6 and fold(w) not in elsewhere(row)
    )
    async with create_app().run_test(size=(120, 40)) as pilot:
        screen = await wait_loaded(pilot)
        await pilot.press("slash", *word, "enter")
        await wait_for(pilot, lambda: note_only["id"] in obs_ids(screen))
        # The timeline marks a match in a label: search an actor's name.
        await pilot.press("slash", *(["backspace"] * len(word)), *"cnam", "enter")
        await wait_for(pilot, lambda: screen.filters.search == "cnam")
        timeline = screen.query_one("#timeline", Timeline)
        marked = [
            seg.text
            for y in range(1, 10)
            for seg in timeline.render_line(y)
            if seg.style and seg.style.underline
        ]
        assert any(text.lower() == "cnam" for text in marked), marked
        await pilot.press("slash", *(["backspace"] * 4), *"activ", "enter")
        await wait_for(pilot, lambda: screen.filters.search == "activ")
        await wait_for(pilot, lambda: screen.record is not None)
        body = screen.query_one("#quote-body", Static).visual
        assert isinstance(body, Content)
        spans = [span for span in body.spans if str(span.style) == MATCH_STYLE]
        assert spans and all(body.plain[s.start : s.end].lower().startswith("activ") for s in spans)


async def test_a_range_pasted_into_the_date_dialog_goes_into_both_fields() -> None:
    from mes_tui.ui.screens.pickers import DateRangeScreen

    async with create_app().run_test(size=SIZE) as pilot:
        screen = await wait_loaded(pilot)
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, DateRangeScreen))
        await pilot.press(*"2023-01 – 2024-06", "enter")
        await wait_for(pilot, lambda: pilot.app.screen is screen)
        assert (str(screen.filters.since), str(screen.filters.until)) == (
            "2023-01-01",
            "2024-06-30",
        )
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, DateRangeScreen))
        dialog = pilot.app.screen
        await pilot.press("ctrl+a", "backspace")  # whatever the field held
        dialog.query_one("#since", Input).value = "since 2023 x 2024"
        await pilot.pause()
        dialog.query_one("#since", Input).value = "2023 x"
        await pilot.pause()
        assert "not a date" in text_of(dialog, "#date-error")


# ── 3. no truncated value; zoom ──────────────────────────────────────────────────────────


def drawn_lines(timeline: Timeline, count: int) -> list[str]:
    return [timeline.render_line(y).text for y in range(1, count + 1)]


async def test_values_and_periods_are_never_cut_at_80_columns() -> None:
    from mes_tui.present.formats import period, value

    async with create_app().run_test(size=SIZE) as pilot:
        screen = await wait_loaded(pilot)
        timeline = screen.query_one("#timeline", Timeline)
        page = timeline.scrollable_content_region.height - 1
        for top in range(0, len(screen.rows), page):  # every line, a page at a time
            timeline.scroll_to(y=top, animate=False, immediate=True)
            await pilot.pause()
            top = int(timeline.scroll_offset.y)
            for index in range(top, min(top + page, len(screen.rows))):
                row = screen.rows[index]
                text = timeline.render_line(index - top + 1).text
                assert period(row.start, row.end, row.precision) in text, text
                if row.value is not None and row.unit is not None:
                    assert value(row.value, row.unit, row.qualifier) in text, text


async def test_zoom_gives_the_timeline_the_whole_screen_and_wider_columns() -> None:
    async with create_app().run_test(size=(140, 45)) as pilot:
        screen = await wait_loaded(pilot)
        timeline = screen.query_one("#timeline", Timeline)
        before = timeline.size.width
        cut_before = sum("…" in line for line in drawn_lines(timeline, 20))
        await pilot.press("z")
        await wait_for(pilot, lambda: screen.maximized is timeline)
        await pilot.pause()
        assert timeline.size.width > before and timeline.outer_size.width == 140
        assert sum("…" in line for line in drawn_lines(timeline, 20)) < cut_before
        await pilot.press("z")
        await wait_for(pilot, lambda: screen.maximized is None)


# ── 8. sort, group, count table ──────────────────────────────────────────────────────────


async def test_sort_by_value_then_actor_and_group_by_actor() -> None:
    async with create_app().run_test(size=SIZE) as pilot:
        screen = await wait_loaded(pilot)
        await pilot.press("s")  # by value
        figures = [r for r in screen.rows if not r.is_event]
        percents = [r.value for r in figures if r.unit == "percent" and r.value is not None]
        assert percents == sorted(percents, reverse=True) and len(percents) > 3
        await pilot.press("s")  # by actor
        actors = [r.actor for r in screen.rows if r.actor]
        assert actors == sorted(actors)
        await pilot.press("s", "G", "G")  # back to date; grouped by actor
        timeline = screen.query_one("#timeline", Timeline)
        assert timeline.render_line(0).text.split()[0] == "Group"
        groups = [screen.rows.group(i) for i in range(len(screen.rows))]
        changes = [g for i, g in enumerate(groups) if i == 0 or groups[i - 1] != g]
        assert len(changes) == len(set(changes))  # each actor's figures together
        assert "Harris Interactive" in " ".join(drawn_lines(timeline, 20)) or changes


async def test_the_count_table_counts_by_actor_and_year_and_filters_on_enter(
    frames: Frames,
) -> None:
    from mes_tui.ui.screens.counts import CountScreen

    async with create_app().run_test(size=SIZE) as pilot:
        screen = await wait_loaded(pilot)
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, CountScreen))
        counts = pilot.app.screen
        assert isinstance(counts, CountScreen)
        table: DataTable[Any] = counts.query_one("#counts-table", DataTable)
        labels = [str(c.label) for c in table.columns.values()]
        assert labels[0] == "Actor" and labels[-1] == "Total" and "2023" in labels
        top = table.get_row_at(0)
        actor = counts.ids[0]
        expected = frames.observations.filter(pl.col("actor") == actor).height
        assert str(top[-1]) == str(expected)
        await pilot.press("t")  # metrics × years
        assert str(next(iter(table.columns.values())).label) == "Metric"
        await pilot.press("t", "enter")
        await wait_for(pilot, lambda: pilot.app.screen is screen)
        assert screen.filters.actors == frozenset({actor})
