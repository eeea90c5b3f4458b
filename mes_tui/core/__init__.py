"""The pure core of mes-tui: models, loading, validation and queries. No UI imports here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["DatasetError", "Frames", "Problem", "load", "validate"]

if TYPE_CHECKING:
    from mes_tui.core.dataset import load, validate
    from mes_tui.core.frames import Frames
    from mes_tui.core.problems import DatasetError, Problem

# Where each name lives. They are imported when first used: a start from the cache never
# needs the validation machinery (and its models), so it never pays for importing it.
_HOMES = {
    "load": "dataset",
    "validate": "dataset",
    "Frames": "frames",
    "DatasetError": "problems",
    "Problem": "problems",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"mes_tui.core.{_HOMES[name]}"), name)
