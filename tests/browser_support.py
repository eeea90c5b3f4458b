"""The browser demo under test: ``mes-tui serve`` on 127.0.0.1, and headless Chromium driven
over the Chrome DevTools Protocol (a websocket; aiohttp, which textual-serve already brings).

Nothing here downloads a browser: Chromium is Debian's ``chromium``. Every wait is bounded.

textual-serve draws the terminal with xterm.js on a canvas, so the page has no text to read.
A script injected before the page's own catches the xterm.js ``Terminal`` as the page stores
it (``this.terminal = new Terminal(...)``) and reads its screen buffer line by line.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import aiohttp

__all__ = ["Browser", "Page", "ServedExplorer", "alive", "children", "free_port"]

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")

CATCH_TERMINAL = r"""
(() => {
  Object.defineProperty(Object.prototype, 'terminal', {
    configurable: true,
    get() { return undefined; },
    set(value) {
      Object.defineProperty(this, 'terminal',
        {value, writable: true, configurable: true, enumerable: true});
      if (value && typeof value.onData === 'function' && typeof value.open === 'function') {
        window.__mesTerminal = value;
      }
    },
  });
  window.__mesScreen = () => {
    const term = window.__mesTerminal;
    if (!term || !term.buffer) return null;
    const buffer = term.buffer.active, lines = [];
    for (let row = 0; row < term.rows; row++) {
      const line = buffer.getLine(buffer.viewportY + row);
      lines.push(line ? line.translateToString(true) : '');
    }
    return lines.join('\n');
  };
})();
"""


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_http(
    url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = 30.0
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(
                f"{process.args!r} exited with {process.returncode}:\n"
                f"{log.read_text(errors='replace')}"
            )
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"nothing answered at {url}:\n{log.read_text(errors='replace')}")


def _stop_group(process: subprocess.Popen) -> None:
    """Stop a process started in its own session, and everything it started."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    with contextlib.suppress(ProcessLookupError):  # children that outlived their parent
        os.killpg(process.pid, signal.SIGKILL)


class ServedExplorer:
    """``mes-tui serve --host 127.0.0.1 --port <free> --token <token>``, stopped by ``close()``.

    ``args`` are added to the command line; ``cwd`` and ``env`` are the server's.
    """

    TOKEN = "test-token-0123456789"

    def __init__(
        self,
        directory: Path,
        *args: str,
        cwd: Path | None = None,
        env: dict[str, str] | None = None,
    ) -> None:
        script = Path(sys.executable).with_name("mes-tui")
        assert script.exists(), f"mes-tui is not installed next to {sys.executable}"
        self.port = free_port()
        self.token = self.TOKEN
        self.base = f"http://127.0.0.1:{self.port}/"
        self.url = f"{self.base}?token={self.token}"
        self.log = directory / "serve.log"
        self._log_handle = self.log.open("wb")
        self.process = subprocess.Popen(
            [
                *(str(script), "serve", "--host", "127.0.0.1", "--port", str(self.port)),
                *("--token", self.token, *args),
            ],
            stdout=self._log_handle,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            cwd=cwd,
            env=env,
        )
        _wait_http(self.url, self.process, self.log)

    def sessions(self) -> list[int]:
        """The process ids of the explorers the server is running now (its children)."""
        return children(self.process.pid)

    def close(self) -> None:
        _stop_group(self.process)
        self._log_handle.close()


def children(pid: int) -> list[int]:
    listing = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True, check=False
    )
    return sorted(int(line) for line in listing.stdout.split())


