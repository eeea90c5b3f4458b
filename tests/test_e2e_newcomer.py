"""A newcomer's session in a real terminal at 80×24 (tmux): every key they need is on the
screen, pickers answer what was typed, an empty result says so, history and sorting work,
and the command line answers a typo with a suggestion."""

from __future__ import annotations

import shlex
import subprocess

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


def footer(screen: str) -> str:
    return screen.rstrip("\n").splitlines()[-1]


def test_a_newcomer_at_80x24(term):
    t = term(width=80, height=24)
    t.wait_for(f"{N_OBS} of {N_OBS} figures", "Timeline")
    # The footer settles on the narrow layout's keys once the layout is known.
    screen = t.wait_for("? Help", "q Quit", "/ Search", "m Metric", "3 Chart")
    keys = footer(screen)
    for entry in ("? Help", "q Quit", "/ Search", "m Metric", "3 Chart"):
        assert entry in keys, keys
    assert not keys.rstrip().endswith("▏") and "…" not in keys

    # The metric picker: type, Enter: the highlighted metric is applied.
    t.send("m")
    t.wait_for("[ ]", "enter", "applies", "esc")
    t.type("accounts activated")
    t.wait_for("[ ] Accounts activated")
    t.send("Enter")
    screen = t.wait_for("metric: Accounts activated")
    assert f"of {N_OBS} figures" in screen

    # The actor picker replaces the actor filter.
    t.send("a")
    t.wait_for("Actors")
    t.type("cnam")
    t.send("Enter")
    t.wait_for("actor: CNAM")
    t.send("a")
    t.wait_for("Actors")
    t.type("cour des")
    t.send("Enter")
    screen = t.wait_for("actor: Cour des comptes", absent="CNAM")

    # Back through the history, then an empty search that says what to do.
    t.send("b")
    t.wait_for("actor: CNAM")
    t.send("x")
    t.wait_for("no filter")
    t.send("/")
    t.type("zzzz")
    t.send("Enter")
    screen = t.wait_for("No figure matches these filters", "x clears all")
    t.send("e")
    t.wait_for("Nothing to export")

    # Sort by value; the chart's pane; the count table; help with its legend.
    t.send("x")
    t.wait_for("no filter")
    t.send("s")
    t.wait_for("Sorted by value")
    t.send("3")
    t.wait_for("Metric")
    t.send("1")
    t.send("t")
    t.wait_for("Figures by actor and year", "Total")
    t.send("Escape")
    t.send("?")
    t.wait_for("Find figures", "Read a figure")
    t.send("End")
    t.wait_for("Symbols", "derived here")
    t.send("Escape")
    t.send("q")
    t.wait_for("[exit 0]")


def test_the_command_line_suggests_and_accepts_names():
    typo = subprocess.run(
        [mes_tui_command(), "query", "--metric", "accounts_activatd"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert typo.returncode == 2 and typo.stdout == ""
    assert "did you mean accounts_activated" in typo.stderr
    by_name = subprocess.run(
        [mes_tui_command(), "query", "--actor", "cour", "--format", "csv"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert by_name.returncode == 0, by_name.stderr
    assert "cour-des-comptes" in by_name.stdout
