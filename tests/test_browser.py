"""The browser demo: ``mes-tui serve`` on 127.0.0.1, opened in headless Chromium.

The page's terminal must show the explorer and answer key presses, and an export must reach
the browser as a download without writing anything where the server runs.
"""

from __future__ import annotations

import asyncio
import os
import time
from datetime import date
from pathlib import Path

import pytest

from tests.browser_support import Browser, Page, ServedExplorer

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


@pytest.fixture
def served(tmp_path):
    server = ServedExplorer(tmp_path)
    yield server
    server.close()


@pytest.fixture
def browser(tmp_path):
    chromium = Browser(tmp_path)
    yield chromium
    chromium.close()


async def test_the_served_explorer_renders_and_answers_keys(served, browser, n_obs):
    async with Page(browser.page_websocket()) as page:
        await page.open(served.url)
        await page.wait_for(f"{n_obs} of {n_obs} figures", "Timeline", timeout=45)
        await page.type("/cazeneuve")
        await page.wait_for(f"3 of {n_obs} figures", "cazeneuve", "18 M")


def _files(directory: Path) -> set[str]:
    return {str(path.relative_to(directory)) for path in directory.rglob("*")}


async def test_an_export_from_the_served_explorer_is_a_download(tmp_path, browser, n_obs):
    """The visitor gets the file; the server's working directory and home gain nothing."""
    server_cwd, home, downloads = tmp_path / "cwd", tmp_path / "home", tmp_path / "downloads"
    for directory in (server_cwd, home, downloads):
        directory.mkdir()
    env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    served = ServedExplorer(tmp_path, cwd=server_cwd, env=env)
    try:
        async with Page(browser.browser_websocket()) as whole:
            await whole.call(
                "Browser.setDownloadBehavior", behavior="allow", downloadPath=str(downloads)
            )
            async with Page(browser.page_websocket()) as page:
                await page.open(served.url)
                await page.wait_for(f"{n_obs} of {n_obs} figures", "Timeline", timeout=45)
                before = (_files(server_cwd), _files(home))
                await page.type("e")
                await page.wait_for("enter downloads")
                await page.press_enter()  # the proposed name: mes-figures-<today>.csv
                name = f"mes-figures-{date.today().isoformat()}.csv"
                received = downloads / name
                deadline = time.monotonic() + 30
                while not received.exists() and time.monotonic() < deadline:
                    await asyncio.sleep(0.2)
                assert received.exists(), f"no download; the folder holds {_files(downloads)}"
                text = received.read_text(encoding="utf-8")
                assert text.startswith("id,") and "citation" in text.splitlines()[0]
                assert "Cazeneuve" in text
                await page.wait_for("sent to your browser")
        assert (_files(server_cwd), _files(home)) == before == (set(), set())
    finally:
        served.close()
