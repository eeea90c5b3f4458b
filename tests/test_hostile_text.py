"""Data is untrusted: markup, links, escape sequences and control characters in a dataset are
shown literally (control characters as visible escapes), never interpreted, in every pane."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from textual.command import Hit
from textual.widgets import TextArea

from mes_tui.cli.main import main
from mes_tui.core import load
from mes_tui.core.paths import bundled_data_dir
from mes_tui.core.records import RecordKey
from mes_tui.ui.app import create_app
from mes_tui.ui.screens.source import SourceScreen
from mes_tui.ui.timeline import Timeline
from tests.ui_support import settled, wait_for, wait_loaded

# TOML escapes: \u001b is ESC, \u0007 BEL, \u202e a right-to-left override.
HOSTILE = (
    r"[bold]gras[/bold] [/nope] [@click=app.quit]quit[/] [link=http://x]l[/link] "
    r"\u001b[2J\u001b]52;c;SGVsbG8=\u0007\u001b]0;TITLE\u0007 \r \u202eevil 57 %"
)
SHOWN_LITERALLY = ["[bold]gras[/bold]", "[/nope]", "[@click=app.quit]quit[/]", "[link=http://x]"]
SHOWN_AS_ESCAPES = ["\\x1b[2J", "\\x07", "\\u202e", "\\x0d"]


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(bundled_data_dir(), root)
    with (root / "sources.toml").open("a", encoding="utf-8") as handle:
        handle.write(f'''
[[source]]
id = "hostile"
title = "{HOSTILE}"
outlet = "[red]Outlet[/red]"
url = "https://example.org/hostile"
published = 2025-03-01
published_precision = "day"
date_note = "Made up by the test suite."
language = "fr"
kind = "other"
excerpts = ["Avant. {HOSTILE} Après."]
''')
    with (root / "observations.toml").open("a", encoding="utf-8") as handle:
        handle.write(f'''
[[observation]]
id = "hostile-figure"
metric = "survey_declared_use"
value = 57
unit = "percent"
qualifier = "exact"
value_text = "57 %"
period_start = 2025-03-01
period_end = 2025-03-01
period_precision = "day"
scope = "national"
actor = "press"
speaker = "[b]Speaker[/b] \\u001b[31m"
attribution = "unattributed"
source = "hostile"
quote = "{HOSTILE}"
''')
    return root


def test_the_hostile_dataset_is_valid_and_keeps_its_characters(hostile_data: Path):
    frames = load(hostile_data)
    quote = frames.observations.filter(frames.observations["id"] == "hostile-figure")["quote"][0]
    assert "\x1b[2J" in quote and "[@click=app.quit]" in quote


async def test_every_pane_shows_hostile_text_literally(hostile_data: Path):
    app = create_app(data_dir=hostile_data)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await wait_loaded(pilot)
        table = screen.query_one(Timeline)
        index = next(
            i
            for i, row in enumerate(screen.rows)
            if row.key == RecordKey("observation", "hostile-figure")
        )
        table.move_cursor(row=index)
        await wait_for(pilot, lambda: screen.selected == RecordKey("observation", "hostile-figure"))
        await pilot.pause()
        quote_pane = str(screen.query_one("#quote-body").render())
        for text in SHOWN_LITERALLY + SHOWN_AS_ESCAPES + ["[b]Speaker[/b]", "[red]Outlet[/red]"]:
            assert text in quote_pane, text
        assert "\x1b" not in quote_pane and "\x07" not in quote_pane
        # The source view: title and excerpt, literal.
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SourceScreen))
        source = pilot.app.screen
        head = str(source.query_one("#source-head").render())
        assert "[bold]gras[/bold]" in head and "\\x1b[2J" in head
        assert "[@click=app.quit]" in source.query_one("#source-text", TextArea).text
        await pilot.press("escape")
        # Copy: the clipboard gets the real text; the notice shows it literally.
        await pilot.press("c")
        await pilot.pause()
        assert "[@click=app.quit]" in pilot.app.clipboard
        assert pilot.app.is_running  # nothing was clicked, nothing quit


def test_cli_table_shows_control_characters_as_escapes(hostile_data: Path, capsys):
    code = main(["query", "--data", str(hostile_data), "--search", "gras", "--format", "md"])
    out = capsys.readouterr().out
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    # Each control character shows as its escape, whose backslash and bracket Markdown escapes.
    for escape in SHOWN_AS_ESCAPES:
        assert escape.replace("\\", "\\\\").replace("[", "\\[") in out, escape


def _select_hostile():
    async def run_before(pilot) -> None:
        screen = await wait_loaded(pilot)
        index = next(
            i
            for i, row in enumerate(screen.rows)
            if row.key == RecordKey("observation", "hostile-figure")
        )
        screen.query_one(Timeline).move_cursor(row=index)
        await wait_for(pilot, lambda: screen.selected == RecordKey("observation", "hostile-figure"))
        await settled(pilot)

    return run_before


def test_hostile_text_snapshot_120x40(hostile_data: Path, snap_compare):
    assert snap_compare(
        create_app(data_dir=hostile_data), terminal_size=(120, 40), run_before=_select_hostile()
    )


@pytest.mark.e2e
def test_hostile_text_in_a_real_terminal(hostile_data: Path):
    """In tmux: the title, the clipboard and the screen stay untouched by the data."""
    import shlex

    from tests.tmux_support import Tmux, mes_tui_command

    term = Tmux(
        f"{shlex.quote(mes_tui_command())} --data {shlex.quote(str(hostile_data))} --search gras",
        width=140,
        height=40,
    )
    try:
        term._tmux("set-option", "-s", "set-clipboard", "on")
        title_before = term._tmux("display", "-p", "-t", "t", "#{pane_title}")
        screen = term.wait_for("1 of", "[bold]gras[/bold]", "[@click=app.quit]quit[/]")
        assert "\\x1b[2J" in screen  # the clear-screen sequence is shown, not obeyed
        assert "Mon espace santé" in screen  # …and the screen was not cleared
        assert term._tmux("display", "-p", "-t", "t", "#{pane_title}") == title_before
        assert "TITLE" not in term._tmux("display", "-p", "-t", "t", "#{pane_title}")
        buffers = subprocess.run(
            ["tmux", "-L", term.socket, "list-buffers"],
            capture_output=True,
            text=True,
            env=term.env,
            timeout=10,
        ).stdout
        assert "SGVsbG8" not in buffers and "Hello" not in buffers  # no OSC 52 from the data
    finally:
        term.close()


async def test_the_command_palette_shows_hostile_titles_literally(hostile_data: Path):
    from mes_tui.ui.commands import ExplorerCommands

    app = create_app(data_dir=hostile_data)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_loaded(pilot)
        provider = ExplorerCommands(screen)
        hits = [hit async for hit in provider.search("gras")]
        assert all(isinstance(hit, Hit) for hit in hits)
        shown = [str(hit.match_display) for hit in hits if isinstance(hit, Hit)]
        assert any(
            "[bold]gras[/bold] [/nope] [@click=app.quit]quit[/]" in text for text in shown
        ), shown


async def test_the_chart_shows_control_characters_as_escapes(hostile_data: Path):
    from mes_tui.core.queries import ChartSeries
    from mes_tui.present import chart as chart_words
    from mes_tui.ui.chart import MetricChart

    app = create_app(data_dir=hostile_data)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await wait_loaded(pilot)
        chart = screen.query_one(MetricChart)
        chart.display = True
        chart.heading = "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ \x1b[8mhidden"
        chart.series = (
            ChartSeries("\x1b[31mred actor", (date(2024, 1, 1), date(2024, 6, 1)), (1.0, 2.0)),
        )
        await pilot.pause()
        await wait_for(pilot, lambda: chart.size.width > 0)
        drawn = chart.plt.build()
        assert "\x1b]8;;" not in drawn and "\x1b[8m" not in drawn and "\x1b[31m" not in drawn
        assert "\\x1b" in drawn  # the escapes are shown, not obeyed
        # The legend, beside the chart, shows the series' name with its escapes visible.
        from mes_tui.ui.chart_draw import legend_entries

        legend = chart_words.legend_text(legend_entries(chart.panel))
        assert "\\x1b[31mred actor" in legend and "\x1b" not in legend
