"""The pure core of mes-tui: models, loading, validation and queries. No UI imports here."""

from mes_tui.core.dataset import load, validate
from mes_tui.core.frames import Frames
from mes_tui.core.problems import DatasetError, Problem

__all__ = ["DatasetError", "Frames", "Problem", "load", "validate"]
