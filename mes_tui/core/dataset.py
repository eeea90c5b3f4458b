"""The two entry points of the core: ``validate`` a data directory, ``load`` it into frames."""

from __future__ import annotations

from pathlib import Path

from mes_tui.core.checks import check_dataset
from mes_tui.core.frames import Frames, build_frames, records_frame
from mes_tui.core.loading import read_dataset
from mes_tui.core.models import RECORD_TYPES
from mes_tui.core.problems import DatasetError, Problem

__all__ = ["load", "validate"]


def _read(root: Path) -> tuple[Frames | None, list[Problem]]:
    dataset, problems = read_dataset(root)
    raw = {kind: records_frame(getattr(dataset, kind), kind) for kind in RECORD_TYPES}
    if dataset.bulk_observations is not None:
        raw["observations"] = dataset.bulk_observations
    problems += check_dataset(dataset, raw)
    if problems:
        return None, problems
    return build_frames(root, raw, dataset.texts), []


def validate(root: Path | str) -> list[Problem]:
    """Every problem in the data directory ``root``; an empty list means it is valid."""
    return _read(Path(root))[1]


def load(root: Path | str) -> Frames:
    """The dataset of ``root`` as joined polars frames. Raises DatasetError if it is invalid."""
    frames, problems = _read(Path(root))
    if frames is None:
        raise DatasetError(problems)
    return frames
