"""Drive a real program in tmux: type with send-keys, read the screen with capture-pane."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

__all__ = ["Tmux", "mes_tui_command", "search_filter_and_open_source"]


def mes_tui_command() -> str:
    """The installed console script next to the interpreter running the tests."""
    script = Path(sys.executable).with_name("mes-tui")
    assert script.exists(), f"mes-tui is not installed next to {sys.executable}"
    return str(script)


class Tmux:
    """One private tmux server (its own socket) running one command in one pane."""

    def __init__(
        self, command: str, width: int = 100, height: int = 30, env: dict[str, str] | None = None
    ) -> None:
        assert shutil.which("tmux"), "tmux is required (make test installs it)"
        self.socket = f"mes-tui-test-{uuid.uuid4().hex[:8]}"
        self.env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", **(env or {})}
        self.env.pop("TMUX", None)
        # The shell reports the exit status and keeps the pane open for the last capture.
        wrapped = f'{command}; echo "[exit $?]"; sleep 600'
        self._tmux("new-session", "-d", "-s", "t", "-x", str(width), "-y", str(height), wrapped)
        # As the README advises: tmux must not hold Escape back to merge it with the next key.
        self._tmux("set-option", "-s", "escape-time", "0")

    def _tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-u", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            env=self.env,
            timeout=20,
        )
        assert result.returncode == 0, f"tmux {args[0]} failed: {result.stderr}"
        return result.stdout

    def send(self, *keys: str, literal: bool = False) -> None:
        self._tmux("send-keys", "-t", "t", *(["-l"] if literal else []), *keys)
        if "Escape" in keys:
            # A terminal program cannot tell Esc from the start of Alt+key until a moment
            # passes; a person never presses the next key within it, nor does this test.
            time.sleep(0.3)

    def type(self, text: str) -> None:
        self.send(text, literal=True)

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "t")

    def wait_for(self, *needles: str, timeout: float = 60.0, absent: str | None = None) -> str:
        """Poll the screen until every needle shows (and ``absent`` does not)."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if all(n in screen for n in needles) and (absent is None or absent not in screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"never saw {needles!r} (absent {absent!r}); last screen:\n{screen}")

    def close(self) -> None:
        subprocess.run(
            ["tmux", "-L", self.socket, "kill-server"],
            capture_output=True,
            env=self.env,
            timeout=20,
        )


def search_filter_and_open_source(t: Tmux, n_obs: int) -> None:
    """What a user does first, checked on screen at each step: search as you type, clear, filter
    by metric through the picker, open the full source at the quote and come back."""
    t.send("/")
    t.type("cazeneuve")
    t.wait_for(f"3 of {n_obs} figures", "search “cazeneuve”", "18 M", "Accounts activated")
    t.send("Escape")
    t.send("x")
    t.wait_for(f"{n_obs} of {n_obs} figures", absent="cazeneuve")

    t.send("m")
    t.wait_for("Metrics", "Type to narrow")
    t.type("spaces used")
    t.send("Enter")
    t.wait_for(f"1 of {n_obs} figures", "metric: Spaces used", "3.2 M")

    t.send("o")
    # the source has no title: its head says what it is
    t.wait_for("untitled press article (Press article", "3,2 millions", "Back to the quote")
    t.send("Escape")
    t.wait_for(f"1 of {n_obs} figures")
