"""Run in a fresh process: load a dataset with the core and report time and peak memory (JSON).

``python bench/core_load.py DATA_DIR [load|cached]`` prints {"import_s", "load_s",
"peak_rss_kib", "frame_bytes", "observations"} on standard output. ``load`` (the default) is
``mes_tui.core.load``: read and validate everything. ``cached`` is
``mes_tui.core.cache.load_cached`` (the cache directory comes from ``MES_TUI_CACHE``).
"""

from __future__ import annotations

import json
import resource
import sys
import time


def main(data_dir: str, mode: str = "load") -> None:
    started = time.perf_counter()
    if mode == "cached":
        from mes_tui.core.cache import load_cached as loader
    else:
        from mes_tui.core import load as loader

    imported = time.perf_counter()
    frames = loader(data_dir)
    loaded = time.perf_counter()
    print(
        json.dumps(
            {
                "import_s": imported - started,
                "load_s": loaded - imported,
                "peak_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                "frame_bytes": frames.observations.estimated_size(),
                "observations": frames.observations.height,
            }
        )
    )


if __name__ == "__main__":
    main(*sys.argv[1:])
