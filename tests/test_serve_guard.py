"""What ``mes_tui.web.server`` relies on in textual-serve and Textual, beyond their documented API.

If an upgrade of textual-serve moves one of these, a test here fails and names it, rather than
the served explorer quietly losing its clean-up.
"""

from __future__ import annotations

import asyncio
import inspect
import sys

import jinja2
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager
from textual_serve.server import Server

from mes_tui.web.server import GuardedServer, _process_of


async def _nothing(*_args) -> None:
    return None


async def test_the_process_an_app_service_started_is_found_and_can_be_ended():
    service = AppService(
        f"exec {sys.executable} -c 'import time; time.sleep(60)'",
        write_bytes=_nothing,
        write_str=_nothing,
        close=_nothing,
        download_manager=DownloadManager(),
    )
    await service.start(80, 24)
    process = _process_of(service)
    assert process is not None, "textual-serve no longer keeps its process in AppService._process"
    assert process.returncode is None
    process.kill()
    async with asyncio.timeout(10):
        await service.stop()  # returns once the process's output has ended
        assert await process.wait() != 0


def test_the_handlers_overridden_are_still_textual_serves():
    for name in (
        "handle_index",
        "handle_websocket",
        "handle_download",
        "on_startup",
        "on_shutdown",
        "initialize_logging",
    ):
        assert inspect.isfunction(getattr(Server, name, None)), f"Server.{name} is gone"
        assert getattr(GuardedServer, name) is not getattr(Server, name), name
    for name in ("start", "stop", "send_bytes", "set_terminal_size", "blur", "focus"):
        assert inspect.iscoroutinefunction(getattr(AppService, name, None)), name


def test_textual_serves_page_takes_the_values_it_is_given():
    server = Server("true")
    template = jinja2.Environment(
        loader=jinja2.FileSystemLoader(server.templates_path), undefined=jinja2.StrictUndefined
    ).get_template("app_index.html")
    context = {
        "font_size": 16,
        "app_websocket_url": "ws://here:1/ws",
        "config": {"static": {"url": "/static/"}},
        "application": {"name": "mes-tui"},
        "ping_url": "",
    }
    page = template.render(context)
    assert 'data-session-websocket-url="ws://here:1/ws"' in page
    assert "/static/js/textual.js" in page
    assert (server.statics_path / "js" / "textual.js").is_file()
