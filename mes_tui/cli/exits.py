"""The exit codes of ``mes-tui`` (the README lists them), shared by the parser and the
commands."""

from __future__ import annotations

__all__ = [
    "EXIT_INPUT",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_INVALID_DATA",
    "EXIT_OK",
    "EXIT_OUTPUT",
    "EXIT_USAGE",
]

EXIT_OK = 0
EXIT_INVALID_DATA = 1
EXIT_USAGE = 2
EXIT_OUTPUT = 3
EXIT_INPUT = 4  # an article to extract from could not be read
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130
