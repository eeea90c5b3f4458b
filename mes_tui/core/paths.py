"""Where the bundled dataset lives, for an editable install and for a wheel alike."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["bundled_data_dir"]

_PACKAGE = Path(__file__).resolve().parent.parent


def bundled_data_dir() -> Path:
    """The dataset shipped with mes-tui, or the directory ``MES_TUI_DATA`` names.

    A wheel carries it inside the package (``mes_tui/_data``); a source checkout or an editable
    install reads the repository's ``data/`` directly.
    """
    if chosen := os.environ.get("MES_TUI_DATA"):
        return Path(chosen)
    packaged = _PACKAGE / "_data"
    if (packaged / "observations.toml").is_file():
        return packaged
    return _PACKAGE.parent / "data"
