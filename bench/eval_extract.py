"""`make eval-extract`: extraction measured against the dataset of record, kept in
docs/extraction.md. Usage: python bench/eval_extract.py [--data DIR] [--extra DIR]… [--write]

--extra adds directories of records in the data format (sources known by their excerpts, with
their observations, metrics and actors) to the answer key.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from mes_tui.extract.evaluation import evaluate, render_markdown
from mes_tui.extract.sentences import load_pipeline

TARGETS = {"recall": 0.95, "precision": 0.85, "metric": 0.85, "period": 0.80}
BEGIN, END = "<!-- eval-extract:begin -->", "<!-- eval-extract:end -->"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=REPO / "data")
    parser.add_argument("--extra", type=Path, action="append", default=[])
    parser.add_argument("--write", action="store_true", help="keep the table in docs/extraction.md")
    args = parser.parse_args()
    started = time.perf_counter()
    load_pipeline()
    loaded = time.perf_counter() - started
    scores, timing = evaluate(args.data, args.extra)
    table = render_markdown(scores)
    print(table)
    print(
        f"model loaded in {loaded:.1f} s; {timing['words']:,} words extracted in "
        f"{timing['seconds']:.1f} s"
    )
    documents = scores["documents"].ratios()
    missed = [
        f"{name} {100 * (documents[name] or 0):.0f} % < {100 * target:.0f} %"
        for name, target in TARGETS.items()
        if (documents[name] or 0) < target
    ]
    for name, score in scores.items():
        if name in ("documents", "excerpts"):
            continue
        for miss in score.misses or []:
            print(f"  missed  {name}: {miss}")
        for wrong in score.wrong or []:
            print(f"  other   {name}: {wrong}")
    if args.write:
        doc = REPO / "docs" / "extraction.md"
        text = doc.read_text(encoding="utf-8")
        kept = {
            name: score
            for name, score in scores.items()
            if name in ("documents", "excerpts") or score.group == "documents"
        }
        block = f"{BEGIN}\n{render_markdown(kept)}{END}"
        doc.write_text(
            re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), block, text, flags=re.DOTALL),
            encoding="utf-8",
        )
        print(f"kept in {doc.relative_to(REPO)}")
    if missed:
        print("targets missed on the five documents: " + "; ".join(missed), file=sys.stderr)
        return 1
    print(
        "targets met on the five documents (recall ≥ 95 %, precision ≥ 85 %, metric ≥ 85 %, period ≥ 80 %)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
