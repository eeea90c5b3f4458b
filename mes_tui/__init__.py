"""mes-tui: a keyboard-driven terminal explorer of the published figures about Mon espace santé."""

__version__ = "0.1.0"
