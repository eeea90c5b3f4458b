"""The review screen, driven with Textual's Pilot: accept, reject, edit, write — or refuse."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input

from mes_tui.core.dataset import validate
from mes_tui.extract.article import read_article
from mes_tui.extract.session import Session
from mes_tui.ui.review import ConfirmWrite, ProblemsScreen, ReviewApp, ReviewScreen
from tests.extract_support import ARTICLE, PUBLISHED

URL = "https://www.exemple-sante.fr/actualites/carnet"


def session_on(data_dir: Path) -> Session:
    article = read_article(ARTICLE.encode("utf-8"), "article.txt")
    return Session.start(
        article,
        data_dir,
        published=PUBLISHED,
        precision="day",
        url=URL,
        outlet="Exemple Santé",
        title=None,
        kind="press",
        date_note="Given in the test.",
    )


def snapshot(data_dir: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(data_dir.glob("*.toml"))}


async def wait_for(pilot, condition, what: str) -> None:
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"never: {what}")


async def test_accept_reject_then_write_after_confirmation(data_copy: Path) -> None:
    session = session_on(data_copy)
    untouched = snapshot(data_copy)
    app = ReviewApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen), "the review screen")
        await pilot.press("a", "r", "a")
        assert session.decisions[:3] == [True, False, True]
        await pilot.press("w")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmWrite), "the confirmation")
        assert snapshot(data_copy) == untouched  # nothing before the confirmation
        before = (data_copy / "observations.toml").read_text()
        await pilot.press("y")
        await wait_for(pilot, lambda: app.written, "the write")
    added = tomllib.loads((data_copy / "observations.toml").read_text())["observation"]
    new = [o for o in added if o["source"].startswith("2025-03-exemple-sante")]
    assert [o["value"] for o in new] == [20_000_000, pytest.approx(100 / 3, rel=1e-6)]
    sources = tomllib.loads((data_copy / "sources.toml").read_text())["source"]
    [source] = [s for s in sources if s.get("url") == URL]
    assert source["outlet"] == "Exemple Santé" and len(source["excerpts"]) == 2
    assert validate(data_copy) == []
    [backup] = (data_copy / ".backups").iterdir()
    assert (backup / "observations.toml").read_text() == before


async def test_a_write_that_would_not_validate_is_refused_and_writes_nothing(
    data_copy: Path,
) -> None:
    session = session_on(data_copy)
    before = snapshot(data_copy)
    app = ReviewApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen), "the review screen")
        # A period after the article's publication (and not a target) cannot validate.
        await pilot.press("p")
        await wait_for(
            pilot, lambda: app.screen.__class__.__name__ == "DateRangeScreen", "the period picker"
        )
        for field, value in (("#since", "2030-01-01"), ("#until", "2030-01-31")):
            app.screen.query_one(field, Input).value = value
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: session.figures[0].period_start == date(2030, 1, 1), "the edit"
        )
        await pilot.press("a", "w")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmWrite), "the confirmation")
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, ProblemsScreen), "the refusal")
        screen = app.screen
        assert isinstance(screen, ProblemsScreen)
        problems = "\n".join(screen.problems)
        assert "period_start" in problems and "observations.toml" in problems
        assert not app.written
    assert snapshot(data_copy) == before
    assert not (data_copy / ".backups").exists()


async def test_cancel_and_quit_write_nothing(data_copy: Path) -> None:
    session = session_on(data_copy)
    before = snapshot(data_copy)
    app = ReviewApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen), "the review screen")
        await pilot.press("a", "a", "w")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmWrite), "the confirmation")
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen), "back to the review")
        await pilot.press("q")
    assert snapshot(data_copy) == before


async def test_the_metric_and_stater_pickers_edit_the_figure(data_copy: Path) -> None:
    session = session_on(data_copy)
    app = ReviewApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen), "the review screen")
        await pilot.press("m")
        await wait_for(
            pilot, lambda: app.screen.__class__.__name__ == "ChoiceScreen", "the metric picker"
        )
        await pilot.press(*"weekly", "enter")
        await wait_for(
            pilot, lambda: session.figures[0].metric == "weekly_unique_visitors", "the metric edit"
        )
        assert session.figures[0].reasons == ("edited by hand",)
        await pilot.press("s")
        await wait_for(
            pilot, lambda: app.screen.__class__.__name__ == "ChoiceScreen", "the stater picker"
        )
        await pilot.press(*"cour", "enter")
        await wait_for(
            pilot, lambda: session.figures[0].actor == "cour-des-comptes", "the stater edit"
        )


async def test_the_figure_is_highlighted_in_the_article(data_copy: Path) -> None:
    from mes_tui.ui.review import article_content

    session = session_on(data_copy)
    content = article_content(session, 1)
    figure = session.figures[1]
    styled = [span for span in content.spans if "reverse" in str(span.style)]
    assert [(s.start, s.end) for s in styled] == [(figure.start, figure.end)]
    assert content.plain[figure.start : figure.end] == "600 000"
