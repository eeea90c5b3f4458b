"""The installed program in a real terminal (tmux): start, filter, search, open a source, quit."""

from __future__ import annotations

import shlex

import pytest

from mes_tui.core import load
from mes_tui.core.paths import bundled_data_dir
from tests.tmux_support import Tmux, mes_tui_command

pytestmark = pytest.mark.e2e
N_OBS = load(bundled_data_dir()).observations.height


@pytest.fixture
def term():
    sessions: list[Tmux] = []

    def start(args: str = "", **kwargs) -> Tmux:
        session = Tmux(f"{shlex.quote(mes_tui_command())} {args}", **kwargs)
        sessions.append(session)
        return session

    yield start
    for session in sessions:
        session.close()


def test_start_filter_search_open_source_quit(term):
    t = term(width=100, height=30)
    t.wait_for(f"{N_OBS} of {N_OBS} figures", "Timeline", "Source quote")

    # Search as you type, accents and case ignored.
    t.send("/")
    t.type("cazeneuve")
    t.wait_for(f"3 of {N_OBS} figures", "search “cazeneuve”", "18 M", "Accounts activated")
    t.send("Escape")
    t.send("x")
    t.wait_for(f"{N_OBS} of {N_OBS} figures", absent="cazeneuve")

    # Filter by metric through the picker.
    t.send("m")
    t.wait_for("Metrics", "Type to narrow")
    t.type("spaces used")
    t.send("Enter")
    t.wait_for(f"1 of {N_OBS} figures", "metric: Spaces used", "3.2 M")

    # The full source, at the quote.
    t.send("o")
    t.wait_for("First assessment of Mon espace santé", "3,2 millions", "Back to the quote")
    t.send("Escape")
    t.wait_for(f"1 of {N_OBS} figures")

    t.send("q")
    t.wait_for("[exit 0]")


def test_start_up_flags_open_filtered_and_bad_flags_fail_before_the_ui(term):
    t = term("--metric accounts_activated --actor cnam --since 2025", width=100, height=30)
    t.wait_for(f"1 of {N_OBS} figures", "18 M", "metric: Accounts activated")
    t.send("q")
    t.wait_for("[exit 0]")

    bad = term("--metric no_such_metric", width=100, height=30)
    bad.wait_for("[exit 2]", "unknown metric 'no_such_metric'", "accounts_activated")