def alive(pid: int) -> bool:
    """Whether ``pid`` is a running process (a zombie, dead but not yet reaped, is not)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


class Browser:
    """Headless Chromium with a fresh profile, its DevTools on 127.0.0.1 only."""

    def __init__(self, directory: Path) -> None:
        executable = next((c for c in CHROMIUM_CANDIDATES if os.access(c, os.X_OK)), None)
        executable = executable or shutil.which("chromium")
        assert executable, (
            "Chromium is required for the browser test (Debian: chromium; make test installs it)"
        )
        self.profile = directory / "chromium-profile"
        self.profile.mkdir(parents=True)
        self.log = directory / "chromium.log"
        self._log_handle = self.log.open("wb")
        self.process = subprocess.Popen(
            [
                executable,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                f"--user-data-dir={self.profile}",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                # Nothing but this machine: every other host name fails to resolve (the page
                # asks for a web font from the internet).
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                "--window-size=1280,900",
                "about:blank",
            ],
            stdout=self._log_handle,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.devtools_port = self._devtools_port()

    def _devtools_port(self, timeout: float = 30.0) -> int:
        marker = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(
                    f"chromium exited with {self.process.returncode}:\n"
                    f"{self.log.read_text(errors='replace')}"
                )
            if marker.exists():
                first = marker.read_text().split("\n", 1)[0].strip()
                if first.isdigit():
                    return int(first)
            time.sleep(0.1)
        raise AssertionError(
            f"chromium never opened its DevTools port:\n{self.log.read_text(errors='replace')}"
        )

    def page_websocket(self, timeout: float = 15.0) -> str:
        url = f"http://127.0.0.1:{self.devtools_port}/json/list"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with urllib.request.urlopen(url, timeout=5) as response:
                targets = json.loads(response.read())
            pages = [t for t in targets if t.get("type") == "page"]
            if pages:
                return pages[0]["webSocketDebuggerUrl"]
            time.sleep(0.1)
        raise AssertionError("chromium has no page to drive")

    def browser_websocket(self) -> str:
        url = f"http://127.0.0.1:{self.devtools_port}/json/version"
        with urllib.request.urlopen(url, timeout=5) as response:
            return json.loads(response.read())["webSocketDebuggerUrl"]

    def close(self) -> None:
        _stop_group(self.process)
        self._log_handle.close()


class Page:
    """One page, driven over its DevTools websocket."""

    def __init__(self, websocket_url: str) -> None:
        assert websocket_url.startswith("ws://127.0.0.1:"), websocket_url
        self.websocket_url = websocket_url
        self._ids = itertools.count(1)

    async def __aenter__(self) -> Page:
        self._http = aiohttp.ClientSession()
        self._ws = await self._http.ws_connect(
            self.websocket_url, max_msg_size=0, timeout=aiohttp.ClientWSTimeout(ws_close=5)
        )
        return self

    async def __aexit__(self, *exc) -> None:
        await self._ws.close()
        await self._http.close()

    async def call(self, method: str, timeout: float = 15.0, **params) -> dict:
        ident = next(self._ids)
        await self._ws.send_json({"id": ident, "method": method, "params": params})
        async with asyncio.timeout(timeout):
            while True:
                message = await self._ws.receive()
                if message.type != aiohttp.WSMsgType.TEXT:
                    raise AssertionError(f"DevTools connection ended during {method}: {message}")
                answer = json.loads(message.data)
                if answer.get("id") == ident:  # anything else is an event: not needed
                    if "error" in answer:
                        raise AssertionError(f"{method} failed: {answer['error']}")
                    return answer.get("result", {})

    async def evaluate(self, expression: str):
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise AssertionError(f"{expression!r} threw: {result['exceptionDetails']}")
        return result["result"].get("value")

    async def open(self, url: str) -> None:
        await self.call("Page.enable")
        await self.call("Page.addScriptToEvaluateOnNewDocument", source=CATCH_TERMINAL)
        await self.call("Page.navigate", url=url)

    async def terminal_screen(self) -> str:
        return await self.evaluate("window.__mesScreen ? window.__mesScreen() : null") or ""

    async def wait_for(self, *needles: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = await self.terminal_screen()
            if all(n in screen for n in needles):
                return screen
            await asyncio.sleep(0.2)
        raise AssertionError(
            f"the page's terminal never showed {needles!r}; last screen:\n{screen}"
        )

    async def type(self, text: str) -> None:
        """Key presses as a person makes them, into the focused terminal."""
        await self.evaluate("window.__mesTerminal.focus()")
        for char in text:
            code = f"Key{char.upper()}" if char.isalpha() else ("Slash" if char == "/" else "")
            vk = ord(char.upper()) if char.isalnum() else (191 if char == "/" else 0)
            common: dict[str, Any] = {
                "key": char,
                "code": code,
                "windowsVirtualKeyCode": vk,
                "nativeVirtualKeyCode": vk,
            }
            await self.call("Input.dispatchKeyEvent", type="keyDown", text=char, **common)
            await self.call("Input.dispatchKeyEvent", type="keyUp", **common)

    async def press_enter(self) -> None:
        await self.evaluate("window.__mesTerminal.focus()")
        common: dict[str, Any] = {"key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13}
        await self.call("Input.dispatchKeyEvent", type="keyDown", text="\r", **common)
        await self.call("Input.dispatchKeyEvent", type="keyUp", **common)
