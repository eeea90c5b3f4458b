"""Names of chart series: an actor's series is named by the actor (data); the overview's
series are named by what they measure, in the reader's language."""

from __future__ import annotations

from mes_tui.present.language import N_, _

__all__ = ["OVERVIEW_LABELS", "series_label"]

OVERVIEW_LABELS = {
    "accounts_activated": N_("activated accounts (M)"),
    "activation_rate_created": N_("share of created accounts (%)"),
    "activation_rate_target_population": N_("share of target population (%)"),
    "activation_rate_population": N_("share of population (%)"),
}


def series_label(label: str, overview: bool, lang: str | None = None) -> str:
    """The legend of a series: the overview's metric ids in words, other labels as they are."""
    if overview and label in OVERVIEW_LABELS:
        return _(OVERVIEW_LABELS[label], lang)
    return label
