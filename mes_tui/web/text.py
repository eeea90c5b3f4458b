"""Every sentence ``mes-tui serve`` shows to a person: its pages, its start-up lines, its warnings.

Each is marked for the catalogue here (``N_``) and said in the server's language where it is
shown (``_``): the language of ``mes-tui serve`` (``--lang``, else the environment).
"""

from __future__ import annotations

from mes_tui.present.language import N_

__all__ = [
    "BUSY_PAGE",
    "BUSY_TERMINAL",
    "FORBIDDEN_PAGE",
    "LIMITS",
    "NO_TOKEN_OFF_LOOPBACK",
    "OPEN_AT",
    "PAGE",
    "REACH_ALL",
    "REACH_HOST",
    "TOKEN_TOO_SHORT",
]

OPEN_AT = N_("serving the explorer: open {url}  (Ctrl+C stops)")
LIMITS = N_(
    "at most {max_sessions} visitors at once; a session ends {idle} after its last key press "
    "or when its tab closes"
)
REACH_ALL = N_(
    "warning: listening on every network interface ({host}): anyone who can reach this machine "
    "on port {port} and has the link can use the explorer"
)
REACH_HOST = N_(
    "warning: listening on {host}: anyone who can reach {host} on port {port} and has the link "
    "can use the explorer"
)
NO_TOKEN_OFF_LOOPBACK = N_(
    "--no-token is only allowed on this machine (--host 127.0.0.1, ::1 or localhost), not on {host}"
)
TOKEN_TOO_SHORT = N_("--token must be at least {min_length} characters of A-Z a-z 0-9 - _ .")

PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>mes-tui</title>{head}
<style>
body{{font:16px/1.5 system-ui,sans-serif;max-width:36em;margin:4em auto;padding:0 1em}}
</style>
</head><body><h1>{title}</h1><p>{body}</p></body></html>
"""
FORBIDDEN_PAGE = {
    "title": N_("This link is incomplete"),
    "body": N_(
        "Open the full link you were given: it ends with <code>?token=…</code>. "
        "Ask the person who shared the explorer for it."
    ),
}
BUSY_PAGE = {
    "title": N_("The explorer is busy"),
    "body": N_(
        "It serves {max_sessions} at once, and all are in use. This page tries again "
        "every {retry} seconds; you can also come back in a few minutes."
    ),
}
BUSY_TERMINAL = N_(
    "The explorer is busy: it serves {max_sessions} at once, and all are in use. "
    "Reload this page in a few minutes."
)
