"""The benchmark suite of mes-tui: ``make bench`` runs ``python bench/run.py``.

It prints ONE table of medians (the number of runs is in the title) and writes every sample to
``bench/results.json``. Ratios are taken between programs run side by side in the same round,
then the median of those per-round ratios is shown: machines are noisy, pairs are steadier.

1. Cold start to the first full screen, in tmux at 80×24, polling ``capture-pane`` every
   10 ms; the programs take turns in each round (the order rotates), after one round of
   warm-up that is not counted:
   - mes-tui on the bundled data: "42 of 42 figures" and the footer (``^p palette``), with its
     cache of validated frames warm (a usual start) and empty (the first start ever);
   - a bare Textual app (bench/bare_app.py: header, one line, footer): the line and the footer;
   - VisiData (``vd -N``) on the same observations exported with ``mes-tui query --format csv``:
     the first data row (its id) on screen.
2. Filter latency (bench/latency.py, in-process with Textual's Pilot, headless at 80×24): from
   a filter change (metric, actor, a search keystroke) to the end of the first frame that shows
   the new count; and the pure core (filter masks + timeline view) for the same changes. On the
   bundled data and on generated datasets (``mes-tui generate``, 100,000 and 1,000,000
   observations by default). End to end in tmux too: a search keystroke until the summary line
   shows it, next to the harness's own floor (a key until its echo by the terminal shows, under
   ``cat``).
3. Large data: the largest generated dataset, until it is loaded and filterable — the core
   alone (bench/core_load.py in a fresh process, peak memory from getrusage: ``load``, and
   ``load_cached`` from a warm cache), and mes-tui in tmux until the summary shows
   "1,000,000 of 1,000,000 figures", opened first (empty cache) and again (warm cache), peak
   memory being VmHWM of the process once it has gone idle — against VisiData loading the
   same observations.csv until its status shows "1000000 rows" with no "loading…".
4. Bytes written to the terminal per Down key press (what an SSH link carries), recorded with
   ``tmux pipe-pane``, on the bundled data at 80×24; VisiData on the same CSV for reference.

mes-tui's cache goes to a private directory (``MES_TUI_CACHE``) that is deleted at the end,
as are the generated datasets; VisiData runs with ``-N`` and a private ``HOME``.

Options: ``--quick`` (one round, a 1,000-observation dataset: the smoke test), ``--no-visidata``
(skip the VisiData references; the default needs ``vd``), ``--rounds``, ``--sizes``,
``--json``. Only loopback, no network. Exit status 0 when every measure ran (missed targets
are figures, not failures), 1 when one failed.
"""

from __future__ import annotations

import argparse
import csv as csv_module
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from terminal import TmuxServer

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
PYTHON = sys.executable
BIN = Path(sys.executable).parent
MES_TUI = str(BIN / "mes-tui")
FOOTER = "q Quit"  # the explorer's footer keeps help and quit at every width
BARE_FOOTER = "^p palette"  # Textual's own footer, in the bare app
CLOCK_TICK = os.sysconf("SC_CLK_TCK")

# What the issue asks of each measure.
TARGET_COLD_VS_VD = 1.0
TARGET_COLD_VS_BARE = 1.5
TARGET_FILTER_BUNDLED_S = 0.016
TARGET_FILTER_LARGE_S = 0.100
LARGE_TARGET_SIZE = 1_000_000
TARGET_MEMORY_X_FRAME = 2.0
TARGET_LOAD_VS_VD = 0.2


