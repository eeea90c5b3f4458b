"""The installed program in a real terminal (tmux): start, filter, search, open a source, quit."""

from __future__ import annotations

import shlex

import pytest

from tests.tmux_support import Tmux, mes_tui_command, search_filter_and_open_source

pytestmark = pytest.mark.e2e


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


def test_start_filter_search_open_source_quit(term, n_obs):
    t = term(width=100, height=30)
    t.wait_for(f"{n_obs} of {n_obs} figures", "Timeline", "Source quote")

    search_filter_and_open_source(t, n_obs)

    t.send("q")
    t.wait_for("[exit 0]")


def test_start_up_flags_open_filtered_and_bad_flags_fail_before_the_ui(term, n_obs):
    t = term("--metric accounts_activated --actor cnam --since 2025", width=100, height=30)
    t.wait_for(f"1 of {n_obs} figures", "18 M", "metric: Accounts activated")
    t.send("q")
    t.wait_for("[exit 0]")

    bad = term("--metric no_such_metric", width=100, height=30)
    bad.wait_for("[exit 2]", "unknown metric 'no_such_metric'", "mes-tui metrics")


def test_a_french_user_in_a_french_locale(term, frames, n_obs):
    """LANG=fr_FR.UTF-8 (the locale need not be generated on the server): the explorer speaks
    French, and French words without accents find French labels."""
    from mes_tui.core.filters import Filters, apply

    found = apply(frames.observations, Filters(search="cazeneuve")).height
    activated = apply(
        frames.observations, Filters(metrics=frozenset({"accounts_activated"}))
    ).height
    t = term(width=100, height=30, env={"LANG": "fr_FR.UTF-8", "LC_ALL": "", "MES_TUI_LANG": ""})
    t.wait_for(f"{n_obs} sur {n_obs} chiffres", "Chronologie", "Citation de la source")
    t.send("/")
    t.type("cazeneuve")
    t.wait_for(f"{found} sur {n_obs} chiffres", "recherche «\u00a0cazeneuve\u00a0»")
    t.send("Escape")
    t.send("x")
    t.wait_for(f"{n_obs} sur {n_obs} chiffres", "Filtres effacés", absent="cazeneuve")

    t.send("m")
    t.wait_for("Indicateurs", "Tapez pour filtrer")
    t.type("comptes / profils actives")
    t.send("Enter")
    t.wait_for(f"{activated} sur {n_obs} chiffres", "indicateur\u00a0: Comptes / profils activés")
    t.send("3")
    t.wait_for("Espaces que leur titulaire a activés", "Activé n'est pas utilisé", "millions")
    t.send("q")
    t.wait_for("[exit 0]")
