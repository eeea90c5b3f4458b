"""``mes-tui serve`` is safe to share: a token, a cap on sessions, no process left behind.

Each test runs the real server on 127.0.0.1 and talks to it as a browser does (HTTP, then the
websocket that starts an explorer); the explorers are the server's child processes, counted
with ``ps``. Every wait is bounded and polls for its condition.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Self

import aiohttp
import pytest

from mes_tui.web.server import STOP_GRACE
from tests.browser_support import ServedExplorer, alive, free_port

pytestmark = pytest.mark.e2e
MES_TUI = str(Path(sys.executable).with_name("mes-tui"))
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def serve(tmp_path):
    started: list[ServedExplorer] = []

    def start(*args: str) -> ServedExplorer:
        server = ServedExplorer(tmp_path, *args)
        started.append(server)
        return server

    yield start
    for server in started:
        server.close()


def wait_until(condition, timeout: float = 20.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"{what}: not reached within {timeout} s")


async def get(url: str, **kwargs) -> tuple[int, str, aiohttp.ClientResponse]:
    async with aiohttp.ClientSession() as http, http.get(url, **kwargs) as response:
        return response.status, await response.text(), response


class Session:
    """One visitor: the page's websocket, as textual-serve's page opens it."""

    def __init__(self, server: ServedExplorer, token: str | None = None) -> None:
        query = "width=80&height=24" + (f"&token={token}" if token else "")
        self.url = f"ws://127.0.0.1:{server.port}/ws?{query}"
        self.received = b""

    async def __aenter__(self) -> Self:
        self.http = aiohttp.ClientSession()
        self.ws = await self.http.ws_connect(self.url)
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()

    async def close(self) -> None:
        await self.ws.close()
        await self.http.close()

    async def wait_for(self, needle: bytes, timeout: float = 45.0) -> None:
        async with asyncio.timeout(timeout):
            while needle not in self.received:
                message = await self.ws.receive()
                if message.type == aiohttp.WSMsgType.BINARY:
                    self.received += message.data
                elif message.type != aiohttp.WSMsgType.TEXT:
                    raise AssertionError(f"the session ended ({message.type}) before {needle!r}")

    async def wait_closed(self, timeout: float = 20.0) -> None:
        async with asyncio.timeout(timeout):
            while not self.ws.closed:
                message = await self.ws.receive()
                if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                    return


async def test_no_token_no_page_and_no_process(serve):
    server = serve()
    for url in (server.base, f"{server.base}?token=wrong-token-0123456789"):
        status, page, _ = await get(url)
        assert status == 403 and "token" in page
    status, _, _ = await get(f"{server.base}download/anything")
    assert status == 403
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        async with Session(server):
            pass
    assert refused.value.status == 403
    with pytest.raises(aiohttp.WSServerHandshakeError):
        async with Session(server, token="wrong-token-0123456789"):
            pass
    assert server.sessions() == []


async def test_the_token_opens_the_page_and_its_cookie_opens_the_session(serve):
    server = serve()
    # unsafe: keep cookies of an IP address, as a browser does
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        async with http.get(server.url) as response:
            assert response.status == 200
            page = await response.text()
            cookie = response.cookies[f"mes-tui-token-{server.port}"]
            assert cookie.value == server.token and cookie["httponly"]
            assert cookie["samesite"] == "Strict"
        # textual-serve's page, pointed back at the address the visitor used
        assert f'data-session-websocket-url="ws://127.0.0.1:{server.port}/ws"' in page
        async with http.get(f"{server.base}static/js/textual.js") as script:
            assert script.status == 200
        # The page's own websocket carries no token: the cookie set above opens it.
        async with http.ws_connect(f"ws://127.0.0.1:{server.port}/ws?width=80&height=24") as ws:
            received = b""
            async with asyncio.timeout(45):
                while b"Timeline" not in received:
                    message = await ws.receive()
                    assert message.type == aiohttp.WSMsgType.BINARY, message
                    received += message.data
            assert len(server.sessions()) == 1


async def test_a_websocket_from_another_site_is_refused(serve):
    server = serve()
    async with aiohttp.ClientSession() as http:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(
                f"ws://127.0.0.1:{server.port}/ws?token={server.token}",
                headers={"Origin": "http://evil.example"},
            )
    assert refused.value.status == 403
    assert server.sessions() == []


async def test_the_cap_turns_the_next_visitor_away_without_a_process(serve):
    server = serve("--max-sessions", "2")
    async with Session(server, server.token) as first, Session(server, server.token) as second:
        await first.wait_for(b"Timeline")
        await second.wait_for(b"Timeline")
        running = server.sessions()
        assert len(running) == 2
        status, page, response = await get(server.url)
        assert status == 503 and "busy" in page and response.headers["Retry-After"]
        async with Session(server, server.token) as third:
            await third.wait_for(b"busy")
            assert server.sessions() == running  # nobody started a third explorer
        await second.close()
        wait_until(lambda: len(server.sessions()) == 1, what="a closed session's process ends")
        assert not alive(running[1]) or not alive(running[0])
        status, _, _ = await get(server.url)
        assert status == 200


async def test_closed_tabs_leave_no_process(serve):
    server = serve()
    sessions = [Session(server, server.token) for _ in range(3)]
    for session in sessions:
        await session.__aenter__()
    for session in sessions:
        await session.wait_for(b"Timeline")
    running = server.sessions()
    assert len(running) == 3
    closed_at = time.monotonic()
    for session in sessions:
        await session.close()
    # ended and reaped: no zombie either
    wait_until(lambda: server.sessions() == [], what="every explorer ends")
    # each quit when asked: none waited for the server to kill it
    assert time.monotonic() - closed_at < STOP_GRACE
    assert not any(alive(pid) for pid in running)


async def test_an_idle_session_ends_by_itself(serve):
    server = serve("--idle-timeout", "3")
    started = time.monotonic()
    async with Session(server, server.token) as session:
        # (not waiting for the first screen: on a busy machine it may take longer than 3 s)
        (pid,) = wait_until(server.sessions, what="the explorer starts")
        await session.wait_closed()
        assert time.monotonic() - started >= 3  # not before the timeout
        wait_until(lambda: not alive(pid), what="the idle explorer ends")


async def test_stopping_the_server_ends_its_explorers(serve):
    server = serve()
    async with Session(server, server.token) as session:
        await session.wait_for(b"Timeline")
        running = server.sessions()
        os.kill(server.process.pid, signal.SIGTERM)  # the server alone, not its group
        # promptly: it closes its sessions rather than wait for them (aiohttp would, 60 s)
        assert server.process.wait(timeout=STOP_GRACE) == 0
        wait_until(lambda: not any(alive(pid) for pid in running), what="its explorers end")


async def test_explorers_end_when_the_server_is_killed(serve):
    server = serve()
    async with Session(server, server.token) as session:
        await session.wait_for(b"Timeline")
        running = server.sessions()
        os.kill(server.process.pid, signal.SIGKILL)
        server.process.wait(timeout=10)
        wait_until(lambda: not any(alive(pid) for pid in running), what="orphans end")


def _serve_briefly(*args: str, timeout: float = 20.0) -> tuple[int | None, str]:
    """Start ``mes-tui serve ARGS``; its exit code (None: still serving) and its first words."""
    process = subprocess.Popen(
        [MES_TUI, "serve", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    assert process.stderr is not None
    try:
        lines = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = process.stderr.readline()
            if not line:
                break
            lines.append(line)
            if "visitors at once" in line:
                break
        return process.poll(), "".join(lines)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
        process.stderr.close()


def test_a_generated_token_is_printed_with_the_address():
    port = str(free_port())
    code, said = _serve_briefly("--port", port)
    assert code is None, said
    line = next(line for line in said.splitlines() if "open http" in line)
    token = line.split("?token=", 1)[1].split()[0]
    assert len(token) >= 24 and f"http://127.0.0.1:{port}/?token=" in line
    assert "warning" not in said
    code, again = _serve_briefly("--port", port)
    assert token not in again  # a new one each time


def test_every_interface_is_served_with_a_warning_naming_who_can_reach_it():
    port = str(free_port())
    code, said = _serve_briefly("--host", "0.0.0.0", "--port", port)
    assert code is None, said
    assert "warning: listening on every network interface" in said
    assert f"anyone who can reach this machine on port {port}" in said


def test_no_token_is_refused_off_loopback():
    result = subprocess.run(
        [MES_TUI, "serve", "--host", "0.0.0.0", "--no-token", "--port", str(free_port())],
        check=False,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert "--no-token is only allowed on this machine" in result.stderr


def _status(url: str, host: str | None = None) -> int | None:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as refused:
        return refused.code
    except OSError:
        return None


def test_no_token_on_loopback_opens_without_one():
    port = free_port()
    process = subprocess.Popen(
        [MES_TUI, "serve", "--no-token", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        assert wait_until(lambda: _status(url), timeout=30, what="the server answers") == 200
        # A page asked for under a name that is not this machine's (DNS rebinding) is refused.
        assert _status(url, host=f"attacker.example:{port}") == 403
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--token", "short"], "--token must be at least"),
        (["--max-sessions", "0"], "--max-sessions must be at least 1"),
        (["--idle-timeout", "0"], "--idle-timeout must be"),
        (["--token", "abcdefghijklmnop", "--no-token"], "not allowed with"),
    ],
)
def test_bad_serve_options_are_usage_errors(args, message):
    result = subprocess.run(
        [MES_TUI, "serve", "--port", str(free_port()), *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2 and message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_port_in_use_is_a_message():
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [MES_TUI, "serve", "--port", str(port)],
            check=False,
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert result.returncode == 2
    assert f"cannot listen on 127.0.0.1 port {port}" in result.stderr


def test_the_load_test_runs(tmp_path):
    """bench/serve_load.py, smallest: one session and one past the cap (times asserted nowhere)."""
    samples = tmp_path / "load.json"
    done = subprocess.run(
        [
            *(sys.executable, str(REPO / "bench" / "serve_load.py")),
            *("--cap", "1", "--extra", "1", "--json", str(samples)),
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(samples.read_text(encoding="utf-8"))
    assert result["served"] == 1 and result["turned_away"] == 1
    assert result["processes_at_peak"] == 1 and result["processes_left"] == []
    assert "| memory per session, PSS |" in done.stdout
