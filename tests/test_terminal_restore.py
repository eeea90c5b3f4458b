"""The explorer leaves the terminal as it found it, however it ends.

tmux reports the modes a program left its pane in (alternate screen, mouse reporting, cursor
visibility, keypad mode), and ``stty -g`` the line settings (raw mode). Each test reads them
before the explorer starts, checks the explorer really changed them, ends it one way (q,
Ctrl+C, SIGTERM, SIGHUP, the SSH connection dropping) and compares.
"""

from __future__ import annotations

import os
import signal

import pytest

from tests.ssh_support import SshServer
from tests.term_support import Terminal, quoted_mes_tui, wait_until

pytestmark = pytest.mark.e2e


def _started(terminal: Terminal, first_screen: str) -> tuple[dict[str, str], str]:
    """Start a gated pane's explorer; the modes and line settings from before it started."""
    before, line = terminal.modes(), terminal.line_settings()
    assert before["alternate_on"] == "0" and before["cursor_flag"] == "1", before
    terminal.start()
    terminal.wait_for(first_screen, "Timeline")
    # The explorer did take the terminal over, so finding it restored afterwards means something.
    wait_until(
        lambda: (
            (m := terminal.modes())["alternate_on"] == "1"
            and m["mouse_any_flag"] == "1"
            and m["cursor_flag"] == "0"
        ),
        "the explorer to switch to the alternate screen with the mouse on",
    )
    assert terminal.line_settings() != line, "the explorer did not put the terminal in raw mode"
    return before, line


def _assert_restored(terminal: Terminal, before: dict[str, str], line: str, how: str) -> None:
    after = terminal.modes()
    assert after == before, (
        f"after {how} the terminal is left in another mode than it was found in:\n"
        f"  before {before}\n  after  {after}\nscreen:\n{terminal.screen()}"
    )
    assert terminal.line_settings() == line, f"after {how} the terminal is left in raw mode"


def test_q_restores_the_terminal(terminals, first_screen):
    t = terminals(quoted_mes_tui(), gate=True)
    before, line = _started(t, first_screen)
    t.send("q")
    assert t.exit_status() == 0
    _assert_restored(t, before, line, "q")


def test_ctrl_c_quits_and_restores_the_terminal(terminals, first_screen):
    t = terminals(quoted_mes_tui(), gate=True)
    before, line = _started(t, first_screen)
    pid = t.program_pid()
    t.send("C-c")
    try:
        t.wait_gone(pid, timeout=8)
    except AssertionError:
        raise AssertionError(
            "Ctrl+C did not end the explorer (Textual only shows 'Press … to "
            f"quit'); screen:\n{t.screen()}"
        ) from None
    t.exit_status()
    _assert_restored(t, before, line, "Ctrl+C")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_termination_signal_restores_the_terminal(terminals, signum, first_screen):
    t = terminals(quoted_mes_tui(), gate=True)
    before, line = _started(t, first_screen)
    pid = t.program_pid()
    os.kill(pid, signum)
    t.wait_gone(pid)
    t.exit_status()
    _assert_restored(t, before, line, signal.Signals(signum).name)


def test_a_dropped_ssh_connection_ends_the_remote_explorer(terminals, tmp_path, first_screen):
    """When the link drops nothing can reach the local terminal any more (it stays as the
    remote explorer last set it, as with any full-screen program over SSH); what the
    explorer owes is to end with its session instead of running on without a terminal."""
    server = SshServer(tmp_path / "sshd")
    try:
        t = terminals("TERM=xterm-256color " + server.ssh_command(quoted_mes_tui()))
        t.wait_for(first_screen, "Timeline", timeout=30)
        remote = server.remote_programs()
        assert len(remote) == 1, f"expected one remote explorer, found {remote}"
        client = t.program_pid(lambda args: args.startswith("ssh "))
        os.kill(client, signal.SIGHUP)
        t.wait_gone(client)
        t.wait_gone(remote[0][0])
        wait_until(
            lambda: not server.sessions(), "the SSH session to end on the server", timeout=15
        )
    finally:
        server.close()


def test_a_vanished_terminal_ends_the_explorer(terminals, first_screen):
    """The window closes (here: the tmux server goes, taking the pane's pty with it): the
    explorer must end, not live on as an orphan stuck writing to a terminal that is gone."""
    t = terminals(quoted_mes_tui())
    t.wait_for(first_screen, "Timeline")
    pid = t.program_pid()
    t.close()
    t.wait_gone(pid, timeout=15)
