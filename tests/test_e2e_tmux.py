"""The installed program in a real terminal (tmux): start, filter, search, open a source, quit."""

from __future__ import annotations

import shlex

import polars as pl
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


def test_an_analyst_reads_a_chart_at_80x24_in_french(term, frames):
    """From a new user's keystrokes: the metric pane (3), the cursor reads a figure off (→),
    the timeline follows (2 shows its quote), the Table and Sources views (v), hiding a
    series (space)."""
    from mes_tui.core.chart_cursor import chart_points
    from mes_tui.core.queries import metric_view
    from mes_tui.present.language import ngettext

    view = metric_view(frames, "accounts_activated")
    metric_rows = view.series
    first, second = chart_points(view.panels)[:2]
    quote = frames.observations.filter(pl.col("id") == second.id)["quote"][0]
    t = term(
        "--metric accounts_activated",
        width=80,
        height=24,
        env={"LANG": "fr_FR.UTF-8", "LC_ALL": "", "MES_TUI_LANG": ""},
    )
    rows = ngettext("{n} row", "{n} rows", len(metric_rows), "fr").format(n=len(metric_rows))
    t.wait_for("indicateur\u00a0: Comptes /", rows)  # the header wraps at 80 columns
    t.send("3")
    t.wait_for("Graphique · Tableau · Sources", "Comptes / profils activés (millions)", "← →")
    t.send("Right")
    t.wait_for("X ", f"[{first.id}]")
    t.send("Right")
    t.wait_for(f"[{second.id}]")
    t.send("Space")
    t.wait_for("(masquée)")
    t.send("Space")
    t.wait_for("← →", absent="(masquée)")
    t.send("2")  # the timeline has followed the cursor: the quote pane shows that figure
    # The words of the quote, not its opening mark; the metric pane, hidden, has lost the
    # focus (its keys leave the footer), so its keys coming back below mean it has it again.
    t.wait_for(" ".join(quote.split()[1:4]), absent="← → Chiffre")
    t.send("3")
    t.wait_for("← → Chiffre")  # the pane has the focus: its keys lead the footer
    t.send("v")
    t.wait_for("Période", "Valeur", "Évolution", "Qui")
    t.send("v")
    t.wait_for("Sources\u00a0:", f"[{first.id}]")
    t.send("q")
    t.wait_for("[exit 0]")
