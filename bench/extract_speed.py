"""Extraction of a 10,000-word French article, once the models are loaded (a benchmark, not a
test). The article is the five source documents repeated until it has 10,000 words.

Usage: python bench/extract_speed.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from mes_tui.extract.candidates import Knowledge, extract_candidates
from mes_tui.extract.sentences import load_pipeline


def article(words: int = 10_000) -> str:
    texts = [
        p.read_text(encoding="utf-8") for p in sorted((REPO / "data" / "sources").glob("*.txt"))
    ]
    parts, count = [], 0
    while count < words:
        for text in texts:
            parts.append(text)
            count += len(text.split())
            if count >= words:
                break
    return "\n\n".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    started = time.perf_counter()
    load_pipeline()
    knowledge = Knowledge.from_data(REPO / "data")
    loaded = time.perf_counter() - started
    text = article()
    timings, cpu, figures = [], [], 0
    for _ in range(args.runs):
        t0, c0 = time.perf_counter(), time.process_time()
        figures = len(extract_candidates(text, date(2025, 3, 1), knowledge).figures)
        timings.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    print(f"models and dataset loaded in {loaded:.1f} s")
    print(
        f"{len(text.split()):,} words, {figures} figures: median {statistics.median(timings):.2f} s, "
        f"best {min(timings):.2f} s over {args.runs} runs (target: under 2 s); "
        f"processor time median {statistics.median(cpu):.2f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
