"""More of a real terminal for the end-to-end tests: the modes a program left the pane in,
the program's process, its exit, and a locale that is not UTF-8.

Extends ``tests.tmux_support.Tmux`` (which stays as it is) rather than changing it.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import time
from pathlib import Path

from tests.tmux_support import Tmux, mes_tui_command

__all__ = ["MODES", "Terminal", "mes_tui_command", "process_table", "wait_until"]

# What a full-screen program switches on and must switch off again, as tmux sees the pane:
# alternate screen, mouse reporting (any motion, buttons, all), cursor visible, keypad mode.
MODES = (
    "alternate_on",
    "mouse_any_flag",
    "mouse_button_flag",
    "mouse_all_flag",
    "cursor_flag",
    "keypad_flag",
)


def wait_until(predicate, what: str, timeout: float = 15.0, interval: float = 0.1):
    """Poll ``predicate`` until it returns something true; fail saying ``what`` never happened."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


def process_table() -> list[tuple[int, int, str]]:
    """(pid, parent pid, whole command line) of every process, read from ``/proc``: never cut
    to a terminal's width as ``ps`` cuts it, whatever the length of the path the tests run
    from. A zombie's command line is ``<defunct>``."""
    rows = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text(encoding="utf-8", errors="replace")
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:  # ended meanwhile, or not ours to read
            continue
        # "pid (name) state ppid …": the name may hold spaces and parentheses.
        state, ppid = stat[stat.rindex(")") + 2 :].split()[:2]
        args = cmdline.rstrip(b"\0").replace(b"\0", b" ").decode("utf-8", "replace")
        rows.append((int(entry.name), int(ppid), "<defunct>" if state == "Z" else args))
    assert rows, "no process found in /proc"
    return rows


def descendants(root: int) -> list[tuple[int, str]]:
    """Every live process below ``root`` (children, grandchildren…) with its command line."""
    table = process_table()
    found, frontier = [], {root}
    while frontier:
        children = [(pid, args) for pid, ppid, args in table if ppid in frontier]
        found += children
        frontier = {pid for pid, _ in children}
    return found


def is_mes_tui(args: str) -> bool:
    return "mes-tui" in args or "mes_tui" in args


class Terminal(Tmux):
    """A tmux pane that also reports its modes and the program running in it.

    ``gate=True`` makes the pane wait for Enter before it starts the command, so the modes of
    the untouched terminal can be read first (``start()`` presses Enter). ``utf8=False`` runs
    tmux without ``-u``, so nothing claims a UTF-8 terminal on the program's behalf.
    """

    def __init__(
        self,
        command: str,
        width: int = 100,
        height: int = 30,
        env: dict[str, str] | None = None,
        gate: bool = False,
        utf8: bool = True,
    ) -> None:
        self.utf8 = utf8
        if gate:
            command = f"read -r _gate; {command}"
        super().__init__(command, width=width, height=height, env=env)

    def _tmux(self, *args: str) -> str:
        if self.utf8:
            return super()._tmux(*args)
        result = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            env=self.env,
            timeout=20,
            errors="replace",
        )
        assert result.returncode == 0, f"tmux {args[0]} failed: {result.stderr}"
        return result.stdout

    def start(self) -> None:
        """Let a gated pane run its command."""
        self.send("Enter")

    def display(self, fmt: str) -> str:
        return self._tmux("display-message", "-p", "-t", "t", fmt).strip()

    def modes(self) -> dict[str, str]:
        values = self.display(" ".join(f"#{{{name}}}" for name in MODES)).split()
        assert len(values) == len(MODES), f"tmux did not report every mode: {values!r}"
        return dict(zip(MODES, values, strict=True))

    def shell_pid(self) -> int:
        """The shell tmux started in the pane (it runs the command, then reports its status)."""
        return int(self.display("#{pane_pid}"))

    def program_pid(self, matches=is_mes_tui, timeout: float = 60.0) -> int:
        """The pane's program: the shell's child whose command line ``matches``."""
        shell = self.shell_pid()

        def find():
            return next(
                (pid for pid, ppid, args in process_table() if ppid == shell and matches(args)),
                None,
            )

        return wait_until(find, f"the program to start under the pane's shell {shell}", timeout)

    def wait_gone(self, pid: int, timeout: float = 60.0) -> None:
        def gone() -> bool:
            return all(p != pid or "<defunct>" in args for p, _, args in process_table())

        wait_until(gone, f"process {pid} to end", timeout)

    def exit_status(self, timeout: float = 60.0) -> int:
        """The status the pane's shell reported for the command (``[exit N]``)."""
        found = wait_until(
            lambda: re.search(r"\[exit (\d+)\]", self.screen()),
            "the shell to report the program's exit status",
            timeout,
        )
        return int(found.group(1))

    def tty(self) -> str:
        return self.display("#{pane_tty}")

    def line_settings(self) -> str:
        """The pane's terminal line settings (``stty -g``): raw mode must not outlive the app."""
        result = subprocess.run(
            ["stty", "-g", "-F", self.tty()], capture_output=True, text=True, timeout=10
        )
        assert result.returncode == 0, f"stty failed: {result.stderr}"
        return result.stdout.strip()

    def screen_with_styles(self) -> str:
        """The screen with its SGR escape sequences (colours, bold…), as ``capture-pane -e``."""
        return self._tmux("capture-pane", "-p", "-e", "-t", "t")

    def set_server_option(self, name: str, value: str) -> None:
        self._tmux("set-option", "-s", name, value)

    def buffer(self) -> str:
        """The newest tmux paste buffer ('' when there is none)."""
        result = subprocess.run(
            ["tmux", "-u", "-L", self.socket, "show-buffer"],
            capture_output=True,
            text=True,
            env=self.env,
            timeout=20,
        )
        return result.stdout if result.returncode == 0 else ""


def quoted_mes_tui(args: str = "") -> str:
    """The command line of mes-tui, for a shell that may not inherit this environment (an SSH
    login): it names the tests' dataset itself (MES_TUI_DATA, see conftest)."""
    data = os.environ.get("MES_TUI_DATA")
    prefix = f"env MES_TUI_DATA={shlex.quote(data)} " if data else ""
    return f"{prefix}{shlex.quote(mes_tui_command())} {args}".strip()
