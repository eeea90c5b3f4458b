"""Theme names the explorer accepts, and which of them use the terminal's own 16 colours."""

from textual.theme import BUILTIN_THEMES

KNOWN_THEMES = frozenset(BUILTIN_THEMES)
ANSI_THEMES = frozenset(name for name in KNOWN_THEMES if name.startswith("ansi"))
