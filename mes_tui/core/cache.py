"""A validated cache of a dataset's frames, keyed by the hash of every byte of its files.

Validating a million observations takes seconds; reading them back from Parquet takes a
fraction of that. The key covers every data file (names and bytes) and the version of
mes-tui, so any edit, or a new release, validates again. The cache lives in the user's cache
directory, never in the data directory; a cache that cannot be read or written is ignored.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from mes_tui import __version__
from mes_tui.core.frames import LAYOUT, Frames

if TYPE_CHECKING:
    from mes_tui.core.dataset import Progress

__all__ = ["cache_dir", "dataset_key", "load_cached", "load_then_store"]

_FRAMES = ("observations", "events", "metrics", "actors", "sources")
_CHUNK = 1 << 20


def cache_dir() -> Path:
    """``$MES_TUI_CACHE``, else ``$XDG_CACHE_HOME/mes-tui``, else ``~/.cache/mes-tui``."""
    if explicit := os.environ.get("MES_TUI_CACHE"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "mes-tui"


def dataset_key(root: Path) -> str:
    """The hash of every file under ``root`` (relative names and bytes) and of the version."""
    digest = hashlib.sha256(f"mes-tui {__version__} frames {LAYOUT}\n".encode())
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root)).encode("utf-8", "surrogateescape") + b"\0")
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
        digest.update(b"\0")
    return digest.hexdigest()


def load_cached(root: Path | str, progress: Progress | None = None) -> Frames:
    """``load(root)``, read from the cache when the files are unchanged since a valid load.

    Raises DatasetError exactly as ``load`` does: an invalid dataset is never cached.
    """
    frames, store = load_then_store(root, progress)
    store()
    return frames


def load_then_store(
    root: Path | str, progress: Progress | None = None
) -> tuple[Frames, Callable[[], None]]:
    """As ``load_cached``, but the frames come first: storing them in the cache (half a
    second for a million observations) is the function returned, to call once they are in
    use. It does nothing when they came from the cache or there is no cache."""
    root = Path(root)
    if os.environ.get("MES_TUI_NO_CACHE"):
        return _load(root, progress), _nothing
    try:
        key = dataset_key(root)
    except OSError:
        return _load(root, progress), _nothing
    entry = cache_dir() / key
    frames = _read(entry, root)
    if frames is not None:
        return frames, _nothing
    frames = _load(root, progress)
    return frames, lambda: _write(entry, frames)


def _nothing() -> None:
    return None


def _load(root: Path, progress: Progress | None) -> Frames:
    # Validation (and its models) is imported only when the cache cannot answer.
    from mes_tui.core.dataset import load

    return load(root, progress)


def _read(entry: Path, root: Path) -> Frames | None:
    if not (entry / "complete").is_file():
        return None
    try:
        tables = {name: pl.read_parquet(entry / f"{name}.parquet") for name in _FRAMES}
        texts = pl.read_parquet(entry / "texts.parquet")
        pairs = zip(texts["source"], texts["text"], strict=True)
        return Frames(root=root, texts=dict(pairs), **tables)
    except Exception:  # noqa: BLE001 - a damaged cache is only a slower start
        return None


def _replace_entry(staging: Path, entry: Path) -> None:
    """Put ``staging`` at ``entry`` all at once. An entry already there could not be read
    (else nothing would be written): it is moved aside first, then removed, so a damaged
    entry heals instead of being validated again at every start."""
    try:
        staging.rename(entry)
        return
    except OSError:
        if not entry.exists():
            raise
    damaged = Path(tempfile.mkdtemp(prefix=f".{entry.name[:12]}.damaged.", dir=entry.parent))
    entry.rename(damaged / "entry")
    try:
        staging.rename(entry)
    finally:
        shutil.rmtree(damaged, ignore_errors=True)


def _write(entry: Path, frames: Frames) -> None:
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{entry.name[:12]}.", dir=entry.parent))
        try:
            for name in _FRAMES:
                getattr(frames, name).write_parquet(staging / f"{name}.parquet")
            pl.DataFrame(
                {"source": list(frames.texts), "text": list(frames.texts.values())},
                schema={"source": pl.String, "text": pl.String},
            ).write_parquet(staging / "texts.parquet")
            (staging / "complete").write_text(__version__, encoding="utf-8")
            _replace_entry(staging, entry)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    except Exception:  # noqa: BLE001 - a read-only home, a full disk: run without a cache
        return
