"""Shared fixtures for the tests of the pure core and the command line.

The UI and end-to-end tests use them too: `frames`, `n_obs` and `first_screen` load the bundled
dataset once per session, never at import time.
"""

from __future__ import annotations

import gc
import os
import shutil
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

# The suite speaks English unless a test asks for French (``--lang fr``, ``MES_TUI_LANG=fr`` or
# ``set_language``): a developer's or a server's French locale must not change what is expected.
os.environ["MES_TUI_LANG"] = "en"


def pytest_collection_finish(session: pytest.Session) -> None:
    """Spare each worker Python's cyclic collector walking, again and again, the heap that
    imports and collection built (never garbage): it is frozen, and the older generations are
    collected less often. The explorer's tests make many short-lived objects; with the default
    thresholds a worker spent about a fifth of its time in the collector (`make test-fast`:
    117 s, 224 s of CPU; with this, 95 s and 181 s). Garbage is still collected: young cycles
    as before, the oldest generation rarely."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 50, 1000)


@pytest.fixture(autouse=True)
def _english():
    """Each test starts in English, whatever the test before it switched to."""
    from mes_tui.present.language import set_language

    set_language("en")
    yield
    set_language("en")


REPO = Path(__file__).resolve().parent.parent
# The tests of behaviour read a frozen dataset: the five source documents and their 42 figures
# (with the corrections of the public-record review), so their expectations do not move as the
# public record in data/ grows. Every program the tests start reads it too (MES_TUI_DATA).
# The bundled record itself is checked by test_dataset_of_record and test_public_record.
DATA_DIR = REPO / "tests" / "data"
BUNDLED_DIR = REPO / "data"
os.environ["MES_TUI_DATA"] = str(DATA_DIR)
# The original texts the bundled sources were copied from (outside the repository).
SEEDS_DIR = REPO.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The frozen test dataset, tests/data (read only: never write into it)."""
    assert (DATA_DIR / "observations.toml").is_file(), f"no dataset at {DATA_DIR}"
    return DATA_DIR


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS_DIR


@pytest.fixture(scope="session")
def raw(data_dir: Path) -> dict[str, list[dict]]:
    """The records of every data file, read with tomllib only (independent of the project)."""
    arrays = {
        "sources": "source",
        "actors": "actor",
        "metrics": "metric",
        "observations": "observation",
        "events": "event",
    }
    out = {}
    for stem, array in arrays.items():
        with open(data_dir / f"{stem}.toml", "rb") as handle:
            out[stem] = tomllib.load(handle).get(array, [])
    return out


@pytest.fixture(scope="session")
def frames(data_dir: Path):
    """The bundled dataset loaded once for the session."""
    from mes_tui.core import load

    return load(data_dir)


@pytest.fixture(scope="session")
def n_obs(frames) -> int:
    """How many observations the bundled dataset holds."""
    return int(frames.observations.height)


@pytest.fixture(scope="session")
def first_screen(n_obs: int) -> str:
    """What the summary line says when the explorer has opened the bundled data."""
    return f"{n_obs} of {n_obs} figures"


@pytest.fixture
def data_copy(tmp_path: Path, data_dir: Path) -> Path:
    """A private copy of the bundled data directory that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(data_dir, target)
    return target


@pytest.fixture
def replace_in() -> Callable[[Path, str, str], str]:
    """``replace_in(path, old, new)``: replace the single occurrence of ``old`` in a UTF-8 file.

    Fails the test if ``old`` does not occur exactly once, so an edit can never silently miss.
    Returns the new text.
    """

    def replace(path: Path, old: str, new: str) -> str:
        text = path.read_text(encoding="utf-8")
        count = text.count(old)
        assert count == 1, f"{old!r} occurs {count} times in {path.name}; expected once"
        text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
        return text

    return replace


@pytest.fixture
def snapshot_tree() -> Callable[[Path], dict[str, bytes]]:
    """``snapshot_tree(root)``: every file under ``root`` (relative path -> bytes)."""

    def snap(root: Path) -> dict[str, bytes]:
        return {
            str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
        }

    return snap


@pytest.fixture
def terminals():
    """Open real terminals (tmux panes) running a command; all closed at the end of the test."""
    from tests.term_support import Terminal

    opened: list[Terminal] = []

    def open_(command: str, **kwargs) -> Terminal:
        terminal = Terminal(command, **kwargs)
        opened.append(terminal)
        return terminal

    yield open_
    for terminal in opened:
        terminal.close()


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory):
    """The whole test session (and the programs it starts) caches in its own directory."""
    import os

    previous = os.environ.get("MES_TUI_CACHE")
    os.environ["MES_TUI_CACHE"] = str(tmp_path_factory.mktemp("mes-tui-cache"))
    yield
    if previous is None:
        os.environ.pop("MES_TUI_CACHE", None)
    else:
        os.environ["MES_TUI_CACHE"] = previous
