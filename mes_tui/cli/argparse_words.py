"""The messages of Python's argparse that a user of ``mes-tui`` sees (usage, headings, errors),
marked here so that they are extracted into the catalogue and said in the user's language."""

from __future__ import annotations

import argparse

from mes_tui.present.language import N_, translation

__all__ = ["ARGPARSE_MESSAGES", "speak_argparse"]

# argparse looks these up in gettext's current domain, word for word.
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("options"),
    N_("positional arguments"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("expected one argument"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
)


def speak_argparse(lang: str) -> None:
    """Make argparse say its messages in ``lang`` through this project's catalogue."""
    catalogue = translation(lang)
    # argparse took gettext's functions when it was imported: give it the chosen catalogue.
    argparse._ = catalogue.gettext  # type: ignore[attr-defined]
    argparse.ngettext = catalogue.ngettext  # type: ignore[attr-defined]
