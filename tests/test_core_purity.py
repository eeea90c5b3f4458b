"""The core imports no UI library: it can run in scripts and the CLI without Textual or Rich."""

from __future__ import annotations

import json
import os
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
words = sorted(m for m in sys.modules
               if m.split(".")[0] in ("babel", "gettext") or m.startswith("mes_tui.present"))
print(json.dumps({"modules": names, "ui": ui, "words": words}))
"""


def test_core_modules_import_no_ui_library() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    # Discovery really found the core (so an empty list cannot pass silently).
    expected = {
        "mes_tui.core." + p.stem
        for p in (REPO / "mes_tui" / "core").glob("*.py")
        if p.stem != "__init__"
    }
    assert expected <= set(found["modules"])
    assert {"mes_tui.core.models", "mes_tui.core.filters", "mes_tui.core.export"} <= expected
    assert found["ui"] == []
    # Nor any wording: no language, no Babel, nothing of ``present`` (core → present never).
    assert found["words"] == []


PRESENT_PROBE = """
import importlib, json, pkgutil, sys
import mes_tui.present as present
names = sorted(info.name for info in pkgutil.walk_packages(present.__path__, "mes_tui.present."))
for name in names:
    importlib.import_module(name)
ui = sorted(m for m in sys.modules
            if m.split(".")[0] in ("textual", "rich") or m.startswith(("mes_tui.ui", "mes_tui.cli")))
print(json.dumps({"modules": names, "ui": ui}))
"""


def test_present_imports_no_ui_library() -> None:
    """``present`` words results for the explorer, the CLI and exports alike: no Textual."""
    result = subprocess.run(
        [sys.executable, "-c", PRESENT_PROBE], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert "mes_tui.present.formats" in found["modules"]
    assert found["ui"] == []


def test_a_start_from_the_cache_imports_no_validation(tmp_path) -> None:
    """The explorer's start from a warm cache never imports the validation machinery."""
    code = (
        "import sys\n"
        "from mes_tui.core.cache import load_cached\n"
        "from mes_tui.core.paths import bundled_data_dir\n"
        "load_cached(bundled_data_dir())\n"  # fills the cache (validation runs)
        "print('mes_tui.core.checks' in sys.modules)\n"
    )
    check = (
        "import sys\n"
        "import mes_tui.ui.app\n"
        "from mes_tui.core.cache import load_cached\n"
        "from mes_tui.core.paths import bundled_data_dir\n"
        "load_cached(bundled_data_dir())\n"
        "print(sorted(m for m in ('mes_tui.core.checks', 'mes_tui.core.models',\n"
        "                         'mes_tui.core.loading') if m in sys.modules))\n"
    )
    env = {**os.environ, "MES_TUI_CACHE": str(tmp_path / "cache")}
    first = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert first.stdout.strip() == "True"  # a cold cache validates
    second = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, env=env, check=True
    )
    assert second.stdout.strip() == "[]", second.stdout
