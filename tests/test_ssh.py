"""The explorer over a real SSH session: OpenSSH's sshd on 127.0.0.1, ssh -tt in tmux.

The server, its host key and the user key are made for the test (tests/ssh_support.py); the
session runs the installed console script by its absolute path, as a user would.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from mes_tui.core.records import RecordKey
from mes_tui.present.export import copy_text
from tests.ssh_support import SshServer
from tests.term_support import Terminal, quoted_mes_tui, wait_until
from tests.tmux_support import search_filter_and_open_source

pytestmark = [pytest.mark.e2e, pytest.mark.ssh]
# What a terminal emulator passes along on login; sshd accepts these (AcceptEnv).
CLIENT_ENV = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "COLORTERM": "truecolor"}


@pytest.fixture(scope="module")
def sshd(tmp_path_factory):
    server = SshServer(tmp_path_factory.mktemp("sshd"))
    yield server
    server.close()


@pytest.fixture
def ssh_terminal(sshd):
    opened: list[Terminal] = []

    def open_(remote_args: str = "", **kwargs) -> Terminal:
        # ssh hands the local TERM to the remote pty; tmux's own would be "screen".
        command = "TERM=xterm-256color " + sshd.ssh_command(quoted_mes_tui(remote_args))
        terminal = Terminal(command, env=CLIENT_ENV, **kwargs)
        opened.append(terminal)
        return terminal

    yield open_
    for terminal in opened:
        terminal.close()


def _environ(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(item.decode(errors="replace").split("=", 1) for item in raw if b"=" in item)


def test_explore_over_ssh_then_quit_leaves_no_process(sshd, ssh_terminal, n_obs):
    t = ssh_terminal(width=100, height=30)
    t.wait_for(f"{n_obs} of {n_obs} figures", "Timeline", "Source quote", timeout=30)

    remote = sshd.remote_programs()
    assert len(remote) == 1, f"expected one explorer in the SSH session, found {remote}"
    pid, _ = remote[0]
    env = _environ(pid)
    assert env.get("TERM") == "xterm-256color", env.get("TERM")
    assert env.get("LANG") == "C.UTF-8" and env.get("COLORTERM") == "truecolor", env
    assert "SSH_CONNECTION" in env, "the explorer did not run in the SSH session"

    search_filter_and_open_source(t, n_obs)

    t.send("q")
    assert t.exit_status() == 0
    t.wait_gone(pid)
    wait_until(
        lambda: not sshd.remote_programs() and not sshd.sessions(),
        "the explorer and its SSH session to end on the server",
    )


def test_copy_goes_through_ssh_and_tmux_as_osc52(sshd, ssh_terminal, frames, n_obs):
    observation = frames.observations.filter(pl.col("metric") == "spaces_used")
    assert observation.height == 1
    expected = copy_text(frames, RecordKey("observation", observation["id"][0]))
    assert expected.startswith("“") and "” — " in expected

    t = ssh_terminal("--metric spaces_used", width=100, height=30)
    # tmux keeps what a program copies with OSC 52 as a paste buffer when this is on.
    t.set_server_option("set-clipboard", "on")
    t.wait_for(f"1 of {n_obs} figures", "Spaces used", "3,2 millions", timeout=30)
    assert t.buffer() == ""
    t.send("c")
    t.wait_for("Copied to the clipboard")
    copied = wait_until(t.buffer, "tmux to receive the OSC 52 copy")
    assert copied == expected
    t.send("q")
    assert t.exit_status() == 0
