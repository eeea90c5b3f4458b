"""`mes-tui review` in a real terminal (tmux, 80×24): a confirmed write, and a refused one."""

from __future__ import annotations

import shlex
import tomllib
from pathlib import Path

import pytest

from mes_tui.core.dataset import validate
from tests.extract_support import ARTICLE
from tests.tmux_support import Tmux, mes_tui_command

pytestmark = pytest.mark.e2e
START = 120  # the extraction libraries load in the new process first


@pytest.fixture
def review(tmp_path: Path, data_copy: Path):
    sessions: list[Tmux] = []
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")

    def start() -> Tmux:
        command = (
            f"{shlex.quote(mes_tui_command())} review {shlex.quote(str(article))} "
            f"--published 2025-03-03 --url https://www.exemple-sante.fr/a --data {shlex.quote(str(data_copy))}"
        )
        session = Tmux(command, width=80, height=24)
        sessions.append(session)
        session.wait_for("Candidates", "Article", "a Accept", timeout=START)
        return session

    yield start
    for session in sessions:
        session.close()


def _snapshot(data_dir: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(data_dir.glob("*.toml"))}


def test_accept_confirm_and_the_figures_are_in_the_data(review, data_copy: Path) -> None:
    t = review()
    t.wait_for("accounts_acti", "≈ 20 M")
    t.send("a")
    t.wait_for("✓")
    t.send("w")
    t.wait_for("Add to the data directory?", "1 figure and their source")
    t.send("y")
    t.wait_for("Written.")
    t.send("q")
    t.wait_for("[exit 0]")
    added = tomllib.loads((data_copy / "observations.toml").read_text())["observation"][-1]
    assert (added["value"], added["metric"], added["qualifier"]) == (
        20_000_000,
        "accounts_activated",
        "about",
    )
    assert validate(data_copy) == []


def test_a_write_that_would_not_validate_is_refused_and_the_data_is_untouched(
    review, data_copy: Path
) -> None:
    before = _snapshot(data_copy)
    t = review()
    t.send("p")
    t.wait_for("Date range", "2025-03-03")
    t.send("C-u")
    t.wait_for("since")  # the field is empty: its placeholder shows
    t.type("2030-01-01")
    t.wait_for("2030-01-01")
    t.send("Tab", "C-u")
    t.wait_for("until")
    t.type("2030-01-31")
    t.wait_for("2030-01-31")
    t.send("Enter")
    t.wait_for("Jan 2030")
    t.send("a", "w")
    t.wait_for("Add to the data directory?")
    t.send("y")
    screen = t.wait_for("Nothing was written", "period_start")
    assert "after its source was published" in screen
    t.send("Escape")
    t.send("q")
    t.wait_for("[exit 0]")
    assert _snapshot(data_copy) == before
    assert not (data_copy / ".backups").exists()
