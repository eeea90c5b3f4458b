"""The rules of ``mes-tui serve`` that need no server: loopback, who can reach it, tokens, links."""

from __future__ import annotations

import socket

import pytest

from mes_tui.web.server import is_loopback, reach_warning, valid_token, visit_url


@pytest.mark.parametrize("host", ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"])
def test_loopback_hosts(host):
    assert is_loopback(host)
    assert reach_warning(host, 8000) is None


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "", "192.168.1.20", "10.0.0.1"])
def test_other_hosts_are_not_loopback(host):
    assert not is_loopback(host)


def test_the_warning_names_who_can_reach_the_server():
    assert "every network interface" in (reach_warning("0.0.0.0", 8000) or "")
    specific = reach_warning("192.168.1.20", 8123) or ""
    assert "anyone who can reach 192.168.1.20 on port 8123" in specific


@pytest.mark.parametrize(
    ("token", "ok"),
    [("abcdefghijkl", True), ("short", False), ("has space in it!", False), ("a" * 11, False)],
)
def test_tokens(token, ok):
    assert valid_token(token) is ok


def test_the_link_given_to_visitors():
    assert visit_url("127.0.0.1", 8000, "tok") == "http://127.0.0.1:8000/?token=tok"
    assert visit_url("::1", 8000, None) == "http://[::1]:8000/"
    assert visit_url("0.0.0.0", 80, "t") == f"http://{socket.gethostname()}:80/?token=t"
