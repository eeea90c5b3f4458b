"""The browser demo: ``mes-tui serve`` on 127.0.0.1, opened in headless Chromium.

The page's terminal must show the explorer and answer key presses.
"""

from __future__ import annotations

import pytest

from mes_tui.core import load
from mes_tui.core.paths import bundled_data_dir
from tests.browser_support import Browser, Page, ServedExplorer

pytestmark = pytest.mark.e2e
N_OBS = load(bundled_data_dir()).observations.height


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


async def test_the_served_explorer_renders_and_answers_keys(served, browser):
    async with Page(browser.page_websocket()) as page:
        await page.open(served.url)
        await page.wait_for(f"{N_OBS} of {N_OBS} figures", "Timeline", timeout=45)
        await page.type("/cazeneuve")
        await page.wait_for(f"3 of {N_OBS} figures", "cazeneuve", "18 M")
