"""Run in a fresh process: filter latency of the explorer, in-process with Textual's Pilot.

``python bench/latency.py DATA_DIR --runs N`` prints JSON on standard output.

The app runs at 80×24 under ``App.run_test`` with a driver of its own: Textual's headless
driver, except that it says it is not headless, so the app writes each frame to it as it would
to a terminal (the escape sequences the real driver sends), and it stamps each write with
``time.perf_counter()``: no terminal, every frame's text. A change's latency runs from just before the change (a
``set_filters`` call, or a key press through the Pilot) to the end of the first frame whose
text shows the new count (``"N of TOTAL figures"``) with the new filters in force. Before each
change the app is left to settle: workers done (the metric pane's), then 50 ms of quiet.

``core`` is the pure core for the same changes, timed directly, as the explorer calls it: the
filter masks (``observation_mask``, ``event_mask``) and the timeline view
(``TimelineIndex.view``).
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

from textual.app import App
from textual.driver import Driver
from textual.drivers.headless_driver import HeadlessDriver
from textual.worker import WorkerState

from mes_tui.core.filters import Filters, apply, event_mask, observation_mask
from mes_tui.ui.app import MesApp
from mes_tui.ui.explorer import ExplorerScreen

ANSI = re.compile(
    r"\x1b(\[[0-9;?<=>!]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78])"
)
METRIC = "accounts_activated"
ACTOR = "cnam"
SEARCH = "cnam"
TIMEOUT = 60.0


class RecordingDriver(HeadlessDriver):
    """No terminal, yet not headless: the app hands it every frame it would write to one."""

    def __init__(self, app: App[Any], **kwargs: Any) -> None:
        super().__init__(app, **kwargs)
        self.bench_app = app

    @property
    def is_headless(self) -> bool:
        return False

    def write(self, data: str) -> None:
        if isinstance(self.bench_app, BenchApp):
            self.bench_app.record_frame(data)


class BenchApp(MesApp):
    """The explorer, recording each frame it writes to its terminal (run it with
    ``run_test(headless=False)``, which uses the app's driver class)."""

    # Textual reads a relative CSS_PATH next to the module of the class: keep the app's own.
    CSS_PATH = str(Path(inspect.getfile(MesApp)).parent / MesApp.CSS_PATH)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.bench_frames: list[tuple[float, str, Filters | None]] = []

    def get_driver_class(self) -> type[Driver]:
        return RecordingDriver

    def record_frame(self, data: str) -> None:
        """One write to the terminal: when, its text without escapes, the filters shown."""
        stamp = time.perf_counter()
        text = ANSI.sub("", data)
        if text.strip():  # not a lone escape (synchronized output, the cursor)
            self.bench_frames.append((stamp, text, getattr(self.screen, "filters", None)))


def core_time(frames, timeline, after: Filters) -> float:
    """Seconds the pure core takes to make the view of ``after`` (what the explorer asks)."""
    started = time.perf_counter()
    observations = observation_mask(frames.observations, after)
    events = event_mask(frames.events, after)
    timeline.view(observations, events)
    observations.sum(), events.sum()
    return time.perf_counter() - started


async def measure(data_dir: Path, runs: int) -> dict:
    app = BenchApp(data_dir, Filters())
    ui: dict[str, list[float]] = {"metric": [], "actor": [], "search": []}
    core: dict[str, list[float]] = {"metric": [], "actor": [], "search": []}
    async with app.run_test(headless=False, size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        started = time.perf_counter()
        while screen.frames is None:
            if time.perf_counter() - started > 600:
                raise TimeoutError("the dataset never loaded")
            await pilot.pause(0.01)
        load_s = time.perf_counter() - started
        frames = screen.frames
        total = frames.observations.height

        async def settle() -> None:
            deadline = time.perf_counter() + TIMEOUT
            while (
                any(
                    worker.state in (WorkerState.PENDING, WorkerState.RUNNING)
                    for worker in app.workers
                )
                and time.perf_counter() < deadline
            ):
                await pilot.pause(0.01)
            await pilot.pause(0.05)

        async def change(kind: str, target: Filters, act) -> None:
            shown = apply(frames.observations, target).height
            wanted = f"{shown:,} of {total:,} figures"
            core[kind].append(core_time(frames, screen.timeline, target))
            await settle()
            mark = len(app.bench_frames)
            t0 = time.perf_counter()
            await act()
            while True:
                for stamp, text, filters in app.bench_frames[mark:]:
                    if filters == target and wanted in text:
                        ui[kind].append(stamp - t0)
                        return
                if time.perf_counter() - t0 > TIMEOUT:
                    raise TimeoutError(f"{kind}: never saw {wanted!r}")
                await asyncio.sleep(0.002)

        def set_filters(**changes):
            async def act():
                screen.set_filters(**changes)

            return act

        def press(key: str):
            async def act():
                await pilot.press(key)

            return act

        for _ in range(runs):
            base = screen.filters
            await change(
                "metric",
                base.replace(metrics=frozenset({METRIC})),
                set_filters(metrics=frozenset({METRIC})),
            )
            await change("metric", base, set_filters(metrics=frozenset()))
            await change(
                "actor",
                base.replace(actors=frozenset({ACTOR})),
                set_filters(actors=frozenset({ACTOR})),
            )
            await change("actor", base, set_filters(actors=frozenset()))
            await pilot.press("slash")
            await settle()
            for end in range(1, len(SEARCH) + 1):  # type the word, key by key
                await change("search", base.replace(search=SEARCH[:end]), press(SEARCH[end - 1]))
            for end in range(len(SEARCH) - 1, -1, -1):  # and erase it
                await change("search", base.replace(search=SEARCH[:end]), press("backspace"))
            await pilot.press("enter")
            await settle()
        frame_bytes = frames.observations.estimated_size()
    return {
        "observations": total,
        "load_s": load_s,
        "frame_bytes": frame_bytes,
        "ui_s": ui,
        "core_s": core,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    result = asyncio.run(measure(args.data_dir, args.runs))
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
