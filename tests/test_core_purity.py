"""The core imports no UI library: it can run in scripts and the CLI without Textual or Rich."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PROBE = """
import importlib, json, pkgutil, sys
import mes_tui.core as core
names = sorted(info.name for info in pkgutil.walk_packages(core.__path__, "mes_tui.core."))
for name in names:
    importlib.import_module(name)
ui = sorted(m for m in sys.modules
            if m.split(".")[0] in ("textual", "rich") or m.startswith("mes_tui.ui"))
print(json.dumps({"modules": names, "ui": ui}))
"""


def test_core_modules_import_no_ui_library() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                            cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    # Discovery really found the core (so an empty list cannot pass silently).
    expected = {"mes_tui.core." + p.stem for p in (REPO / "mes_tui" / "core").glob("*.py")
                if p.stem != "__init__"}
    assert expected <= set(found["modules"])
    assert {"mes_tui.core.models", "mes_tui.core.filters", "mes_tui.core.export"} <= expected
    assert found["ui"] == []
