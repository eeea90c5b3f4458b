"""The benchmark suite runs (``bench/run.py --quick``): one round on a 1,000-observation dataset.

No timing is asserted here: ``make bench`` measures on the real sizes. VisiData is not needed
(``--no-visidata``); tmux is (make test installs it).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

pytestmark = [pytest.mark.e2e, pytest.mark.bench]


def test_bench_quick_prints_the_table(tmp_path: Path) -> None:
    assert shutil.which("tmux"), "tmux is required (make test installs it)"
    results = tmp_path / "results.json"
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "run.py"),
            "--quick",
            "--no-visidata",
            "--json",
            str(results),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
    )
    assert done.returncode == 0, f"stdout:\n{done.stdout}\nstderr:\n{done.stderr}"
    out = done.stdout
    assert "mes-tui benchmark: medians" in out
    header = next(line for line in out.splitlines() if line.startswith("measure"))
    for column in ("mes-tui", "reference", "ratio", "target", "met?"):
        assert column in header
    for measure in (
        "cold start to full screen vs bare Textual",
        "filter latency, search, bundled",
        "core masks + timeline view",
        "search keystroke, bundled",
        "1,000 loaded: mes-tui first open",
        "1,000 peak RSS",
        "bytes to the terminal per Down",
    ):
        assert measure in out, f"no {measure!r} row in:\n{out}"
    assert "error" not in out.split("measure", 1)[1], out
    data = json.loads(results.read_text())
    assert data["runs"]["quick"] is True
    assert data["cold_start_s"]["mes-tui"] and data["cold_start_s"]["bare"]
    assert "vd" not in data["cold_start_s"]
    assert data["bytes_per_key"]["mes-tui"]["per_press"]
    assert {row["measure"] for row in data["table"]}
