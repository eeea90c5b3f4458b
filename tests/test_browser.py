"""The browser demo: ``mes-tui serve`` on 127.0.0.1, opened in headless Chromium.

The page's terminal must show the explorer and answer key presses.
"""

from __future__ import annotations

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
