"""textual-serve, made safe to share: a token, a cap on sessions, idle sessions ended, no orphans.

textual-serve's ``Server`` starts one explorer process per browser websocket, with no limit and
no check of who asks. ``GuardedServer`` keeps its page, its static files, its download route and
its ``AppService`` (which runs one process and speaks the websocket protocol), and overrides the
three request handlers it exposes:

- ``handle_index`` answers 403 without the token and 503 ("busy") at the cap; otherwise it
  renders textual-serve's page with a websocket address taken from the request (so a page
  served on 0.0.0.0 connects back to the address the visitor used) and sets the token as a
  same-site cookie, which the websocket and the downloads then present;
- ``handle_websocket`` refuses before any process starts, counts sessions, relays the browser's
  messages to the process, ends the session after ``idle_timeout`` seconds without a key press,
  and makes sure the process is gone when the session ends;
- ``handle_download`` checks the token before textual-serve streams the file.

The one thing textual-serve does not expose is the process an ``AppService`` started:
``_process_of`` reads it, and ``tests/test_serve_guard.py`` fails if an upgrade moves it.
"""

from __future__ import annotations

import asyncio
import hmac
import html
import ipaddress
import json
import logging
import re
import secrets
import socket
import sys
import time
from asyncio.subprocess import Process
from urllib.parse import urlsplit

import aiohttp_jinja2
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from mes_tui.present.language import _, current_language
from mes_tui.web import DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_SESSIONS, text

__all__ = [
    "DEFAULT_IDLE_TIMEOUT",
    "DEFAULT_MAX_SESSIONS",
    "TOKEN_MIN_LENGTH",
    "GuardedServer",
    "is_loopback",
    "new_token",
    "reach_warning",
    "valid_token",
    "visit_url",
]

TOKEN_MIN_LENGTH = 12
STOP_GRACE = 10.0  # seconds a process has to quit when asked, before it is killed
BUSY_RETRY = 30  # seconds before the busy page tries again
BUSY_HOLD = 60.0  # seconds a refused websocket stays open to show why
ALL_INTERFACES = {"", "0.0.0.0", "::"}
LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}
_TOKEN = re.compile(r"[A-Za-z0-9._~-]+")

log = logging.getLogger("mes-tui.serve")


def new_token() -> str:
    return secrets.token_urlsafe(24)


def valid_token(token: str) -> bool:
    return len(token) >= TOKEN_MIN_LENGTH and _TOKEN.fullmatch(token) is not None


def _literal_address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine only (127.0.0.0/8, ::1, localhost)."""
    if host.lower().rstrip(".") in LOOPBACK_NAMES:
        return True
    address = _literal_address(host)
    if address is not None:
        return address.is_loopback
    try:
        found = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (OSError, UnicodeError):
        return False
    return bool(found) and all(
        (a := _literal_address(str(f).split("%")[0])) is not None and a.is_loopback for f in found
    )


def reach_warning(host: str, port: int) -> str | None:
    """Who can reach a server bound to ``host``; None on loopback."""
    if is_loopback(host):
        return None
    if host in ALL_INTERFACES:
        return _(text.REACH_ALL).format(host=host or "*", port=port)
    return _(text.REACH_HOST).format(host=host, port=port)


def visit_url(host: str, port: int, token: str | None) -> str:
    """The address to give visitors: the machine's name when bound to every interface."""
    shown = socket.gethostname() if host in ALL_INTERFACES else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")


def _host_of(authority: str) -> str:
    return urlsplit(f"//{authority}").hostname or ""


def _dimension(value: str | None, default: int) -> int:
    try:
        return min(max(int(value or default), 1), 1000)
    except ValueError:
        return default


def _process_of(service: AppService) -> Process | None:
    """The process an ``AppService`` started: textual-serve keeps it but does not expose it."""
    process = getattr(service, "_process", None)
    return process if isinstance(process, Process) else None