# ── helpers ──────────────────────────────────────────────────────────────────────────────────
def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def paired_ratios(ours: list[float], theirs: list[float]) -> list[float]:
    return [a / b for a, b in zip(ours, theirs, strict=True) if b]


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def run(argv: list[str], **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(argv, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise RuntimeError(f"{shlex.join(argv)} failed ({result.returncode}):\n{result.stderr}")
    return result


def cpu_ticks(pid: int) -> int | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime, every thread
    except (OSError, IndexError, ValueError):
        return None


def wait_idle(pid: int, quiet: float = 0.3, timeout: float = 60.0) -> float:
    """Wait until the process has used (almost) no CPU for ``quiet`` seconds; the time waited."""
    started = time.perf_counter()
    last = cpu_ticks(pid)
    while time.perf_counter() - started < timeout:
        time.sleep(quiet)
        now = cpu_ticks(pid)
        if now is None or last is None or now - last <= max(1, int(CLOCK_TICK * quiet * 0.03)):
            break
        last = now
    return time.perf_counter() - started


def summary_line(screen: str) -> str:
    return next((line for line in screen.splitlines() if "figures" in line), "")


# ── 1. cold start ────────────────────────────────────────────────────────────────────────────
def cold_start(server: TmuxServer, programs: dict, rounds: int, warmup: int) -> dict:
    samples: dict[str, list[float]] = {name: [] for name in programs}
    names = list(programs)
    for round_ in range(warmup + rounds):
        order = names[round_ % len(names) :] + names[: round_ % len(names)]
        for name in order:
            argv, env, ready, what = programs[name]
            pane = server.start(argv, env=env() if callable(env) else env, cwd=str(REPO))
            try:
                seconds = pane.wait(ready, f"{name}: {what}", timeout=60)
            finally:
                pane.close()
            if round_ >= warmup:
                samples[name].append(seconds)
        log(
            f"cold start round {round_ + 1}/{warmup + rounds}"
            f"{' (warm-up)' if round_ < warmup else ''}: "
            + ", ".join(f"{n} {samples[n][-1]:.3f}s" for n in names if samples[n])
        )
    return samples


# ── 2. filter latency ────────────────────────────────────────────────────────────────────────
def pilot_latency(data_dir: Path, runs: int) -> dict:
    result = run(
        [PYTHON, str(BENCH / "latency.py"), str(data_dir), "--runs", str(runs)],
        cwd=REPO,
        timeout=900,
    )
    return json.loads(result.stdout)


def tmux_search(
    server: TmuxServer, data_dir: Path, total: int, rounds: int, word: str
) -> list[float]:
    """End to end: a key typed in the search field until the summary line shows the search."""
    pane = server.start([MES_TUI, "--data", str(data_dir)], cwd=str(REPO))
    samples = []
    try:
        pane.wait(
            lambda s: f"{total:,} of {total:,} figures" in s and FOOTER in s, "the explorer loaded"
        )
        pane.send("/")
        wait_idle(pane.pid)
        for _ in range(rounds):
            steps = [(word[i - 1], word[:i]) for i in range(1, len(word) + 1)]
            steps += [("BSpace", word[:i]) for i in range(len(word) - 1, -1, -1)]
            for key, text in steps:
                wanted = f"search “{text}”" if text else "no filter"
                wait_idle(pane.pid, quiet=0.15)
                started = time.perf_counter()
                pane.send(key, literal=key != "BSpace")
                samples.append(
                    pane.wait(
                        _summary_shows(wanted),
                        f"the summary showing {wanted!r}",
                        timeout=60,
                        interval=0.002,
                        since=started,
                    )
                )
    finally:
        pane.close()
    return samples


def _summary_shows(wanted: str) -> Callable[[str], bool]:
    return lambda screen: wanted in summary_line(screen) and "figures" in summary_line(screen)


def _first_line_ends_with(typed: str) -> Callable[[str], bool]:
    return lambda screen: screen.splitlines()[0].rstrip().endswith(typed) if screen else False


def tmux_floor(server: TmuxServer, samples: int) -> list[float]:
    """The harness's own delay: a key sent until the terminal's echo of it is on screen
    (``cat``, the line discipline echoes). Any program's keystroke time includes this."""
    pane = server.start(["cat"])
    typed, out = "", []
    try:
        pane.wait(lambda s: True, "cat started")
        time.sleep(0.2)
        for i in range(samples):
            key = "abcdefghijklmnopqrstuvwxyz"[i % 26]
            typed += key
            started = time.perf_counter()
            pane.send(key, literal=True)
            out.append(
                pane.wait(
                    _first_line_ends_with(typed),
                    f"the echo of {key!r}",
                    timeout=10,
                    interval=0.002,
                    since=started,
                )
            )
            time.sleep(0.02)
    finally:
        pane.close()
    return out


# ── 3. large data ────────────────────────────────────────────────────────────────────────────
def large_data(
    server: TmuxServer,
    data_dir: Path,
    count: int,
    rounds: int,
    vd: list[str] | None,
    vd_env: dict,
    fresh_cache,
) -> dict:
    """The largest dataset until loaded and filterable, in turns each round: the core (read and
    validate; and from the cache), mes-tui in tmux opening it for the first time (empty cache)
    and again (warm cache), and VisiData on its observations.csv."""
    keys = (
        "core_load_s",
        "core_import_s",
        "core_peak_kib",
        "cached_load_s",
        "cached_peak_kib",
        "first_load_s",
        "first_peak_kib",
        "first_idle_s",
        "tui_load_s",
        "tui_peak_kib",
        "tui_idle_s",
        "vd_load_s",
        "vd_peak_kib",
    )
    out: dict = {key: [] for key in keys}
    csv = data_dir / "observations.csv"
    shown = f"{count:,} of {count:,} figures"
    vd_done = re.compile(rf"(?<![\d,]){count} rows")

    def core(mode: str) -> dict:
        return json.loads(
            run(
                [PYTHON, str(BENCH / "core_load.py"), str(data_dir), mode], cwd=REPO, timeout=600
            ).stdout
        )

    def tui(prefix: str, env: dict | None) -> None:
        pane = server.start([MES_TUI, "--data", str(data_dir)], env=env, cwd=str(REPO))
        try:
            out[f"{prefix}_load_s"].append(
                pane.wait(lambda s: shown in s and FOOTER in s, f"mes-tui: {shown!r}", timeout=300)
            )
            out[f"{prefix}_idle_s"].append(wait_idle(pane.pid))
            out[f"{prefix}_peak_kib"].append(pane.peak_rss_kib())
        finally:
            pane.close()

    def visidata() -> None:
        assert vd is not None
        pane = server.start([*vd, str(csv)], env=vd_env, cwd=str(REPO))
        try:

            def loaded(screen: str) -> bool:
                status = screen.rstrip("\n").splitlines()[-1] if screen.strip() else ""
                return bool(vd_done.search(status)) and "loading" not in status

            out["vd_load_s"].append(pane.wait(loaded, f"VisiData: '{count} rows'", timeout=300))
            wait_idle(pane.pid)
            out["vd_peak_kib"].append(pane.peak_rss_kib())
        finally:
            pane.close()

    core("cached")  # fills the shared cache for the reopenings
    for round_ in range(rounds):
        result = core("load")
        out["core_load_s"].append(result["load_s"])
        out["core_import_s"].append(result["import_s"])
        out["core_peak_kib"].append(result["peak_rss_kib"])
        out["frame_bytes"] = result["frame_bytes"]
        result = core("cached")
        out["cached_load_s"].append(result["load_s"])
        out["cached_peak_kib"].append(result["peak_rss_kib"])
        tui("first", {"MES_TUI_CACHE": fresh_cache()})
        tui("tui", None)
        if vd:
            visidata()
        log(
            f"large data round {round_ + 1}/{rounds}: core load {out['core_load_s'][-1]:.2f}s"
            + (f", cached {out['cached_load_s'][-1]:.2f}s" if out["cached_load_s"] else "")
            + f", mes-tui first open {out['first_load_s'][-1]:.2f}s, "
            f"reopen {out['tui_load_s'][-1]:.2f}s"
            + (f", VisiData {out['vd_load_s'][-1]:.2f}s" if vd else "")
        )
    return out


# ── 4. bytes per key press ───────────────────────────────────────────────────────────────────
def bytes_per_key(
    server: TmuxServer,
    argv: list[str],
    env: dict | None,
    ready,
    what: str,
    stream: Path,
    presses: int,
    key: str = "Down",
) -> dict:
    pane = server.start(argv, env=env, cwd=str(REPO))
    try:
        pane.wait(ready, what, timeout=60)
        wait_idle(pane.pid, quiet=0.5)
        stream.write_bytes(b"")
        server.tmux("pipe-pane", "-o", "-t", pane.id, f"cat >> {shlex.quote(str(stream))}")
        time.sleep(0.5)
        idle_start = stream.stat().st_size
        time.sleep(1.0)
        idle = stream.stat().st_size - idle_start
        sizes = []
        for _ in range(presses):
            before = stream.stat().st_size
            pane.send(key)
            time.sleep(0.05)
            wait_idle(pane.pid, quiet=0.2)
            # The output is written: wait until the pipe has passed all of it on.
            last, steady_since = stream.stat().st_size, time.perf_counter()
            while time.perf_counter() - steady_since < 0.15:
                time.sleep(0.02)
                now = stream.stat().st_size
                if now != last:
                    last, steady_since = now, time.perf_counter()
            sizes.append(last - before)
        server.tmux("pipe-pane", "-t", pane.id)
    finally:
        pane.close()
    return {"per_press": sizes, "idle_bytes_per_s": idle}


# ── the table ────────────────────────────────────────────────────────────────────────────────
def fmt_seconds(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def fmt_mib(kib: float | None) -> str:
    return "—" if kib is None else f"{kib / 1024:,.0f} MiB"


def fmt_ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}×"


class Table:
    def __init__(self) -> None:
        self.rows: list[dict] = []

    def add(
        self,
        measure: str,
        ours: str,
        reference: str = "—",
        ratio: str = "—",
        target: str = "—",
        met: bool | None = None,
        **data,
    ) -> None:
        self.rows.append(
            {
                "measure": measure,
                "mes-tui": ours,
                "reference": reference,
                "ratio": ratio,
                "target": target,
                "met": "—" if met is None else ("yes" if met else "NO"),
                **data,
            }
        )

    def error(self, measure: str, error: str) -> None:
        self.rows.append(
            {
                "measure": measure,
                "mes-tui": "error",
                "reference": "—",
                "ratio": "—",
                "target": "—",
                "met": "—",
                "error": error,
            }
        )

    def render(self, title: str) -> str:
        columns = ["measure", "mes-tui", "reference", "ratio", "target", "met"]
        headers = {"met": "met?"}
        widths = {
            c: max(len(headers.get(c, c)), *(len(str(r[c])) for r in self.rows)) for c in columns
        }
        line = "  ".join(headers.get(c, c).ljust(widths[c]) for c in columns)
        out = [title, "", line, "  ".join("-" * widths[c] for c in columns)]
        for row in self.rows:
            out.append(
                "  ".join(
                    (
                        str(row[c]).ljust(widths[c])
                        if c == "measure"
                        else str(row[c]).rjust(widths[c])
                    )
                    for c in columns
                )
            )
        return "\n".join(out)


def met(value: float | None, limit: float) -> bool | None:
    return None if value is None else value <= limit


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="one round on a 1,000-observation dataset (the smoke test)",
    )
    parser.add_argument(
        "--no-visidata",
        action="store_true",
        help="skip the VisiData references (by default they are required)",
    )
    parser.add_argument("--rounds", type=int, help="cold start rounds (default 5; quick 1)")
    parser.add_argument("--large-rounds", type=int, help="large data rounds (default 3; quick 1)")
    parser.add_argument(
        "--sizes",
        type=lambda s: [int(x) for x in s.split(",")],
        help="generated dataset sizes (default 100000,1000000; quick 1000)",
    )
    parser.add_argument(
        "--json",
        type=Path,
        default=BENCH / "results.json",
        help="where to write the results (default bench/results.json)",
    )
    args = parser.parse_args(argv)

    quick = args.quick
    rounds = args.rounds or (1 if quick else 5)
    warmup = 0 if quick else 1
    large_rounds = args.large_rounds or (1 if quick else 3)
    sizes = args.sizes or ([1000] if quick else [100_000, 1_000_000])
    pilot_runs = {"bundled": 1 if quick else 5}
    search_rounds = 1 if quick else 3
    presses = 5 if quick else 20

    vd_path = (
        None if args.no_visidata else (shutil.which("vd", path=str(BIN)) or shutil.which("vd"))
    )
    if not args.no_visidata and not vd_path:
        print(
            "bench: VisiData (vd) is not installed: `pip install visidata` into the venv "
            "(make bench does), or pass --no-visidata",
            file=sys.stderr,
        )
        return 2

    began = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="mes-tui-bench-"))
    table = Table()
    results: dict = {"started": datetime.now(UTC).isoformat(timespec="seconds")}
    failed = False
    server = None
    # mes-tui keeps a cache of validated frames (MES_TUI_CACHE): the bench
    # keeps its own, so that it never reads nor fills the user's. Every process started from
    # here inherits the warm one; a first opening gets a new, empty one.
    saved_cache = os.environ.get("MES_TUI_CACHE")
    os.environ["MES_TUI_CACHE"] = str(tmp / "cache-warm")
    fresh_caches = iter(range(1_000_000))

    def fresh_cache() -> str:
        return str(tmp / f"cache-empty-{next(fresh_caches)}")

    try:
        from mes_tui.core import load
        from mes_tui.core.paths import bundled_data_dir

        bundled = bundled_data_dir()
        frames = load(bundled)
        total = frames.observations.height
        csv = tmp / "observations.csv"
        run([MES_TUI, "query", "--format", "csv", "--output", str(csv)], cwd=REPO)
        with open(csv, newline="", encoding="utf-8") as handle:
            first_id = next(csv_module.DictReader(handle))["id"]
        datasets: dict[str, Path] = {}
        for size in sizes:
            out = tmp / f"generated-{size}"
            log(f"generating {size:,} observations")
            run([MES_TUI, "generate", str(out), "-n", str(size)], cwd=REPO, timeout=600)
            datasets[f"{size:,}"] = out
        vd_home = tmp / "vd-home"
        (vd_home / ".local" / "share" / "visidata").mkdir(parents=True)
        vd_env = {"HOME": str(vd_home)}
        vd = [vd_path, "-N"] if vd_path else None
        server = TmuxServer(80, 24)
        results["environment"] = {
            "python": platform.python_version(),
            "machine": platform.machine(),
            "cpus": os.cpu_count(),
            "term": server.term,
            "size": "80x24",
            "tmux": run(["tmux", "-V"]).stdout.strip(),
            **{name: _version(name) for name in ("mes-tui", "textual", "polars", "visidata")},
        }
        results["runs"] = {
            "cold_start_rounds": rounds,
            "warmup_rounds": warmup,
            "large_rounds": large_rounds,
            "pilot_runs": {},
            "tmux_search_rounds": search_rounds,
            "key_presses": presses,
            "sizes": sizes,
            "quick": quick,
        }

        # 1. cold start
        shown = f"{total:,} of {total:,} figures"
        from bare_app import TEXT as BARE_TEXT

        programs = {
            "mes-tui": (
                [MES_TUI],
                None,
                lambda s: shown in s and FOOTER in s,
                f"{shown!r} and the footer",
            ),
            "mes-tui-first": (
                [MES_TUI],
                lambda: {"MES_TUI_CACHE": fresh_cache()},
                lambda s: shown in s and FOOTER in s,
                f"{shown!r} and the footer",
            ),
            "bare": (
                [PYTHON, str(BENCH / "bare_app.py")],
                None,
                lambda s: BARE_TEXT in s and BARE_FOOTER in s,
                "its text and the footer",
            ),
        }
        id_prefix = first_id[:15]
        if vd:
            programs["vd"] = (
                [*vd, str(csv)],
                lambda: vd_env,
                lambda s: any(line.lstrip().startswith(id_prefix) for line in s.splitlines()[1:]),
                f"the first row ({first_id})",
            )
        try:
            cold = cold_start(server, programs, rounds, warmup)
            results["cold_start_s"] = cold
            for key, label in (
                ("mes-tui", "cold start to full screen"),
                ("mes-tui-first", "  first start (empty cache)"),
            ):
                ours = median(cold[key])
                if vd:
                    ratio = median(paired_ratios(cold[key], cold["vd"]))
                    table.add(
                        f"{label} vs VisiData",
                        fmt_seconds(ours),
                        f"vd {fmt_seconds(median(cold['vd']))}",
                        fmt_ratio(ratio),
                        f"≤ {TARGET_COLD_VS_VD:g}×",
                        met(ratio, TARGET_COLD_VS_VD),
                    )
                ratio = median(paired_ratios(cold[key], cold["bare"]))
                table.add(
                    f"{label} vs bare Textual",
                    fmt_seconds(ours),
                    f"bare {fmt_seconds(median(cold['bare']))}",
                    fmt_ratio(ratio),
                    f"≤ {TARGET_COLD_VS_BARE:g}×",
                    met(ratio, TARGET_COLD_VS_BARE),
                )
        except Exception as error:  # noqa: BLE001 - one failed measure must not hide the rest
            failed = True
            table.error("cold start", _describe(error))

        # 2. filter latency, in-process
        results["filter_latency"] = {}
        latency_sets = {"bundled": bundled, **datasets}
        for name, data_dir in latency_sets.items():
            runs = pilot_runs.get(name) or (1 if quick else (2 if name == "1,000,000" else 3))
            results["runs"]["pilot_runs"][name] = runs
            limit = _latency_target(name, quick)
            try:
                log(f"filter latency (Pilot) on {name}: {runs} runs")
                lat = pilot_latency(data_dir, runs)
                results["filter_latency"][name] = lat
                for kind in ("metric", "actor", "search"):
                    value = median(lat["ui_s"][kind])
                    table.add(
                        f"filter latency, {kind}, {name} (Pilot, n={len(lat['ui_s'][kind])})",
                        fmt_seconds(value),
                        target=_target_text(limit),
                        met=met(value, limit) if limit else None,
                    )
                worst_kind = max(lat["core_s"], key=lambda k: median(lat["core_s"][k]) or 0)
                core = median(lat["core_s"][worst_kind])
                table.add(
                    f"  core masks + timeline view, {name} (worst: {worst_kind})",
                    fmt_seconds(core),
                    target=_target_text(limit),
                    met=met(core, limit) if limit else None,
                )
            except Exception as error:  # noqa: BLE001
                failed = True
                table.error(f"filter latency, {name}", _describe(error))

        # 2b. filter latency end to end: a search keystroke in tmux
        results["tmux_search_s"] = {}
        largest = f"{max(sizes):,}"
        try:
            floor = tmux_floor(server, 8 * search_rounds)
            results["tmux_floor_s"] = floor
            floor_text = f"echo {fmt_seconds(median(floor))}"
        except Exception as error:  # noqa: BLE001
            failed = True
            floor, floor_text = [], "—"
            table.error("tmux echo floor", _describe(error))
        for name, data_dir in (("bundled", bundled), (largest, datasets[largest])):
            count = total if name == "bundled" else max(sizes)
            limit = _latency_target(name, quick)
            try:
                log(f"search keystroke in tmux on {name}")
                samples = tmux_search(
                    server, data_dir, count, search_rounds, "cn" if quick else "cnam"
                )
                results["tmux_search_s"][name] = samples
                value = median(samples)
                table.add(
                    f"search keystroke, {name} (tmux e2e, n={len(samples)})",
                    fmt_seconds(value),
                    floor_text,
                    target=_target_text(limit),
                    met=met(value, limit) if limit else None,
                )
            except Exception as error:  # noqa: BLE001
                failed = True
                table.error(f"search keystroke in tmux, {name}", _describe(error))

        # 3. large data
        try:
            count = max(sizes)
            log(f"large data: {count:,} observations, {large_rounds} rounds")
            big = large_data(
                server, datasets[largest], count, large_rounds, vd, vd_env, fresh_cache
            )
            results["large_data"] = big
            frame_kib = big["frame_bytes"] / 1024
            loads = [
                ("mes-tui first open (tmux, empty cache)", "first_load_s"),
                ("mes-tui reopen (tmux, warm cache)", "tui_load_s"),
                ("core load(): read + validate", "core_load_s"),
                ("core load_cached() (warm cache)", "cached_load_s"),
            ]
            memories = [
                ("mes-tui first open (tmux, VmHWM)", "first_peak_kib"),
                ("mes-tui reopen (tmux, VmHWM)", "tui_peak_kib"),
                ("core load() (getrusage)", "core_peak_kib"),
                ("core load_cached() (getrusage)", "cached_peak_kib"),
            ]
            for label, key in loads:
                ours = median(big[key])
                if vd:
                    ratio = median(paired_ratios(big[key], big["vd_load_s"]))
                    table.add(
                        f"{largest} loaded: {label}",
                        fmt_seconds(ours),
                        f"vd {fmt_seconds(median(big['vd_load_s']))}",
                        fmt_ratio(ratio),
                        f"≤ {TARGET_LOAD_VS_VD:g}×",
                        met(ratio, TARGET_LOAD_VS_VD),
                    )
                else:
                    table.add(f"{largest} loaded: {label}", fmt_seconds(ours))
            for label, key in memories:
                ours = median([p for p in big[key] if p])
                ratio = None if ours is None else ours / frame_kib
                table.add(
                    f"{largest} peak RSS: {label}",
                    fmt_mib(ours),
                    f"frame {fmt_mib(frame_kib)}",
                    fmt_ratio(ratio),
                    f"≤ {TARGET_MEMORY_X_FRAME:g}× frame",
                    met(ratio, TARGET_MEMORY_X_FRAME),
                )
            if vd:
                for label, key in (("first open", "first_peak_kib"), ("reopen", "tui_peak_kib")):
                    ratio = median(paired_ratios(big[key], big["vd_peak_kib"]))
                    table.add(
                        f"{largest} peak RSS: mes-tui {label} vs VisiData",
                        fmt_mib(median([p for p in big[key] if p])),
                        f"vd {fmt_mib(median([p for p in big['vd_peak_kib'] if p]))}",
                        fmt_ratio(ratio),
                    )
        except Exception as error:  # noqa: BLE001
            failed = True
            table.error("large data", _describe(error))

        # 4. bytes per key press
        try:
            log(f"bytes per Down key press: {presses} presses")
            own = bytes_per_key(
                server,
                [MES_TUI],
                None,
                lambda s: shown in s and FOOTER in s,
                "mes-tui loaded",
                tmp / "mes-tui.stream",
                presses,
            )
            results["bytes_per_key"] = {"mes-tui": own}
            ref: dict[str, Any] | None = None
            if vd:
                ref = bytes_per_key(
                    server,
                    [*vd, str(csv)],
                    vd_env,
                    programs["vd"][2],
                    "VisiData loaded",
                    tmp / "vd.stream",
                    presses,
                )
                results["bytes_per_key"]["vd"] = ref
            value = median(own["per_press"])
            ref_value = median(ref["per_press"]) if ref else None
            table.add(
                f"bytes to the terminal per Down, bundled 80×24 (n={presses})",
                f"{value:,.0f} B",
                "—" if ref is None else f"vd {ref_value:,.0f} B",
                fmt_ratio(value / ref_value) if value is not None and ref_value else "—",
            )
        except Exception as error:  # noqa: BLE001
            failed = True
            table.error("bytes per key press", _describe(error))
    finally:
        if server is not None:
            server.close()
        shutil.rmtree(tmp, ignore_errors=True)
        if saved_cache is None:
            os.environ.pop("MES_TUI_CACHE", None)
        else:
            os.environ["MES_TUI_CACHE"] = saved_cache

    elapsed = time.perf_counter() - began
    pilot = results.get("runs", {}).get("pilot_runs", {})
    title = (
        f"mes-tui benchmark: medians. Cold start {_n(rounds, 'round')} (+{warmup} warm-up); "
        f"large data {_n(large_rounds, 'round')}; filter latency "
        + ", ".join(f"{n} {_n(r, 'run')}" for n, r in pilot.items())
        + f" (n = changes measured). Ratios: medians of per-round ratios. "
        f"{os.cpu_count()} CPUs, tmux 80×24; took {elapsed:.0f} s."
    )
    print(table.render(title))
    results["table"] = table.rows
    results["elapsed_s"] = elapsed
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    print(f"\nresults: {args.json}")
    return 1 if failed else 0


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _latency_target(name: str, quick: bool) -> float | None:
    if name == "bundled":
        return TARGET_FILTER_BUNDLED_S
    if name == f"{LARGE_TARGET_SIZE:,}":
        return TARGET_FILTER_LARGE_S
    return None


def _target_text(limit: float | None) -> str:
    return "—" if limit is None else f"≤ {limit * 1000:.0f} ms"


def _describe(error: BaseException) -> str:
    traceback.print_exception(error, file=sys.stderr)
    first = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {first}"


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


if __name__ == "__main__":
    raise SystemExit(main())
