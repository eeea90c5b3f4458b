"""``mes-tui chart``: the explorer's chart on standard output with its sources, or as SVG."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from mes_tui.cli.main import main

REPO = Path(__file__).resolve().parent.parent
ANSI = re.compile(r"\x1b\[")


def run_process(*args: str) -> subprocess.CompletedProcess:
    """``mes-tui chart`` as a program of its own (standard output a pipe, not a terminal)."""
    return subprocess.run(
        [sys.executable, "-m", "mes_tui", "chart", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
    )


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., Ran]:
    """``mes-tui chart`` in this process (its output captured, so not a terminal): the same
    ``main`` as the program, a second of start-up less per call."""

    def chart(*args: str) -> Ran:
        code = main(["chart", *args])
        out, err = capsys.readouterr()
        return Ran(code, out, err)

    return chart


def test_a_chart_on_stdout_with_calendar_ticks_a_legend_and_its_sources() -> None:
    result = run_process("documents_sent", "--width", "80", "--height", "20")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert not ANSI.search(out), "no colour when standard output is not a terminal"
    lines = out.splitlines()
    assert max(len(line) for line in lines[:25]) <= 80
    axis = next(i for i, line in enumerate(lines) if line.lstrip().startswith("└"))
    ticks = lines[axis + 1].split()
    assert ticks and all(re.fullmatch(r"20\d\d", tick) for tick in ticks), ticks
    assert lines[axis - 1].strip().startswith("0┤"), "a count starts from 0"
    legend = "\n".join(lines[axis + 2 : axis + 10])
    assert "● DNS · CNAM · ANS" in legend and "each figure is drawn over the period" in legend
    sources = out[out.index("Sources:") :]
    assert "[2023-02-documents-first-year] 45 M, Feb 2022 – Feb 2023" in sources
    assert "[2023-12-documents-record-month] 19 M, Dec 2023" in sources


def test_filters_and_small_multiples_one_panel_per_metric(run: Callable[..., Ran]) -> None:
    def cited(*args: str) -> tuple[str, list[str]]:
        result = run("accounts_activated", "activation_rate_created", *args, "--width", "90")
        assert result.returncode == 0, result.stderr
        return result.stdout, re.findall(r"^  \[([^\]]+)\]", result.stdout, flags=re.M)

    out, every = cited()
    assert "Accounts activated (millions)" in out and "(%)" in out
    assert out.count("└") == 2, "two charts, each with its own axes"
    _, recent = cited("--since", "2024")
    assert recent and set(recent) < set(every)
    _, national = cited("--scope", "national")
    assert national and set(national) <= set(every)


def test_a_metric_with_one_value_is_a_card_not_a_chart(run: Callable[..., Ran]) -> None:
    result = run("ambassadors_per_departement")
    assert result.returncode == 0, result.stderr
    assert "┌" not in result.stdout and "≈ 100" in result.stdout
    assert "one published value" in result.stdout


def test_unknown_metric_scope_and_bad_sizes_are_usage_errors(run: Callable[..., Ran]) -> None:
    unknown = run("no_such_metric")
    assert unknown.returncode == 2 and "mes-tui metrics" in unknown.stderr
    typo = run("accounts_activatd")  # a metric is named as everywhere: a typo gets a suggestion
    assert typo.returncode == 2 and "did you mean accounts_activated" in typo.stderr
    assert run("activated_accounts", "--width", "3").returncode == 2
    scope = run("documents_sent", "--scope", "mars")
    assert scope.returncode == 2 and "national" in scope.stderr
    small = run("documents_sent", "--width", "3")
    assert small.returncode == 2 and "--width" in small.stderr
    assert "Traceback" not in unknown.stderr + typo.stderr + scope.stderr + small.stderr


def test_svg_export_is_atomic_and_never_overwrites_without_force(
    run: Callable[..., Ran], tmp_path: Path
) -> None:
    target = tmp_path / "documents.svg"
    first = run("documents_sent", "--output", str(target))
    assert first.returncode == 0, first.stderr
    svg = target.read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "2023-12-documents-record-month" in svg
    assert first.stdout == ""
    target.write_text("mine", encoding="utf-8")
    again = run("documents_sent", "--output", str(target))
    assert again.returncode == 3 and "--force" in again.stderr
    assert target.read_text(encoding="utf-8") == "mine"
    forced = run("documents_sent", "--output", str(target), "--force")
    assert forced.returncode == 0, forced.stderr
    assert target.read_text(encoding="utf-8").startswith("<svg")
    assert [p.name for p in tmp_path.iterdir()] == ["documents.svg"]  # no temporary left


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
def test_chart_kinds_read_the_same_at_two_sizes(
    run: Callable[..., Ran], size: tuple[int, int]
) -> None:
    """Series, one value, overview-like small multiples, flows of different lengths."""
    width, height = size
    for metrics in (
        ["accounts_activated"],
        ["ambassadors_per_departement"],
        ["accounts_activated", "activation_rate_created", "activation_rate_population"],
        ["documents_sent"],
    ):
        result = run(*metrics, "--width", str(width), "--height", str(height))
        assert result.returncode == 0, result.stderr
        chart = result.stdout[: result.stdout.index("Sources:")]
        widest = max(len(line) for line in chart.splitlines())
        assert widest <= width, (metrics, widest)
        if "┌" in chart:  # a chart uses the width it is given (a value card needs less)
            assert widest >= width - 4, (metrics, widest)
        assert not ANSI.search(result.stdout)