class GuardedServer(Server):
    """A textual-serve ``Server`` with a token, a session cap and an idle timeout."""

    def __init__(
        self,
        command: str,
        *,
        host: str,
        port: int,
        token: str | None,
        max_sessions: int = DEFAULT_MAX_SESSIONS,
        idle_timeout: float = DEFAULT_IDLE_TIMEOUT,
        banner: tuple[str, ...] = (),
        title: str = "mes-tui",
    ) -> None:
        super().__init__(command, host=host, port=port, title=title)
        self.token = token
        self.max_sessions = max_sessions
        self.idle_timeout = idle_timeout
        self.banner = banner
        self.cookie_name = f"mes-tui-token-{port}"
        self.sessions: dict[web.WebSocketResponse, Process | None] = {}

    # -- textual-serve's hooks -------------------------------------------------------------

    def initialize_logging(self) -> None:
        # Warnings and errors only: aiohttp's access log would print every URL, token included.
        logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")

    async def on_startup(self, app: web.Application) -> None:
        for line in self.banner:
            print(f"mes-tui: {line}", file=sys.stderr, flush=True)

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every session and make sure its process has ended."""
        for websocket in list(self.sessions):
            await websocket.close()
        processes = [p for p in self.sessions.values() if p is not None]
        await asyncio.gather(*(self._reap(p) for p in processes))

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        refused = self._refusal(request)
        if refused is not None:
            return refused
        if self.busy:
            return self._page(
                text.BUSY_PAGE,
                503,
                head=f'<meta http-equiv="refresh" content="{BUSY_RETRY}">',
                headers={"Retry-After": str(BUSY_RETRY)},
                max_sessions=self.max_sessions,
                retry=BUSY_RETRY,
            )
        scheme = "wss" if request.secure else "ws"
        context = {
            "font_size": _dimension(request.query.get("fontsize"), 16),
            "app_websocket_url": f"{scheme}://{request.host}/ws",
            "config": {"static": {"url": "/static/"}},
            "application": {"name": self.title},
            "ping_url": "",
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.headers["Cache-Control"] = "no-store"
        response.headers["Referrer-Policy"] = "no-referrer"
        if self.token is not None:
            response.set_cookie(
                self.cookie_name, self.token, httponly=True, samesite="Strict", path="/"
            )
        return response

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        refused = self._refusal(request)
        if refused is not None:
            return refused
        return await super().handle_download(request)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        refused = self._refusal(request, websocket=True)
        if refused is not None:
            raise web.HTTPForbidden(text="forbidden")
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        if self.busy:
            await self._turn_away(websocket)
            return websocket
        self.sessions[websocket] = None  # counted from here on, before anything awaits
        service: AppService | None = None

        async def close() -> None:
            await websocket.close()

        try:
            service = AppService(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=close,
                download_manager=self.download_manager,
            )
            await service.start(
                _dimension(request.query.get("width"), 80),
                _dimension(request.query.get("height"), 24),
            )
            process = _process_of(service)
            self.sessions[websocket] = process
            await self._relay(websocket, service, process)
        except Exception as error:  # noqa: BLE001 - one session must not take the server down
            log.error("session ended by an error: %r", error)
        finally:
            await self._end(websocket, service)
        return websocket

    # -- the guards ------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return len(self.sessions) >= self.max_sessions

    def _refusal(self, request: web.Request, websocket: bool = False) -> web.Response | None:
        if websocket:
            origin = request.headers.get("Origin")
            if origin and urlsplit(origin).netloc.lower() != request.host.lower():
                return self._forbidden()
        if self.token is None:
            # Loopback only: refuse a page asked for under another name (DNS rebinding).
            return None if is_loopback(_host_of(request.host)) else self._forbidden()
        offered = request.query.get("token") or request.cookies.get(self.cookie_name) or ""
        if hmac.compare_digest(offered.encode(), self.token.encode()):
            return None
        return self._forbidden()

    def _forbidden(self) -> web.Response:
        return self._page(text.FORBIDDEN_PAGE, 403)

    def _page(
        self,
        page: dict[str, str],
        status: int,
        head: str = "",
        headers: dict[str, str] | None = None,
        **values: object,
    ) -> web.Response:
        body = text.PAGE.format(
            lang=current_language(),
            head=head,
            title=html.escape(_(page["title"])),
            body=_(page["body"]).format(**values),
        )
        response = web.Response(status=status, text=body, content_type="text/html")
        response.headers["Cache-Control"] = "no-store"
        response.headers.update(headers or {})
        return response

    async def _turn_away(self, websocket: web.WebSocketResponse) -> None:
        """Say why in the page's terminal, start nothing, and let the visitor read it."""
        message = _(text.BUSY_TERMINAL).format(max_sessions=self.max_sessions)
        await websocket.send_bytes(f"\x1b[2J\x1b[H\r\n  {message}\r\n".encode())
        try:
            async with asyncio.timeout(BUSY_HOLD):
                async for _message in websocket:
                    pass
        except TimeoutError:
            pass
        await websocket.close()

    # -- a session -------------------------------------------------------------------------

    async def _relay(
        self, websocket: web.WebSocketResponse, service: AppService, process: Process | None
    ) -> None:
        """Pass the browser's messages to the process until the tab closes, the process ends or
        the visitor has pressed no key for ``idle_timeout`` seconds."""
        last_input = [time.monotonic()]
        watcher = asyncio.create_task(self._watch(websocket, process, last_input))
        try:
            async for message in websocket:
                if message.type != WSMsgType.TEXT:
                    continue
                try:
                    kind, *rest = json.loads(message.data)
                except (ValueError, TypeError):
                    continue
                if kind == "stdin" and rest and isinstance(rest[0], str):
                    last_input[0] = time.monotonic()
                    await service.send_bytes(rest[0].encode("utf-8"))
                elif kind == "resize" and rest and isinstance(rest[0], dict):
                    last_input[0] = time.monotonic()
                    size = rest[0]
                    await service.set_terminal_size(
                        _dimension(str(size.get("width")), 80),
                        _dimension(str(size.get("height")), 24),
                    )
                elif kind == "ping" and rest:
                    await websocket.send_json(["pong", rest[0]])
                elif kind == "blur":
                    await service.blur()
                elif kind == "focus":
                    await service.focus()
        finally:
            watcher.cancel()

    async def _watch(
        self, websocket: web.WebSocketResponse, process: Process | None, last_input: list[float]
    ) -> None:
        exited = asyncio.ensure_future(process.wait()) if process is not None else None
        try:
            while True:
                remaining = last_input[0] + self.idle_timeout - time.monotonic()
                if remaining <= 0:
                    break
                if exited is None:
                    await asyncio.sleep(remaining)
                    continue
                done, _ = await asyncio.wait({exited}, timeout=remaining)
                if done:
                    break
            await websocket.close()
        finally:
            if exited is not None and not exited.done():
                exited.cancel()

    async def _end(self, websocket: web.WebSocketResponse, service: AppService | None) -> None:
        process = self.sessions.get(websocket)
        try:
            if service is not None:
                try:
                    async with asyncio.timeout(STOP_GRACE):
                        await service.stop()
                except TimeoutError:
                    pass
            if process is not None:
                await self._reap(process)
        finally:
            self.sessions.pop(websocket, None)
            if not websocket.closed:
                await websocket.close()

    async def _reap(self, process: Process) -> None:
        """Wait for ``process`` to end, killing it if it has not within ``STOP_GRACE``."""
        if process.returncode is None:
            try:
                async with asyncio.timeout(STOP_GRACE):
                    await process.wait()
            except TimeoutError:
                process.kill()
                await process.wait()
