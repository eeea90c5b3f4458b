"""A private tmux server (80×24) that starts programs in windows and reads their screens.

Each program runs as ``exec …`` in a new window, so the pane's process *is* the program: its
peak memory is ``VmHWM`` in ``/proc/<pane_pid>/status``. Timing starts just before
``new-window`` and ends when ``capture-pane`` first shows what was waited for.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import time
import uuid
from collections.abc import Callable
from pathlib import Path

__all__ = ["TIMEOUT", "Pane", "TmuxServer", "peak_rss_kib"]

TIMEOUT = 180.0


def peak_rss_kib(pid: int) -> int | None:
    """The peak resident set size (VmHWM) of a live process, in KiB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


class Pane:
    def __init__(self, server: TmuxServer, pane_id: str, pid: int, started: float) -> None:
        self.server, self.id, self.pid, self.started = server, pane_id, pid, started

    def screen(self) -> str:
        return self.server.tmux("capture-pane", "-p", "-t", self.id)

    def send(self, *keys: str, literal: bool = False) -> None:
        self.server.tmux("send-keys", "-t", self.id, *(["-l"] if literal else []), *keys)

    def wait(
        self,
        ready: Callable[[str], bool],
        what: str,
        timeout: float = TIMEOUT,
        interval: float = 0.010,
        since: float | None = None,
    ) -> float:
        """Seconds from ``since`` (default: the start) until ``ready(screen)`` holds.

        Polls ``capture-pane`` every ``interval`` seconds (a capture itself takes ~2 ms)."""
        start = self.started if since is None else since
        deadline = time.perf_counter() + timeout
        screen = ""
        while True:
            screen = self.screen()
            now = time.perf_counter()
            if ready(screen):
                return now - start
            if now > deadline:
                raise TimeoutError(
                    f"never saw {what} within {timeout:.0f} s; last screen:\n{screen}"
                )
            if not self.alive():
                raise RuntimeError(f"the program ended before {what}; last screen:\n{screen}")
            pause = interval - (time.perf_counter() - now)
            if pause > 0:
                time.sleep(pause)

    def alive(self) -> bool:
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        # A zombie is not alive: the program is over.
        try:
            return Path(f"/proc/{self.pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
        except OSError:
            return False

    def peak_rss_kib(self) -> int | None:
        return peak_rss_kib(self.pid)

    def close(self) -> None:
        """End the program (tmux sends it SIGHUP) and wait until it is gone."""
        self.server.tmux("kill-window", "-t", self.id, check=False)
        deadline = time.monotonic() + 15
        while self.alive() and time.monotonic() < deadline:
            time.sleep(0.02)
        if self.alive():
            os.kill(self.pid, signal.SIGKILL)
            time.sleep(0.1)


class TmuxServer:
    """One tmux server on its own socket; every window is 80×24 unless told otherwise."""

    def __init__(
        self, width: int = 80, height: int = 24, env: dict[str, str] | None = None
    ) -> None:
        if not shutil.which("tmux"):
            raise SystemExit("bench: tmux is required (make bench installs it)")
        self.socket = f"mes-tui-bench-{uuid.uuid4().hex[:8]}"
        self.env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", **(env or {})}
        self.env.pop("TMUX", None)
        self.width, self.height = width, height
        self.tmux(
            "new-session", "-d", "-s", "bench", "-x", str(width), "-y", str(height), "sleep 100000"
        )
        self.tmux("set-option", "-g", "default-size", f"{width}x{height}")
        self.tmux("set-option", "-s", "escape-time", "0")
        self.term = self.tmux("show-option", "-gv", "default-terminal").strip()

    def tmux(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(
            ["tmux", "-u", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            env=self.env,
            timeout=30,
        )
        if check and result.returncode != 0:
            raise RuntimeError(f"tmux {args[0]} failed: {result.stderr.strip()}")
        return result.stdout

    def start(
        self, argv: list[str], env: dict[str, str] | None = None, cwd: str | None = None
    ) -> Pane:
        """Start ``argv`` in a new window (``env`` added to the server's environment); the
        clock starts just before tmux is asked."""
        prefix = ["env", *(f"{k}={v}" for k, v in (env or {}).items())] if env else []
        command = "exec " + shlex.join([*prefix, *argv])
        if cwd:
            command = f"cd {shlex.quote(cwd)} && {command}"
        started = time.perf_counter()
        out = self.tmux(
            "new-window", "-d", "-P", "-F", "#{pane_id} #{pane_pid}", "-t", "bench:", command
        )
        pane_id, pid = out.split()
        return Pane(self, pane_id, int(pid), started)

    def close(self) -> None:
        self.tmux("kill-server", check=False)
