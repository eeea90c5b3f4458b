"""The extraction targets on the five source documents hold (the dataset is the answer key)."""

from __future__ import annotations

from mes_tui.extract.evaluation import evaluate
from tests.extract_support import DATA


def test_targets_on_the_five_documents() -> None:
    scores, _ = evaluate(DATA, groups=("documents",))
    documents = scores["documents"]
    assert documents.records >= 40  # the five documents were scored
    ratios = documents.ratios()
    assert (ratios["recall"] or 0.0) >= 0.95, documents.misses
    assert (ratios["precision"] or 0.0) >= 0.85
    assert (ratios["metric"] or 0.0) >= 0.85
    assert (ratios["period"] or 0.0) >= 0.80
