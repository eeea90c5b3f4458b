"""A private OpenSSH server on 127.0.0.1 for the tests, and the ssh command that logs into it.

The server is Debian's ``openssh-server`` run in the foreground (``sshd -D -e``) with a
configuration, host key and user key made for the test in a temporary directory; it listens
on a free port of 127.0.0.1 only, accepts that one key and nothing else, and is stopped by
``close()``.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import shlex
import shutil
import socket
import subprocess
import time
from pathlib import Path

from tests.term_support import descendants, is_mes_tui

__all__ = ["SshServer", "free_port"]

SSHD = "/usr/sbin/sshd"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _keygen(path: Path) -> None:
    result = subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "mes-tui-test", "-f", str(path)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, f"ssh-keygen failed: {result.stderr}"


class SshServer:
    """``sshd -D -e`` on 127.0.0.1:<free port>, for the current user, with a fresh key pair."""

    def __init__(self, directory: Path) -> None:
        for tool in (SSHD, "ssh", "ssh-keygen"):
            assert shutil.which(tool), (
                f"{tool} is required for the SSH tests (Debian: openssh-server, openssh-client;"
                " make test installs them)"
            )
        self.dir = directory
        self.dir.mkdir(parents=True, exist_ok=True)
        self.user = getpass.getuser()
        self.host_key = self.dir / "ssh_host_ed25519_key"
        self.user_key = self.dir / "id_ed25519"
        _keygen(self.host_key)
        _keygen(self.user_key)
        authorized = self.dir / "authorized_keys"
        authorized.write_text(self.user_key.with_suffix(".pub").read_text())
        authorized.chmod(0o600)
        self.log = self.dir / "sshd.log"
        self.port = free_port()
        config = self.dir / "sshd_config"
        config.write_text(
            "\n".join(
                [
                    f"Port {self.port}",
                    "ListenAddress 127.0.0.1",
                    f"HostKey {self.host_key}",
                    f"PidFile {self.dir / 'sshd.pid'}",
                    f"AuthorizedKeysFile {authorized}",
                    "AuthenticationMethods publickey",
                    "PubkeyAuthentication yes",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    # Only for this throwaway server: the tests may run as root.
                    "PermitRootLogin prohibit-password",
                    "StrictModes no",
                    "UsePAM no",
                    "PrintMotd no",
                    "PrintLastLog no",
                    "UseDNS no",
                    "X11Forwarding no",
                    "AllowTcpForwarding no",
                    # The client's locale and colour support reach the explorer, as with a real
                    # login.
                    "AcceptEnv LANG LC_* COLORTERM NO_COLOR",
                    "LogLevel VERBOSE",
                    "",
                ]
            )
        )
        # sshd refuses to start without its privilege separation directory, which Debian
        # creates at boot (containers and CI runners may not have it).
        if os.geteuid() == 0:
            Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
        check = subprocess.run(
            [SSHD, "-t", "-f", str(config)], capture_output=True, text=True, timeout=30
        )
        assert check.returncode == 0, f"sshd rejects the test configuration: {check.stderr}"
        self._log_handle = self.log.open("wb")
        self.process = subprocess.Popen(
            [SSHD, "-D", "-e", "-f", str(config)],
            stdout=self._log_handle,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        self._wait_listening()

    def _wait_listening(self, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(
                    f"sshd exited with {self.process.returncode}:\n"
                    f"{self.log.read_text(errors='replace')}"
                )
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as conn:
                    conn.settimeout(5)
                    if conn.recv(64).startswith(b"SSH-"):
                        return
            except OSError:
                pass
            time.sleep(0.1)
        raise AssertionError(
            f"sshd never listened on 127.0.0.1:{self.port}:\n{self.log.read_text(errors='replace')}"
        )

    def ssh_argv(self, remote: str, *options: str) -> list[str]:
        """``ssh -tt`` into this server as the current user, running ``remote`` there."""
        return [
            "ssh",
            "-tt",
            "-p",
            str(self.port),
            "-i",
            str(self.user_key),
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "BatchMode=yes",
            "-o",
            "LogLevel=ERROR",
            "-o",
            "ConnectTimeout=10",
            "-F",
            "/dev/null",
            "-o",
            "SendEnv=LANG LC_* COLORTERM NO_COLOR",
            *options,
            f"{self.user}@127.0.0.1",
            remote,
        ]

    def ssh_command(self, remote: str, *options: str) -> str:
        return shlex.join(self.ssh_argv(remote, *options))

    def sessions(self) -> list[tuple[int, str]]:
        """Every process this server started for its logins (pid, command line)."""
        return descendants(self.process.pid)

    def remote_programs(self) -> list[tuple[int, str]]:
        """The mes-tui processes running in this server's sessions."""
        return [(pid, args) for pid, args in self.sessions() if is_mes_tui(args)]

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")

    def close(self) -> None:
        # Sessions are found through the server, so list them before stopping it.
        leftovers = self.sessions() if self.process.poll() is None else []
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        # A session whose client vanished must not outlive the test either.
        for pid, _ in leftovers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, 9)
        self._log_handle.close()
