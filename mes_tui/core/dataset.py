"""The entry points of the core: ``validate`` a data directory, ``load`` it into frames."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mes_tui.core.checks import check_dataset
from mes_tui.core.frames import Frames, build_frames, records_frame
from mes_tui.core.loading import read_dataset
from mes_tui.core.models import RECORD_TYPES
from mes_tui.core.problems import DatasetError, Problem

__all__ = ["STAGES", "Progress", "load", "open_dataset", "validate"]

# Told each stage as it starts: (stage number from 1, number of stages, what it does).
Progress = Callable[[int, int, str], None]
STAGES = ("reading the files", "checking every record against its source", "building the views")


def open_dataset(
    root: Path | str, progress: Progress | None = None
) -> tuple[Frames | None, list[Problem]]:
    """The frames of ``root`` and no problem, or None and every problem found."""
    root = Path(root)
    tell = progress or (lambda *_: None)
    tell(1, len(STAGES), STAGES[0])
    dataset, problems = read_dataset(root)
    raw = {kind: records_frame(getattr(dataset, kind), kind) for kind in RECORD_TYPES}
    if dataset.bulk_observations is not None:
        raw["observations"] = dataset.bulk_observations
    tell(2, len(STAGES), f"{STAGES[1]} ({raw['observations'].height:,} observations)")
    problems += check_dataset(dataset, raw)
    if problems:
        return None, problems
    tell(3, len(STAGES), STAGES[2])
    return build_frames(root, raw, dataset.texts), []


def validate(root: Path | str) -> list[Problem]:
    """Every problem in the data directory ``root``; an empty list means it is valid."""
    return open_dataset(root)[1]


def load(root: Path | str, progress: Progress | None = None) -> Frames:
    """The dataset of ``root`` as joined polars frames. Raises DatasetError if it is invalid."""
    frames, problems = open_dataset(root, progress)
    if frames is None:
        raise DatasetError(problems)
    return frames
