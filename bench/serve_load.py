"""A bounded load test of ``mes-tui serve`` on loopback: ``make bench-serve``.

Starts ``mes-tui serve`` on 127.0.0.1 with ``--max-sessions CAP`` and opens ``CAP + EXTRA``
sessions at once, as browsers do (the page's websocket; no browser is needed). Then:

1. time to first screen: from opening a session's websocket until the explorer's first screen
   (its "N of N figures" line) arrives, all sessions starting together; the sessions past the
   cap must be told "busy" at once, and start no process;
2. memory per session: RSS and PSS (``/proc/PID/smaps_rollup``; PSS shares the pages the
   processes have in common fairly) of each explorer once the first screens are drawn, and
   of the server itself;
3. a search in every session at once (``/`` then a word): time until each shows its result;
4. every tab closed at once: time until the server has no child process left.

Prints one Markdown table; ``--json FILE`` also writes the samples. Exit status 1 when a
session failed, a session past the cap got a process, or a process outlived its tab.
Only loopback; every wait is bounded.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import aiohttp

SEARCH = "cazeneuve"
STYLE = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")  # SGR and cursor moves: what splits words
TIMEOUT = 120.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def children(pid: int) -> list[int]:
    listing = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True, check=False
    )
    return sorted(int(line) for line in listing.stdout.split())


def memory_kib(pid: int) -> tuple[int, int]:
    """RSS and PSS of ``pid`` in KiB."""
    found = {}
    with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
        for line in rollup:
            key, _, rest = line.partition(":")
            if key in ("Rss", "Pss"):
                found[key] = int(rest.split()[0])
    return found["Rss"], found["Pss"]


def figures_counts() -> tuple[int, int]:
    """How many figures the bundled data holds, and how many the search finds."""
    from mes_tui.core import load
    from mes_tui.core.filters import Filters, apply
    from mes_tui.core.paths import bundled_data_dir

    observations = load(bundled_data_dir()).observations
    return observations.height, apply(observations, Filters(search=SEARCH)).height


class Visitor:
    def __init__(self, port: int, token: str) -> None:
        self.url = f"ws://127.0.0.1:{port}/ws?width=80&height=24&token={token}"
        self.received = b""

    async def open(self, http: aiohttp.ClientSession) -> None:
        self.ws = await http.ws_connect(self.url)

    async def until(self, *needles: bytes) -> bytes:
        """Read until one of ``needles`` is on screen (styles aside); the one that is."""
        async with asyncio.timeout(TIMEOUT):
            while True:
                shown = STYLE.sub(b"", self.received)
                for needle in needles:
                    if needle in shown:
                        return needle
                message = await self.ws.receive()
                if message.type == aiohttp.WSMsgType.BINARY:
                    self.received += message.data
                elif message.type != aiohttp.WSMsgType.TEXT:
                    raise RuntimeError(f"the session ended: {message.type}")


async def measure(cap: int, extra: int, mes_tui: str) -> dict:
    port, token = free_port(), secrets.token_urlsafe(16)
    server = subprocess.Popen(  # started once, before anything is measured
        [mes_tui, "serve", "--port", str(port), "--token", token, "--max-sessions", str(cap)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    n, found = figures_counts()
    first_screen = f"{n} of {n} figures".encode()
    searched = f"{found} of {n} figures".encode()
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                url = f"http://127.0.0.1:{port}/?token={token}"
                await asyncio.to_thread(urllib.request.urlopen, url, timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("mes-tui serve did not answer") from None
                await asyncio.sleep(0.1)
        visitors = [Visitor(port, token) for _ in range(cap + extra)]
        async with aiohttp.ClientSession() as http:

            async def first(visitor: Visitor) -> tuple[float, bool]:
                start = time.monotonic()
                await visitor.open(http)
                got = await visitor.until(first_screen, b"busy")
                return time.monotonic() - start, got == first_screen

            opened = await asyncio.gather(*(first(v) for v in visitors))
            served = [v for v, (_, ok) in zip(visitors, opened, strict=True) if ok]
            pids = children(server.pid)
            memory = [memory_kib(pid) for pid in pids]
            server_memory = memory_kib(server.pid)

            async def search(visitor: Visitor) -> float:
                visitor.received = b""
                start = time.monotonic()
                await visitor.ws.send_str(json.dumps(["stdin", "/" + SEARCH]))
                await visitor.until(searched)
                return time.monotonic() - start

            searches = await asyncio.gather(*(search(v) for v in served))
            closed_at = time.monotonic()
            for visitor in visitors:
                await visitor.ws.close()
            while children(server.pid) and time.monotonic() - closed_at < 30:
                await asyncio.sleep(0.05)
            gone_after = time.monotonic() - closed_at
            left = children(server.pid)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    turned_away = [t for t, ok in opened if not ok]
    return {
        "cap": cap,
        "sessions_opened": len(visitors),
        "served": len(served),
        "turned_away": len(turned_away),
        "processes_at_peak": len(pids),
        "first_screen_s": [t for t, ok in opened if ok],
        "busy_answer_s": turned_away,
        "rss_kib": [rss for rss, _ in memory],
        "pss_kib": [pss for _, pss in memory],
        "server_rss_kib": server_memory[0],
        "search_s": searches,
        "all_gone_after_s": gone_after,
        "processes_left": left,
    }


def table(result: dict) -> str:
    def span(values: list[float], unit: str, scale: float = 1.0, digits: int = 2) -> str:
        if not values:
            return "–"
        low, mid, high = (
            f"{v / scale:.{digits}f}" for v in (min(values), statistics.median(values), max(values))
        )
        return f"{mid} {unit} (min {low}, max {high})"

    rows = [
        ("sessions opened at once", f"{result['sessions_opened']} (cap {result['cap']})"),
        ("explorer processes at the peak", str(result["processes_at_peak"])),
        ("turned away with the busy message", str(result["turned_away"])),
        ("time to first screen, under load", span(result["first_screen_s"], "s")),
        ("time to the busy message", span(result["busy_answer_s"], "s", digits=3)),
        ("memory per session, RSS", span(result["rss_kib"], "MB", 1024, 0)),
        ("memory per session, PSS", span(result["pss_kib"], "MB", 1024, 0)),
        ("memory of the server, RSS", f"{result['server_rss_kib'] / 1024:.0f} MB"),
        (f"search '{SEARCH}' in every session at once", span(result["search_s"], "s")),
        ("every tab closed: all processes gone after", f"{result['all_gone_after_s']:.2f} s"),
        ("processes left", str(len(result["processes_left"]))),
    ]
    return "\n".join(["| measure | value |", "| --- | --- |"] + [f"| {a} | {b} |" for a, b in rows])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cap", type=int, default=4, help="--max-sessions (default: 4)")
    parser.add_argument("--extra", type=int, default=2, help="sessions past the cap (default: 2)")
    parser.add_argument("--json", type=Path, help="write the samples here")
    args = parser.parse_args()
    mes_tui = str(Path(sys.executable).with_name("mes-tui"))
    result = asyncio.run(measure(args.cap, args.extra, mes_tui))
    print(f"mes-tui serve on 127.0.0.1, {os.cpu_count()} cores\n")
    print(table(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    failed = (
        result["served"] != min(args.cap, result["sessions_opened"])
        or result["processes_at_peak"] > args.cap
        or result["processes_left"]
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
