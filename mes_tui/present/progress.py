"""The steps of opening a dataset, in words (the core counts them: 1, 2, 3)."""

from __future__ import annotations

from mes_tui.present.language import N_, _

__all__ = ["STAGE_WORDS", "stage_words"]

STAGE_WORDS = (
    N_("reading the files"),
    N_("checking every record against its source"),
    N_("building the views"),
)


def stage_words(stage: int, lang: str | None = None) -> str:
    """What step ``stage`` (from 1) does."""
    return _(STAGE_WORDS[stage - 1], lang) if 1 <= stage <= len(STAGE_WORDS) else str(stage)
