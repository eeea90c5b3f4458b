"""The validated cache: read back when nothing changed, never when anything did."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

from mes_tui.core import DatasetError, load
from mes_tui.core import cache as cache_module
from mes_tui.core.cache import cache_dir, dataset_key, load_cached
from mes_tui.core.paths import bundled_data_dir


@pytest.fixture
def data(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("MES_TUI_CACHE", str(tmp_path / "cache"))
    copy = tmp_path / "data"
    shutil.copytree(bundled_data_dir(), copy)
    return copy


def test_second_load_comes_from_the_cache_and_is_the_same(data: Path, monkeypatch):
    first = load_cached(data)
    assert len(list(cache_dir().iterdir())) == 1

    def no_validation(*args, **kwargs):
        raise AssertionError("validated again although nothing changed")

    monkeypatch.setattr(cache_module, "_load", no_validation)
    second = load_cached(data)
    assert second.observations.equals(first.observations)
    assert second.events.equals(first.events)
    assert second.metrics.equals(first.metrics)
    assert second.texts == first.texts
    assert second.root == data


def test_any_edit_changes_the_key_and_is_validated_again(data: Path):
    load_cached(data)
    before = dataset_key(data)
    path = data / "observations.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("value = 7_900_000", "value = 7_800_000"),
        encoding="utf-8",
    )
    assert dataset_key(data) != before
    with pytest.raises(DatasetError) as caught:
        load_cached(data)
    assert any(p.field == "value" for p in caught.value.problems)


def _garbage(entry: Path) -> None:
    (entry / "observations.parquet").write_bytes(b"not parquet")


def _other_table(entry: Path) -> None:
    pl.DataFrame({"x": [1]}).write_parquet(entry / "texts.parquet")


def _half_written(entry: Path) -> None:
    (entry / "complete").unlink()
    (entry / "events.parquet").unlink()


def _a_file(entry: Path) -> None:
    shutil.rmtree(entry)
    entry.write_text("x", encoding="utf-8")


@pytest.mark.parametrize("damage", [_garbage, _other_table, _half_written, _a_file])
def test_a_damaged_cache_is_rebuilt_then_used(data: Path, monkeypatch, damage):
    load_cached(data)
    entry = cache_dir() / dataset_key(data)
    damage(entry)
    frames = load_cached(data)  # validates again, and heals the entry
    assert frames.observations.equals(load(data).observations)

    def no_validation(*args, **kwargs):
        raise AssertionError("validated again: the damaged entry was not replaced")

    monkeypatch.setattr(cache_module, "_load", no_validation)
    again = load_cached(data)
    assert again.observations.equals(frames.observations)
    assert again.texts == frames.texts
    assert [p.name for p in cache_dir().iterdir()] == [entry.name]  # nothing left aside


def test_an_unwritable_cache_is_only_skipped(data: Path, tmp_path: Path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("MES_TUI_CACHE", str(blocker / "cache"))  # under a file: cannot exist
    assert load_cached(data).observations.height == load(data).observations.height


def test_no_cache_when_asked(data: Path, monkeypatch):
    monkeypatch.setenv("MES_TUI_NO_CACHE", "1")
    load_cached(data)
    assert not cache_dir().exists()


def test_the_cache_is_never_in_the_data_directory(data: Path):
    listing = sorted(p.relative_to(data) for p in data.rglob("*"))
    load_cached(data)
    load_cached(data)
    assert sorted(p.relative_to(data) for p in data.rglob("*")) == listing


def test_the_frames_come_before_the_cache_is_written(data: Path):
    from mes_tui.core.cache import load_then_store

    frames, store = load_then_store(data)
    assert frames.observations.height > 0
    assert not cache_dir().exists() or not any(cache_dir().iterdir())  # nothing stored yet
    store()
    assert len(list(cache_dir().iterdir())) == 1
    again, store_again = load_then_store(data)  # from the cache: nothing left to store
    assert again.observations.equals(frames.observations)
    store_again()
    assert len(list(cache_dir().iterdir())) == 1
