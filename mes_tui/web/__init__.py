"""``mes-tui serve``: the explorer in a web browser, guarded by a token and a session cap.

The defaults live here, free of heavy imports, for the command line's ``--help``.
"""

# Each session is a Python process of about 100 MB that takes a core while it draws: four
# sessions keep a 2-core machine answering (docs/performance.md has the measurements).
DEFAULT_MAX_SESSIONS = 4
DEFAULT_IDLE_TIMEOUT = 15 * 60  # seconds without a key press
